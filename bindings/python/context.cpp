// kestra._core.load_context: the execution context's JSON text, found and read
// by the core (kestra_context_load) so Python looks where every language looks.
// kestra/_context.py parses the text with the json module.
#include "context.hpp"

#include <memory>
#include <string>

#include "errors.hpp"

namespace py = pybind11;

namespace kestra_py {
namespace {

// (text, source) of the context, or the core's error as FileNotFoundError (no
// context), OSError (unreadable), TypeError (not an object) or ValueError.
py::tuple load_context(py::object path) {
  std::string given;  // bytes as the file system takes them (os.fsencode)
  if (!path.is_none()) given = py::bytes(py::module_::import("os").attr("fsencode")(path));
  const std::unique_ptr<kestra_context, decltype(&kestra_context_free)> context(kestra_context_new(),
                                                                                &kestra_context_free);
  if (!context) throw std::bad_alloc();
  const kestra_result result = kestra_context_load(context.get(), given.data(), given.size());
  if (result != KESTRA_OK) {
    PyObject *type = PyExc_ValueError;
    switch (result) {
      case KESTRA_ERROR_NOT_FOUND: type = PyExc_FileNotFoundError; break;
      case KESTRA_ERROR_IO: type = PyExc_OSError; break;
      case KESTRA_ERROR_TYPE: type = PyExc_TypeError; break;
      case KESTRA_ERROR_NO_MEMORY: type = PyExc_MemoryError; break;
      default: break;
    }
    raise(type, kestra_context_error(context.get()));
  }
  size_t len = 0;
  const char *text = kestra_context_json(context.get(), &len);
  return py::make_tuple(py::str(text, len), py::str(kestra_context_source(context.get())));
}

}  // namespace

void add_context_functions(py::module_ &m) {
  m.def("load_context", &load_context, py::arg("path") = py::none(),
        "The execution context's JSON text and where it was found: (text, source).");
}

}  // namespace kestra_py
