// Package vectors reads the shared test vectors (tests/vectors/*.json, format in
// tests/vectors/README.md) and makes each vector's call through package kestra.
// Used by the vector test and by the cross-language conformance producer.
package vectors

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

// A Vector is one entry of a vector file.
type Vector struct {
	File    string                     // the file's name, "metrics.json"
	Index   int                        // the position in the file, from 0
	Name    string                     `json:"name"`
	Call    string                     `json:"call"`
	Args    []json.RawMessage          `json:"args"`
	Options map[string]json.RawMessage `json:"options"`
	Line    *string                    `json:"line"`
	Error   *struct {
		Kind    string `json:"kind"`
		Field   string `json:"field"`
		Message string `json:"message"` // the exact message, compared byte for byte
	} `json:"error"`
}

// Load reads every vector file of dir, in file order.
func Load(dir string) ([]Vector, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no vector files in %s (%v)", dir, err)
	}
	slices.Sort(paths)
	var all []Vector
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var file struct{ Vectors []Vector }
		if err := json.Unmarshal(data, &file); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for i := range file.Vectors {
			file.Vectors[i].File, file.Vectors[i].Index = filepath.Base(path), i
		}
		all = append(all, file.Vectors...)
	}
	return all, nil
}

// ErrNotExpressible is returned by Run for a vector that Go's API cannot express.
var ErrNotExpressible = errors.New("not expressible in Go")

// Outcome is what a vector's call did: the line it wrote (or returned, for
// format) without its newline, or its error; Written is everything written.
type Outcome struct {
	Line    string
	Err     error
	Written string
}

// Run makes v's call with os.Stdout replaced by a temporary file, so what the core
// writes to os.Stdout's descriptor is read back byte for byte.
func Run(v Vector) (Outcome, error) {
	call, err := prepare(v)
	if err != nil {
		return Outcome{}, err
	}
	tmp, err := os.CreateTemp("", "kestra-vector-*")
	if err != nil {
		return Outcome{}, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	saved := os.Stdout
	os.Stdout = tmp
	line, callErr := call()
	os.Stdout = saved
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return Outcome{}, err
	}
	written, err := io.ReadAll(tmp)
	if err != nil {
		return Outcome{}, err
	}
	out := Outcome{Line: line, Err: callErr, Written: string(written)}
	if v.Call != "format" {
		out.Line = strings.TrimSuffix(out.Written, "\n")
	}
	return out, nil
}

// prepare decodes v's arguments into Go values and returns its call.
func prepare(v Vector) (func() (string, error), error) {
	args := make([]any, len(v.Args))
	for i, raw := range v.Args {
		a, err := decodeText(raw)
		if err != nil {
			return nil, fmt.Errorf("args[%d]: %w", i, err)
		}
		args[i] = a
	}
	written := func(err error) (string, error) { return "", err }
	switch v.Call {
	case "outputs":
		return func() (string, error) { return written(kestra.Outputs(args[0])) }, nil
	case "encrypted_outputs":
		return func() (string, error) { return written(kestra.EncryptedOutputs(args[0])) }, nil
	case "assets":
		return func() (string, error) { return written(kestra.Assets(args[0])) }, nil
	case "format":
		return func() (string, error) { return kestra.Format(args[0]) }, nil
	case "outputs_json":
		text := []byte(args[0].(string))
		return func() (string, error) { return written(kestra.OutputsJSON(text)) }, nil
	case "log":
		if n, ok := args[0].(int64); ok { // a kestra_level number: kestra.Log takes it as it is
			message := args[1].(string)
			return func() (string, error) { return written(kestra.Log(kestra.Level(n), message)) }, nil
		}
		entry := kestra.LogEntry{Level: args[0].(string), Message: args[1].(string)}
		return func() (string, error) { return written(kestra.Logs(entry)) }, nil
	case "logs":
		var entries []kestra.LogEntry
		for _, e := range args[0].([]any) {
			pair := e.([]any)
			level, ok := pair[0].(string)
			if !ok { // LogEntry names its level: a record mixing numbers and names has no Go form
				return nil, fmt.Errorf("%w: a numeric level in logs", ErrNotExpressible)
			}
			entries = append(entries, kestra.LogEntry{Level: level, Message: pair[1].(string)})
		}
		return func() (string, error) { return written(kestra.Logs(entries...)) }, nil
	case "counter", "timer", "gauge":
		metric := map[string]func(string, any, any, ...kestra.MetricOption) error{
			"counter": kestra.Counter, "timer": kestra.Timer, "gauge": kestra.Gauge}[v.Call]
		var tags any
		if len(args) > 2 && args[2] != nil {
			tags = args[2]
		}
		opts, err := options(v.Options)
		if err != nil {
			return nil, err
		}
		name, value := args[0].(string), args[1]
		return func() (string, error) { return written(metric(name, value, tags, opts...)) }, nil
	}
	return nil, fmt.Errorf("unknown call %q", v.Call)
}

func options(raw map[string]json.RawMessage) ([]kestra.MetricOption, error) {
	var opts []kestra.MetricOption
	for _, key := range []string{"timestamp", "description"} { // the line's order either way
		r, ok := raw[key]
		if !ok {
			continue
		}
		v, err := decodeText(r)
		if err != nil {
			return nil, err
		}
		if key == "timestamp" {
			opts = append(opts, kestra.WithTimestampText(v.(string)))
		} else {
			opts = append(opts, kestra.WithDescription(v.(string)))
		}
	}
	return opts, nil
}

// decodeText is decode of one JSON text, objects kept in order.
func decodeText(raw json.RawMessage) (any, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	return decode(d)
}

type member struct {
	key   string
	value any
}

