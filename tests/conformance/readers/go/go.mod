module github.com/kestra-io/kestra-sdk/tests/conformance/readers/go

go 1.23

require github.com/kestra-io/kestra-sdk/go v0.0.0

replace github.com/kestra-io/kestra-sdk/go => ../../../../go
