// Finding the bytes a JSON string keeps as they are: printable ASCII other
// than '"' and '\\'. Strings are mostly such bytes, so both string writers
// look for the first one that is not, 8 bytes at a time.
#pragma once

#include <cstdint>
#include <cstring>

namespace kestra::detail {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kLowBits = 0x7f7f7f7f7f7f7f7full;
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

// For 8 bytes read little-endian: the high bit of each byte that is not plain
// (printable ASCII other than '"' and '\\'). Exact per byte: no sum carries
// into the next byte, as each adds to 7 bits only.
inline std::uint64_t special_bytes(std::uint64_t w) {
  const auto zero_bytes = [](std::uint64_t y) { return ~(((y & kLowBits) + kLowBits) | y) & kHighBits; };
  const std::uint64_t control = ~((w & kLowBits) + kOnes * (0x80 - 0x20)) & ~w & kHighBits;  // below 0x20
  const std::uint64_t del_or_high = (((w & kLowBits) + kOnes) | w) & kHighBits;              // 0x7f and above
  return control | del_or_high | zero_bytes(w ^ (kOnes * '"')) | zero_bytes(w ^ (kOnes * '\\'));
}

// The 8 bytes as loaded on a little-endian machine: byte k at bits 8k..8k+7.
inline std::uint64_t little_endian(std::uint64_t w) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return __builtin_bswap64(w);
#else
  return w;
#endif
}

inline bool is_plain_byte(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

// The first byte from p that is not plain (printable ASCII but '"' and '\\').
inline const char *skip_plain(const char *p, const char *end) {
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    if (const std::uint64_t special = special_bytes(little_endian(w)))
      return p + __builtin_ctzll(special) / 8;
    p += 8;
  }
  while (p < end && is_plain_byte(static_cast<unsigned char>(*p))) ++p;
  return p;
}

}  // namespace kestra::detail
