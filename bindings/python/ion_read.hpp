// kestra._core.IonRows: the rows of an Ion file as Python dicts, built from the
// core's reader events (kestra/ion.h) with the official Kestra.read's types.
#pragma once

#include <pybind11/pybind11.h>

namespace kestra_py {

void register_ion_rows(pybind11::module_ &m);

}  // namespace kestra_py
