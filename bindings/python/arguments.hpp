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

// `text` itself when it is a str, else a TypeError naming the field. (The ABI
// takes names and texts as strings only, so this check cannot be the core's.)
// `field()` words the field; it runs only for the error, so that a call that
// succeeds builds no message.
template <class Field>
PyObject* str_arg(PyObject* text, Field field) {
  if (!PyUnicode_Check(text)) {
    const std::string message =
        std::string(field()) + ": must be a str, not " + Py_TYPE(text)->tp_name;
    raise(PyExc_TypeError, message.c_str());
  }
  return text;
}

// A str the ABI takes as UTF-8 only (timestamps, JSON text).
template <class Field>
Utf8 utf8_arg(PyObject* text, Field field) {
  Utf8 utf8(str_arg(text, field));
  if (!utf8.ok()) throw pybind11::error_already_set();
  return utf8;
}

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
  Parameters(const char* function, std::initializer_list<const char*> names, int positional,
             int required);

  // Interns the names. Call once, at import; false with a Python error set.
  bool init();

  // Fills out[0..count) with borrowed references, nullptr for a parameter not
  // given. False with a TypeError set, worded as CPython words it for a def.
  bool bind(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, PyObject** out) const;

 private:
  int index_of(PyObject* keyword) const;

  const char* function_;
  const char* names_[max_count] = {};
  PyObject* interned_[max_count] = {};
  int count_ = 0;
  int positional_;
  int required_;
};

// Runs `body` for a function with a plain CPython entry point: its result as
// a new reference, or nullptr with the Python error set. C++ exceptions stop
// here.
template <class Body>
PyObject* guarded(Body body) noexcept {
  try {
    return body();
  } catch (pybind11::error_already_set& e) {
    e.restore();
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

}  // namespace kestra_py
