package kestra_test

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

func ExampleOutputs() {
	kestra.Outputs(map[string]any{"rows": 42, "ratio": 0.5, "status": "ok"})
	// Output: ::{"outputs":{"ratio":0.5,"rows":42,"status":"ok"}}::
}

func ExampleEncryptedOutputs() {
	kestra.EncryptedOutputs(map[string]any{"token": "s3cr3t"})
	// Output: ::{"encryptedOutputs":{"token":"s3cr3t"}}::
}

func ExampleOutputs_struct() {
	type report struct {
		Rows   int      `json:"rows"`
		Tables []string `json:"tables"`
		Note   string   `json:"note,omitempty"`
	}
	kestra.Outputs(report{Rows: 3, Tables: []string{"users", "orders"}})
	// Output: ::{"outputs":{"rows":3,"tables":["users","orders"]}}::
}

func ExampleCounter() {
	kestra.Counter("rows", 42, map[string]string{"table": "users"})
	// Output: ::{"metrics":[{"name":"rows","type":"counter","value":42,"tags":{"table":"users"}}]}::
}

func ExampleTimer() {
	kestra.Timer("load", 1.5, nil, kestra.WithDescription("load time"))
	// Output: ::{"metrics":[{"name":"load","type":"timer","value":1.5,"tags":{},"description":"load time"}]}::
}

func ExampleGauge() {
	kestra.Gauge("memory", 0.75, map[string]any{"host": "db1"},
		kestra.WithTimestampText("2026-11-21T10:30:00Z"))
	// Output: ::{"metrics":[{"name":"memory","type":"gauge","value":0.75,"tags":{"host":"db1"},"timestamp":"2026-11-21T10:30:00Z"}]}::
}

func ExampleError() {
	err := kestra.Counter("rows", math.NaN(), nil)
	var e *kestra.Error
	if errors.As(err, &e) {
		fmt.Println(e.Kind, errors.Is(err, kestra.ErrValue))
	}
	fmt.Println(err)
	// Output:
	// value true
	// counter 'rows' value: NaN is not allowed (strict JSON has no NaN; the server drops the line)
}

func ExampleLogHandler() {
	log := slog.New(kestra.LogHandler())
	log.Warn("disk almost full", "free", "2 GB", "disk", 1)
	log.Debug("details")
	// Output:
	// ::{"logs":[{"level":"WARN","message":"disk almost full free=\"2 GB\" disk=1"}]}::
	// ::{"logs":[{"level":"DEBUG","message":"details"}]}::
}

// A script run with `executionContext: true` calls ContextGet("inputs.user"); this
// example reads a context file of its own with ContextFileGet.
func ExampleContextFileGet() {
	dir, _ := os.MkdirTemp("", "kestra-example")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "context.json")
	os.WriteFile(file, []byte(`{"inputs": {"user": "alice", "count": 42}, "labels": [{"key": "team"}]}`), 0o644)

	user, isString, _ := kestra.ContextFileGet(file, "inputs.user")
	fmt.Println(user, isString)
	count, isString, _ := kestra.ContextFileGet(file, "inputs.count")
	fmt.Println(count, isString)
	label, _, _ := kestra.ContextFileGet(file, "labels[0]")
	fmt.Println(label)
	_, _, err := kestra.ContextFileGet(file, "inputs.nope")
	fmt.Println(errors.Is(err, kestra.ErrNotFound), err)
	// Output:
	// alice true
	// 42 false
	// {"key":"team"}
	// true inputs.nope: no key 'nope' in inputs (keys: 'user', 'count')
}