// decode reads one value: the Go value a vector's JSON value stands for. An object
// whose keys are in sorted order becomes a map[string]any (which package kestra
// writes sorted); any other an iter.Seq2[string, any], which keeps its order.
func decode(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			list := []any{}
			for d.More() {
				v, err := decode(d)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			_, err := d.Token()
			return list, err
		}
		var members []member
		for d.More() {
			k, err := d.Token()
			if err != nil {
				return nil, err
			}
			v, err := decode(d)
			if err != nil {
				return nil, err
			}
			members = append(members, member{k.(string), v})
		}
		if _, err := d.Token(); err != nil {
			return nil, err
		}
		return object(members)
	case json.Number:
		return number(string(t))
	}
	return tok, nil // string, bool, nil
}

func number(text string) (any, error) {
	if strings.ContainsAny(text, ".eE") {
		return strconv.ParseFloat(text, 64)
	}
	return strconv.ParseInt(text, 10, 64)
}

func object(members []member) (any, error) {
	if len(members) == 1 && strings.HasPrefix(members[0].key, "$") {
		return special(members[0].key, members[0].value)
	}
	if slices.IsSortedFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) }) &&
		!hasDuplicate(members) {
		m := make(map[string]any, len(members))
		for _, e := range members {
			m[e.key] = e.value
		}
		return m, nil
	}
	var seq iter.Seq2[string, any] = func(yield func(string, any) bool) {
		for _, e := range members {
			if !yield(e.key, e.value) {
				return
			}
		}
	}
	return seq, nil
}

func hasDuplicate(members []member) bool {
	for i := 1; i < len(members); i++ {
		if members[i].key == members[i-1].key {
			return true
		}
	}
	return false
}

// special decodes the $ forms of tests/vectors/README.md.
func special(key string, arg any) (any, error) {
	switch key {
	case "$float":
		return strconv.ParseFloat(arg.(string), 64)
	case "$int":
		return integer(arg.(string))
	case "$utf16":
		var units []uint16
		for _, u := range arg.([]any) {
			units = append(units, uint16(u.(int64)))
		}
		return wtf8(units), nil
	case "$bytes":
		b, err := hex.DecodeString(arg.(string))
		return string(b), err
	case "$nest":
		spec := arg.(map[string]any)
		nested := spec["leaf"]
		for i := int64(0); i < spec["depth"].(int64); i++ {
			nested = []any{nested}
		}
		return nested, nil
	case "$cycle":
		cycle := map[string]any{}
		cycle[arg.(string)] = cycle
		return cycle, nil
	}
	return nil, fmt.Errorf("unknown special value %s", key)
}

// integer is the smallest Go integer type holding text: int64, uint64 or *big.Int.
func integer(text string) (any, error) {
	if i, err := strconv.ParseInt(text, 10, 64); err == nil {
		return i, nil
	}
	if u, err := strconv.ParseUint(text, 10, 64); err == nil {
		return u, nil
	}
	b, ok := new(big.Int).SetString(text, 10)
	if !ok {
		return nil, fmt.Errorf("bad $int %q", text)
	}
	return b, nil
}

// wtf8 is UTF-16 as a Go string: pairs as UTF-8, a lone surrogate as its 3-byte
// form (not valid UTF-8, which the core refuses as a Go string's bad bytes).
func wtf8(units []uint16) string {
	var b []byte
	for i := 0; i < len(units); i++ {
		u := rune(units[i])
		if utf16.IsSurrogate(u) && i+1 < len(units) {
			if r := utf16.DecodeRune(u, rune(units[i+1])); r != 0xFFFD {
				b = utf8Append(b, r)
				i++
				continue
			}
		}
		b = utf8Append(b, u)
	}
	return string(b)
}

// utf8Append encodes r in UTF-8's bit pattern, surrogates included.
func utf8Append(b []byte, r rune) []byte {
	switch {
	case r < 0x80:
		return append(b, byte(r))
	case r < 0x800:
		return append(b, 0xC0|byte(r>>6), 0x80|byte(r&0x3F))
	case r < 0x10000:
		return append(b, 0xE0|byte(r>>12), 0x80|byte(r>>6&0x3F), 0x80|byte(r&0x3F))
	}
	return append(b, 0xF0|byte(r>>18), 0x80|byte(r>>12&0x3F), 0x80|byte(r>>6&0x3F), 0x80|byte(r&0x3F))
}

// HasLoneSurrogate reports whether v's call holds a $utf16 string with an unpaired
// surrogate. Go strings are bytes: Run gives such a string in its 3-byte form, which
// the core refuses as invalid UTF-8, so the message is the one for those bytes (the
// same kind and field), not the vector's message for a lone surrogate.
func HasLoneSurrogate(v Vector) bool {
	raws := append([]json.RawMessage{}, v.Args...)
	for _, raw := range v.Options {
		raws = append(raws, raw)
	}
	for _, raw := range raws {
		var x any
		if json.Unmarshal(raw, &x) == nil && loneIn(x) {
			return true
		}
	}
	return false
}

func loneIn(x any) bool {
	switch t := x.(type) {
	case []any:
		for _, e := range t {
			if loneIn(e) {
				return true
			}
		}
	case map[string]any:
		if units, ok := t["$utf16"].([]any); ok && len(t) == 1 {
			for i := 0; i < len(units); i++ {
				u, _ := units[i].(float64)
				if u >= 0xD800 && u <= 0xDBFF && i+1 < len(units) {
					if next, _ := units[i+1].(float64); next >= 0xDC00 && next <= 0xDFFF {
						i++
						continue
					}
				}
				if u >= 0xD800 && u <= 0xDFFF {
					return true
				}
			}
			return false
		}
		for _, e := range t {
			if loneIn(e) {
				return true
			}
		}
	}
	return false
}
