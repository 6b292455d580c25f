// Checking the arguments of kestra._core's functions.
#pragma once

#include <pybind11/pybind11.h>

#include <exception>
#include <initializer_list>
#include <new>
#include <string>

#include "convert.hpp"
#include "errors.hpp"

namespace kestra_py {

// Raises the core's TypeError naming `argument` (kestra_record_not_text) when
// `obj` is not a str; `type` matters for a metric name only.
inline void require_str(kestra_record *r, PyObject *obj, kestra_text_argument argument,
                        kestra_metric_type type = KESTRA_METRIC_COUNTER) {
  if (!PyUnicode_Check(obj)) check(r, kestra_record_not_text(r, argument, type, Py_TYPE(obj)->tp_name));
}

// A str argument as Text, after require_str.
class TextArg : public Text {
 public:
  TextArg(kestra_record *r, PyObject *obj, kestra_text_argument argument,
          kestra_metric_type type = KESTRA_METRIC_COUNTER)
      : Text((require_str(r, obj, argument, type), obj)) {
    if (!ok()) throw pybind11::error_already_set();
  }
};

// The parameters of a METH_FASTCALL | METH_KEYWORDS function, bound to the
// arguments of a call by position or by keyword as CPython binds a def's.
// Such functions skip pybind11's dispatch, which cost as much as building a
// counter's line: they are kept for the calls scripts make in hot loops.
class Parameters {
 public:
  static constexpr int max_count = 6;

  // `names`: every parameter; the first `positional` may be given by
  // position, the first `required` must be given. `function` names the
  // function in errors ("Kestra.counter").
  Parameters(const char *function, std::initializer_list<const char *> names, int positional, int required);

  // Interns the names. Call once, at import; false with a Python error set.
  bool init();

  // Fills out[0..count) with borrowed references, nullptr for a parameter not
  // given. False with a TypeError set, worded as CPython words it for a def.
  bool bind(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, PyObject **out) const;

 private:
  int index_of(PyObject *keyword) const;

  const char *function_;
  const char *names_[max_count] = {};
  PyObject *interned_[max_count] = {};
  int count_ = 0;
  int positional_;
  int required_;
};

// Runs `body` for a function with a plain CPython entry point: its result as
// a new reference, or nullptr with the Python error set. C++ exceptions stop
// here.
template <class Body>
PyObject *guarded(Body body) noexcept {
  try {
    return body();
  } catch (pybind11::error_already_set &e) {
    e.restore();
  } catch (const std::bad_alloc &) {
    PyErr_NoMemory();
  } catch (const std::exception &e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

}  // namespace kestra_py
