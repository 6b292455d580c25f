package kestra_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/big"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	kestra "github.com/kestra-io/kestra-sdk/go"
)

// capture runs fn with os.Stdout replaced by a temporary file and returns what was
// written to it.
func capture(t *testing.T, fn func()) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "stdout")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved := os.Stdout
	os.Stdout = f
	defer func() { os.Stdout = saved }()
	fn()
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func wantLine(t *testing.T, got, want string) {
	t.Helper()
	if got != want+"\n" {
		t.Errorf("\n got %q\nwant %q", got, want+"\n")
	}
}

func TestValuesAsEncodingJSONWritesThem(t *testing.T) {
	type inner struct{ N int }
	type Embedded struct {
		Shared string `json:"shared"`
	}
	type row struct {
		Embedded
		ID      int            `json:"id"`
		Skip    string         `json:"-"`
		Empty   []int          `json:"empty,omitempty"`
		Ratio   float32        `json:"ratio"`
		Inner   *inner         `json:"inner"`
		When    time.Time      `json:"when"`
		Raw     []byte         `json:"raw"`
		ByCount map[int]string `json:"by_count"`
		hidden  int            //nolint:unused // unexported: never written
	}
	when := time.Date(2026, 11, 21, 10, 30, 0, 500, time.UTC)
	got := capture(t, func() {
		err := kestra.Outputs(row{Embedded{"s"}, 7, "x", nil, 0.1, &inner{2}, when, []byte("hi"),
			map[int]string{10: "a", 2: "b"}, 0})
		if err != nil {
			t.Fatal(err)
		}
	})
	wantLine(t, got, `::{"outputs":{"shared":"s","id":7,"ratio":0.1,"inner":{"N":2},`+
		`"when":"2026-11-21T10:30:00.0000005Z","raw":"aGk=","by_count":{"10":"a","2":"b"}}}::`)
}

func TestNumbersKeepTheirType(t *testing.T) {
	big2to100, _ := new(big.Int).SetString("1267650600228229401496703205376", 10)
	got := capture(t, func() {
		kestra.Outputs(map[string]any{"f": 1.0, "i": 1, "u": uint64(1 << 63), "big": big2to100, "nil": nil})
	})
	wantLine(t, got, `::{"outputs":{"big":1267650600228229401496703205376,"f":1.0,"i":1,"nil":null,"u":9223372036854775808}}::`)
}

func TestOrderedObjectsFromIterators(t *testing.T) {
	got := capture(t, func() {
		kestra.Outputs(func(yield func(string, any) bool) {
			_ = yield("z", 1) && yield("a", maps.All(map[string]any{"k": true}))
		})
	})
	wantLine(t, got, `::{"outputs":{"z":1,"a":{"k":true}}}::`)
}

func TestBadValuesWriteNothing(t *testing.T) {
	type node struct{ Next *node }
	loop := &node{}
	loop.Next = loop
	cases := []struct {
		name  string
		call  func() error
		kind  kestra.Kind
		field string
	}{
		{"func", func() error { return kestra.Outputs(map[string]any{"f": func() {}}) }, kestra.ErrType, "outputs['f']: unsupported type func()"},
		{"chan in a slice", func() error { return kestra.Outputs(map[string]any{"c": []any{make(chan int)}}) }, kestra.ErrType, "outputs['c'][0]: unsupported type chan int"},
		{"pointer cycle", func() error { return kestra.Outputs(map[string]any{"n": loop}) }, kestra.ErrCycle, "outputs['n']['Next']"},
		{"invalid UTF-8", func() error { return kestra.Outputs(map[string]string{"s": "\xff"}) }, kestra.ErrUnicode, "outputs['s']"},
		{"bool counter", func() error { return kestra.Counter("rows", true, nil) }, kestra.ErrType, "counter 'rows' value"},
		{"tags not an object", func() error { return kestra.Counter("rows", 1, 5) }, kestra.ErrType, "counter 'rows' tags"},
		{"negative timer", func() error { return kestra.Timer("t", -time.Second, nil) }, kestra.ErrValue, "timer 't' value"},
		{"bad timestamp", func() error {
			return kestra.Gauge("g", 1, nil, kestra.WithTimestampText("yesterday"))
		}, kestra.ErrValue, "gauge 'g' timestamp"},
		{"level out of range", func() error { return kestra.Log(kestra.Level(9), "x") }, kestra.ErrValue, "logs[0] level"},
		{"level past an int32", func() error { return kestra.Log(kestra.Level(1<<32+2), "x") }, kestra.ErrValue, "logs[0] level"},
		{"bad JSON", func() error { return kestra.OutputsJSON([]byte(`{"a":}`)) }, kestra.ErrSyntax, "outputs"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			if got := capture(t, func() { err = c.call() }); got != "" {
				t.Errorf("wrote %q", got)
			}
			var e *kestra.Error
			if !errors.As(err, &e) || e.Kind != c.kind || !errors.Is(err, c.kind) {
				t.Fatalf("want a %s *kestra.Error, got %#v", c.kind, err)
			}
			if !strings.HasPrefix(e.Message, c.field) {
				t.Errorf("want %q..., got %q", c.field, e.Message)
			}
		})
	}
}

