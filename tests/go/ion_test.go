package gotests

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"testing"
	"time"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

// The shared Ion vectors (tests/vectors/ion/expected.json, format in the README
// beside it): the rows as Python's Kestra.read gives them, tagged, or the error.
type ionCase struct {
	File            string            `json:"file"`
	Rows            []json.RawMessage `json:"rows"`
	Error           *struct{ Kind, Message string }
	RowsBeforeError int `json:"rows_before_error"`
}

var ionDir = filepath.Join("..", "vectors", "ion")

// ionValue is the Go form of a tagged Python value, as kestra.Read gives it:
//
//   - null, true/false, a string: nil, bool, string
//   - {"int": digits}: int64 when it fits, else *big.Int
//   - {"float": x} ("nan", "inf", "-inf", "-0.0"): float64
//   - {"datetime": local, "offset_minutes": n}: time.Time at the offset, in
//     time.UTC when the offset is 0 or null (a local date-time is read as UTC);
//     Python keeps microseconds, Go the nanoseconds of the text (matchIon
//     compares at microseconds)
//   - a list: []any; {"dict": {...}}: map[string]any
func ionValue(tagged any) (any, error) {
	switch v := tagged.(type) {
	case nil, bool, string:
		return v, nil
	case []any:
		out := []any{}
		for _, x := range v {
			g, err := ionValue(x)
			if err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		return out, nil
	case map[string]any:
		switch {
		case v["int"] != nil:
			n, ok := new(big.Int).SetString(v["int"].(string), 10)
			if !ok {
				return nil, fmt.Errorf("bad int %v", v["int"])
			}
			if n.IsInt64() {
				return n.Int64(), nil
			}
			return n, nil
		case v["float"] != nil:
			switch f := v["float"].(type) {
			case json.Number:
				return strconv.ParseFloat(string(f), 64)
			case string:
				special := map[string]float64{"nan": math.NaN(), "inf": math.Inf(1), "-inf": math.Inf(-1), "-0.0": math.Copysign(0, -1)}
				if x, ok := special[f]; ok {
					return x, nil
				}
			}
			return nil, fmt.Errorf("bad float %v", v["float"])
		case v["datetime"] != nil:
			local, err := time.Parse("2006-01-02T15:04:05.000000", v["datetime"].(string))
			if err != nil {
				return nil, err
			}
			loc := time.UTC
			if off, ok := v["offset_minutes"].(json.Number); ok && off != "0" {
				minutes, err := off.Int64()
				if err != nil {
					return nil, err
				}
				loc = time.FixedZone("", int(minutes)*60)
			}
			return time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(),
				local.Nanosecond(), loc), nil
		case v["dict"] != nil:
			return ionDict(v["dict"])
		}
	}
	return nil, fmt.Errorf("not a tagged value: %v", tagged)
}

func ionDict(tagged any) (map[string]any, error) {
	d, ok := tagged.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not a dict: %v", tagged)
	}
	out := map[string]any{}
	for k, x := range d {
		g, err := ionValue(x)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[k] = g
	}
	return out, nil
}

