package kestra

/*
#include "glue.h"
*/
import "C"

import "syscall"

// Kind is the class of a failure, the core's result name ("type", "value", ...).
// Each Kind is also an error, so errors.Is(err, kestra.ErrValue) tells the class of
// any error this package returns.
type Kind string

// The kinds of failure. Every *Error carries one of them.
const (
	// ErrType: a value of the wrong kind for its place (a boolean metric value,
	// outputs that are not an object, a Go type the SDK cannot convert).
	ErrType Kind = "type"
	// ErrValue: a value of the right kind that is not allowed (NaN, a negative
	// timer, an empty metric name, an unknown log level, a malformed timestamp).
	ErrValue Kind = "value"
	// ErrUnicode: a string that is not valid UTF-8.
	ErrUnicode Kind = "unicode"
	// ErrDepth: nesting deeper than the server reads (1,000 levels for the line).
	ErrDepth Kind = "depth"
	// ErrCycle: a map, slice or pointer that contains itself.
	ErrCycle Kind = "cycle"
	// ErrSyntax: a JSON text (OutputsJSON, json.RawMessage) that is not strict JSON.
	ErrSyntax Kind = "syntax"
	// ErrLimit: past a server limit (a number of more than 1,000 digits).
	ErrLimit Kind = "limit"
	// ErrIO: the line could not be written (stdout closed, reader gone), or a
	// file could not be read.
	ErrIO Kind = "io"
	// ErrNotFound: what was looked for is not there (no execution context, no
	// key or index at a path of it).
	ErrNotFound Kind = "not_found"
)

// Error returns the kind's name ("value"): a Kind is an error so that errors.Is
// can compare any error with it.
func (k Kind) Error() string { return string(k) }

// Error is what every failing call returns: nothing was written, and the program
// goes on. Message names the field first ("counter 'rows' value: NaN is not
// allowed ..."), as the core words it in every language.
type Error struct {
	Kind    Kind   // the class of the failure, one of the Err* kinds
	Message string // "FIELD: REASON"
	// Errno is the system error of a failed write (Kind ErrIO), 0 otherwise.
	Errno syscall.Errno
}

// Error returns Message.
func (e *Error) Error() string { return e.Message }

// Unwrap gives the Kind (and the Errno of a failed write), so errors.Is(err,
// kestra.ErrValue) and errors.Is(err, syscall.EPIPE) work.
func (e *Error) Unwrap() []error {
	if e.Errno != 0 {
		return []error{e.Kind, e.Errno}
	}
	return []error{e.Kind}
}

// err is the error of the record's failure `res`: the core's kind and message, or
// the Go error that stopped a conversion (KESTRA_ERROR_USER).
func (r *record) err(res C.kestra_result) error {
	if res == C.KESTRA_ERROR_USER && r.userErr != nil {
		return r.userErr
	}
	return &Error{Kind: kindOf(res), Message: C.GoString(C.kestra_record_error(r.c))}
}

func kindOf(res C.kestra_result) Kind { return Kind(C.GoString(C.kestra_result_name(res))) }

// ioErr is the *Error of a failed write: the core's message, and the write's errno.
func (r *record) ioErr(res C.kestra_result, errno error) error {
	e := &Error{Kind: kindOf(res), Message: C.GoString(C.kestra_record_error(r.c))}
	if no, ok := errno.(syscall.Errno); ok {
		e.Errno = no
	}
	return e
}
