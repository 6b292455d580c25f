package kestra

/*
#include "glue.h"
*/
import "C"

import (
	"bytes"
	"encoding/json"
)

// Context returns the execution context Kestra 2.x gives a script task that sets
// `executionContext: true` (keys such as "inputs", "outputs", "labels", "vars",
// "trigger", "flow", "execution", "task", "taskrun"), found as the official
// Python package finds it: the file named by $KESTRA_EXECUTION_CONTEXT_FILE, else
// .kestra-execution-context.json in the working directory, else the base64 JSON
// in $KESTRA_CONTEXT.
//
// The map is decoded as encoding/json decodes into a map[string]any, except that
// numbers are json.Number, so a 30-digit integer stays exact. Outside a Kestra
// task the error is an *Error of Kind ErrNotFound naming the file tried; bad
// content is ErrValue, ErrType, ErrSyntax, ErrUnicode or ErrDepth, an unreadable
// file ErrIO, all worded by the core.
func Context() (map[string]any, error) { return ContextFile("") }

// ContextFile is Context reading the file at path first ("" for none); when that
// file does not exist it falls back to the places Context looks at.
func ContextFile(path string) (map[string]any, error) {
	c := C.kestra_context_new()
	if c == nil {
		panic("kestra: out of memory")
	}
	defer C.kestra_context_free(c)
	p, n := text(path)
	if res := C.kestra_context_load(c, p, n); res != C.KESTRA_OK {
		return nil, &Error{Kind: kindOf(res), Message: C.GoString(C.kestra_context_error(c))}
	}
	var size C.size_t
	data := C.GoBytes(unsafePointer(C.kestra_context_json(c, &size)), C.int(size))
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var context map[string]any
	if err := decoder.Decode(&context); err != nil { // the core has checked it is one JSON object
		panic("kestra: the core's context text does not decode: " + err.Error())
	}
	return context, nil
}

// ContextGet returns one value of the execution context (found as Context finds
// it) by path: keys joined by '.', array indexes as [N] or .N ("inputs.user",
// "labels[0].key"; "" is the whole context), the path `kestra-emit context PATH`
// takes. A string comes back as its text with isString true; anything else as
// compact ASCII JSON text (a number keeps its digits: "12345678901234567890123"),
// with isString false. The core walks the path, so the rules and messages are
// the same in every language.
//
// A missing key or index is an *Error of Kind ErrNotFound whose message names
// the path and what is there ("inputs.nope: no key 'nope' in inputs (keys:
// 'user', ...)"), as is a missing context; a malformed path is ErrValue; a
// context that does not load, the errors of Context. Each call loads the
// context again: for many lookups, walk the map of Context instead.
func ContextGet(path string) (value string, isString bool, err error) {
	return ContextFileGet("", path)
}

// ContextFileGet is ContextGet on the context ContextFile(file) finds.
func ContextFileGet(file, path string) (value string, isString bool, err error) {
	c := C.kestra_context_new()
	if c == nil {
		panic("kestra: out of memory")
	}
	defer C.kestra_context_free(c)
	f, fn := text(file)
	if res := C.kestra_context_load(c, f, fn); res != C.KESTRA_OK {
		return "", false, &Error{Kind: kindOf(res), Message: C.GoString(C.kestra_context_error(c))}
	}
	p, pn := text(path)
	var v *C.char
	var n C.size_t
	var s C.int
	if res := C.kestra_context_get(c, p, pn, &v, &n, &s); res != C.KESTRA_OK {
		return "", false, &Error{Kind: kindOf(res), Message: C.GoString(C.kestra_context_error(c))}
	}
	return C.GoStringN(v, C.int(n)), s != 0, nil
}
