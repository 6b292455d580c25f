// The execution context functions of kestra._core.
#pragma once

#include <pybind11/pybind11.h>

namespace kestra_py {

void add_context_functions(pybind11::module_ &m);

}  // namespace kestra_py
