package kestra

/*
#include "glue.h"
*/
import "C"

import (
	"bytes"
	"context"
	"log/slog"
	"math"
	"strings"
	"sync"
)

// Level is a Kestra log level, the core's kestra_level: LevelTrace (0) to LevelError (4).
type Level int

// The levels the server reads.
const (
	LevelTrace Level = 0 // TRACE: the finest detail
	LevelDebug Level = 1 // DEBUG
	LevelInfo  Level = 2 // INFO: what a script's plain stdout lines are too
	LevelWarn  Level = 3 // WARN
	LevelError Level = 4 // ERROR
)

// Log writes one log record of one entry. A level outside LevelTrace..LevelError is
// an ErrValue.
func Log(level Level, message string) error {
	return writeRecord(beginLogs, func(r *record) C.kestra_result {
		p, n := text(message)
		return C.kestra_record_log(r.c, cLevel(level), p, n)
	})
}

// cLevel is level as the core's enum; one past an int's range becomes -1, which the
// core refuses like any unknown level (a plain conversion could wrap to a valid one).
func cLevel(level Level) C.kestra_level {
	if level < math.MinInt32 || level > math.MaxInt32 {
		return -1
	}
	return C.kestra_level(level)
}

func beginLogs(c *C.kestra_record) C.kestra_result { return C.kestra_record_begin_logs(c) }

// A LogEntry is one entry of Logs. Level is a level name as Kestra reads it, in any
// case: TRACE, DEBUG, INFO, WARN, ERROR, and WARNING, CRITICAL, FATAL.
type LogEntry struct {
	Level   string // a level name, as above
	Message string // any text (the server splits a very long one into several entries)
}

// Logs writes one log record holding every entry, in order (an unknown level name
// is an ErrValue naming the entry: "logs[2] level").
func Logs(entries ...LogEntry) error {
	return writeRecord(beginLogs, func(r *record) C.kestra_result {
		res := C.kestra_result(C.KESTRA_OK)
		for _, e := range entries {
			lp, ln := text(e.Level)
			mp, mn := text(e.Message)
			if res = C.kestra_record_log_named(r.c, lp, ln, mp, mn); res != C.KESTRA_OK {
				break
			}
		}
		return res
	})
}

// levelOf maps a slog level to Kestra's: below slog.LevelDebug is TRACE, then DEBUG,
// INFO, WARN, and slog.LevelError or above is ERROR.
func levelOf(l slog.Level) Level {
	switch {
	case l < slog.LevelDebug:
		return LevelTrace
	case l < slog.LevelInfo:
		return LevelDebug
	case l < slog.LevelWarn:
		return LevelInfo
	case l < slog.LevelError:
		return LevelWarn
	}
	return LevelError
}

// LogHandler returns a slog.Handler that writes each record as one Kestra log line
// (slog.New(kestra.LogHandler())): every level (slog's levels map to Kestra's, those
// below Debug to TRACE), with the record's attributes and groups folded into the
// message as slog's text handler writes them ("loaded rows=42 table=users").
func LogHandler() slog.Handler { return NewLogHandler(nil) }

// NewLogHandler is LogHandler with options: Level (the minimum level; nil means
// every level), AddSource and ReplaceAttr as slog.HandlerOptions mean them.
func NewLogHandler(opts *slog.HandlerOptions) slog.Handler {
	var o slog.HandlerOptions
	if opts != nil {
		o = *opts
	}
	s := &attrSink{}
	user := o.ReplaceAttr
	// The message and level are the entry's own; the time is the server's.
	o.ReplaceAttr = func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && (a.Key == slog.TimeKey || a.Key == slog.LevelKey || a.Key == slog.MessageKey) {
			return slog.Attr{}
		}
		if user != nil {
			return user(groups, a)
		}
		return a
	}
	minimum := o.Level
	o.Level = slog.Level(-1 << 31) // filtering is ours (Enabled), the text handler formats everything
	return &logHandler{text: slog.NewTextHandler(s, &o), sink: s, minimum: minimum}
}

// attrSink receives what the text handler writes for one record at a time.
type attrSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *attrSink) Write(p []byte) (int, error) { return s.buf.Write(p) }

type logHandler struct {
	text    slog.Handler // formats the attributes (and AddSource's source)
	sink    *attrSink
	minimum slog.Leveler
}

// Enabled reports whether records of `level` are written.
func (h *logHandler) Enabled(_ context.Context, level slog.Level) bool {
	return h.minimum == nil || level >= h.minimum.Level()
}

// Handle writes the record as one log line through the core.
func (h *logHandler) Handle(ctx context.Context, rec slog.Record) error {
	h.sink.mu.Lock()
	h.sink.buf.Reset()
	err := h.text.Handle(ctx, rec)
	attrs := strings.TrimSuffix(h.sink.buf.String(), "\n")
	h.sink.mu.Unlock()
	if err != nil {
		return err
	}
	message := rec.Message
	if attrs != "" {
		if message != "" {
			message += " "
		}
		message += attrs
	}
	return Log(levelOf(rec.Level), message)
}

// WithAttrs returns a handler whose records carry attrs too.
func (h *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logHandler{text: h.text.WithAttrs(attrs), sink: h.sink, minimum: h.minimum}
}

// WithGroup returns a handler whose attributes are qualified by the group name.
func (h *logHandler) WithGroup(name string) slog.Handler {
	return &logHandler{text: h.text.WithGroup(name), sink: h.sink, minimum: h.minimum}
}
