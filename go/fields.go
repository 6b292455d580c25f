package kestra

import (
	"reflect"
	"slices"
	"strings"
	"sync"
)

// The fields of a struct as encoding/json writes them: exported fields in order,
// named by their json tag, "-" skipped, fields of embedded structs without a tag name
// promoted, a name defined twice at the same depth dropped unless one is tagged.

type field struct {
	name      string
	index     []int // reflect's path through embedded structs
	omitEmpty bool
	tagged    bool
}

var fieldCache sync.Map // reflect.Type -> []field

func fieldsOf(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	f, _ := fieldCache.LoadOrStore(t, dominantFields(collectFields(t, nil)))
	return f.([]field)
}

func collectFields(t reflect.Type, prefix []int) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		index := append(slices.Clone(prefix), i)
		if sf.Anonymous && name == "" {
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				out = append(out, collectFields(ft, index)...)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		f := field{name: name, index: index, tagged: name != ""}
		if name == "" {
			f.name = sf.Name
		}
		for _, o := range strings.Split(opts, ",") {
			f.omitEmpty = f.omitEmpty || o == "omitempty"
		}
		out = append(out, f)
	}
	return out
}

// dominantFields keeps, for each name, the shallowest field (or the only tagged one
// among the shallowest); a name still ambiguous is dropped, as encoding/json does.
func dominantFields(all []field) []field {
	var out []field
	for _, f := range all {
		keep := true
		for _, g := range all {
			if g.name != f.name || slices.Equal(g.index, f.index) {
				continue
			}
			if len(g.index) < len(f.index) ||
				(len(g.index) == len(f.index) && (g.tagged || !f.tagged)) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, f)
		}
	}
	return out
}

// fieldByIndex is v.FieldByIndex, false where a nil embedded pointer is on the way.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// isEmpty is encoding/json's omitempty test.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
