package kestratest_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	kestra "github.com/kestra-io/kestra-sdk/go"
	"github.com/kestra-io/kestra-sdk/go/kestratest"
)

func script() {
	kestra.Outputs(map[string]any{"rows": 823, "status": "ok"})
	kestra.Outputs(map[string]any{"status": "done"})
	kestra.Counter("rows_loaded", 800, map[string]string{"region": "eu"})
	kestra.Counter("rows_loaded", 23, map[string]string{"region": "eu"})
	kestra.Timer("load", 1500*time.Millisecond, nil)
	kestra.Gauge("queue", 3, nil)
	kestra.Gauge("queue", 1, nil)
	kestra.Log(kestra.LevelWarn, "disk almost full")
	fmt.Println("a plain line")
	fmt.Println(`::{"outputs":[1]}::`)
}

func TestCaptureReadsWhatKestraStores(t *testing.T) {
	rec := kestratest.Capture(t, script)
	if want := map[string]any{"rows": json.Number("823"), "status": "done"}; !reflect.DeepEqual(rec.Outputs, want) {
		t.Errorf("outputs: got %v", rec.Outputs)
	}
	if rec.OutputTypes["rows"] != "Integer" || rec.Output("status") != "done" {
		t.Errorf("output types %v", rec.OutputTypes)
	}
	if got := rec.Counter("rows_loaded", map[string]string{"region": "eu"}); got != 823 {
		t.Errorf("counter: %v", got)
	}
	if m := rec.Metric("timer", "load", nil); m.Value != 1.5 || m.StoredMs == nil || *m.StoredMs != 1500 {
		t.Errorf("timer: %+v", m)
	}
	if got := rec.Gauge("queue", nil); got != 1 {
		t.Errorf("gauge: %v", got)
	}
	if got := rec.Messages("WARN"); !reflect.DeepEqual(got, []string{"disk almost full"}) {
		t.Errorf("WARN messages: %v", got)
	}
	if got := rec.Messages("INFO"); len(got) < 1 || got[0] != "a plain line" {
		t.Errorf("INFO messages: %v", got)
	}
	if len(rec.Problems) != 1 || rec.Problems[0].Verdict != "rejected" || rec.Problems[0].Line != 10 {
		t.Errorf("problems: %+v", rec.Problems)
	}
	if !strings.Contains(rec.String(), "rows_loaded") {
		t.Errorf("the text lacks the counter:\n%s", rec)
	}
}

// fakeT records what a failing lookup reports, without stopping this test.
type fakeT struct {
	testing.TB
	failures []string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(format string, a ...any) {
	f.failures = append(f.failures, fmt.Sprintf(format, a...))
}

func TestAMissingRecordFailsWithWhatWasRecorded(t *testing.T) {
	fake := &fakeT{TB: t}
	rec := kestratest.Capture(fake, script)
	rec.Counter("rows_loaded", map[string]string{"region": "us"})
	rec.Output("nope")
	if len(fake.failures) != 2 {
		t.Fatalf("want 2 failures, got %q", fake.failures)
	}
	for _, f := range fake.failures {
		if !strings.Contains(f, "was recorded\n") || !strings.Contains(f, "rows_loaded") || !strings.Contains(f, "status") {
			t.Errorf("the failure does not show the records:\n%s", f)
		}
	}
}
