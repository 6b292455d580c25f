// kestra._core.Summary: the core's kestra_summary (what Kestra stores from a
// script's output) for kestra.testing. Registered by module.cpp.
#pragma once

#include <pybind11/pybind11.h>

void add_summary_class(pybind11::module_ &m);
