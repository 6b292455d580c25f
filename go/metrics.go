package kestra

/*
#include "glue.h"
*/
import "C"

import (
	"reflect"
	"time"
)

// A MetricOption sets an optional field of a metric.
type MetricOption func(*metricOptions)

type metricOptions struct {
	timestamp, description string
	hasTimestamp, hasDesc  bool
}

// WithTimestamp records when the measure was taken.
func WithTimestamp(t time.Time) MetricOption {
	return WithTimestampText(t.Format(time.RFC3339Nano))
}

// WithTimestampText records when the measure was taken, as ISO-8601 text with a
// date, a time and a zone ("2026-11-21T10:30:00Z"); anything else is an ErrValue.
func WithTimestampText(iso8601 string) MetricOption {
	return func(o *metricOptions) { o.timestamp, o.hasTimestamp = iso8601, true }
}

// WithDescription describes the metric.
func WithDescription(text string) MetricOption {
	return func(o *metricOptions) { o.description, o.hasDesc = text, true }
}

// Counter writes a counter metric. value is any Go number (or a *big.Int, a
// json.Number); tags is nil, or a map with string keys or a struct whose values are
// strings, numbers or booleans.
func Counter(name string, value any, tags any, opts ...MetricOption) error {
	return metric(C.KESTRA_METRIC_COUNTER, name, value, tags, opts)
}

// Gauge writes a gauge metric: a value measured now. Arguments as Counter's.
func Gauge(name string, value any, tags any, opts ...MetricOption) error {
	return metric(C.KESTRA_METRIC_GAUGE, name, value, tags, opts)
}

// Timer writes a timer metric of `seconds` (>= 0): any Go number, or a
// time.Duration (written as its seconds). Tags as Counter's.
func Timer(name string, seconds any, tags any, opts ...MetricOption) error {
	if d, ok := seconds.(time.Duration); ok {
		seconds = d.Seconds()
	}
	return metric(C.KESTRA_METRIC_TIMER, name, seconds, tags, opts)
}

// Time runs fn and writes a timer metric of how long it ran (monotonic clock, in
// seconds), also when fn fails or panics. It returns fn's error unchanged (or
// re-panics); when fn succeeded, the error of writing the timer, if any.
func Time(name string, tags any, fn func() error, opts ...MetricOption) (err error) {
	start := time.Now()
	done := false
	defer func() {
		timerErr := Timer(name, time.Since(start), tags, opts...)
		if done && err == nil {
			err = timerErr
		}
	}()
	err = fn()
	done = true
	return err
}

func metric(kind C.kestra_metric_type, name string, value, tags any, opts []MetricOption) error {
	r := getRecord()
	defer putRecord(r)
	p, n := text(name)
	res := C.kestra_record_begin_metric(r.c, kind, p, n)
	if res == C.KESTRA_OK {
		res = r.value(value)
	}
	if res == C.KESTRA_OK && tags != nil {
		res = r.tags(tags)
	}
	if res == C.KESTRA_OK && len(opts) > 0 {
		res = r.metricOptions(opts)
	}
	return r.write(res)
}

// tags gives a tags object's members to a metric, which takes them without braces.
func (r *record) tags(tags any) C.kestra_result {
	if res, ok := r.members(tags); ok {
		return res
	}
	return r.unsupported(reflect.TypeOf(tags))
}

func (r *record) metricOptions(opts []MetricOption) C.kestra_result {
	var o metricOptions
	for _, opt := range opts {
		opt(&o)
	}
	if o.hasTimestamp {
		p, n := text(o.timestamp)
		if res := C.kestra_record_metric_timestamp(r.c, p, n); res != C.KESTRA_OK {
			return res
		}
	}
	if o.hasDesc {
		p, n := text(o.description)
		return C.kestra_record_metric_description(r.c, p, n)
	}
	return C.KESTRA_OK
}
