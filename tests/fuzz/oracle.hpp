// The oracle every fuzz target applies to what the core produces: a protocol
// line is one line, "::{...}::\n", printable ASCII, strict JSON; a failure leaves
// a one-line ASCII message and no line. A violation prints why and aborts, so
// libFuzzer saves the input as a crash.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "kestra/kestra.h"

namespace fuzz {

[[noreturn]] inline void violation(const char *what, std::string_view detail) {
  std::fprintf(stderr, "ORACLE VIOLATION: %s\n  %.*s%s\n", what,
               static_cast<int>(detail.size() > 600 ? 600 : detail.size()), detail.data(),
               detail.size() > 600 ? " ..." : "");
  std::abort();
}

inline void require(bool ok, const char *what, std::string_view detail = {}) {
  if (!ok) violation(what, detail);
}

// A strict RFC 8259 validator of our own: simdjson refuses integers beyond
// 64 bits, which the core writes legitimately (up to 1,000 digits).
class StrictJson {
 public:
  explicit StrictJson(std::string_view text) : s_(text) {}

  bool valid() {
    space();
    if (!value(0)) return false;
    space();
    return i_ == s_.size();
  }

 private:
  static constexpr int kMaxDepth = 4096;  // far above the 1,000 the core allows

  bool more() const { return i_ < s_.size(); }
  char peek() const { return s_[i_]; }
  void space() {
    while (more() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++i_;
  }
  bool eat(char c) {
    if (more() && peek() == c) return ++i_, true;
    return false;
  }
  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool digits() {
    const std::size_t start = i_;
    while (more() && peek() >= '0' && peek() <= '9') ++i_;
    return i_ > start;
  }
  bool number() {
    eat('-');
    if (eat('0')) {
    } else if (more() && peek() >= '1' && peek() <= '9') {
      digits();
    } else {
      return false;
    }
    if (eat('.') && !digits()) return false;
    if (eat('e') || eat('E')) {
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    return true;
  }
  static bool hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
  bool string() {
    if (!eat('"')) return false;
    while (more()) {
      const auto c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c != '\\') continue;
      if (!more()) return false;
      const char e = s_[i_++];
      if (e == 'u') {
        for (int k = 0; k < 4; ++k)
          if (!more() || !hex(s_[i_++])) return false;
      } else if (!std::strchr("\"\\/bfnrt", e) || e == 0) {
        return false;
      }
    }
    return false;
  }
  bool value(int depth) {
    if (depth > kMaxDepth || !more()) return false;
    switch (peek()) {
      case '{':
        ++i_;
        space();
        if (eat('}')) return true;
        for (;;) {
          space();
          if (!string()) return false;
          space();
          if (!eat(':')) return false;
          space();
          if (!value(depth + 1)) return false;
          space();
          if (eat('}')) return true;
          if (!eat(',')) return false;
        }
      case '[':
        ++i_;
        space();
        if (eat(']')) return true;
        for (;;) {
          space();
          if (!value(depth + 1)) return false;
          space();
          if (eat(']')) return true;
          if (!eat(',')) return false;
        }
      case '"': return string();
      case 't': return word("true");
      case 'f': return word("false");
      case 'n': return word("null");
      default: return number();
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

inline bool strict_json(std::string_view text) { return StrictJson(text).valid(); }

// A second, independent parser where it can judge: simdjson's DOM accepts the
// text, or refuses only a number it cannot hold (our integers go to 1,000 digits);
// the strict validator above stays the judge of those.
inline void simdjson_agrees(std::string_view json) {
  static simdjson::dom::parser parser;
  const simdjson::padded_string padded(json);
  const auto error = parser.parse(padded).error();
  // (simdjson 3.0 reports an integer beyond 64 bits as NUMBER_ERROR.)
  require(error == simdjson::SUCCESS || error == simdjson::NUMBER_ERROR,
          "simdjson DOM refuses the JSON of a produced line", json);
}

// The shape of every line we write: exactly one line, ^::\{.*\}::\n$, bytes
// 0x20..0x7e before the final newline, and strict JSON between the colons.
inline void check_line(const char *data, std::size_t len) {
  const std::string_view line(data, len);
  require(data != nullptr && len >= 7, "a line is shorter than ::{}::\\n", line);
  require(line.substr(0, 3) == "::{" && line.substr(len - 4) == "}::\n",
          "a line does not match ^::\\{.*\\}::\\n$", line);
  for (std::size_t i = 0; i + 1 < len; ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    require(c >= 0x20 && c <= 0x7e, "a line holds a byte outside printable ASCII", line);
  }
  const std::string_view json = line.substr(2, len - 5);
  require(strict_json(json), "a line is not strict JSON", line);
  simdjson_agrees(json);
}

// An error message: non-empty, one line of printable ASCII (bindings turn it
// into an exception text, so invalid UTF-8 there would fail a second time).
inline void check_error_message(const char *message) {
  require(message != nullptr, "kestra_record_error returned NULL");
  const std::string_view m(message);
  require(!m.empty(), "a failed record has an empty error message");
  for (unsigned char c : m) require(c >= 0x20 && c <= 0x7e, "an error message is not one line of ASCII", m);
}

inline bool known_result(kestra_result r) { return r >= KESTRA_OK && r <= KESTRA_ERROR_IO; }

// What a failed or finished record must look like after any call.
inline void check_record_state(const kestra_record *record) {
  const kestra_result status = kestra_record_status(record);
  require(known_result(status), "kestra_record_status is not a known result");
  size_t len = 12345;
  const char *line = kestra_record_line(record, &len);
  if (status != KESTRA_OK && status != KESTRA_ERROR_IO) {
    check_error_message(kestra_record_error(record));
    require(line == nullptr && len == 0, "a failed record still offers a line");
  }
  if (line)
    check_line(line, len);
  else
    require(len == 0, "kestra_record_line gave NULL with a non-zero length");
}

// FUZZ_KNOWN="reason one|reason two": disagreements with kestra_check_line
// already reported, skipped so a fuzz session can look past them. run.sh never
// sets it: a known core bug keeps failing the run until it is fixed.
inline bool known_disagreement(const char *reason) {
  const char *known = std::getenv("FUZZ_KNOWN");
  if (!known || !*known) return false;
  const std::string list = known;
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t end = list.find('|', start);
    if (end == std::string::npos) end = list.size();
    const std::string part = list.substr(start, end - start);
    if (!part.empty() && std::strstr(reason, part.c_str())) return true;
    start = end + 1;
  }
  return false;
}

// A line the typed calls produced must read back as a whole message (the
// format() path, its own checks) to the same bytes, and the server-side judge
// must say the server records it.
inline void check_line_agreement(const char *data, std::size_t len) {
  check_line(data, len);
  const std::string_view line(data, len);
  kestra_record *again = kestra_record_new();
  require(again != nullptr, "kestra_record_new failed");
  kestra_result r = kestra_record_begin_message(again);
  if (r == KESTRA_OK) r = kestra_record_json(again, data + 2, len - 5);
  if (r == KESTRA_OK) r = kestra_record_finish(again);
  if (r != KESTRA_OK) {
    const std::string why = std::string(kestra_record_error(again)) + "  <-  " + std::string(line);
    kestra_record_free(again);
    violation("a produced line does not read back as a message", why);
  }
  size_t len2 = 0;
  const char *line2 = kestra_record_line(again, &len2);
  if (std::string_view(line2, len2) != line) {
    const std::string why = std::string(line) + "  ->  " + std::string(line2, len2);
    kestra_record_free(again);
    violation("a produced line reads back as a message to different bytes", why);
  }
  kestra_record_free(again);

  char reason[256];
  const kestra_line_verdict verdict = kestra_check_line(data, len - 1, reason, sizeof reason, nullptr);
  if (verdict != KESTRA_LINE_RECORDED && !known_disagreement(reason))
    violation("kestra_check_line does not say RECORDED for a produced line",
              std::string(reason) + "  <-  " + std::string(line));
}

}  // namespace fuzz
