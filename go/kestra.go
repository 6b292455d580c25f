// Package kestra reports outputs, metrics, logs and assets from a Go script that
// Kestra runs (io.kestra.plugin.scripts.go.Script), by writing the "::{json}::"
// lines that Kestra reads on the script's stdout.
//
// Every line is built, validated and written by the SDK's C++ core, compiled into
// the program by cgo from the copy this module carries (internal/core): the same
// bytes and the same errors as the SDK's Python, Node and shell packages. Each
// record is one write(2) to the descriptor of os.Stdout (1, unless a test replaced
// os.Stdout) under a process-wide lock, so lines
// from several goroutines never interleave. A bad value returns an *Error naming
// the field and writes nothing.
//
//	kestra.Outputs(map[string]any{"rows": 42, "status": "ok"})
//	kestra.Counter("rows", 42, map[string]string{"table": "users"})
//	err := kestra.Time("load", nil, func() error { return load() })
//	slog.New(kestra.LogHandler()).Warn("disk almost full", "free", "2 GB")
//
// # Values
//
// Outputs, Assets, Format, metric values and tags take Go values as encoding/json
// does (a struct with json tags reads as it marshals), except that numbers keep
// their Go type: float64(1) is written 1.0, int(1) is 1.
//
//   - nil, a nil pointer, map or slice: null
//   - bool, string, every integer and float type; a *big.Int of any size
//   - json.Number and json.RawMessage: their JSON text, read strictly by the core
//   - map[string]V and maps with integer keys (keys sorted, as encoding/json
//     does), slices and arrays ([]byte as a base64 string), structs (exported
//     fields, json tags, "-", omitempty, embedded structs)
//   - iter.Seq2[string, any] (maps.All(m), or any func(yield func(string, any) bool)):
//     an object in its own order
//   - a json.Marshaler (time.Time: RFC 3339 text) or encoding.TextMarshaler: what
//     it marshals to
//
// Anything else (func, chan, complex) fails with ErrType "unsupported type".
// A map or struct pointer that contains itself fails with ErrCycle (a slice that
// contains itself, with ErrDepth at the 1,000-level limit).
package kestra

/*
#include "glue.h"
*/
import "C"

import (
	"os"
	"runtime"
	"sync"
	"unsafe"

	_ "github.com/kestra-io/kestra-sdk/go/internal/core" // compiles the core into the program
)

// stdout is os.Stdout and its descriptor, looked up on every record, so that a
// program and its tests (Go's example tests replace os.Stdout) see each line where
// they see fmt.Println's. Fd is cheap: the file's descriptor, -1 once it is closed.
func stdout() (*os.File, C.int) {
	f := os.Stdout
	if f == nil {
		return nil, -1
	}
	return f, C.int(int(f.Fd()))
}

// record owns one core record handle. Handles are reused through a pool, since a
// warm handle builds a line without allocating; one goroutine uses it at a time.
type record struct {
	c *C.kestra_record
	// userErr is the Go error behind a KESTRA_ERROR_USER result (a MarshalJSON
	// that failed), returned as it is.
	userErr error
}

var records = sync.Pool{New: func() any {
	r := &record{c: C.kestra_record_new()}
	if r.c == nil {
		panic("kestra: out of memory")
	}
	// The pool may drop a handle at any garbage collection: free its C memory then.
	runtime.SetFinalizer(r, func(r *record) { C.kestra_record_free(r.c) })
	return r
}}

func getRecord() *record {
	r := records.Get().(*record)
	r.userErr = nil
	return r
}
func putRecord(r *record) { records.Put(r) }

// text passes a Go string to the core, which borrows it for the call only
// (a NULL pointer with length 0 is the empty string there).
func text(s string) (*C.char, C.size_t) {
	if len(s) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))
}

func unsafePointer(p *C.char) unsafe.Pointer { return unsafe.Pointer(p) }

// bytesText is text for a byte slice.
func bytesText(b []byte) (*C.char, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(unsafe.SliceData(b))), C.size_t(len(b))
}

// write finishes the record and writes its line to stdout in one write(2), under
// the core's process-wide lock; a failed write leaves the core's message on the
// record and its reason in errno. The Go runtime ignores SIGPIPE outside its own
// writes to fds 1 and 2 (a gone reader gives EPIPE), so the core's SIGPIPE guard,
// three system calls per line, is skipped.
func (r *record) write(res C.kestra_result) error {
	if res != C.KESTRA_OK {
		return r.err(res)
	}
	file, fd := stdout()
	res, errno := C.kestra_record_write_flags(r.c, fd, C.KESTRA_WRITE_SIGPIPE_IGNORED)
	runtime.KeepAlive(file) // its descriptor stays open during the write
	if res != C.KESTRA_OK {
		return r.ioErr(res, errno)
	}
	return nil
}

// line finishes the record and returns its line without the newline.
func (r *record) line(res C.kestra_result) (string, error) {
	if res == C.KESTRA_OK {
		res = C.kestra_record_finish(r.c)
	}
	if res != C.KESTRA_OK {
		return "", r.err(res)
	}
	var n C.size_t
	p := C.kestra_record_line(r.c, &n)
	return C.GoStringN(p, C.int(n-1)), nil
}
