// Target (d): kestra_check_line, the server-side judge of any line. Input: one
// byte for the reason buffer's capacity, then the line. It must give one of the
// four verdicts, write a NUL-terminated one-line ASCII reason within the
// capacity, report the whole reason's length, never touch the buffer past it,
// and agree with the regex on the obvious cases.
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "oracle.hpp"

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
  return 0;
}
