// C producer: every shared vector through the C ABI (kestra.h), with the call mapping
// of the core's own vector suite (tests/core/vector_calls.hpp). The finished record is
// written with kestra_record_write to fd 1 (captured), as a C program writes it.
//   c_producer VECTORS_DIR     one JSON line per vector (producer_io.hpp)
#include <stdexcept>
#include <string>

#include "kestra/kestra.h"
#include "producer_io.hpp"
#include "vector_calls.hpp"

int main(int argc, char **argv) {
  const auto each = [](producer::Capture &capture, const kestra_vectors::Vector &v, const std::string &file) {
    const kestra_vectors::Outcome out = kestra_vectors::run(v.json);
    if (out.result != KESTRA_OK)
      return capture.error(file, v.index, kestra_result_name(out.result), out.message, capture.taken());
    const kestra_result written = kestra_record_write(out.record.get(), 1);
    if (written != KESTRA_OK) throw std::runtime_error(std::string("write: ") + kestra_result_name(written));
    capture.line(file, v.index, capture.taken());
  };
  return producer::run_all(argc, argv, "c_producer", each);
}
