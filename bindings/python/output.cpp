#include "output.hpp"

#include <pthread.h>

#include <cerrno>
#include <cstring>

#include "errors.hpp"

namespace py = pybind11;

namespace kestra_py {
namespace {

PyObject *sys_dict = nullptr;  // sys.__dict__, looked up once
PyObject *name_stdout = nullptr;
PyObject *name_write = nullptr;
PyObject *name_flush = nullptr;
PyObject *name_fileno = nullptr;
PyObject *name_closed = nullptr;
PyObject *name_buffer = nullptr;
PyObject *name_write_through = nullptr;

// sys.__stdout__ as last seen, its flush method, its descriptor (-1: none
// to write to), and whether its buffer is a raw FileIO (no buffer at all).
PyObject *known_stdout = nullptr;  // strong reference
PyObject *known_flush = nullptr;   // strong reference
int known_fd = -1;
bool known_raw = false;

// A lock that the thread holding it may take again (a stdout whose write()
// logs through Kestra), and that waits without the GIL.
class WriteLock {
 public:
  bool init() {
    lock_ = PyThread_allocate_lock();
    return lock_ != nullptr && pthread_atfork(nullptr, nullptr, &after_fork_in_child) == 0;
  }
  void acquire() {
    const unsigned long me = PyThread_get_thread_ident();
    if (depth_ > 0 && owner_ == me) {
      ++depth_;
      return;
    }
    if (!PyThread_acquire_lock(lock_, NOWAIT_LOCK)) {
      Py_BEGIN_ALLOW_THREADS PyThread_acquire_lock(lock_, WAIT_LOCK);
      Py_END_ALLOW_THREADS
    }
    owner_ = me;
    depth_ = 1;
  }
  void release() {
    if (--depth_ == 0) {
      owner_ = 0;
      PyThread_release_lock(lock_);
    }
  }

 private:
  static void after_fork_in_child();

  PyThread_type_lock lock_ = nullptr;
  unsigned long owner_ = 0;  // owner_ and depth_ change only with the GIL held
  int depth_ = 0;
};
WriteLock write_lock;

// A fork while another thread held the lock (writing without the GIL) would
// leave the child's copy held forever: the child starts with a new one.
void WriteLock::after_fork_in_child() {
  write_lock.lock_ = PyThread_allocate_lock();
  write_lock.owner_ = 0;
  write_lock.depth_ = 0;
}

struct Locked {
  Locked() { write_lock.acquire(); }
  ~Locked() { write_lock.release(); }
};

[[noreturn]] void unusable_stdout(const char *why) {
  std::string message = std::string("kestra: sys.stdout is ") + why +
                        ", so nothing can reach Kestra, which reads these lines from the "
                        "script's standard output";
  raise(PyExc_OSError, message.c_str());
}

// A call to stdout.write/flush failed: say so plainly when stdout is closed.
[[noreturn]] void stdout_failed(PyObject *out) {
  if (PyErr_ExceptionMatches(PyExc_ValueError)) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyObject *closed = PyObject_GetAttr(out, name_closed);
    const bool is_closed = closed != nullptr && PyObject_IsTrue(closed) == 1;
    Py_XDECREF(closed);
    if (is_closed) {
      Py_XDECREF(type);
      Py_XDECREF(value);
      Py_XDECREF(tb);
      PyErr_Clear();
      unusable_stdout("closed");
    }
    PyErr_Clear();
    PyErr_Restore(type, value, tb);
  }
  throw py::error_already_set();
}

// The descriptor to write to directly when `out` is the interpreter's own
// stdout, else -1.
int direct_fd(PyObject *out) {
  if (out == known_stdout) return known_fd;
  if (out != PySys_GetObject("__stdout__") || std::strcmp(Py_TYPE(out)->tp_name, "_io.TextIOWrapper") != 0) {
    return -1;
  }
  int fd = -1;
  PyObject *number = PyObject_CallMethodObjArgs(out, name_fileno, nullptr);
  if (number != nullptr) fd = static_cast<int>(PyLong_AsLong(number));
  Py_XDECREF(number);
  PyObject *flush = PyObject_GetAttr(out, name_flush);
  PyErr_Clear();
  if (fd < 0 || flush == nullptr) {
    Py_XDECREF(flush);
    return -1;
  }
  PyObject *buffer = PyObject_GetAttr(out, name_buffer);
  PyErr_Clear();
  known_raw = buffer != nullptr && std::strcmp(Py_TYPE(buffer)->tp_name, "_io.FileIO") == 0;
  Py_XDECREF(buffer);
  Py_INCREF(out);
  Py_XSETREF(known_stdout, out);
  Py_XSETREF(known_flush, flush);
  known_fd = fd;
  return known_fd;
}

// True when the known stdout can hold nothing written before: unbuffered
// (PYTHONUNBUFFERED, python -u), it is write-through over a raw FileIO, so
// each write reaches the descriptor before it returns. Its flush would then do
// nothing, yet cost a sixth of a counter call. write_through is read each time
// because reconfigure() can change it.
bool holds_nothing(PyObject *out) {
  if (!known_raw) return false;
  PyObject *write_through = PyObject_GetAttr(out, name_write_through);
  if (write_through == nullptr) {
    PyErr_Clear();
    return false;
  }
  Py_DECREF(write_through);
  return write_through == Py_True;
}

void call(PyObject *out, PyObject *method, PyObject *arg) {
  PyObject *res = PyObject_CallMethodObjArgs(out, method, arg, nullptr);
  if (res == nullptr) stdout_failed(out);
  Py_DECREF(res);
}

// Whether the interpreter has another thread than this one. With none, no
// one can want the GIL while a write waits for the reader, and handing it
// over and back cost 7% of a counter call.
bool other_threads() {
  PyThreadState *me = PyThreadState_Get();
  PyThreadState *first = PyInterpreterState_ThreadHead(PyThreadState_GetInterpreter(me));
  return first != me || PyThreadState_Next(first) != nullptr;
}

}  // namespace

