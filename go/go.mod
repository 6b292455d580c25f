module github.com/kestra-io/kestra-sdk/go

go 1.23
