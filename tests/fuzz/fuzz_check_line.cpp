// Target (d): kestra_check_line, the server-side judge of any line. Input: one
// byte for the reason buffer's capacity, then the line. It must give one of the
// four verdicts, write a NUL-terminated one-line ASCII reason within the
// capacity, report the whole reason's length, never touch the buffer past it,
// and agree with the regex on the obvious cases. The same bytes read as UTF-16
// units go to kestra_check_line_utf16, which must agree with kestra_check_line
// on their UTF-8 (a lone surrogate written as U+FFFD): the same verdict, and the
// same reason when there is no lone surrogate (kestra.h).
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "oracle.hpp"

namespace {

// The UTF-8 of `units`, each lone surrogate as U+FFFD, written independently of
// the core; returns how many were lone.
size_t to_utf8(const std::vector<uint16_t> &units, std::string &out) {
  size_t lone = 0;
  const auto put = [&](uint32_t c) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  };
  for (size_t i = 0; i < units.size(); ++i) {
    const uint32_t u = units[i];
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
        units[i + 1] <= 0xDFFF) {
      put(0x10000 + ((u - 0xD800) << 10) + (units[++i] - 0xDC00));
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      ++lone;
      put(0xFFFD);
    } else {
      put(u);
    }
  }
  return lone;
}

std::string reason_of(kestra_line_verdict (*check)(const void *, size_t, char *, size_t, size_t *),
                      const void *line, size_t len, kestra_line_verdict &verdict) {
  size_t n = 0;
  check(line, len, nullptr, 0, &n);
  std::string reason(n + 1, '\0');
  verdict = check(line, len, &reason[0], reason.size(), nullptr);
  reason.resize(n);
  return reason;
}

kestra_line_verdict utf8_check(const void *line, size_t len, char *r, size_t cap, size_t *n) {
  return kestra_check_line(static_cast<const char *>(line), len, r, cap, n);
}
kestra_line_verdict utf16_check(const void *line, size_t len, char *r, size_t cap, size_t *n) {
  return kestra_check_line_utf16(static_cast<const uint16_t *>(line), len, r, cap, n);
}

// The twin against the UTF-8 form, on the input read as little-endian units.
void check_twin(std::string_view bytes) {
  std::vector<uint16_t> units(bytes.size() / 2);
  for (size_t i = 0; i < units.size(); ++i)
    units[i] = static_cast<uint16_t>(static_cast<unsigned char>(bytes[2 * i]) |
                                     static_cast<unsigned char>(bytes[2 * i + 1]) << 8);
  std::string utf8;
  const size_t lone = to_utf8(units, utf8);
  kestra_line_verdict v16, v8;
  const std::string r16 = reason_of(utf16_check, units.empty() ? nullptr : units.data(), units.size(), v16);
  const std::string r8 = reason_of(utf8_check, utf8.data(), utf8.size(), v8);
  fuzz::require(v16 == v8, "kestra_check_line_utf16 and kestra_check_line on its UTF-8 disagree", utf8);
  if (lone == 0)
    fuzz::require(r16 == r8, "the twin's reason differs for well-formed UTF-16", r16 + " | " + r8);
  else if (v16 == KESTRA_LINE_REJECTED)
    fuzz::require(r16.rfind(" was replaced by U+FFFD)") != std::string::npos ||
                      r16.rfind(" were replaced by U+FFFD)") != std::string::npos,
                  "a rejection after a lone surrogate does not say it was replaced", r16);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const size_t cap = data[0] < 250 ? data[0] : (data[0] - 250) * 1000;
  const std::string_view line(reinterpret_cast<const char *>(data + 1), size - 1);

  // An exact-size heap copy, so ASan sees any read past the line.
  std::vector<char> copy(line.begin(), line.end());
  std::vector<char> reason(cap + 16, '\x7f');
  size_t reason_len = 0;
  const kestra_line_verdict verdict = kestra_check_line(copy.empty() ? nullptr : copy.data(), copy.size(),
                                                        cap ? reason.data() : nullptr, cap, &reason_len);
  fuzz::require(verdict >= KESTRA_LINE_TEXT && verdict <= KESTRA_LINE_NEAR_MISS, "unknown verdict", line);

  for (size_t i = cap; i < reason.size(); ++i)
    fuzz::require(reason[i] == '\x7f', "kestra_check_line wrote past reason_cap", line);
  if (cap) {
    const void *nul = std::memchr(reason.data(), 0, cap);
    fuzz::require(nul != nullptr, "the reason is not NUL-terminated within reason_cap", line);
    for (const char *p = reason.data(); *p; ++p)
      fuzz::require(*p >= 0x20 && *p <= 0x7e, "the reason is not one line of ASCII",
                    std::string_view(reason.data()));
    // The reported length is the whole reason's: what was written is its prefix.
    const size_t written = std::strlen(reason.data());
    fuzz::require(written == (reason_len < cap ? reason_len : cap - 1),
                  "reason_len does not match the reason written", line);
  }

  // The regex ^::(\{.*})::$ needs "::{" at the start and "}::" somewhere after.
  const bool starts = line.substr(0, 3) == "::{";
  const bool has_end = line.size() >= 6 && line.find("}::", 2) != std::string_view::npos;
  if (!starts || !has_end)
    fuzz::require(verdict == KESTRA_LINE_TEXT || verdict == KESTRA_LINE_NEAR_MISS,
                  "a line that cannot match the regex is judged a protocol line", line);
  if (verdict == KESTRA_LINE_NEAR_MISS)
    fuzz::require(
        starts || line.find("}::") != std::string_view::npos || line.find("::{") != std::string_view::npos,
        "a near miss that does not look like a protocol line", line);
  check_twin(line);
  return 0;
}
