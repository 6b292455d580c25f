// Builds Python values from the Ion reader's events, as the official package's
// Kestra.read returns them: int, float (decimals too), str, bool, None (every
// typed null), datetime (timestamps, and the strings the core's
// kestra_datetime_parse accepts), list (lists and s-expressions), dict; blobs
// and clobs as str. Every rule (grammar, conversions, errors) is the core's;
// here are only the Python objects. Nesting uses an explicit stack.
#include "ion_read.hpp"

#include <Python.h>
#include <datetime.h>

#include <unistd.h>
#include <cerrno>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "kestra/ion.h"

namespace py = pybind11;

namespace kestra_py {
namespace {

// A new reference, or throws the set Python error.
PyObject *checked(PyObject *obj) {
  if (!obj) throw py::error_already_set();
  return obj;
}

class IonRows {
 public:
  explicit IonRows(int fd) : reader_(kestra_ion_reader_new()) {
    if (!reader_) throw std::bad_alloc();
    // The datetime module on first use, not at `import kestra`.
    if (!PyDateTimeAPI) {
      PyDateTime_IMPORT;
      if (!PyDateTimeAPI) {
        kestra_ion_reader_free(reader_);
        throw py::error_already_set();
      }
    }
    fd_ = fd;
    fail_if(kestra_ion_reader_open_callback(reader_, &IonRows::read_fd, this, KESTRA_ION_KESTRA_READ));
  }
  ~IonRows() {
    kestra_ion_reader_free(reader_);
    for (auto &entry : zones_) Py_DECREF(entry.second);
    for (auto &entry : keys_) Py_DECREF(entry.second);
  }
  IonRows(const IonRows &) = delete;
  IonRows &operator=(const IonRows &) = delete;

  // The next row as a dict, or nullptr at the end.
  PyObject *next_row();

 private:
  void fail_if(kestra_result r) const;
  PyObject *scalar();
  PyObject *datetime(const kestra_datetime &dt);
  PyObject *zone(int offset_minutes);

  // The reader's input: read(2) on the descriptor without the GIL, so other
  // threads run while it waits (a FIFO's writer among them). A signal that
  // interrupts the wait runs its Python handler; an exception it raises stops
  // the read and propagates.
  static ptrdiff_t read_fd(void *context, char *buffer, size_t capacity) {
    IonRows *self = static_cast<IonRows *>(context);
    for (;;) {
      ssize_t n;
      Py_BEGIN_ALLOW_THREADS n = ::read(self->fd_, buffer, capacity);
      Py_END_ALLOW_THREADS if (n >= 0 || errno != EINTR) return n;
      if (PyErr_CheckSignals() < 0) return -1;
    }
  }

  kestra_ion_reader *reader_;
  int fd_ = -1;
  PyObject *key(const char *name, size_t len);

