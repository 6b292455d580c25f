package kestra_test

import (
	"errors"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

const ionRows = `$ion_1_0
{i: 42, neg: -0xff, big: 123456789012345678901234567890, f: 2.5e0, d: 1.5, nan: nan,
 s: "text", sym: a_symbol, yes: true, none: null.int, blob: {{aGk=}}, clob: {{"lob"}},
 list: [1, [2], {k: "v"}], sexp: (a b), ts: 2024-01-02T03:04:05.5+01:00, day: 2024-01-02T,
 iso: "2024-01-02T03:04:05Z", local: "LocalDateTime::\"2024-04-21T10:00\"", plain: "2024-13-01T00:00:00"}
{n: 2}
`

func writeIon(t *testing.T, text string) string {
	path := filepath.Join(t.TempDir(), "rows.ion")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadConvertsAsKestraRead(t *testing.T) {
	rows, err := kestra.Read(writeIon(t, ionRows))
	if err != nil {
		t.Fatal(err)
	}
	big30, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	want := map[string]any{
		"i": int64(42), "neg": int64(-255), "big": big30, "f": 2.5, "d": 1.5,
		"s": "text", "sym": "a_symbol", "yes": true, "none": nil, "blob": "hi", "clob": "lob",
		"list": []any{int64(1), []any{int64(2)}, map[string]any{"k": "v"}}, "sexp": []any{"a", "b"},
		"ts":    time.Date(2024, 1, 2, 3, 4, 5, 5e8, time.FixedZone("", 3600)),
		"day":   time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		"iso":   time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		"local": time.Date(2024, 4, 21, 10, 0, 0, 0, time.UTC),
		"plain": "2024-13-01T00:00:00",
	}
	if len(rows) != 2 || !reflect.DeepEqual(rows[1], map[string]any{"n": int64(2)}) {
		t.Fatalf("want 2 rows, got %v", rows)
	}
	got := rows[0]
	if nan, ok := got["nan"].(float64); !ok || !math.IsNaN(nan) {
		t.Fatalf("nan: got %v", got["nan"])
	}
	delete(got, "nan")
	for k, w := range want {
		if wt, ok := w.(time.Time); ok {
			if gt, ok := got[k].(time.Time); !ok || !gt.Equal(wt) {
				t.Errorf("%s: got %v, want %v", k, got[k], w)
			}
			continue
		}
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("%s: got %#v, want %#v", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d fields, want %d", len(got), len(want))
	}
}

// Rows yields the rows before an error, then the core's error once.
func TestRowsYieldsRowsThenTheError(t *testing.T) {
	for _, tc := range []struct {
		text string
		kind kestra.Kind
	}{
		{"{a: 1}\n{b: }", kestra.ErrSyntax},
		{"{a: 1}\n5", kestra.ErrType},
	} {
		var rows int
		var errs []error
		for _, err := range kestra.Rows(strings.NewReader(tc.text)) { // through a pipe
			if err != nil {
				errs = append(errs, err)
			} else {
				rows++
			}
		}
		var e *kestra.Error
		if rows != 1 || len(errs) != 1 || !errors.As(errs[0], &e) || e.Kind != tc.kind || !strings.HasPrefix(e.Message, "line 2, column ") {
			t.Fatalf("%q: want 1 row then a %s error at line 2, got %d rows and %v", tc.text, tc.kind, rows, errs)
		}
		if _, err := kestra.Read(writeIon(t, tc.text)); !errors.Is(err, tc.kind) {
			t.Fatalf("Read(%q): want %s, got %v", tc.text, tc.kind, err)
		}
	}
	if _, err := kestra.Read(filepath.Join(t.TempDir(), "missing.ion")); !errors.Is(err, kestra.ErrIO) {
		t.Fatalf("a missing file: want ErrIO, got %v", err)
	}
}

// A consumer may stop early: the rest of the input is not read.
func TestRowsStopsEarly(t *testing.T) {
	f, err := os.Open(writeIon(t, strings.Repeat("{n: 1}\n", 100000)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for row, err := range kestra.Rows(f) {
		if err != nil || row["n"] != int64(1) {
			t.Fatal(row, err)
		}
		if n++; n == 3 {
			break
		}
	}
	if n != 3 {
		t.Fatalf("got %d rows", n)
	}
}
