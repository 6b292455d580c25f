// Target (c): the record functions (metrics with tags, timestamps and
// descriptions, logs, log_named, UTF-16 entry points, reset, copy_line, write)
// mixed with the value calls, as a byte-coded sequence (see program.hpp).
#include "program.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz::Input in(data, size);
  kestra_record *r = kestra_record_new();
  fuzz::Program(r).run(in, fuzz::kAllOps);
  kestra_record_free(r);
  return 0;
}