func TestTimeWritesTheTimerAndKeepsTheError(t *testing.T) {
	failure := errors.New("load failed")
	var err error
	got := capture(t, func() { err = kestra.Time("load", map[string]string{"step": "1"}, func() error { return failure }) })
	if err != failure {
		t.Errorf("want fn's error unchanged, got %v", err)
	}
	if !strings.HasPrefix(got, `::{"metrics":[{"name":"load","type":"timer","value":`) ||
		!strings.HasSuffix(got, `,"tags":{"step":"1"}}]}::`+"\n") {
		t.Errorf("no timer line: %q", got)
	}
	got = capture(t, func() {
		defer func() {
			if recover() != "boom" {
				t.Error("the panic did not propagate")
			}
		}()
		kestra.Time("load", nil, func() error { panic("boom") })
	})
	if strings.Count(got, `"type":"timer"`) != 1 {
		t.Errorf("no timer line after a panic: %q", got)
	}
}

func TestLogHandlerMapsEveryLevel(t *testing.T) {
	got := capture(t, func() {
		log := slog.New(kestra.LogHandler()).With("job", "etl").WithGroup("req")
		for _, l := range []slog.Level{slog.LevelDebug - 4, slog.LevelDebug, slog.LevelInfo, slog.LevelWarn, slog.LevelError, slog.LevelError + 4} {
			log.Log(nil, l, "m", "id", 1)
		}
	})
	var want strings.Builder
	for _, l := range []string{"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "ERROR"} {
		fmt.Fprintf(&want, `::{"logs":[{"level":%q,"message":"m job=etl req.id=1"}]}::`+"\n", l)
	}
	if got != want.String() {
		t.Errorf("\n got %s\nwant %s", got, want.String())
	}
	quiet := slog.New(kestra.NewLogHandler(&slog.HandlerOptions{Level: slog.LevelWarn}))
	if got := capture(t, func() { quiet.Info("hidden"); quiet.Warn("shown") }); strings.Count(got, "\n") != 1 {
		t.Errorf("Level not honoured: %q", got)
	}
}

// TestGoroutinesWriteWholeLines: 8 goroutines write 2,000 lines each into one pipe;
// every line read is whole.
func TestGoroutinesWriteWholeLines(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = saved }()
	lines := make(chan []string)
	go func() {
		var got []string
		s := bufio.NewScanner(r)
		s.Buffer(nil, 1<<20)
		for s.Scan() {
			got = append(got, s.Text())
		}
		lines <- got
	}()
	var wg sync.WaitGroup
	payload := strings.Repeat("x", 3000)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				if err := kestra.Outputs(map[string]any{"g": g, "i": i, "p": payload}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	w.Close()
	got := <-lines
	if len(got) != 16000 {
		t.Fatalf("want 16000 lines, got %d", len(got))
	}
	for _, l := range got {
		if !strings.HasPrefix(l, `::{"outputs":{"g":`) || !strings.HasSuffix(l, payload+`"}}::`) {
			t.Fatalf("torn line: %.80q", l)
		}
	}
}

