// Metric lines. counter and gauge are bound as Kestra.counter and
// Kestra.gauge themselves (python/src/kestra/_kestra.py), with plain CPython
// entry points: a counter in a loop is the call scripts make most often, and
// a Python frame plus pybind11's dispatch cost as much as building its line.
#include "metrics.hpp"

#include <string>

#include "arguments.hpp"
#include "output.hpp"
#include "record_lease.hpp"

namespace py = pybind11;

namespace kestra_py {
namespace {

bool given(PyObject *arg) { return arg != nullptr && arg != Py_None; }

// Writes one metric line. `timestamp` is ISO-8601 text or anything with
// isoformat() (datetime). tags, timestamp and description are optional:
// nullptr or None.
void write_metric(kestra_metric_type type, PyObject *name, PyObject *value, PyObject *tags,
                  PyObject *timestamp, PyObject *description) {
  Lease lease;
  kestra_record *r = lease.get();
  Converter convert(r);
  const TextArg name_text(r, name, KESTRA_ARGUMENT_METRIC_NAME, type);
  check(r, pass_text(
               name_text, [&](const char *s, size_t n) { return kestra_record_begin_metric(r, type, s, n); },
               [&](const uint16_t *s, size_t n) { return kestra_record_begin_metric_utf16(r, type, s, n); }));
  check(r, convert.value(value));
  if (given(tags)) {
    check(r, Converter::is_mapping(tags) ? convert.entries(tags)
                                         : kestra_record_unsupported(r, Py_TYPE(tags)->tp_name));
  }
  if (given(timestamp)) {
    py::object text = py::reinterpret_borrow<py::object>(timestamp);
    if (!PyUnicode_Check(timestamp) && py::hasattr(text, "isoformat")) {
      text = text.attr("isoformat")();
    }
    const TextArg stamp(r, text.ptr(), KESTRA_ARGUMENT_METRIC_TIMESTAMP);
    check(r, pass_text(
                 stamp, [r](const char *s, size_t n) { return kestra_record_metric_timestamp(r, s, n); },
                 [r](const uint16_t *s, size_t n) { return kestra_record_metric_timestamp_utf16(r, s, n); }));
  }
  if (given(description)) {
    const TextArg text(r, description, KESTRA_ARGUMENT_METRIC_DESCRIPTION);
    check(r,
          pass_text(
              text, [r](const char *s, size_t n) { return kestra_record_metric_description(r, s, n); },
              [r](const uint16_t *s, size_t n) { return kestra_record_metric_description_utf16(r, s, n); }));
  }
  emit(r);
}

// Kestra.counter and Kestra.gauge: (name, value, tags=None, *, timestamp=None,
// description=None), as the official library's (name, value, tags=None).
Parameters counter_parameters("Kestra.counter", {"name", "value", "tags", "timestamp", "description"}, 3, 2);
Parameters gauge_parameters("Kestra.gauge", {"name", "value", "tags", "timestamp", "description"}, 3, 2);

PyObject *named_metric(kestra_metric_type type, const Parameters &parameters, PyObject *const *args,
                       Py_ssize_t nargs, PyObject *kwnames) {
  PyObject *a[Parameters::max_count];
  if (!parameters.bind(args, nargs, kwnames, a)) return nullptr;
  return guarded([&] {
    write_metric(type, a[0], a[1], a[2], a[3], a[4]);
    Py_RETURN_NONE;
  });
}

PyObject *counter(PyObject *, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  return named_metric(KESTRA_METRIC_COUNTER, counter_parameters, args, nargs, kwnames);
}

PyObject *gauge(PyObject *, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
  return named_metric(KESTRA_METRIC_GAUGE, gauge_parameters, args, nargs, kwnames);
}

// metric(type, name, value, tags, timestamp, description), every argument by
// position: for Kestra.timer, Timer and Kestra._metrics.
Parameters metric_parameters("metric", {"type", "name", "value", "tags", "timestamp", "description"}, 6, 6);

PyObject *metric(PyObject *, PyObject *const *args, Py_ssize_t nargs) {
  PyObject *a[Parameters::max_count];
  if (!metric_parameters.bind(args, nargs, nullptr, a)) return nullptr;
  const long type = PyLong_Check(a[0]) ? PyLong_AsLong(a[0]) : -1;
  if (type < KESTRA_METRIC_COUNTER || type > KESTRA_METRIC_GAUGE) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "kestra: unknown metric type");
    return nullptr;
  }
  return guarded([&] {
    write_metric(static_cast<kestra_metric_type>(type), a[1], a[2], a[3], a[4], a[5]);
    Py_RETURN_NONE;
  });
}

template <class Function>
PyCFunction entry(Function function) {
  // CPython's documented way to store a fastcall function in a PyMethodDef.
  return reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(function));
}

PyMethodDef functions[] = {
    {"counter", entry(&counter), METH_FASTCALL | METH_KEYWORDS,
     "counter($module, /, name, value, tags=None, *, timestamp=None, description=None)\n--\n\n"
     "Add ``value`` to the counter ``name``; tags map str to str, number or bool."},
    {"gauge", entry(&gauge), METH_FASTCALL | METH_KEYWORDS,
     "gauge($module, /, name, value, tags=None, *, timestamp=None, description=None)\n--\n\n"
     "Send the current value of the gauge ``name``."},
    {"metric", entry(&metric), METH_FASTCALL,
     "metric($module, type, name, value, tags, timestamp, description, /)\n--\n\n"
     "Writes one metric line (type COUNTER, TIMER or GAUGE)."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

bool add_metric_functions(PyObject *module) {
  return counter_parameters.init() && gauge_parameters.init() && metric_parameters.init() &&
         PyModule_AddFunctions(module, functions) == 0;
}

}  // namespace kestra_py
