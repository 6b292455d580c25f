// Target (e): the Ion reader (kestra/ion.h). Input: any bytes as Ion text. The
// oracle: reading the bytes whole and one byte at a time through a callback
// gives the same JSON Lines and the same error (the chunked input hides no
// state); every line is one strict JSON value ending in "\n"; a failure has a
// kind, a one-line message starting "line L, column C: ", and stays; the event
// walk of the same bytes agrees on the number of rows.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kestra/ion.h"
#include "oracle.hpp"

namespace {

struct Source {
  const uint8_t *data;
  size_t size, at = 0;
};

ptrdiff_t one_byte(void *context, char *buffer, size_t capacity) {
  auto *s = static_cast<Source *>(context);
  if (s->at == s->size || capacity == 0) return 0;
  buffer[0] = static_cast<char>(s->data[s->at++]);
  return 1;
}

struct Result {
  std::string lines;
  size_t rows = 0;
  kestra_result status = KESTRA_OK;
  std::string error;
};

// Strict JSON, judged by the core's own JSON reader (simdjson refuses ints past
// 64 bits, which Ion has): the line as the value of an output. Its depth and
// number-length limits are the server's, tighter than Ion's, so those pass.
bool is_strict_json(kestra_record *record, std::string_view text) {
  kestra_record_begin_outputs(record);
  kestra_record_begin_object(record, nullptr);
  kestra_record_key(record, "v", 1);
  kestra_result r = kestra_record_json(record, text.data(), text.size());
  return r == KESTRA_OK || r == KESTRA_ERROR_DEPTH || r == KESTRA_ERROR_LIMIT;
}

Result read_json(kestra_ion_reader *r) {
  Result out;
  kestra_record *record = kestra_record_new();
  for (;;) {
    const char *line;
    size_t len;
    out.status = kestra_ion_reader_next_json(r, &line, &len);
    if (out.status != KESTRA_OK || len == 0) break;
    std::string_view text(line, len);
    fuzz::require(text.back() == '\n' && text.find('\n') == len - 1, "a JSON line is not one line", text);
    fuzz::require(is_strict_json(record, text.substr(0, len - 1)), "a JSON line is not strict JSON", text);
    out.lines.append(text);
    ++out.rows;
  }
  out.error = kestra_ion_reader_error(r);
  kestra_record_free(record);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  // An exact-size heap copy, so ASan sees any read past the end.
  std::vector<char> copy(input.begin(), input.end());
  kestra_ion_reader *r = kestra_ion_reader_new();

  kestra_ion_reader_open_buffer(r, copy.data(), copy.size(), KESTRA_ION_DEFAULT);
  Result whole = read_json(r);
  if (whole.status != KESTRA_OK) {
    fuzz::require(whole.error.rfind("line ", 0) == 0 && whole.error.find(", column ") != std::string::npos,
                  "an error has no position", whole.error);
    fuzz::require(whole.error.find('\n') == std::string::npos, "an error is not one line", whole.error);
    const char *again_line;
    size_t again_len;
    fuzz::require(kestra_ion_reader_next_json(r, &again_line, &again_len) == whole.status,
                  "a failed reader did not stay failed", input);
  }

  Source src{data, size};
  kestra_ion_reader_open_callback(r, one_byte, &src, KESTRA_ION_DEFAULT);
  Result bytewise = read_json(r);
  fuzz::require(
      bytewise.lines == whole.lines && bytewise.status == whole.status && bytewise.error == whole.error,
      "reading one byte at a time differs from reading the buffer", input);

  // The events of the same text: as many top-level values before any error.
  kestra_ion_reader_open_buffer(r, copy.data(), copy.size(), KESTRA_ION_DEFAULT);
  size_t top = 0;
  kestra_ion_event event;
  kestra_result res;
  while ((res = kestra_ion_reader_next(r, &event)) == KESTRA_OK && event != KESTRA_ION_EVENT_END) {
    if (event == KESTRA_ION_EVENT_VALUE && kestra_ion_reader_depth(r) == 0) ++top;
    size_t len;
    kestra_ion_reader_text(r, &len);
    double d;
    kestra_ion_reader_double(r, &d);
  }
  if (whole.status == KESTRA_OK) {
    fuzz::require(res == KESTRA_OK && top == whole.rows, "the events disagree with the JSON lines", input);
  } else if (res == KESTRA_OK) {
    // Only a conversion the JSON refuses (a lob that is not UTF-8) fails there alone.
    fuzz::require(whole.status == KESTRA_ERROR_UNICODE, "the events read what the JSON route refused", input);
  }
  kestra_ion_reader_free(r);
  return 0;
}
