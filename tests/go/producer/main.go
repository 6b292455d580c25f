// Command producer is the Go column of the cross-language conformance runner
// (tests/conformance/cross_language.py): every shared vector through package
// kestra, one JSON line per vector on stdout:
//
//	{"file": ..., "index": ..., "line": ...} | {..., "error": {"kind": ..., "message": ...}}
//
// Usage: producer VECTOR_DIR
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	kestra "github.com/kestra-io/kestra-sdk/go"
	"github.com/kestra-io/kestra-sdk/tests/go/vectors"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: producer VECTOR_DIR")
		os.Exit(2)
	}
	all, err := vectors.Load(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := json.NewEncoder(os.Stdout)
	for _, v := range all {
		record := map[string]any{"file": v.File, "index": v.Index}
		got, err := vectors.Run(v)
		var e *kestra.Error
		switch {
		case errors.Is(err, vectors.ErrNotExpressible):
			record["not_expressible"] = err.Error()
		case err != nil:
			record["problem"] = "cannot run: " + err.Error()
		case got.Err != nil && errors.As(got.Err, &e):
			record["error"] = map[string]any{"kind": string(e.Kind), "message": e.Message}
			if got.Written != "" {
				record["problem"] = fmt.Sprintf("failed but wrote %q", got.Written)
			}
		case got.Err != nil:
			record["problem"] = "not a *kestra.Error: " + got.Err.Error()
		default:
			record["line"] = got.Line
			if v.Call != "format" && got.Written != got.Line+"\n" {
				record["problem"] = "did not write exactly one line"
			}
		}
		if err := out.Encode(record); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
