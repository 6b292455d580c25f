#include "ion_scalars.hpp"

#include "iso8601.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace kestra::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Digits of `radix` with single underscores between them ("1_000"), appended to
// `out` without the underscores. Returns the characters read, 0 when none.
std::size_t read_digits(std::string_view s, std::size_t at, int radix, std::string *out) {
  std::size_t i = at;
  while (i < s.size()) {
    int v = radix == 16 ? hex_value(s[i]) : (is_digit(s[i]) ? s[i] - '0' : -1);
    if (v < 0 || v >= radix) {
      // An underscore only between two digits.
      if (s[i] == '_' && i > at && i + 1 < s.size()) {
        char n = s[i + 1];
        int nv = radix == 16 ? hex_value(n) : (is_digit(n) ? n - '0' : -1);
        if (nv >= 0 && nv < radix) {
          ++i;
          continue;
        }
      }
      break;
    }
    if (out) out->push_back(s[i]);
    ++i;
  }
  return i - at;
}

// Unsigned digits of a radix (2 or 16) as decimal text, by repeated
// multiply-add on base-10^9 limbs (the tokens are limited in length).
std::string to_decimal(std::string_view digits, int radix) {
  std::vector<std::uint32_t> limbs{0};  // little-endian, base 1e9
  for (char c : digits) {
    std::uint64_t carry = static_cast<std::uint64_t>(hex_value(c));
    for (auto &limb : limbs) {
      std::uint64_t v = static_cast<std::uint64_t>(limb) * static_cast<std::uint64_t>(radix) + carry;
      limb = static_cast<std::uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    if (carry) limbs.push_back(static_cast<std::uint32_t>(carry));
  }
  std::string out = std::to_string(limbs.back());
  for (std::size_t i = limbs.size() - 1; i-- > 0;) {
    std::string part = std::to_string(limbs[i]);
    out.append(9 - part.size(), '0');
    out += part;
  }
  return out;
}

// An unsigned decimal integer part: "0", or a non-zero digit then digits.
std::size_t read_integer_part(std::string_view s, std::size_t at, std::string &out, const char *&why) {
  if (at >= s.size() || !is_digit(s[at])) {
    why = "a number needs a digit";
    return 0;
  }
  std::size_t n = read_digits(s, at, 10, &out);
  if (s[at] == '0' && n > 1) {
    why = "a number cannot start with 0 (leading zeros are not Ion)";
    return 0;
  }
  return n;
}

// Two digits at s[at], as a number; -1 when they are not digits.
int two_digits(std::string_view s, std::size_t at) {
  if (at + 2 > s.size() || !is_digit(s[at]) || !is_digit(s[at + 1])) return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

}  // namespace

IonNumberKind classify_ion_number(std::string_view token) {
  std::size_t i = !token.empty() && token[0] == '-' ? 1 : 0;
  if (i >= token.size() || !is_digit(token[i])) return IonNumberKind::invalid;
  if (i == 0 && token.size() > 4 && is_digit(token[1]) && is_digit(token[2]) && is_digit(token[3]) &&
      (token[4] == '-' || token[4] == 'T'))
    return IonNumberKind::timestamp;
  if (token.size() > i + 1 && token[i] == '0' &&
      (token[i + 1] == 'x' || token[i + 1] == 'X' || token[i + 1] == 'b' || token[i + 1] == 'B'))
    return IonNumberKind::integer;
  IonNumberKind kind = IonNumberKind::integer;
  for (char c : token) {
    if (c == 'e' || c == 'E') return IonNumberKind::floating;
    if (c == '.' || c == 'd' || c == 'D') kind = IonNumberKind::decimal;
  }
  return kind;
}

bool parse_ion_int(std::string_view token, std::string &decimal, const char *&why) {
  decimal.clear();
  bool negative = !token.empty() && token[0] == '-';
  std::size_t i = negative ? 1 : 0;
  std::string digits;
  if (token.size() > i + 1 && token[i] == '0' &&
      (token[i + 1] == 'x' || token[i + 1] == 'X' || token[i + 1] == 'b' || token[i + 1] == 'B')) {
    int radix = (token[i + 1] == 'x' || token[i + 1] == 'X') ? 16 : 2;
    std::size_t n = read_digits(token, i + 2, radix, &digits);
    if (n == 0 || i + 2 + n != token.size()) {
      why = radix == 16 ? "a malformed hexadecimal int" : "a malformed binary int";
      return false;
    }
    digits = to_decimal(digits, radix);
  } else {
    std::size_t n = read_integer_part(token, i, digits, why);
    if (n == 0) return false;
    if (i + n != token.size()) {
      why = "a malformed int";
      return false;
    }
  }
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    decimal = "0";
    return true;
  }
  if (negative) decimal.push_back('-');
  decimal.append(digits, first, std::string::npos);
  return true;
}

