// Python values into a kestra_record, through the C ABI only.
//
// The walk is thin on purpose: it tells the core what each Python value is
// (object, array, string, integer, float, ...) and the core decides whether it
// is allowed where it stands, and words the error with the path. Types Python
// scripts commonly hold are reduced to those by protocol, without importing
// their packages: see Converter::value.
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <vector>

#include "kestra/kestra.h"

namespace kestra_py {

// A Python exception is set (raised by a protocol call such as
// ndarray.tolist(), or by a failed allocation) and must propagate: the result
// code the ABI reserves for a binding's own failures.
constexpr kestra_result python_error = KESTRA_ERROR_USER;

// Interns the attribute names the converter looks up. Call once, at import.
bool init_names();

// A str as the ABI takes it: UTF-8, or UTF-16 units for the *_utf16 twin of
// the call. Pure ASCII and strings of code points below U+10000 are passed
// without conversion. A str with a lone surrogate has no UTF-8 form: it is given
// as UTF-16 units (encoded with 'surrogatepass'), so the core reports it (or,
// in kestra_check_line_utf16, reads it as the server would see it).
class Text {
 public:
  explicit Text(PyObject *str);
  Text(const Text &) = delete;
  Text &operator=(const Text &) = delete;
  bool ok() const { return ok_; }  // false: a Python error is set
  bool is_utf16() const { return utf16_ != nullptr; }
  const char *utf8() const { return utf8_; }
  const uint16_t *utf16() const { return utf16_; }
  size_t size() const { return size_; }  // bytes, or UTF-16 units

 private:
  bool ok_ = false;
  const char *utf8_ = nullptr;
  const uint16_t *utf16_ = nullptr;
  size_t size_ = 0;
  std::vector<uint16_t> units_;
};

// Calls the UTF-8 or the UTF-16 twin of an ABI call, as `text` holds its str,
// and returns what it returns.
template <class Utf8Call, class Utf16Call>
auto pass_text(const Text &text, Utf8Call utf8, Utf16Call utf16) {
  return text.is_utf16() ? utf16(text.utf16(), text.size()) : utf8(text.utf8(), text.size());
}

class Converter {
 public:
  explicit Converter(kestra_record *record) : r_(record) {}

  // A dict, or another object with keys(), items() and [] (MappingProxyType).
  static bool is_mapping(PyObject *obj);

  // One value at the record's current position.
  kestra_result value(PyObject *obj);
  // The key/value pairs of a mapping, without opening an object (metric tags).
  kestra_result entries(PyObject *mapping);
  // A string value, or a key when `key` is true.
  kestra_result text(PyObject *str, bool key);

 private:
  kestra_result integer(PyObject *obj);
  kestra_result big_integer(PyObject *obj);
  kestra_result object(PyObject *obj);
  kestra_result array(PyObject *obj);
  kestra_result pair(PyObject *key, PyObject *value);
  kestra_result by_protocol(PyObject *obj);
  kestra_result decimal(PyObject *obj);
  kestra_result converted(PyObject *result);

  kestra_record *r_;
  int protocol_steps_ = 0;
};

}  // namespace kestra_py