  std::map<int, PyObject *> zones_;  // tzinfo by offset, made once
  // Field names as str, made once per name (rows repeat them; a str keeps its
  // hash, so the dict insert does not hash it again). Bounded.
  std::unordered_map<std::string, PyObject *> keys_;
  std::vector<PyObject *> stack_;  // open containers (borrowed from their parents)
};

void IonRows::fail_if(kestra_result r) const {
  if (r == KESTRA_OK) return;
  if (PyErr_Occurred()) throw py::error_already_set();  // from a signal handler
  PyObject *type = r == KESTRA_ERROR_TYPE        ? PyExc_TypeError
                   : r == KESTRA_ERROR_IO        ? PyExc_OSError
                   : r == KESTRA_ERROR_NO_MEMORY ? PyExc_MemoryError
                                                 : PyExc_ValueError;
  // The exception carries the core's kind ("syntax", "unicode", ...) as .kind.
  PyObject *exc = PyObject_CallFunction(type, "s", kestra_ion_reader_error(reader_));
  if (exc) {
    PyObject *kind = PyUnicode_FromString(kestra_result_name(r));
    if (!kind || PyObject_SetAttrString(exc, "kind", kind) < 0) PyErr_Clear();
    Py_XDECREF(kind);
    PyErr_SetObject(type, exc);
    Py_DECREF(exc);
  }
  throw py::error_already_set();
}

PyObject *IonRows::zone(int offset_minutes) {
  auto found = zones_.find(offset_minutes);
  if (found != zones_.end()) return found->second;
  PyObject *tz;
  if (offset_minutes == 0) {
    tz = PyDateTime_TimeZone_UTC;
    Py_INCREF(tz);
  } else {
    PyObject *delta = checked(PyDelta_FromDSU(0, offset_minutes * 60, 0));
    tz = PyTimeZone_FromOffset(delta);
    Py_DECREF(delta);
    checked(tz);
  }
  zones_.emplace(offset_minutes, tz);
  return tz;
}

PyObject *IonRows::key(const char *name, size_t len) {
  std::string text(name, len);
  auto found = keys_.find(text);
  if (found != keys_.end()) {
    Py_INCREF(found->second);
    return found->second;
  }
  PyObject *k = PyUnicode_DecodeUTF8(name, static_cast<Py_ssize_t>(len), nullptr);
  if (k && keys_.size() < 4096) {
    Py_INCREF(k);
    keys_.emplace(std::move(text), k);
  }
  return k;
}

PyObject *IonRows::datetime(const kestra_datetime &dt) {
  PyObject *tz = dt.has_offset ? zone(dt.offset_minutes) : Py_None;
  return checked(PyDateTimeAPI->DateTime_FromDateAndTime(dt.year, dt.month, dt.day, dt.hour, dt.minute,
                                                         dt.second, dt.nanosecond / 1000, tz,
                                                         PyDateTimeAPI->DateTimeType));
}

PyObject *IonRows::scalar() {
  if (kestra_ion_reader_is_null(reader_)) Py_RETURN_NONE;
  size_t len = 0;
  const char *text = kestra_ion_reader_text(reader_, &len);
  switch (kestra_ion_reader_type(reader_)) {
    case KESTRA_ION_BOOL: {
      int b = 0;
      fail_if(kestra_ion_reader_bool(reader_, &b));
      return PyBool_FromLong(b);
    }
    case KESTRA_ION_INT: {
      int64_t v = 0;
      if (kestra_ion_reader_int64(reader_, &v) == KESTRA_OK) return checked(PyLong_FromLongLong(v));
      return checked(PyLong_FromString(text, nullptr, 10));
    }
    case KESTRA_ION_FLOAT:
    case KESTRA_ION_DECIMAL: {
      double v = 0;
      fail_if(kestra_ion_reader_double(reader_, &v));
      return checked(PyFloat_FromDouble(v));
    }
    case KESTRA_ION_TIMESTAMP: {
      kestra_datetime dt;
      fail_if(kestra_ion_reader_timestamp(reader_, &dt));
      return datetime(dt);
    }
    case KESTRA_ION_STRING: {
      kestra_datetime dt;
      if (kestra_datetime_parse(text, len, &dt) == KESTRA_OK) return datetime(dt);
      return checked(PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(len), nullptr));
    }
    default:  // symbols, and lobs (UTF-8 text: KESTRA_ION_TEXT_LOBS)
      return checked(PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(len), nullptr));
  }
}

PyObject *IonRows::next_row() {
  PyObject *row = nullptr;  // owned until returned
  stack_.clear();
  try {
    kestra_ion_event event;
    do {
      fail_if(kestra_ion_reader_next(reader_, &event));
      if (event == KESTRA_ION_EVENT_END) return nullptr;
      if (event == KESTRA_ION_EVENT_CONTAINER_END) {
        stack_.pop_back();
        continue;
      }
      kestra_ion_type type = kestra_ion_reader_type(reader_);
      bool container = !kestra_ion_reader_is_null(reader_) &&
                       (type == KESTRA_ION_LIST || type == KESTRA_ION_SEXP || type == KESTRA_ION_STRUCT);
      PyObject *value =
          container ? checked(type == KESTRA_ION_STRUCT ? PyDict_New() : PyList_New(0)) : scalar();
      if (stack_.empty()) {
        row = value;  // a struct: KESTRA_ION_ROWS refuses anything else
      } else {
        PyObject *parent = stack_.back();
        int rc;
        if (PyDict_Check(parent)) {
          size_t len = 0;
          const char *name = kestra_ion_reader_field_name(reader_, &len);
          PyObject *key = this->key(name, len);
          if (!key) {
            Py_DECREF(value);
            throw py::error_already_set();
          }
          rc = PyDict_SetItem(parent, key, value);
          Py_DECREF(key);
        } else {
          rc = PyList_Append(parent, value);
        }
        Py_DECREF(value);  // the parent holds it now
        if (rc < 0) throw py::error_already_set();
      }
      if (container) stack_.push_back(value);
    } while (!stack_.empty());
  } catch (...) {
    Py_XDECREF(row);
    throw;
  }
  return row;
}

}  // namespace

void register_ion_rows(py::module_ &m) {
  py::class_<IonRows>(m, "IonRows",
                      "The rows of an Ion file (one struct per row) read from a file descriptor, "
                      "which stays the caller's: an iterator of dicts.")
      .def(py::init<int>(), py::arg("fd"))
      .def("__iter__", [](py::object self) { return self; })
      .def("__next__", [](IonRows &rows) {
        PyObject *row = rows.next_row();
        if (!row) throw py::stop_iteration();
        return py::reinterpret_steal<py::object>(row);
      });
}

}  // namespace kestra_py