bool parse_ion_real(std::string_view token, bool is_float, std::string &text, const char *&why) {
  text.clear();
  std::size_t i = 0;
  if (!token.empty() && token[0] == '-') {
    text.push_back('-');
    i = 1;
  }
  std::size_t n = read_integer_part(token, i, text, why);
  if (n == 0) return false;
  i += n;
  if (i < token.size() && token[i] == '.') {
    text.push_back('.');
    ++i;
    i += read_digits(token, i, 10, &text);
  }
  if (i < token.size()) {
    char e = token[i];
    bool float_exponent = e == 'e' || e == 'E';
    if (!(float_exponent || e == 'd' || e == 'D') || float_exponent != is_float) {
      why = is_float ? "a malformed float" : "a malformed decimal";
      return false;
    }
    text.push_back('e');
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) text.push_back(token[i++]);
    std::size_t start = i;
    while (i < token.size() && is_digit(token[i])) text.push_back(token[i++]);
    if (i == start) {
      why = "an exponent needs digits";
      return false;
    }
  } else if (is_float) {
    why = "a malformed float";
    return false;
  }
  if (i != token.size()) {
    why = is_float ? "a malformed float" : "a malformed decimal";
    return false;
  }
  return true;
}

double ion_text_to_double(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  (void)end;
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves the value alone: tell overflow from underflow by the
    // exponent's sign, as strtod would.
    bool negative = !text.empty() && text[0] == '-';
    std::size_t e = text.find('e');
    bool tiny = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
    if (tiny) return negative ? -0.0 : 0.0;
    return negative ? -HUGE_VAL : HUGE_VAL;
  }
  return value;
}

bool parse_ion_timestamp(std::string_view s, kestra_datetime &out, const char *&why) {
  out = kestra_datetime{};
  out.month = out.day = 1;
  why = "a malformed timestamp";
  int y1 = two_digits(s, 0), y2 = two_digits(s, 2);
  if (y1 < 0 || y2 < 0) return false;
  out.year = y1 * 100 + y2;
  if (out.year < 1) {
    why = "a timestamp's year is from 0001 to 9999";
    return false;
  }
  std::size_t i = 4;
  out.precision = KESTRA_DATETIME_YEAR;
  if (i < s.size() && s[i] == 'T') return i + 1 == s.size();
  if (i >= s.size() || s[i] != '-' || (out.month = two_digits(s, i + 1)) < 1 || out.month > 12) {
    if (out.month > 12 || out.month == 0) why = "a timestamp's month is from 01 to 12";
    return false;
  }
  i += 3;
  out.precision = KESTRA_DATETIME_MONTH;
  if (i < s.size() && s[i] == 'T') return i + 1 == s.size();
  if (i >= s.size() || s[i] != '-' || (out.day = two_digits(s, i + 1)) < 1) return false;
  if (out.day > days_in_month(out.year, out.month)) {
    why = "a timestamp's day is past the end of its month";
    return false;
  }
  i += 3;
  out.precision = KESTRA_DATETIME_DAY;
  if (i == s.size()) return true;
  if (s[i] != 'T') return false;
  ++i;
  if (i == s.size()) return true;
  out.hour = two_digits(s, i);
  if (out.hour < 0 || i + 2 >= s.size() || s[i + 2] != ':' || (out.minute = two_digits(s, i + 3)) < 0)
    return false;
  if (out.hour > 23 || out.minute > 59) {
    why = "a timestamp's time is out of range";
    return false;
  }
  i += 5;
  out.precision = KESTRA_DATETIME_MINUTE;
  if (i < s.size() && s[i] == ':') {
    out.second = two_digits(s, i + 1);
    if (out.second < 0) return false;
    if (out.second > 59) {
      why = "a timestamp's second is from 00 to 59";
      return false;
    }
    i += 3;
    out.precision = KESTRA_DATETIME_SECOND;
    if (i < s.size() && s[i] == '.') {
      ++i;
      std::size_t start = i;
      while (i < s.size() && is_digit(s[i])) {
        if (i - start < 9) out.nanosecond = out.nanosecond * 10 + (s[i] - '0');
        ++i;
      }
      if (i == start) return false;
      std::size_t digits = i - start;
      for (std::size_t k = digits; k < 9; ++k) out.nanosecond *= 10;
      out.fraction_digits = static_cast<int32_t>(digits > 1000000 ? 1000000 : digits);
    }
  }
  // A time needs an offset.
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    out.has_offset = 1;
    return i + 1 == s.size();
  }
  if (i >= s.size() || (s[i] != '+' && s[i] != '-')) {
    why = "a timestamp with a time needs an offset (Z, +hh:mm or -hh:mm)";
    return false;
  }
  int oh = two_digits(s, i + 1);
  if (oh < 0 || i + 3 >= s.size() || s[i + 3] != ':') return false;
  int om = two_digits(s, i + 4);
  if (om < 0 || i + 6 != s.size()) return false;
  if (oh > 23 || om > 59) {
    why = "a timestamp's offset is out of range";
    return false;
  }
  int minutes = oh * 60 + om;
  if (s[i] == '-' && minutes == 0) return true;  // -00:00: unknown offset
  out.has_offset = 1;
  out.offset_minutes = s[i] == '-' ? -minutes : minutes;
  return true;
}

bool decode_base64(std::string_view text, std::string &bytes) {
  bytes.clear();
  if (text.size() % 4 != 0) return false;
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      char c = text[i + k];
      if (c == '=' && last && k >= 2) {
        v[k] = 0;
        ++pad;
        continue;
      }
      if (pad) return false;  // data after padding
      v[k] = value(c);
      if (v[k] < 0) return false;
    }
    std::uint32_t n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    bytes.push_back(static_cast<char>(n >> 16));
    if (pad < 2) bytes.push_back(static_cast<char>((n >> 8) & 0xff));
    if (pad < 1) bytes.push_back(static_cast<char>(n & 0xff));
  }
  return true;
}

}  // namespace kestra::detail
