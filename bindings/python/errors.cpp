#include "errors.hpp"

namespace kestra_py {
namespace {

PyObject *classes[KESTRA_ERROR_USER + 1] = {};  // by result code; new references, kept for the process

}  // namespace

bool init_errors() {
  PyObject *module = PyImport_ImportModule("kestra._errors");
  if (module == nullptr) return false;
  PyObject *by_kind = PyObject_GetAttrString(module, "BY_KIND");
  Py_DECREF(module);
  if (by_kind == nullptr) return false;
  for (int code = KESTRA_ERROR_TYPE; code <= KESTRA_ERROR_USER; ++code) {
    const char *kind = kestra_result_name(static_cast<kestra_result>(code));
    PyObject *cls = PyDict_GetItemString(by_kind, kind);  // borrowed; absent for no_memory, user...
    if (cls != nullptr) {
      Py_INCREF(cls);
      classes[code] = cls;
    }
  }
  Py_DECREF(by_kind);
  // Not data errors: the usage class serves buffer_too_small, and user never reaches Python.
  if (classes[KESTRA_ERROR_USAGE] == nullptr) {
    PyErr_SetString(PyExc_ImportError, "kestra._errors lacks the usage class");
    return false;
  }
  classes[KESTRA_ERROR_BUFFER_TOO_SMALL] = classes[KESTRA_ERROR_USAGE];
  Py_INCREF(classes[KESTRA_ERROR_USAGE]);
  return true;
}

PyObject *error_class(kestra_result result) {
  if (result == KESTRA_ERROR_NO_MEMORY) return PyExc_MemoryError;
  const int code = static_cast<int>(result);
  if (code >= 0 && code <= KESTRA_ERROR_USER && classes[code] != nullptr) return classes[code];
  return classes[KESTRA_ERROR_USAGE] != nullptr ? classes[KESTRA_ERROR_USAGE] : PyExc_RuntimeError;
}

}  // namespace kestra_py
