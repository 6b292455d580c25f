// Command ionread is the Go column of tests/conformance/ion_check.py: it reads
// an Ion file (Kestra's FileSerde output) with kestra.Read and with kestra.Rows
// (from the *os.File) and prints, as one JSON object {"read": ..., "rows": ...},
// what each gave in a tagged form that keeps Go's types:
//
//	nil, bool, string    null, true/false, the string
//	int64                {"int64": "<digits>"}
//	*big.Int             {"bigint": "<digits>"}
//	float64              {"float64": "<strconv 'g' -1>"} (NaN, +Inf, -Inf, -0)
//	time.Time            {"time": "YYYY-MM-DDTHH:MM:SS.nnnnnnnnn" (its local time),
//	                      "offset_seconds": n, "location": t.Location().String()}
//	[]any                a JSON array
//	map[string]any       {"map": {<key>: <tagged>}}
//	anything else        {"unexpected": "<Go type>"}
//
// Each of "read" and "rows" is {"rows": [...]} or {"rows": [... before it],
// "error": {"kind": ..., "message": ...}}.
//
// Usage: ionread FILE
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"time"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

func tag(v any) any {
	switch x := v.(type) {
	case nil, bool, string:
		return x
	case int64:
		return map[string]any{"int64": strconv.FormatInt(x, 10)}
	case *big.Int:
		return map[string]any{"bigint": x.String()}
	case float64:
		return map[string]any{"float64": strconv.FormatFloat(x, 'g', -1, 64)}
	case time.Time:
		_, offset := x.Zone()
		return map[string]any{"time": x.Format("2006-01-02T15:04:05.000000000"), "offset_seconds": offset,
			"location": x.Location().String()}
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = tag(item)
		}
		return out
	case map[string]any:
		return map[string]any{"map": tagMap(x)}
	}
	return map[string]any{"unexpected": fmt.Sprintf("%T", v)}
}

func tagMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = tag(v)
	}
	return out
}

func outcome(rows []map[string]any, err error) map[string]any {
	tagged := make([]any, len(rows))
	for i, row := range rows {
		tagged[i] = tagMap(row)
	}
	out := map[string]any{"rows": tagged}
	if err != nil {
		var e *kestra.Error
		if errors.As(err, &e) {
			out["error"] = map[string]any{"kind": string(e.Kind), "message": e.Message}
		} else {
			out["error"] = map[string]any{"kind": fmt.Sprintf("%T", err), "message": err.Error()}
		}
	}
	return out
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: ionread FILE")
		os.Exit(2)
	}
	read, readErr := kestra.Read(os.Args[1])

	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	var rows []map[string]any
	var rowsErr error
	for row, err := range kestra.Rows(f) {
		if err != nil {
			rowsErr = err
			break
		}
		rows = append(rows, row)
	}

	out, err := json.Marshal(map[string]any{"read": outcome(read, readErr), "rows": outcome(rows, rowsErr)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(out))
}
