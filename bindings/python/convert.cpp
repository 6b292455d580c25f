#include "convert.hpp"

#include <cstring>
#include <string>
#include <vector>

namespace kestra_py {
namespace {

struct Names {
  PyObject *tolist;
  PyObject *isoformat;
  PyObject *as_tuple;
  PyObject *is_finite;
  PyObject *exponent;
  PyObject *value_;  // Enum members keep their value in _value_
  PyObject *value;
  PyObject *item;
  PyObject *items;
  PyObject *keys;
  PyObject *fspath;
};
Names names;

// A chain of protocol conversions (Enum whose value is an Enum, ...) longer
// than this is taken for a loop.
constexpr int max_protocol_steps = 16;

bool has(PyObject *obj, PyObject *name) {
  PyObject *attr = PyObject_GetAttr(obj, name);
  if (attr == nullptr) {
    PyErr_Clear();
    return false;
  }
  Py_DECREF(attr);
  return true;
}

const char *type_name(PyObject *obj) { return Py_TYPE(obj)->tp_name; }

// -1, 0 or 1: the sign of a Python int.
int sign_of(PyObject *integer) {
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(integer, &overflow);
  if (overflow != 0) return overflow;
  PyErr_Clear();
  return (v > 0) - (v < 0);
}

}  // namespace

bool init_names() {
  struct Entry {
    PyObject **slot;
    const char *text;
  };
  const Entry entries[] = {
      {&names.tolist, "tolist"},       {&names.isoformat, "isoformat"}, {&names.as_tuple, "as_tuple"},
      {&names.is_finite, "is_finite"}, {&names.exponent, "exponent"},   {&names.value_, "_value_"},
      {&names.value, "value"},         {&names.item, "item"},           {&names.items, "items"},
      {&names.keys, "keys"},           {&names.fspath, "__fspath__"},
  };
  for (const Entry &e : entries) {
    *e.slot = PyUnicode_InternFromString(e.text);
    if (*e.slot == nullptr) return false;
  }
  return true;
}

Text::Text(PyObject *str) {
  if (PyUnicode_IS_ASCII(str)) {
    utf8_ = static_cast<const char *>(PyUnicode_DATA(str));
    size_ = static_cast<size_t>(PyUnicode_GET_LENGTH(str));
  } else if (PyUnicode_KIND(str) == PyUnicode_2BYTE_KIND) {
    // Code points below U+10000 are their own UTF-16 units.
    utf16_ = static_cast<const uint16_t *>(PyUnicode_DATA(str));
    size_ = static_cast<size_t>(PyUnicode_GET_LENGTH(str));
  } else {
    Py_ssize_t len = 0;
    utf8_ = PyUnicode_AsUTF8AndSize(str, &len);
    if (utf8_ != nullptr) {
      size_ = static_cast<size_t>(len);
    } else {
      if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return;
      PyErr_Clear();
      PyObject *bytes = PyUnicode_AsEncodedString(str, "utf-16-le", "surrogatepass");
      if (bytes == nullptr) return;
      units_.resize(static_cast<size_t>(PyBytes_GET_SIZE(bytes)) / 2);
      std::memcpy(units_.data(), PyBytes_AS_STRING(bytes), units_.size() * 2);
      Py_DECREF(bytes);
      utf16_ = units_.data();
      size_ = units_.size();
    }
  }
  ok_ = true;
}

kestra_result Converter::text(PyObject *str, bool key) {
  Text text(str);
  if (!text.ok()) return python_error;
  if (text.is_utf16()) {
    return key ? kestra_record_key_utf16(r_, text.utf16(), text.size())
               : kestra_record_string_utf16(r_, text.utf16(), text.size());
  }
  return key ? kestra_record_key(r_, text.utf8(), text.size())
             : kestra_record_string(r_, text.utf8(), text.size());
}

kestra_result Converter::integer(PyObject *obj) {
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(obj, &overflow);
  if (overflow == 0) {
    if (v == -1 && PyErr_Occurred()) return python_error;
    return kestra_record_int64(r_, v);
  }
  if (overflow > 0) {
    unsigned long long u = PyLong_AsUnsignedLongLong(obj);
    if (!(u == static_cast<unsigned long long>(-1) && PyErr_Occurred())) {
      return kestra_record_uint64(r_, u);
    }
    PyErr_Clear();
  }
  return big_integer(obj);
}

// An int past 64 bits, as the words of its magnitude: the core writes its
// digits and judges its size (Python's own decimal text refuses ints of more
// than sys.get_int_max_str_digits() digits, and would cost a quadratic
// conversion of a huge one only for the core to refuse it).
kestra_result Converter::big_integer(PyObject *obj) {
  PyObject *magnitude = PyNumber_Absolute(obj);
  if (magnitude == nullptr) return python_error;
  PyObject *bit_length = PyObject_CallMethod(magnitude, "bit_length", nullptr);
  const size_t bits = bit_length ? PyLong_AsSize_t(bit_length) : static_cast<size_t>(-1);
  Py_XDECREF(bit_length);
  if (bits == static_cast<size_t>(-1)) {
    Py_DECREF(magnitude);
    return python_error;
  }
  const size_t words = (bits + 63) / 64;
  kestra_result res = python_error;
  PyObject *bytes =
      PyObject_CallMethod(magnitude, "to_bytes", "ns", static_cast<Py_ssize_t>(words * 8), "little");
  if (bytes != nullptr) {
    std::vector<uint64_t> w(words);
    const auto *p = reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(bytes));
    for (size_t i = 0; i < words * 8; ++i) w[i / 8] |= static_cast<uint64_t>(p[i]) << (8 * (i % 8));
    res = kestra_record_integer_words(r_, sign_of(obj) < 0, w.data(), w.size());
    Py_DECREF(bytes);
  }
  Py_DECREF(magnitude);
  return res;
}

