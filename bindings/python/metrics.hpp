// kestra._core's metric functions: counter, gauge and metric.
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>

namespace kestra_py {

// Adds counter, gauge and metric to the module. Call once, at import; false
// with a Python error set.
bool add_metric_functions(PyObject *module);

}  // namespace kestra_py