func TestWriteErrorsCarryErrno(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // the reader is gone: EPIPE, and no SIGPIPE death
	saved := os.Stdout
	os.Stdout = w
	err = kestra.Counter("rows", 1, nil)
	os.Stdout = saved
	w.Close()
	if !errors.Is(err, kestra.ErrIO) || !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("want an io error with EPIPE, got %v", err)
	}
}

func TestFormatReturnsTheLine(t *testing.T) {
	var line string
	var err error
	got := capture(t, func() {
		line, err = kestra.Format(map[string]any{"outputs": map[string]any{"a": 1}})
	})
	if err != nil || line != `::{"outputs":{"a":1}}::` || got != "" {
		t.Errorf("got %q, %v, wrote %q", line, err, got)
	}
}

// TestGoneReaderOnFd1IsAnError: with fd 1 a pipe whose reader is gone, a record gives
// an EPIPE error and the process goes on (no death by SIGPIPE). The test binary runs
// itself as the writer, which waits on stdin until the reader has been closed.
func TestGoneReaderOnFd1IsAnError(t *testing.T) {
	if os.Getenv("KESTRA_TEST_EPIPE_CHILD") == "1" {
		io.ReadFull(os.Stdin, make([]byte, 1))
		err := kestra.Counter("rows", 1, nil)
		fmt.Fprintf(os.Stderr, "epipe=%v", errors.Is(err, syscall.EPIPE))
		os.Exit(0)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestGoneReaderOnFd1IsAnError$")
	cmd.Env = append(os.Environ(), "KESTRA_TEST_EPIPE_CHILD=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stdout.Close() // the reader goes away, then the child writes
	stdin.Write([]byte{1})
	stdin.Close()
	if err := cmd.Wait(); err != nil || stderr.String() != "epipe=true" {
		t.Fatalf("child: %v, stderr %q", err, stderr.String())
	}
}

func TestSelfReferenceEnds(t *testing.T) {
	s := make([]any, 1)
	s[0] = s
	type node struct {
		Name   string
		Parent *node `json:",omitempty"`
	}
	nodes := []node{{Name: "root"}, {Name: "kid"}}
	nodes[1].Parent = &nodes[0] // inside the slice, a pointer to its first element: no cycle
	var err error
	got := capture(t, func() {
		err = kestra.Outputs(map[string]any{"s": s})
		if !errors.Is(err, kestra.ErrDepth) {
			t.Errorf("a slice in itself: want ErrDepth, got %v", err)
		}
		err = kestra.Outputs(map[string]any{"k": nodes})
	})
	if err != nil {
		t.Fatal(err)
	}
	wantLine(t, got, `::{"outputs":{"k":[{"Name":"root"},{"Name":"kid","Parent":{"Name":"root"}}]}}::`)
}

func TestDeepNestingIsADepthError(t *testing.T) {
	var v any = 1
	for i := 0; i < 100_000; i++ {
		v = []any{v}
	}
	var err error
	if got := capture(t, func() { err = kestra.Outputs(map[string]any{"a": v}) }); got != "" {
		t.Errorf("wrote %q", got)
	}
	if !errors.Is(err, kestra.ErrDepth) || !strings.HasPrefix(err.Error(), "outputs['a'][0]") {
		t.Fatalf("want a depth error at outputs['a'][0]..., got %v", err)
	}
}

type failingMarshaler struct{}

var errMarshal = errors.New("cannot marshal this")

func (failingMarshaler) MarshalJSON() ([]byte, error) { return nil, errMarshal }

// A value whose MarshalJSON fails: its error comes back unchanged (as
// encoding/json returns it), and nothing is written.
func TestMarshalerErrorReturnedUnchanged(t *testing.T) {
	var err error
	out := capture(t, func() { err = kestra.Outputs(map[string]any{"v": failingMarshaler{}}) })
	if !errors.Is(err, errMarshal) || out != "" {
		t.Fatalf("want errMarshal and no line, got %v and %q", err, out)
	}
	if err := kestra.Outputs(map[string]any{"ok": 1}); err != nil { // the pooled handle is fine
		t.Fatal(err)
	}
}
