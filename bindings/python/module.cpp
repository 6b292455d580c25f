// kestra._core: builds protocol lines through the C ABI and writes them to
// sys.stdout. Every value is checked before anything is written, so a failed
// call raises (TypeError, ValueError, OSError) and writes nothing.
#include <pybind11/pybind11.h>

#include <climits>
#include <string>

#include "arguments.hpp"
#include "context.hpp"
#include "ion_read.hpp"
#include "metrics.hpp"
#include "output.hpp"
#include "record_lease.hpp"
#include "summary.hpp"

namespace py = pybind11;
using namespace kestra_py;

namespace {

// outputs, encryptedOutputs, assets: one object value after `Begin`.
template <kestra_result (*Begin)(kestra_record *)>
void one_value(py::handle value) {
  Lease lease;
  kestra_record *r = lease.get();
  check(r, Begin(r));
  check(r, Converter(r).value(value.ptr()));
  emit(r);
}

void outputs_json(py::handle text) {
  Lease lease;
  kestra_record *r = lease.get();
  check(r, kestra_record_begin_outputs(r));
  if (PyBytes_Check(text.ptr())) {
    check(r, kestra_record_json(r, PyBytes_AS_STRING(text.ptr()),
                                static_cast<size_t>(PyBytes_GET_SIZE(text.ptr()))));
  } else {
    const TextArg json(r, text.ptr(), KESTRA_ARGUMENT_JSON);
    check(r, pass_text(
                 json, [r](const char *s, size_t n) { return kestra_record_json(r, s, n); },
                 [r](const uint16_t *s, size_t n) {
                   return kestra_record_json_utf16(r, s, n, KESTRA_JSON_DEFAULT);
                 }));
  }
  emit(r);
}

// A level given as a kestra_level number (0 TRACE ... 4 ERROR, the one scale
// of every public API) or as a name ("INFO", "warning"). The core refuses any
// other number, and words the refusal of a name it does not know.
kestra_level level_of(kestra_record *r, PyObject *obj) {
  if (PyLong_Check(obj) && !PyBool_Check(obj)) {
    int overflow = 0;
    const long n = PyLong_AsLongAndOverflow(obj, &overflow);
    const bool in_int = overflow == 0 && n >= INT_MIN && n <= INT_MAX;
    return in_int ? static_cast<kestra_level>(n) : KESTRA_LEVEL_MAX_;
  }
  const TextArg name(r, obj, KESTRA_ARGUMENT_LOG_LEVEL);
  kestra_level level = KESTRA_LEVEL_INFO;
  const kestra_result parsed = pass_text(
      name, [&](const char *s, size_t n) { return kestra_level_parse(s, n, &level); },
      [&](const uint16_t *s, size_t n) { return kestra_level_parse_utf16(s, n, &level); });
  if (parsed == KESTRA_OK) return level;
  // Not a level: kestra_record_log_named words the error.
  check(r, pass_text(
               name, [r](const char *s, size_t n) { return kestra_record_log_named(r, s, n, "", 0); },
               [r](const uint16_t *s, size_t n) { return kestra_record_log_named_utf16(r, s, n, s, 0); }));
  raise(PyExc_RuntimeError, "kestra: the core took an unknown level name");
}

void log_entry(kestra_record *r, py::handle level, py::handle message) {
  const TextArg text(r, message.ptr(), KESTRA_ARGUMENT_LOG_MESSAGE);
  const kestra_level lvl = level_of(r, level.ptr());
  check(r, pass_text(
               text, [&](const char *s, size_t n) { return kestra_record_log(r, lvl, s, n); },
               [&](const uint16_t *s, size_t n) { return kestra_record_log_utf16(r, lvl, s, n); }));
}

void log_one(py::handle level, py::handle message) {
  Lease lease;
  kestra_record *r = lease.get();
  check(r, kestra_record_begin_logs(r));
  log_entry(r, level, message);
  emit(r);
}

// For the logging handler: a record's severity on the logging module's scale
// (logging.WARNING, 25, 5), mapped by the core to the nearest level below it.
void log_severity(int severity, py::handle message) {
  Lease lease;
  kestra_record *r = lease.get();
  check(r, kestra_record_begin_logs(r));
  const TextArg text(r, message.ptr(), KESTRA_ARGUMENT_LOG_MESSAGE);
  const kestra_level lvl = kestra_level_from_severity(severity);
  check(r, pass_text(
               text, [&](const char *s, size_t n) { return kestra_record_log(r, lvl, s, n); },
               [&](const uint16_t *s, size_t n) { return kestra_record_log_utf16(r, lvl, s, n); }));
  emit(r);
}

// The check at import: a library of another ABI version is refused. A function
// of its own so that tests can hand it a wrong version.
void check_abi(unsigned loaded) {
  if (!KESTRA_ABI_MATCHES(loaded)) {
    throw py::import_error("kestra._core: the kestra core has ABI version " + std::to_string(loaded) +
                           ", this module was built for " + std::to_string(KESTRA_ABI_VERSION));
  }
}

void logs(py::iterable entries) {
  Lease lease;
  kestra_record *r = lease.get();
  check(r, kestra_record_begin_logs(r));
  size_t index = 0;
  for (py::handle entry : entries) {
    py::tuple pair = py::reinterpret_borrow<py::object>(entry).cast<py::tuple>();
    if (pair.size() != 2) {
      raise(PyExc_TypeError,
            ("logs[" + std::to_string(index) + "]: must be a (level, message) pair").c_str());
    }
    log_entry(r, pair[0], pair[1]);
    ++index;
  }
  emit(r);
}

// A whole message as Kestra.format takes it: returned, or written.
py::object message(py::handle value, bool write) {
  Lease lease;
  kestra_record *r = lease.get();
  check(r, kestra_record_begin_message(r));
  check(r, Converter(r).value(value.ptr()));
  if (!write) return line_of(r, false);
  emit(r);
  return py::none();
}

py::tuple check_line(py::str line) {
  Text text(line.ptr());
  if (!text.ok()) throw py::error_already_set();
  // A str with a lone surrogate goes as UTF-16: the core decides what the server
  // would see. Most reasons fit the first buffer; a longer one is asked again.
  const auto ask = [&](char *reason, size_t cap, size_t *len) {
    return pass_text(
        text, [&](const char *s, size_t n) { return kestra_check_line(s, n, reason, cap, len); },
        [&](const uint16_t *s, size_t n) { return kestra_check_line_utf16(s, n, reason, cap, len); });
  };
  std::string reason(512, '\0');
  size_t reason_len = 0;
  kestra_line_verdict verdict = ask(&reason[0], reason.size(), &reason_len);
  if (reason_len >= reason.size()) {
    reason.assign(reason_len + 1, '\0');
    verdict = ask(&reason[0], reason.size(), nullptr);
  }
  reason.resize(reason_len);
  return py::make_tuple(static_cast<int>(verdict), py::str(reason));
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() =
      "Protocol lines for Kestra scripts, built and checked by the kestra C++ core "
      "and written to sys.stdout.";
  check_abi(kestra_abi_version());
  if (!init_names() || !init_errors() || !init_output() || !add_metric_functions(m.ptr())) {
    throw py::error_already_set();
  }

  m.attr("COUNTER") = static_cast<int>(KESTRA_METRIC_COUNTER);
  m.attr("TIMER") = static_cast<int>(KESTRA_METRIC_TIMER);
  m.attr("GAUGE") = static_cast<int>(KESTRA_METRIC_GAUGE);
  py::dict type_names;  // "counter" -> COUNTER, ...: the names the core writes
  for (kestra_metric_type t : {KESTRA_METRIC_COUNTER, KESTRA_METRIC_TIMER, KESTRA_METRIC_GAUGE}) {
    type_names[kestra_metric_type_name(t)] = static_cast<int>(t);
  }
  m.attr("METRIC_TYPES") = type_names;
  m.attr("core_version") = kestra_version_string();

  register_ion_rows(m);
  m.def("outputs", &one_value<kestra_record_begin_outputs>, py::arg("value"),
        "Writes the outputs line of a mapping.");
  m.def("outputs_json", &outputs_json, py::arg("text"),
        "Writes the outputs line of a JSON text holding an object.");
  m.def("encrypted_outputs", &one_value<kestra_record_begin_encrypted_outputs>, py::arg("value"),
        "Writes the encryptedOutputs line of a mapping.");
  add_context_functions(m);
  m.def("assets", &one_value<kestra_record_begin_assets>, py::arg("value"),
        "Writes the assets line of a mapping.");
  m.def("log", &log_one, py::arg("level"), py::arg("message"), "Writes a line of one log entry.");
  m.def("log_severity", &log_severity, py::arg("severity"), py::arg("message"),
        "Writes a line of one log entry whose level is a logging severity (logging.WARNING).");
  m.def("_check_abi", &check_abi, py::arg("loaded"),
        "The import-time ABI check: raises ImportError unless `loaded` is this module's ABI version.");
  m.def("logs", &logs, py::arg("entries"), "Writes a line of several (level, message) log entries.");
  m.def("message", &message, py::arg("value"), py::arg("write"),
        "A whole protocol message: written, or returned without its newline.");
  m.def("check_line", &check_line, py::arg("line"),
        "What the Kestra server does with one line: (verdict, reason); verdict 0 text, "
        "1 recorded, 2 rejected, 3 near miss.");
  add_summary_class(m);
}
