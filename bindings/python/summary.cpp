// kestra._core.Summary over kestra_summary_*: bytes in, the core's JSON and text
// out. Nothing here reads a protocol line; kestra.testing loads the JSON.
#include "summary.hpp"

#include <memory>
#include <new>
#include <string>

#include "kestra/kestra.h"

namespace py = pybind11;

namespace {

class Summary {
 public:
  Summary() : handle_(kestra_summary_new(KESTRA_SUMMARY_TOTALS), &kestra_summary_free) {
    if (!handle_) throw std::bad_alloc();
  }

  // `data` is the UTF-8 text (or bytes) the script wrote on `stream` (1 stdout, 2 stderr).
  void feed(int stream, py::bytes data) {
    char *bytes = nullptr;
    Py_ssize_t len = 0;
    if (PyBytes_AsStringAndSize(data.ptr(), &bytes, &len) != 0) throw py::error_already_set();
    check(kestra_summary_feed(handle_.get(), stream, bytes, static_cast<size_t>(len)));
  }

  void end(int stream) { check(kestra_summary_end(handle_.get(), stream)); }

  py::str json() { return lent(kestra_summary_json(handle_.get(), &len_)); }
  py::str text(bool color) {
    return lent(
        kestra_summary_text(handle_.get(), color ? KESTRA_SUMMARY_COLOR : KESTRA_SUMMARY_PLAIN, &len_));
  }
  size_t problems() const { return kestra_summary_problems(handle_.get()); }

 private:
  static void check(kestra_result r) {
    if (r == KESTRA_ERROR_NO_MEMORY) throw std::bad_alloc();
    if (r != KESTRA_OK) throw py::value_error(std::string("kestra summary: ") + kestra_result_name(r));
  }
  py::str lent(const char *text) const {
    if (!text) throw std::bad_alloc();
    return py::str(text, len_);
  }

  std::unique_ptr<kestra_summary, void (*)(kestra_summary *)> handle_;
  size_t len_ = 0;
};

}  // namespace

void add_summary_class(py::module_ &m) {
  m.attr("STDOUT") = KESTRA_STREAM_STDOUT;
  m.attr("STDERR") = KESTRA_STREAM_STDERR;
  py::class_<Summary>(m, "Summary", "What Kestra stores from a script's output, read by the core.")
      .def(py::init<>())
      .def("feed", &Summary::feed, py::arg("stream"), py::arg("data"),
           "Adds bytes the script wrote on a stream.")
      .def("end", &Summary::end, py::arg("stream"), "Ends a stream (adds its unfinished last line).")
      .def("json", &Summary::json, "The summary as JSON text (keys in kestra.h).")
      .def("text", &Summary::text, py::arg("color") = false, "The summary as tables for a person.")
      .def("problems", &Summary::problems, "Lines rejected or near misses so far.");
}
