package kestra

/*
#include <stdlib.h>
#cgo CFLAGS: -I${SRCDIR}/internal/core/include
#include "internal/core/include/kestra/ion.h"
*/
import "C"

import (
	"io"
	"iter"
	"math/big"
	"os"
	"runtime"
	"time"
	"unsafe"
)

// Read returns every row of the file at path, a file of Kestra's internal storage
// (Amazon Ion text, one struct per row, as a query task stores its result), as the
// official Python package's Kestra.read returns them. Values:
//
//   - struct: map[string]any; list and s-expression: []any
//   - int: int64, or a *big.Int when it does not fit
//   - float and decimal: float64 (nan, +inf and -inf too)
//   - timestamp, and a string that is an ISO-8601 date-time (also
//     LocalDateTime::"..."): time.Time, at its offset; one without an offset
//     (a local time) is given in UTC
//   - string, symbol, blob and clob (UTF-8 text): string
//   - bool: bool; null of any type: nil
//
// Text that is not Ion is an *Error (ErrSyntax, ErrUnicode, ErrDepth, ErrLimit)
// whose message names the line and column; a row that is not a struct, ErrType; a
// file that cannot be read, ErrIO. Nothing is returned then: use Rows to get the
// rows before the error.
func Read(path string) ([]map[string]any, error) {
	var rows []map[string]any
	for row, err := range readRows(func(r *C.kestra_ion_reader) C.kestra_result {
		p := C.CString(path)
		defer C.free(unsafe.Pointer(p))
		return C.kestra_ion_reader_open_file(r, p, C.KESTRA_ION_KESTRA_READ)
	}) {
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// Rows yields the rows of the Ion text read from r one at a time, converted as
// Read converts them, reading r as they are asked for: memory follows one row, so
// a file larger than memory can be processed. An error is yielded once, after the
// rows before it, and ends the sequence. An *os.File is read through its
// descriptor; another reader is copied into a pipe the core reads.
//
//	for row, err := range kestra.Rows(f) { ... }
func Rows(r io.Reader) iter.Seq2[map[string]any, error] {
	return func(yield func(map[string]any, error) bool) {
		f, ok := r.(*os.File)
		if !ok {
			pr, pw, err := os.Pipe()
			if err != nil {
				yield(nil, &Error{Kind: ErrIO, Message: err.Error()})
				return
			}
			// The copy's own failure ends the text early: the core reports where.
			go func() { io.Copy(pw, r); pw.Close() }()
			defer pr.Close() // a consumer that stops early ends the copy (EPIPE)
			f = pr
		}
		for row, err := range readRows(func(c *C.kestra_ion_reader) C.kestra_result {
			return C.kestra_ion_reader_open_fd(c, C.int(f.Fd()), C.KESTRA_ION_KESTRA_READ)
		}) {
			if !yield(row, err) {
				break
			}
		}
		runtime.KeepAlive(f) // its descriptor stays open while the core reads it
	}
}

// readRows opens a reader with `open` and yields its rows.
func readRows(open func(*C.kestra_ion_reader) C.kestra_result) iter.Seq2[map[string]any, error] {
	return func(yield func(map[string]any, error) bool) {
		r := C.kestra_ion_reader_new()
		if r == nil {
			panic("kestra: out of memory")
		}
		defer C.kestra_ion_reader_free(r)
		if res := open(r); res != C.KESTRA_OK {
			yield(nil, ionError(r, res))
			return
		}
		for {
			row, res := nextRow(r)
			if res != C.KESTRA_OK {
				yield(nil, ionError(r, res))
				return
			}
			if row == nil || !yield(row, nil) {
				return
			}
		}
	}
}

func ionError(r *C.kestra_ion_reader, res C.kestra_result) error {
	return &Error{Kind: kindOf(res), Message: C.GoString(C.kestra_ion_reader_error(r))}
}

// nextRow builds the next row from the reader's events (nil at the end), with an
// explicit stack of open containers: a row may nest up to the core's limit.
func nextRow(r *C.kestra_ion_reader) (map[string]any, C.kestra_result) {
	type open struct {
		key  string         // the field this container goes to in its parent
		obj  map[string]any // a struct's map, or
		list *[]any         // a list's items
	}
	var stack []open
	var row map[string]any
	for {
		var event C.kestra_ion_event
		if res := C.kestra_ion_reader_next(r, &event); res != C.KESTRA_OK {
			return nil, res
		}
		switch event {
		case C.KESTRA_ION_EVENT_END:
			return nil, C.KESTRA_OK
		case C.KESTRA_ION_EVENT_CONTAINER_END:
			done := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return row, C.KESTRA_OK
			}
			var v any = done.obj
			if done.list != nil {
				v = *done.list
			}
			place(stack[len(stack)-1].obj, stack[len(stack)-1].list, done.key, v)
			continue
		}
		key := ""
		if len(stack) > 0 && stack[len(stack)-1].obj != nil {
			var n C.size_t
			p := C.kestra_ion_reader_field_name(r, &n)
			key = C.GoStringN(p, C.int(n))
		}
		t := C.kestra_ion_reader_type(r)
		isNull := C.kestra_ion_reader_is_null(r) != 0
		switch {
		case !isNull && t == C.KESTRA_ION_STRUCT:
			o := open{key: key, obj: map[string]any{}}
			if len(stack) == 0 {
				row = o.obj
			}
			stack = append(stack, o)
		case !isNull && (t == C.KESTRA_ION_LIST || t == C.KESTRA_ION_SEXP):
			stack = append(stack, open{key: key, list: &[]any{}})
		default:
			v, res := ionScalar(r, t, isNull)
			if res != C.KESTRA_OK {
				return nil, res
			}
			place(stack[len(stack)-1].obj, stack[len(stack)-1].list, key, v)
		}
	}
}

// place puts v into its parent: an object's field, or a list's next item.
func place(obj map[string]any, list *[]any, key string, v any) {
	if list != nil {
		*list = append(*list, v)
	} else {
		obj[key] = v
	}
}

func ionScalar(r *C.kestra_ion_reader, t C.kestra_ion_type, isNull bool) (any, C.kestra_result) {
	if isNull {
		return nil, C.KESTRA_OK
	}
	var n C.size_t
	p := C.kestra_ion_reader_text(r, &n)
	switch t {
	case C.KESTRA_ION_BOOL:
		var b C.int
		res := C.kestra_ion_reader_bool(r, &b)
		return b != 0, res
	case C.KESTRA_ION_INT:
		var v C.int64_t
		if C.kestra_ion_reader_int64(r, &v) == C.KESTRA_OK {
			return int64(v), C.KESTRA_OK
		}
		big, _ := new(big.Int).SetString(C.GoStringN(p, C.int(n)), 10) // canonical digits
		return big, C.KESTRA_OK
	case C.KESTRA_ION_FLOAT, C.KESTRA_ION_DECIMAL:
		var v C.double
		res := C.kestra_ion_reader_double(r, &v)
		return float64(v), res
	case C.KESTRA_ION_TIMESTAMP:
		var dt C.kestra_datetime
		res := C.kestra_ion_reader_timestamp(r, &dt)
		return goTime(&dt), res
	case C.KESTRA_ION_STRING:
		var dt C.kestra_datetime
		if C.kestra_datetime_parse(p, n, &dt) == C.KESTRA_OK {
			return goTime(&dt), C.KESTRA_OK
		}
	}
	return C.GoStringN(p, C.int(n)), C.KESTRA_OK // strings, symbols, lobs (UTF-8 text)
}

// utc is the zone of a time.Time from a local date-time (one without an offset).
var utc = time.UTC

func goTime(dt *C.kestra_datetime) time.Time {
	loc := utc
	if dt.has_offset != 0 && dt.offset_minutes != 0 {
		loc = time.FixedZone("", int(dt.offset_minutes)*60)
	}
	return time.Date(int(dt.year), time.Month(dt.month), int(dt.day), int(dt.hour), int(dt.minute),
		int(dt.second), int(dt.nanosecond), loc)
}
