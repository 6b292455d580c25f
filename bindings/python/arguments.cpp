#include "arguments.hpp"

namespace kestra_py {

Parameters::Parameters(const char *function, std::initializer_list<const char *> names, int positional,
                       int required)
    : function_(function), positional_(positional), required_(required) {
  for (const char *name : names) {
    if (count_ < max_count) names_[count_++] = name;
  }
}

bool Parameters::init() {
  for (int i = 0; i < count_; ++i) {
    interned_[i] = PyUnicode_InternFromString(names_[i]);
    if (interned_[i] == nullptr) return false;
  }
  return true;
}

int Parameters::index_of(PyObject *keyword) const {
  // Keywords in a call are interned: pointers match first.
  for (int i = 0; i < count_; ++i) {
    if (keyword == interned_[i]) return i;
  }
  for (int i = 0; i < count_; ++i) {
    if (PyUnicode_Check(keyword) && PyUnicode_CompareWithASCIIString(keyword, names_[i]) == 0) {
      return i;
    }
  }
  return -1;
}

bool Parameters::bind(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, PyObject **out) const {
  for (int i = 0; i < count_; ++i) out[i] = nullptr;
  if (nargs > positional_) {
    if (positional_ == required_) {
      PyErr_Format(PyExc_TypeError, "%s() takes %d positional arguments but %zd were given", function_,
                   positional_, nargs);
    } else {
      PyErr_Format(PyExc_TypeError, "%s() takes from %d to %d positional arguments but %zd were given",
                   function_, required_, positional_, nargs);
    }
    return false;
  }
  for (Py_ssize_t i = 0; i < nargs; ++i) out[i] = args[i];
  const Py_ssize_t keywords = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  for (Py_ssize_t k = 0; k < keywords; ++k) {
    PyObject *keyword = PyTuple_GET_ITEM(kwnames, k);
    const int i = index_of(keyword);
    if (i < 0) {
      PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'", function_, keyword);
      return false;
    }
    if (out[i] != nullptr) {
      PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", function_, names_[i]);
      return false;
    }
    out[i] = args[nargs + k];
  }
  for (int i = 0; i < required_; ++i) {
    if (out[i] == nullptr) {
      PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s'", function_, names_[i]);
      return false;
    }
  }
  return true;
}

}  // namespace kestra_py
