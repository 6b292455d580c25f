package kestra

/*
#include <stdlib.h>
#include "glue.h"
*/
import "C"

import (
	"encoding"
	"encoding/base64"
	"encoding/json"
	"iter"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// The conversions the package comment lists under "Values".

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// value gives one Go value to the record at its current place.
func (r *record) value(v any) C.kestra_result {
	switch x := v.(type) {
	case nil:
		return C.kestra_record_null(r.c)
	case string:
		return r.str(x)
	case bool:
		return C.kestra_record_bool(r.c, boolInt(x))
	case int:
		return C.kestra_record_int64(r.c, C.int64_t(x))
	case int64:
		return C.kestra_record_int64(r.c, C.int64_t(x))
	case int32:
		return C.kestra_record_int64(r.c, C.int64_t(x))
	case uint64:
		return C.kestra_record_uint64(r.c, C.uint64_t(x))
	case float64:
		return C.kestra_record_double(r.c, C.double(x))
	case float32:
		return r.float32(x)
	case json.Number:
		return r.json([]byte(x))
	case json.RawMessage:
		return r.json(x)
	case *big.Int:
		if x == nil {
			return C.kestra_record_null(r.c)
		}
		p, n := text(x.String())
		return C.kestra_record_integer_text(r.c, p, n)
	case map[string]any:
		if x == nil {
			return C.kestra_record_null(r.c)
		}
		return r.object(identity(reflect.ValueOf(x).UnsafePointer()), func() C.kestra_result {
			return mapMembers(r, x, r.value)
		})
	case []any:
		return r.sliceAny(x)
	case iter.Seq2[string, any]:
		if x == nil {
			return C.kestra_record_null(r.c)
		}
		return r.object(0, func() C.kestra_result { return r.seqMembers(x) })
	case func(func(string, any) bool): // an iterator function not declared as iter.Seq2
		return r.value(iter.Seq2[string, any](x))
	}
	return r.reflected(reflect.ValueOf(v))
}

func boolInt(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// float32 writes a float32 with its own shortest digits (float32(0.1) is 0.1, as
// encoding/json writes it, not 0.10000000149011612).
func (r *record) float32(x float32) C.kestra_result {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(float64(x), 'g', -1, 32), 64)
	return C.kestra_record_double(r.c, C.double(f))
}

func (r *record) json(b []byte) C.kestra_result {
	p, n := bytesText(b)
	return C.kestra_record_json(r.c, p, n)
}

func (r *record) key(k string) C.kestra_result {
	p, n := text(k)
	return C.kestra_record_key(r.c, p, n)
}

// identity is a container's address for the core's cycle check (never dereferenced).
// Maps and pointers to structs have one. A slice has none: its data pointer is also
// the address of its first element, which a pointer inside it may rightly name, so
// a slice that holds itself ends as ErrDepth at the core's nesting limit instead.
func identity(p unsafe.Pointer) C.uintptr_t { return C.uintptr_t(uintptr(p)) }

// object writes an object around the members that `members` gives.
func (r *record) object(id C.uintptr_t, members func() C.kestra_result) C.kestra_result {
	if res := C.kestra_go_begin_object(r.c, id); res != C.KESTRA_OK {
		return res
	}
	if res := members(); res != C.KESTRA_OK {
		return res
	}
	return C.kestra_record_end_object(r.c)
}

// members writes the members (key, value, key, value...) of an object-like value,
// without braces: what an object holds, or a metric's tags. ok is false when v is not
// object-like.
func (r *record) members(v any) (res C.kestra_result, ok bool) {
	switch x := v.(type) {
	case map[string]any:
		return mapMembers(r, x, r.value), true
	case map[string]string:
		return mapMembers(r, x, r.str), true
	case iter.Seq2[string, any]:
		return r.seqMembers(x), true
	case func(func(string, any) bool):
		return r.seqMembers(x), true
	}
	rv := reflect.ValueOf(v)
	for (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.IsValid() && !rv.Type().Implements(marshalerType) && !rv.Type().Implements(textMarshalerType) {
		switch rv.Kind() {
		case reflect.Map:
			return r.reflectedMapMembers(rv), true
		case reflect.Struct:
			return r.structMembers(rv), true
		}
	}
	return C.KESTRA_OK, false
}

func (r *record) str(s string) C.kestra_result {
	p, n := text(s)
	return C.kestra_record_string(r.c, p, n)
}

func mapMembers[V any](r *record, m map[string]V, each func(V) C.kestra_result) C.kestra_result {
	for _, k := range sortedKeys(m) {
		if res := r.key(k); res != C.KESTRA_OK {
			return res
		}
		if res := each(m[k]); res != C.KESTRA_OK {
			return res
		}
	}
	return C.KESTRA_OK
}

// sortedKeys: encoding/json writes a map's keys sorted, so the same map always
// gives the same line.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (r *record) sliceAny(s []any) C.kestra_result {
	if s == nil {
		return C.kestra_record_null(r.c)
	}
	if res := C.kestra_go_begin_array(r.c, 0); res != C.KESTRA_OK {
		return res
	}
	for _, v := range s {
		if res := r.value(v); res != C.KESTRA_OK {
			return res
		}
	}
	return C.kestra_record_end_array(r.c)
}

func (r *record) seqMembers(s iter.Seq2[string, any]) C.kestra_result {
	res := C.kestra_result(C.KESTRA_OK)
	for k, v := range s {
		if res = r.key(k); res != C.KESTRA_OK {
			break
		}
		if res = r.value(v); res != C.KESTRA_OK {
			break
		}
	}
	return res
}

// unsupported fails the record with the core's "unsupported type" error.
func (r *record) unsupported(t reflect.Type) C.kestra_result {
	name := C.CString(t.String())
	defer C.free(unsafe.Pointer(name))
	return C.kestra_record_unsupported(r.c, name)
}

// userFailure stops the record on a Go error of the value's own (a failing
// MarshalJSON), which the call then returns unchanged, as encoding/json does.
func (r *record) userFailure(err error) C.kestra_result {
	r.userErr = err
	return C.KESTRA_ERROR_USER
}

// reflected converts any other value as encoding/json would.
func (r *record) reflected(v reflect.Value) C.kestra_result {
	if !v.IsValid() {
		return C.kestra_record_null(r.c)
	}
	t := v.Type()
	if t.Implements(marshalerType) || t.Implements(textMarshalerType) {
		return r.marshaled(v)
	}
	switch t.Kind() {
	case reflect.Bool:
		return C.kestra_record_bool(r.c, boolInt(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return C.kestra_record_int64(r.c, C.int64_t(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return C.kestra_record_uint64(r.c, C.uint64_t(v.Uint()))
	case reflect.Float32:
		return r.float32(float32(v.Float()))
	case reflect.Float64:
		return C.kestra_record_double(r.c, C.double(v.Float()))
	case reflect.String:
		p, n := text(v.String())
		return C.kestra_record_string(r.c, p, n)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return C.kestra_record_null(r.c)
		}
		if t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
			return r.object(identity(v.UnsafePointer()), func() C.kestra_result { return r.structMembers(v.Elem()) })
		}
		return r.reflected(v.Elem())
	case reflect.Map:
		if v.IsNil() {
			return C.kestra_record_null(r.c)
		}
		return r.object(identity(v.UnsafePointer()), func() C.kestra_result { return r.reflectedMapMembers(v) })
	case reflect.Slice:
		if v.IsNil() {
			return C.kestra_record_null(r.c)
		}
		if t.Elem().Kind() == reflect.Uint8 && !t.Elem().Implements(marshalerType) {
			p, n := text(base64.StdEncoding.EncodeToString(v.Bytes()))
			return C.kestra_record_string(r.c, p, n)
		}
		return r.reflectedList(v, 0)
	case reflect.Array:
		return r.reflectedList(v, 0)
	case reflect.Struct:
		return r.object(0, func() C.kestra_result { return r.structMembers(v) })
	}
	return r.unsupported(t)
}

// marshaled writes what a json.Marshaler or encoding.TextMarshaler makes of v.
func (r *record) marshaled(v reflect.Value) C.kestra_result {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return C.kestra_record_null(r.c)
	}
	if m, ok := v.Interface().(json.Marshaler); ok {
		b, err := m.MarshalJSON()
		if err != nil {
			return r.userFailure(err)
		}
		return r.json(b)
	}
	b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
	if err != nil {
		return r.userFailure(err)
	}
	p, n := bytesText(b)
	return C.kestra_record_string(r.c, p, n)
}

func (r *record) reflectedList(v reflect.Value, id C.uintptr_t) C.kestra_result {
	if res := C.kestra_go_begin_array(r.c, id); res != C.KESTRA_OK {
		return res
	}
	for i := 0; i < v.Len(); i++ {
		if res := r.reflected(v.Index(i)); res != C.KESTRA_OK {
			return res
		}
	}
	return C.kestra_record_end_array(r.c)
}

// reflectedMapMembers writes a map with string or integer keys (as encoding/json,
// which writes integer keys as their decimal text), sorted by key.
func (r *record) reflectedMapMembers(v reflect.Value) C.kestra_result {
	type entry struct {
		key   string
		value reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		k := it.Key()
		var name string
		switch k.Kind() {
		case reflect.String:
			name = k.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			name = strconv.FormatInt(k.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			name = strconv.FormatUint(k.Uint(), 10)
		default:
			return r.unsupported(v.Type())
		}
		entries = append(entries, entry{name, it.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	for _, e := range entries {
		if res := r.key(e.key); res != C.KESTRA_OK {
			return res
		}
		if res := r.reflected(e.value); res != C.KESTRA_OK {
			return res
		}
	}
	return C.KESTRA_OK
}

func (r *record) structMembers(v reflect.Value) C.kestra_result {
	for _, f := range fieldsOf(v.Type()) {
		fv, ok := fieldByIndex(v, f.index)
		if !ok || (f.omitEmpty && isEmpty(fv)) {
			continue
		}
		if res := r.key(f.name); res != C.KESTRA_OK {
			return res
		}
		if res := r.reflected(fv); res != C.KESTRA_OK {
			return res
		}
	}
	return C.KESTRA_OK
}
