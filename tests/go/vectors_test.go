package gotests

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	kestra "github.com/kestra-io/kestra-sdk/go"
	"github.com/kestra-io/kestra-sdk/tests/go/vectors"
)

// TestVectors runs every shared vector through package kestra: Go strings hold any
// bytes and iter.Seq2 keeps an object's order, so Go expresses every vector but
// those it counts as not expressible (a logs record mixing level numbers and names).
// A failing vector must fail with its kind, at its field, with its exact message;
// one whose input holds a lone surrogate gets the message for that string's 3-byte
// form (see vectors.HasLoneSurrogate).
func TestVectors(t *testing.T) {
	all, err := vectors.Load(filepath.Join("..", "vectors"))
	if err != nil {
		t.Fatal(err)
	}
	lines, failures, notExpressible := 0, 0, 0
	for _, v := range all {
		t.Run(v.File+"/"+v.Name, func(t *testing.T) {
			got, err := vectors.Run(v)
			if errors.Is(err, vectors.ErrNotExpressible) {
				notExpressible++ // counted and printed below, as every language's suite does
				return
			}
			if err != nil {
				t.Fatalf("cannot run: %v", err)
			}
			if v.Line != nil {
				lines++
				if got.Err != nil {
					t.Fatalf("want %s\n got error %v", *v.Line, got.Err)
				}
				if got.Line != *v.Line {
					t.Fatalf("want %s\n got %s", *v.Line, got.Line)
				}
				if v.Call != "format" && got.Written != *v.Line+"\n" {
					t.Fatalf("want exactly one line, got %q", got.Written)
				}
				return
			}
			failures++
			if got.Written != "" {
				t.Errorf("failed call wrote %q", got.Written)
			}
			var e *kestra.Error
			if !errors.As(got.Err, &e) {
				t.Fatalf("want a %s error at %s, got %v", v.Error.Kind, v.Error.Field, got.Err)
			}
			if string(e.Kind) != v.Error.Kind || !errors.Is(got.Err, kestra.Kind(v.Error.Kind)) {
				t.Errorf("want kind %s, got %s: %s", v.Error.Kind, e.Kind, e.Message)
			}
			if !strings.HasPrefix(e.Message, v.Error.Field+": ") {
				t.Errorf("want a message starting %q, got %q", v.Error.Field+": ", e.Message)
			}
			if e.Message != v.Error.Message && !vectors.HasLoneSurrogate(v) {
				t.Errorf("want the vector's exact message\n %q\ngot\n %q", v.Error.Message, e.Message)
			}
		})
	}
	t.Logf("%d vectors: %d lines, %d errors, %d not expressible in Go", len(all), lines, failures, notExpressible)
	if lines+failures+notExpressible != len(all) {
		t.Errorf("%d + %d + %d vectors counted, %d loaded", lines, failures, notExpressible, len(all))
	}
	if len(all) < 600 {
		t.Errorf("only %d vectors found", len(all))
	}
}