bool init_output() {
  PyObject *sys = PyImport_AddModule("sys");  // borrowed
  if (sys == nullptr) return false;
  sys_dict = PyModule_GetDict(sys);
  Py_XINCREF(sys_dict);
  name_stdout = PyUnicode_InternFromString("stdout");
  name_write = PyUnicode_InternFromString("write");
  name_flush = PyUnicode_InternFromString("flush");
  name_fileno = PyUnicode_InternFromString("fileno");
  name_closed = PyUnicode_InternFromString("closed");
  name_buffer = PyUnicode_InternFromString("buffer");
  name_write_through = PyUnicode_InternFromString("write_through");
  return sys_dict && name_stdout && name_write && name_flush && name_fileno && name_closed && name_buffer &&
         name_write_through && write_lock.init();
}

py::str line_of(kestra_record *r, bool newline) {
  check(r, kestra_record_finish(r));
  size_t len = 0;
  const char *data = kestra_record_line(r, &len);
  if (data == nullptr || len == 0) raise(PyExc_RuntimeError, "kestra: no finished line");
  if (!newline) --len;
  // Lines are pure ASCII: copy them straight into a compact ASCII str.
  PyObject *text = PyUnicode_New(static_cast<Py_ssize_t>(len), 127);
  if (text == nullptr) throw py::error_already_set();
  std::memcpy(PyUnicode_DATA(text), data, len);
  return py::reinterpret_steal<py::str>(text);
}

void emit(kestra_record *r) {
  check(r, kestra_record_finish(r));
  PyObject *out = PyDict_GetItemWithError(sys_dict, name_stdout);  // borrowed
  if (out == nullptr && PyErr_Occurred()) throw py::error_already_set();
  if (out == nullptr || out == Py_None) unusable_stdout("None");
  Py_INCREF(out);
  py::object keep = py::reinterpret_steal<py::object>(out);
  const int fd = direct_fd(out);
  if (fd >= 0) {
    // No lock of ours here: the core's write lock keeps lines whole, and what
    // this thread printed is flushed before its line is written.
    if (!holds_nothing(out)) {
      PyObject *flushed = PyObject_CallNoArgs(known_flush);
      if (flushed == nullptr) stdout_failed(out);
      Py_DECREF(flushed);
    }
    size_t len = 0;
    const char *data = kestra_record_line(r, &len);
    kestra_result result = KESTRA_OK;
    int err = 0;
    // CPython ignores SIGPIPE, so the core's per-line guard is not needed.
    if (other_threads()) {
      Py_BEGIN_ALLOW_THREADS result = kestra_write_line(fd, data, len, KESTRA_WRITE_SIGPIPE_IGNORED);
      err = errno;
      Py_END_ALLOW_THREADS
    } else {
      result = kestra_write_line(fd, data, len, KESTRA_WRITE_SIGPIPE_IGNORED);
      err = errno;
    }
    if (result != KESTRA_OK) {
      errno = err;
      PyErr_SetFromErrno(PyExc_OSError);  // BrokenPipeError for a gone reader
      throw py::error_already_set();
    }
    return;
  }
  // Another stream's write() and flush() may release the GIL: the lock keeps
  // each line and its flush together.
  Locked locked;
  py::str text = line_of(r);
  call(out, name_write, text.ptr());
  call(out, name_flush, nullptr);
}

}  // namespace kestra_py
