// Target (e): kestra_summary, a script's output read into what Kestra stores.
// Input: bytes cut into chunks at each 0x00 byte (itself dropped), fed in turn to
// stdout and stderr, so lines split across chunks and streams. The JSON must be
// printable ASCII; the rows and the plain text must hold no control character
// but \n (script text is shown escaped, so it cannot drive a terminal); the
// problem count must match the rejected and near-miss line counts.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "oracle.hpp"

namespace {

void require_no_controls(const char *text, size_t len, bool newlines, const char *what,
                         std::string_view input) {
  for (size_t i = 0; i < len; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    fuzz::require(c >= 0x20 ? c != 0x7f : (newlines && c == '\n'), what, input);
  }
}

std::size_t count_of(const std::string &json, const char *key) {
  const std::string k = std::string("\"") + key + "\":";
  const std::size_t at = json.rfind(k);
  return at == std::string::npos ? 0 : std::strtoull(json.c_str() + at + k.size(), nullptr, 10);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::string_view input(reinterpret_cast<const char *>(data), size);
  kestra_summary *s = kestra_summary_new(KESTRA_SUMMARY_ROWS);
  fuzz::require(s != nullptr, "kestra_summary_new failed", input);
  int stream = KESTRA_STREAM_STDOUT;
  std::size_t start = 0;
  size_t len;
  for (std::size_t i = 0; i <= size; ++i) {
    if (i < size && data[i] != 0) continue;
    const std::string_view chunk = input.substr(start, i - start);
    fuzz::require(kestra_summary_feed(s, stream, chunk.data(), chunk.size()) == KESTRA_OK, "feed failed",
                  input);
    const char *rows = kestra_summary_take_rows(s, KESTRA_SUMMARY_PLAIN, &len);
    fuzz::require(rows != nullptr, "no rows", input);
    require_no_controls(rows, len, true, "a row holds a control character", input);
    stream = stream == KESTRA_STREAM_STDOUT ? KESTRA_STREAM_STDERR : KESTRA_STREAM_STDOUT;
    start = i + 1;
  }
  for (int st : {KESTRA_STREAM_STDOUT, KESTRA_STREAM_STDERR})
    fuzz::require(kestra_summary_end(s, st) == KESTRA_OK, "end failed", input);

  const char *json = kestra_summary_json(s, &len);
  fuzz::require(json != nullptr, "no JSON", input);
  const std::string j(json, len);
  for (unsigned char c : j)
    fuzz::require(c >= 0x20 && c < 0x7f, "the summary JSON is not printable ASCII", input);
  fuzz::require(count_of(j, "rejected") + count_of(j, "near_miss") == kestra_summary_problems(s),
                "the problem count does not match the line counts", input);
  const char *text = kestra_summary_text(s, KESTRA_SUMMARY_PLAIN, &len);
  fuzz::require(text != nullptr, "no text", input);
  require_no_controls(text, len, true, "the text holds a control character", input);
  kestra_summary_free(s);
  return 0;
}
