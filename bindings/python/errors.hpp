// Core results as Python exceptions.
#pragma once

#include <pybind11/pybind11.h>

#include "convert.hpp"

namespace kestra_py {

[[noreturn]] inline void raise(PyObject* type, const char* message) {
  PyErr_SetString(type, message);
  throw pybind11::error_already_set();
}

// Raises the Python exception for a failed result: TypeError for "type",
// OSError for "io", ValueError for the other data errors (value, unicode,
// depth, cycle, syntax, limit); a set Python error propagates as it is.
inline void check(kestra_record* r, kestra_result res) {
  if (res == KESTRA_OK) return;
  if (res == python_error) throw pybind11::error_already_set();
  PyObject* type = PyExc_ValueError;
  switch (res) {
    case KESTRA_ERROR_TYPE: type = PyExc_TypeError; break;
    case KESTRA_ERROR_IO: type = PyExc_OSError; break;
    case KESTRA_ERROR_NO_MEMORY: type = PyExc_MemoryError; break;
    case KESTRA_ERROR_USAGE:
    case KESTRA_ERROR_BUFFER_TOO_SMALL: type = PyExc_RuntimeError; break;
    default: break;
  }
  const char* message = kestra_record_error(r);
  raise(type, message != nullptr && *message ? message : kestra_result_name(res));
}

}  // namespace kestra_py
