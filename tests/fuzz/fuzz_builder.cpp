// Target (b): the value builder driven by a byte-coded call sequence (see
// program.hpp): begin_object/key/string/int64/double/json/... in any order,
// misuse included. The first byte picks the record the values go into.
#include "program.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz::Input in(data, size);
  kestra_record *r = kestra_record_new();
  switch (in.u8() % 4) {
    case 0: kestra_record_begin_outputs(r); break;
    case 1: kestra_record_begin_message(r); break;
    case 2: kestra_record_begin_assets(r); break;
    case 3: kestra_record_begin_metric(r, KESTRA_METRIC_GAUGE, "g", KESTRA_CSTR); break;
  }
  fuzz::Program(r).run(in, fuzz::kValueOps);
  kestra_record_free(r);
  return 0;
}