kestra_result Converter::pair(PyObject *key, PyObject *value) {
  if (!PyUnicode_Check(key)) {
    std::string what = std::string(type_name(key)) + " as a key";
    return kestra_record_unsupported(r_, what.c_str());
  }
  kestra_result res = text(key, true);
  return res == KESTRA_OK ? this->value(value) : res;
}

kestra_result Converter::entries(PyObject *mapping) {
  if (PyDict_CheckExact(mapping)) {
    Py_ssize_t pos = 0;
    PyObject *key = nullptr;
    PyObject *value = nullptr;
    while (PyDict_Next(mapping, &pos, &key, &value)) {
      // Protocol calls run Python code that could mutate the dict.
      Py_INCREF(key);
      Py_INCREF(value);
      kestra_result res = pair(key, value);
      Py_DECREF(key);
      Py_DECREF(value);
      if (res != KESTRA_OK) return res;
    }
    return KESTRA_OK;
  }
  // Dict subclasses (OrderedDict keeps its own order) and other mappings.
  PyObject *items = PyMapping_Items(mapping);
  if (items == nullptr) return python_error;
  kestra_result res = KESTRA_OK;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items) && res == KESTRA_OK; ++i) {
    PyObject *item = PyList_GET_ITEM(items, i);
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
      PyErr_SetString(PyExc_TypeError, "items() must give (key, value) pairs");
      res = python_error;
    } else {
      res = pair(PyTuple_GET_ITEM(item, 0), PyTuple_GET_ITEM(item, 1));
    }
  }
  Py_DECREF(items);
  return res;
}

bool Converter::is_mapping(PyObject *obj) {
  return PyDict_Check(obj) || (PyMapping_Check(obj) && has(obj, names.keys) && has(obj, names.items));
}

kestra_result Converter::object(PyObject *obj) {
  kestra_result res = kestra_record_begin_object(r_, obj);
  if (res == KESTRA_OK) res = entries(obj);
  return res == KESTRA_OK ? kestra_record_end_object(r_) : res;
}

