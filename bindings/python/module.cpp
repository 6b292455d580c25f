// kestra._core: builds protocol lines through the C ABI and writes them to
// sys.stdout. Every value is checked before anything is written, so a failed
// call raises (TypeError, ValueError, OSError) and writes nothing.
#include <pybind11/pybind11.h>

#include <string>

#include "arguments.hpp"
#include "context.hpp"
#include "metrics.hpp"
#include "output.hpp"
#include "record_lease.hpp"

namespace py = pybind11;
using namespace kestra_py;

namespace {

// outputs, encryptedOutputs, assets: one object value after `Begin`.
template <kestra_result (*Begin)(kestra_record*)>
void one_value(py::handle value) {
  Lease lease;
  kestra_record* r = lease.get();
  check(r, Begin(r));
  check(r, Converter(r).value(value.ptr()));
  emit(r);
}

void outputs_json(py::handle text) {
  Lease lease;
  kestra_record* r = lease.get();
  check(r, kestra_record_begin_outputs(r));
  if (PyBytes_Check(text.ptr())) {
    check(r, kestra_record_json(r, PyBytes_AS_STRING(text.ptr()),
                                static_cast<size_t>(PyBytes_GET_SIZE(text.ptr()))));
  } else {
    Utf8 json = utf8_arg(text.ptr(), [] { return "outputs"; });
    check(r, kestra_record_json(r, json.data(), json.size()));
  }
  emit(r);
}

// A level given as a severity on the scale of the logging module
// (logging.WARNING, 25, 5) or as a name ("INFO", "warning"). False for a name
// the core does not know: kestra_record_log_named then words the error.
bool known_level(py::handle level, size_t index, kestra_level* out) {
  PyObject* obj = level.ptr();
  if (PyLong_Check(obj) && !PyBool_Check(obj)) {
    int overflow = 0;
    long severity = PyLong_AsLongAndOverflow(obj, &overflow);
    if (overflow != 0) severity = overflow > 0 ? 1000 : -1000;
    *out = kestra_level_from_severity(static_cast<int>(severity));
    return true;
  }
  if (!PyUnicode_Check(obj)) {
    const std::string field = "logs[" + std::to_string(index) + "] level";
    raise(PyExc_TypeError,
          (field + ": must be a str or an int, not " + Py_TYPE(obj)->tp_name).c_str());
  }
  Utf8 name(obj);
  if (!name.ok()) throw py::error_already_set();
  return kestra_level_parse(name.data(), name.size(), out) == KESTRA_OK;
}

void log_entry(kestra_record* r, size_t index, py::handle level, py::handle message) {
  Text text(str_arg(message.ptr(), [index] {
    return "logs[" + std::to_string(index) + "] message";
  }));
  if (!text.ok()) throw py::error_already_set();
  kestra_level lvl = KESTRA_LEVEL_INFO;
  if (!known_level(level, index, &lvl)) {
    Utf8 name(level.ptr());
    Utf8 utf8(message.ptr());
    if (!name.ok() || !utf8.ok()) throw py::error_already_set();
    check(r, kestra_record_log_named(r, name.data(), name.size(), utf8.data(), utf8.size()));
    raise(PyExc_RuntimeError, "kestra: the core took an unknown level name");
  }
  check(r, text.is_utf16() ? kestra_record_log_utf16(r, lvl, text.utf16(), text.size())
                           : kestra_record_log(r, lvl, text.utf8(), text.size()));
}

void log_one(py::handle level, py::handle message) {
  Lease lease;
  kestra_record* r = lease.get();
  check(r, kestra_record_begin_logs(r));
  log_entry(r, 0, level, message);
  emit(r);
}

void logs(py::iterable entries) {
  Lease lease;
  kestra_record* r = lease.get();
  check(r, kestra_record_begin_logs(r));
  size_t index = 0;
  for (py::handle entry : entries) {
    py::tuple pair = py::reinterpret_borrow<py::object>(entry).cast<py::tuple>();
    if (pair.size() != 2) {
      raise(PyExc_TypeError,
            ("logs[" + std::to_string(index) + "]: must be a (level, message) pair").c_str());
    }
    log_entry(r, index++, pair[0], pair[1]);
  }
  emit(r);
}

// A whole message as Kestra.format takes it: returned, or written.
py::object message(py::handle value, bool write) {
  Lease lease;
  kestra_record* r = lease.get();
  check(r, kestra_record_begin_message(r));
  check(r, Converter(r).value(value.ptr()));
  if (!write) return line_of(r, false);
  emit(r);
  return py::none();
}

py::tuple check_line(py::str text) {
  Utf8 utf8(text.ptr());
  if (!utf8.ok()) throw py::error_already_set();
  char reason[512] = {0};
  const kestra_line_verdict verdict =
      kestra_check_line(utf8.data(), utf8.size(), reason, sizeof reason);
  return py::make_tuple(static_cast<int>(verdict), py::str(reason));
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "Protocol lines for Kestra scripts, built and checked by the kestra C++ core "
            "and written to sys.stdout.";
  if (kestra_abi_version() != KESTRA_ABI_VERSION) {
    throw py::import_error("kestra._core: the kestra core has another ABI version");
  }
  if (!init_names() || !init_output() || !add_metric_functions(m.ptr())) {
    throw py::error_already_set();
  }

  m.attr("COUNTER") = static_cast<int>(KESTRA_METRIC_COUNTER);
  m.attr("TIMER") = static_cast<int>(KESTRA_METRIC_TIMER);
  m.attr("GAUGE") = static_cast<int>(KESTRA_METRIC_GAUGE);
  m.attr("core_version") = kestra_version_string();

  m.def("outputs", &one_value<kestra_record_begin_outputs>, py::arg("value"),
        "Writes the outputs line of a mapping.");
  m.def("outputs_json", &outputs_json, py::arg("text"),
        "Writes the outputs line of a JSON text holding an object.");
  m.def("encrypted_outputs", &one_value<kestra_record_begin_encrypted_outputs>, py::arg("value"),
        "Writes the encryptedOutputs line of a mapping.");
  add_context_functions(m);
  m.def("assets", &one_value<kestra_record_begin_assets>, py::arg("value"),
        "Writes the assets line of a mapping.");
  m.def("log", &log_one, py::arg("level"), py::arg("message"),
        "Writes a line of one log entry.");
  m.def("logs", &logs, py::arg("entries"),
        "Writes a line of several (level, message) log entries.");
  m.def("message", &message, py::arg("value"), py::arg("write"),
        "A whole protocol message: written, or returned without its newline.");
  m.def("check_line", &check_line, py::arg("line"),
        "What the Kestra server does with one line: (verdict, reason); verdict 0 text, "
        "1 recorded, 2 rejected, 3 near miss.");
}
