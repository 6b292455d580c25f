// Core results as Python exceptions: the classes of kestra._errors, one per
// kind (KestraTypeError(TypeError), KestraValueError(ValueError), ...).
#pragma once

#include <pybind11/pybind11.h>

#include "kestra/kestra.h"

namespace kestra_py {

[[noreturn]] inline void raise(PyObject *type, const char *message) {
  PyErr_SetString(type, message);
  throw pybind11::error_already_set();
}

// Loads the classes of kestra._errors. Call once, at import; false with a
// Python error set.
bool init_errors();

// The class raised for `result` (borrowed): kestra._errors' class of its kind,
// MemoryError for no_memory.
PyObject *error_class(kestra_result result);

// Raises the Python exception for a failed result, with the core's message;
// KESTRA_ERROR_USER means a Python exception is set already and propagates.
inline void check(kestra_record *r, kestra_result res) {
  if (res == KESTRA_OK) return;
  if (res == KESTRA_ERROR_USER) throw pybind11::error_already_set();
  const char *message = kestra_record_error(r);
  raise(error_class(res), message != nullptr && *message ? message : kestra_result_name(res));
}

}  // namespace kestra_py