kestra_result Converter::array(PyObject *obj) {
  kestra_result res = kestra_record_begin_array(r_, obj);
  if (res != KESTRA_OK) return res;
  // Sizes are read again at each step: a list may change while it is walked.
  const bool is_list = PyList_Check(obj);
  for (Py_ssize_t i = 0; i < (is_list ? PyList_GET_SIZE(obj) : PyTuple_GET_SIZE(obj)); ++i) {
    PyObject *item = is_list ? PyList_GET_ITEM(obj, i) : PyTuple_GET_ITEM(obj, i);
    Py_INCREF(item);
    res = value(item);
    Py_DECREF(item);
    if (res != KESTRA_OK) return res;
  }
  return kestra_record_end_array(r_);
}

kestra_result Converter::value(PyObject *obj) {
  if (PyUnicode_Check(obj)) return text(obj, false);
  if (PyBool_Check(obj)) return kestra_record_bool(r_, obj == Py_True);
  if (PyLong_Check(obj)) return integer(obj);
  if (PyFloat_Check(obj)) return kestra_record_double(r_, PyFloat_AS_DOUBLE(obj));
  if (obj == Py_None) return kestra_record_null(r_);
  if (PyDict_Check(obj)) return object(obj);
  if (PyList_Check(obj) || PyTuple_Check(obj)) return array(obj);
  return by_protocol(obj);
}

// Converts `result` (a new reference, or null when the call that made it
// raised), the plain value some protocol turned the original value into.
kestra_result Converter::converted(PyObject *result) {
  if (result == nullptr) return python_error;
  ++protocol_steps_;
  kestra_result res =
      protocol_steps_ > max_protocol_steps ? kestra_record_unsupported(r_, type_name(result)) : value(result);
  --protocol_steps_;
  Py_DECREF(result);
  return res;
}

// decimal.Decimal: exact when written without a fractional part ("12",
// "1E+3") and then an integer, else the nearest float ("0.1", "3.00").
// NaN and infinities become floats, which the core refuses.
kestra_result Converter::decimal(PyObject *obj) {
  PyObject *parts = PyObject_CallMethodObjArgs(obj, names.as_tuple, nullptr);
  if (parts == nullptr) return python_error;
  PyObject *exponent = PyObject_GetAttr(parts, names.exponent);
  Py_DECREF(parts);
  if (exponent == nullptr) return python_error;
  const bool integral = PyLong_Check(exponent) && sign_of(exponent) >= 0;
  Py_DECREF(exponent);
  return converted(integral ? PyNumber_Long(obj) : PyNumber_Float(obj));
}

// Values that are none of Python's JSON types, by what they can do rather than
// by importing their packages.
kestra_result Converter::by_protocol(PyObject *obj) {
  // numpy arrays and scalars, pandas Series, array.array: plain Python values.
  if (has(obj, names.tolist)) {
    return converted(PyObject_CallMethodObjArgs(obj, names.tolist, nullptr));
  }
  // datetime, date, time (and pandas Timestamp): ISO-8601 text.
  if (has(obj, names.isoformat)) {
    return converted(PyObject_CallMethodObjArgs(obj, names.isoformat, nullptr));
  }
  if (has(obj, names.as_tuple) && has(obj, names.is_finite)) return decimal(obj);
  // Enum members: their value (IntEnum and StrEnum are already int and str).
  if (has(obj, names.value_)) return converted(PyObject_GetAttr(obj, names.value));
  // pathlib paths and other os.PathLike: their text.
  if (has(obj, names.fspath)) {
    PyObject *path = PyOS_FSPath(obj);
    if (path != nullptr && !PyUnicode_Check(path)) {
      kestra_result res = kestra_record_unsupported(r_, type_name(path));
      Py_DECREF(path);
      return res;
    }
    return converted(path);
  }
  if (is_mapping(obj)) return object(obj);
  // Scalars of other numeric packages.
  if (has(obj, names.item)) {
    return converted(PyObject_CallMethodObjArgs(obj, names.item, nullptr));
  }
  PyNumberMethods *number = Py_TYPE(obj)->tp_as_number;
  if (number != nullptr && number->nb_index != nullptr) return converted(PyNumber_Index(obj));
  if (number != nullptr && number->nb_float != nullptr) return converted(PyNumber_Float(obj));
  return kestra_record_unsupported(r_, type_name(obj));
}

}  // namespace kestra_py
