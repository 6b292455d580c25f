// Package kestratest lets a Go script's own tests assert what Kestra would record
// from it: the outputs, metrics, logs and assets its "::{json}::" lines carry,
// read by the SDK's core by the rules of `kestra-emit show` (outputs merged across
// lines, the last write winning; counters and timers of one name and tags added
// up; a gauge's last value).
//
//	func TestETL(t *testing.T) {
//		rec := kestratest.Capture(t, func() { run() })
//		if got := rec.Counter("rows_loaded", map[string]string{"region": "eu"}); got != 823 {
//			t.Errorf("rows_loaded = %v\n%s", got, rec)
//		}
//	}
package kestratest

/*
#include "../internal/core/include/kestra/kestra.h"
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"unsafe"

	_ "github.com/kestra-io/kestra-sdk/go/internal/core" // the core, compiled into the program
)

// Metric is one metric as Kestra stores it.
type Metric struct {
	Type     string            `json:"type"` // "counter", "timer" or "gauge"
	Name     string            `json:"name"`
	Tags     map[string]string `json:"tags"`      // the tag values as stored, as text
	Value    float64           `json:"value"`     // a sum (counter, timer in seconds) or the last gauge value
	StoredMs *int64            `json:"stored_ms"` // a timer's whole milliseconds as stored; nil otherwise
	Lines    int               `json:"lines"`     // how many entries were added into it
}

// Log is one log line as Kestra shows it.
type Log struct {
	Level   string `json:"level"` // TRACE, DEBUG, INFO, WARN, ERROR
	Message string `json:"message"`
	Stream  string `json:"stream"` // "stdout"
	Line    int    `json:"line"`   // 1-based, in its stream
	Text    bool   `json:"text"`   // an ordinary line, logged as text
}

// Problem is a line Kestra would drop ("rejected") or log as text though it looks
// meant as a record ("near_miss").
type Problem struct {
	Stream  string `json:"stream"`
	Line    int    `json:"line"`
	Verdict string `json:"verdict"`
	Reason  string `json:"reason"`
	Excerpt string `json:"excerpt"`
}

// Records is what Kestra would store from the output of a Capture.
type Records struct {
	Outputs     map[string]any    `json:"outputs"`      // merged, values as sent (numbers as json.Number)
	OutputTypes map[string]string `json:"output_types"` // the Java type Kestra reads: Integer, Double, Map...
	Metrics     []Metric          `json:"metrics"`      // in order of first appearance
	Logs        []Log             `json:"logs"`
	Assets      []map[string]any  `json:"assets"`
	Problems    []Problem         `json:"problems"`

	t    testing.TB
	text string
}

// Capture runs fn with os.Stdout replaced by a pipe and returns what Kestra would
// record from what fn wrote there; everything written still reaches the real
// stdout, so the test shows it as usual. Since os.Stdout is the process's, a test
// that captures must not run in parallel with another that writes to it.
func Capture(t testing.TB, fn func()) *Records {
	t.Helper()
	summary := C.kestra_summary_new(C.KESTRA_SUMMARY_TOTALS)
	if summary == nil {
		t.Fatal("kestratest: out of memory")
	}
	defer C.kestra_summary_free(summary)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatalf("kestratest: %v", err)
	}
	saved := os.Stdout
	done := make(chan struct{})
	go func() { // feeds the core and the real stdout as the lines arrive
		defer close(done)
		buf := make([]byte, 64<<10)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				C.kestra_summary_feed(summary, C.KESTRA_STREAM_STDOUT, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(n))
				saved.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	os.Stdout = w
	func() {
		defer func() { os.Stdout = saved; w.Close() }() // also when fn panics or calls t.FailNow
		fn()
	}()
	<-done
	r.Close()
	C.kestra_summary_end(summary, C.KESTRA_STREAM_STDOUT)
	return parse(t, summary)
}

func parse(t testing.TB, summary *C.kestra_summary) *Records {
	t.Helper()
	var n C.size_t
	p := C.kestra_summary_json(summary, &n)
	if p == nil {
		t.Fatal("kestratest: out of memory")
	}
	rec := &Records{t: t}
	decoder := json.NewDecoder(bytes.NewReader(C.GoBytes(unsafe.Pointer(p), C.int(n))))
	decoder.UseNumber()
	if err := decoder.Decode(rec); err != nil {
		t.Fatalf("kestratest: the core's summary does not decode: %v", err)
	}
	p = C.kestra_summary_text(summary, C.KESTRA_SUMMARY_PLAIN, &n)
	rec.text = C.GoStringN(p, C.int(n))
	return rec
}

// String is the records as tables, as `kestra-emit show` prints them: for a
// failing test's message.
func (r *Records) String() string { return r.text }

// Metric returns the stored metric of this type, name and exactly these tags (nil
// for none); when there is none, the test fails with what was recorded.
func (r *Records) Metric(typ, name string, tags map[string]string) Metric {
	r.t.Helper()
	for _, m := range r.Metrics {
		if m.Type == typ && m.Name == name && sameTags(m.Tags, tags) {
			return m
		}
	}
	r.t.Fatalf("no %s %q with tags %v was recorded\n%s", typ, name, tags, r.text)
	return Metric{}
}

func sameTags(stored, wanted map[string]string) bool {
	if len(stored) != len(wanted) {
		return false
	}
	for k, v := range wanted {
		if got, ok := stored[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// Counter is the sum of a counter (see Metric).
func (r *Records) Counter(name string, tags map[string]string) float64 {
	r.t.Helper()
	return r.Metric("counter", name, tags).Value
}

// Timer is the total of a timer in seconds (see Metric).
func (r *Records) Timer(name string, tags map[string]string) float64 {
	r.t.Helper()
	return r.Metric("timer", name, tags).Value
}

// Gauge is the last value of a gauge (see Metric).
func (r *Records) Gauge(name string, tags map[string]string) float64 {
	r.t.Helper()
	return r.Metric("gauge", name, tags).Value
}

// Output is an output that must have been recorded; when it was not, the test
// fails with what was.
func (r *Records) Output(key string) any {
	r.t.Helper()
	v, ok := r.Outputs[key]
	if !ok {
		r.t.Fatalf("no output %q was recorded\n%s", key, r.text)
	}
	return v
}

// Messages are the log messages of one level ("" for all), in order.
func (r *Records) Messages(level string) []string {
	var out []string
	for _, l := range r.Logs {
		if level == "" || l.Level == level {
			out = append(out, l.Message)
		}
	}
	return out
}