// matchIon reports how got differs from want (a value of ionValue), types
// included: an int64 is not a *big.Int, -0.0 is not 0.0, NaN matches NaN.
func matchIon(got, want any, at string) error {
	if reflect.TypeOf(got) != reflect.TypeOf(want) {
		return fmt.Errorf("%s: got %#v (%T), want %#v (%T)", at, got, got, want, want)
	}
	switch w := want.(type) {
	case *big.Int:
		if got.(*big.Int).Cmp(w) != 0 {
			return fmt.Errorf("%s: got %v, want %v", at, got, w)
		}
	case float64:
		g := got.(float64)
		if !(g == w && math.Signbit(g) == math.Signbit(w)) && !(math.IsNaN(g) && math.IsNaN(w)) {
			return fmt.Errorf("%s: got %v, want %v", at, g, w)
		}
	case time.Time:
		g := got.(time.Time)
		_, gotOffset := g.Zone()
		_, wantOffset := w.Zone()
		if !g.Truncate(time.Microsecond).Equal(w) || gotOffset != wantOffset || (wantOffset == 0 && g.Location() != time.UTC) {
			return fmt.Errorf("%s: got %v, want %v", at, g, w)
		}
	case []any:
		g := got.([]any)
		if len(g) != len(w) {
			return fmt.Errorf("%s: got %d items, want %d", at, len(g), len(w))
		}
		for i := range w {
			if err := matchIon(g[i], w[i], fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case map[string]any:
		g := got.(map[string]any)
		keys := func(m map[string]any) []string {
			var ks []string
			for k := range m {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			return ks
		}
		if !reflect.DeepEqual(keys(g), keys(w)) {
			return fmt.Errorf("%s: got keys %q, want %q", at, keys(g), keys(w))
		}
		for k := range w {
			if err := matchIon(g[k], w[k], at+"."+k); err != nil {
				return err
			}
		}
	default:
		if got != want {
			return fmt.Errorf("%s: got %#v, want %#v", at, got, want)
		}
	}
	return nil
}

func loadIonCases(t *testing.T) []ionCase {
	data, err := os.ReadFile(filepath.Join(ionDir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected struct{ Cases []ionCase }
	if err := json.Unmarshal(data, &expected); err != nil {
		t.Fatal(err)
	}
	return expected.Cases
}

// wantRows is the Go form of a case's rows.
func wantRows(c ionCase) ([]map[string]any, error) {
	var rows []map[string]any
	for i, raw := range c.Rows {
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber() // floats parsed once, by strconv; offsets as integers
		var tagged any
		if err := d.Decode(&tagged); err != nil {
			return nil, err
		}
		row, err := ionDict(tagged)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func sameError(err error, kind, message string) bool {
	var e *kestra.Error
	return errors.As(err, &e) && string(e.Kind) == kind && e.Message == message && errors.Is(err, kestra.Kind(kind))
}

// TestIonVectors runs every case through kestra.Read, and through kestra.Rows
// from the *os.File and from a plain io.Reader (copied into a pipe): the same
// rows, types included, or the core's error kind and exact message after the
// rows before it.
func TestIonVectors(t *testing.T) {
	cases := loadIonCases(t)
	files, _ := filepath.Glob(filepath.Join(ionDir, "*.ion"))
	if len(cases) != len(files) || len(cases) < 24 {
		t.Fatalf("%d cases for %d .ion files", len(cases), len(files))
	}
	read, failed := 0, 0
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			path := filepath.Join(ionDir, c.File)
			want, err := wantRows(c)
			if err != nil {
				t.Fatalf("expected.json: %v", err)
			}
			rows, err := kestra.Read(path)
			if c.Error != nil {
				failed++
				if rows != nil || !sameError(err, c.Error.Kind, c.Error.Message) {
					t.Errorf("Read: want a %s error %q, got %d rows and %v", c.Error.Kind, c.Error.Message, len(rows), err)
				}
			} else {
				read++
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				if len(rows) != len(want) {
					t.Fatalf("Read: got %d rows, want %d", len(rows), len(want))
				}
				for i := range want {
					if err := matchIon(rows[i], want[i], fmt.Sprintf("row %d", i+1)); err != nil {
						t.Errorf("Read: %v", err)
					}
				}
			}
			content, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for source, r := range map[string]io.Reader{"a file": f, "a reader": bytes.NewReader(content)} {
				var got []map[string]any
				var errs []error
				for row, err := range kestra.Rows(r) {
					if err != nil {
						errs = append(errs, err)
					} else if len(errs) > 0 {
						t.Fatalf("Rows from %s: a row after the error", source)
					} else {
						got = append(got, row)
					}
				}
				if c.Error != nil {
					if len(got) != c.RowsBeforeError || len(errs) != 1 || !sameError(errs[0], c.Error.Kind, c.Error.Message) {
						t.Errorf("Rows from %s: want %d rows then %q, got %d rows and %v", source, c.RowsBeforeError, c.Error.Message, len(got), errs)
					}
					continue
				}
				if len(errs) != 0 || len(got) != len(want) {
					t.Fatalf("Rows from %s: want %d rows, got %d and %v", source, len(want), len(got), errs)
				}
				for i := range want {
					if err := matchIon(got[i], want[i], fmt.Sprintf("row %d", i+1)); err != nil {
						t.Errorf("Rows from %s: %v", source, err)
					}
				}
			}
		})
	}
	t.Logf("ion vectors: %d files read, %d refused", read, failed)
}

// Go's time.Time keeps the nine digits of a fraction, where Python's datetime
// (and so expected.json) stops at six: timestamps.ion's t_frac9 is
// 2007-02-23T12:14:33.123456789Z and date_strings.ion's s_frac9
// "2023-10-04T15:30:00.123456789-03:00".
func TestIonNanoseconds(t *testing.T) {
	for file, field := range map[string]string{"timestamps.ion": "t_frac9", "date_strings.ion": "s_frac9"} {
		rows, err := kestra.Read(filepath.Join(ionDir, file))
		if err != nil {
			t.Fatal(err)
		}
		var found []time.Time
		for _, row := range rows {
			if v, ok := row[field].(time.Time); ok {
				found = append(found, v)
			}
		}
		if len(found) != 1 || found[0].Nanosecond() != 123456789 {
			t.Errorf("%s %s: want one time.Time with 123456789 ns, got %v", file, field, found)
		}
	}
}
