#include "binding_input.hpp"

#include <strings.h>
#include <cmath>
#include <cstdlib>

#include "json_parser.hpp"

namespace kestra::detail {
namespace {

bool is_high(std::uint16_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool is_low(std::uint16_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

void put_code_point(std::string &out, std::uint32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// The code point at units[i] (a pair counts as one, i moved past it), or -1 for
// a lone surrogate.
long next_code_point(const std::uint16_t *units, std::size_t len, std::size_t &i) {
  const std::uint16_t u = units[i++];
  if (is_high(u) && i < len && is_low(units[i]))
    return 0x10000 + ((u - 0xD800L) << 10) + (units[i++] - 0xDC00L);
  if (is_high(u) || is_low(u)) return -1;
  return u;
}

}  // namespace

bool utf16_to_utf8(const std::uint16_t *units, std::size_t len, std::string &out) {
  out.clear();
  out.reserve(len);
  for (std::size_t i = 0; i < len;) {
    const long c = next_code_point(units, len, i);
    if (c < 0) return false;
    put_code_point(out, static_cast<std::uint32_t>(c));
  }
  return true;
}

std::size_t utf16_to_utf8_replacing(const std::uint16_t *units, std::size_t len, std::string &out,
                                    std::uint16_t &first_lone) {
  out.clear();
  out.reserve(len);
  std::size_t replaced = 0;
  for (std::size_t i = 0; i < len;) {
    const std::uint16_t unit = units[i];
    const long c = next_code_point(units, len, i);
    if (c < 0) {
      if (replaced++ == 0) first_lone = unit;
      put_code_point(out, 0xFFFD);
      continue;
    }
    put_code_point(out, static_cast<std::uint32_t>(c));
  }
  return replaced;
}

void json_utf16_to_utf8(const std::uint16_t *units, std::size_t len, std::string &out) {
  out.clear();
  out.reserve(len);
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < len;) {
    const std::uint16_t unit = units[i];
    const long c = next_code_point(units, len, i);
    if (c < 0) {
      static const char kHex[] = "0123456789abcdef";
      out.append(escaped ? "x" : "\\u");  // after a backslash: a bad escape, whatever follows
      for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(unit >> shift) & 0xF]);
      escaped = false;
      continue;
    }
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    }
    put_code_point(out, static_cast<std::uint32_t>(c));
  }
}

std::string integer_words_to_decimal(bool negative, const std::uint64_t *words, std::size_t count) {
  std::vector<std::uint64_t> w(words, words + count);
  while (!w.empty() && w.back() == 0) w.pop_back();
  std::string digits;                                        // least significant first
  constexpr std::uint64_t kChunk = 10000000000000000000ull;  // 10^19
  while (!w.empty()) {
    unsigned __int128 rem = 0;
    for (std::size_t i = w.size(); i-- > 0;) {
      const unsigned __int128 cur = (rem << 64) | w[i];
      w[i] = static_cast<std::uint64_t>(cur / kChunk);
      rem = cur % kChunk;
    }
    while (!w.empty() && w.back() == 0) w.pop_back();
    std::uint64_t part = static_cast<std::uint64_t>(rem);
    for (int k = 0; k < 19 && (part || !w.empty()); ++k, part /= 10)
      digits.push_back(static_cast<char>('0' + part % 10));
  }
  if (digits.empty()) return "0";
  if (negative) digits.push_back('-');
  return std::string(digits.rbegin(), digits.rend());
}

TypedNumber read_typed_number(std::string_view text, bool allow_bool) {
  if (allow_bool && (text == "true" || text == "false")) return {TypedNumber::boolean, 0, text == "true"};
  std::string_view word = text;
  const bool minus = !word.empty() && word[0] == '-';
  if (!word.empty() && (word[0] == '-' || word[0] == '+')) word.remove_prefix(1);
  const std::string w(word);
  if (strcasecmp(w.c_str(), "nan") == 0) return {TypedNumber::floating, std::nan("")};
  if (strcasecmp(w.c_str(), "inf") == 0 || strcasecmp(w.c_str(), "infinity") == 0)
    return {TypedNumber::floating, minus ? -HUGE_VAL : HUGE_VAL};
  // The JSON grammar, after any leading zeros of the integer part ("007", "-00.5").
  std::string normal(text);
  const std::size_t digits_at = minus ? 1 : 0;
  std::size_t zeros = 0;
  while (digits_at + zeros + 1 < normal.size() && normal[digits_at + zeros] == '0' &&
         is_json_digit(normal[digits_at + zeros + 1]))
    ++zeros;
  normal.erase(digits_at, zeros);
  std::size_t pos = 0;
  bool is_float = false;
  if (scan_number(normal, pos, is_float) != nullptr || pos != normal.size())
    return {TypedNumber::not_a_number};
  if (!is_float) return {TypedNumber::integer};
  const double d = std::strtod(normal.c_str(), nullptr);
  return {TypedNumber::floating, d, false, std::isinf(d)};
}

}  // namespace kestra::detail
