#include "json_text.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "plain_text.hpp"

namespace kestra::detail {
namespace {

// For each ASCII byte, the character after the backslash that escapes it, 'u' for
// a \u00XX escape, or 0 when the byte is written as it is (printable ASCII).
constexpr std::array<char, 128> make_escape_table() {
  std::array<char, 128> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = 'u';
  table['\b'] = 'b';
  table['\f'] = 'f';
  table['\n'] = 'n';
  table['\r'] = 'r';
  table['\t'] = 't';
  table['"'] = '"';
  table['\\'] = '\\';
  table[0x7f] = 'u';  // DEL is not printable: Python's ensure_ascii escapes it
  return table;
}
constexpr auto kEscape = make_escape_table();
constexpr char kHex[] = "0123456789abcdef";

// The escape writers put at most 12 bytes at `out` and return the end.
char *write_u_escape(char *out, unsigned unit) {
  out[0] = '\\';
  out[1] = 'u';
  out[2] = kHex[(unit >> 12) & 0xf];
  out[3] = kHex[(unit >> 8) & 0xf];
  out[4] = kHex[(unit >> 4) & 0xf];
  out[5] = kHex[unit & 0xf];
  return out + 6;
}

char *write_ascii_escaped(char *out, unsigned char c) {
  const char e = kEscape[c];
  if (e == 'u') return write_u_escape(out, c);
  out[0] = '\\';
  out[1] = e;
  return out + 2;
}

// A code point of U+0080 and above, as one or two \u escapes.
char *write_non_ascii(char *out, char32_t cp) {
  if (cp < 0x10000) return write_u_escape(out, cp);
  cp -= 0x10000;
  return write_u_escape(write_u_escape(out, 0xd800 + (cp >> 10)), 0xdc00 + (cp & 0x3ff));
}

// Where the writers above go: a growing string, or a buffer known to be large
// enough. The transcoders are templates over it, so both give the same bytes.
struct StringSink {
  std::string &out;
  void put(char c) { out.push_back(c); }
  void put(const char *p, std::size_t n) { out.append(p, n); }
};
struct BufferSink {
  char *out;
  void put(char c) { *out++ = c; }
  void put(const char *p, std::size_t n) {
    std::memcpy(out, p, n);
    out += n;
  }
};

template <typename Sink, typename Writer>
void put_written(Sink &sink, Writer write) {
  char buf[12];
  sink.put(buf, static_cast<std::size_t>(write(buf) - buf));
}

void append_u_escape(std::string &out, unsigned unit) {
  StringSink sink{out};
  put_written(sink, [&](char *b) { return write_u_escape(b, unit); });
}
void append_ascii_escaped(std::string &out, unsigned char c) {
  StringSink sink{out};
  put_written(sink, [&](char *b) { return write_ascii_escaped(b, c); });
}

// decode_utf8's body (json_text.hpp), kept here with internal linkage for the
// string writers below (always inlined there: a call per character costs 10%).
inline __attribute__((always_inline)) std::size_t decode_sequence(std::string_view text, std::size_t i,
                                                                  char32_t &cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const std::size_t left = text.size() - i;
  const unsigned char b0 = byte(i);
  const auto cont = [&](std::size_t k, unsigned char lo, unsigned char hi) {
    return byte(i + k) >= lo && byte(i + k) <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    if (left < 2 || !cont(1, 0x80, 0xbf)) return 0;
    cp = ((b0 & 0x1fu) << 6) | (byte(i + 1) & 0x3fu);
    return 2;
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (left < 3) return 0;
    const unsigned char lo = b0 == 0xe0 ? 0xa0 : 0x80;
    const unsigned char hi = b0 == 0xed ? 0x9f : 0xbf;  // 0xED A0.. would be a surrogate
    if (!cont(1, lo, hi) || !cont(2, 0x80, 0xbf)) return 0;
    cp = ((b0 & 0x0fu) << 12) | ((byte(i + 1) & 0x3fu) << 6) | (byte(i + 2) & 0x3fu);
    return 3;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (left < 4) return 0;
    const unsigned char lo = b0 == 0xf0 ? 0x90 : 0x80;
    const unsigned char hi = b0 == 0xf4 ? 0x8f : 0xbf;
    if (!cont(1, lo, hi) || !cont(2, 0x80, 0xbf) || !cont(3, 0x80, 0xbf)) return 0;
    cp = ((b0 & 0x07u) << 18) | ((byte(i + 1) & 0x3fu) << 12) | ((byte(i + 2) & 0x3fu) << 6) |
         (byte(i + 3) & 0x3fu);
    return 4;
  }
  return 0;
}

// Escapes the UTF-8 sequence at text[i] (a byte >= 0x80) and moves past it,
// counting its UTF-16 units; false when the sequence is invalid.
char *write_utf8_sequence(char *out, std::string_view text, std::size_t &i, std::size_t &units) {
  char32_t cp = 0;
  const std::size_t n = decode_sequence(text, i, cp);
  if (n == 0) return nullptr;
  i += n;
  units += cp >= 0x10000 ? 2 : 1;
  return write_non_ascii(out, cp);
}

// The same into a sink; false when the sequence is invalid.
template <typename Sink>
bool put_utf8_sequence(Sink &out, std::string_view text, std::size_t &i, std::size_t &units) {
  bool valid = true;
  put_written(out, [&](char *b) {
    char *end = write_utf8_sequence(b, text, i, units);
    valid = end != nullptr;
    return valid ? end : b;
  });
  return valid;
}

bool is_high_surrogate(unsigned u) { return u >= 0xd800 && u <= 0xdbff; }
bool is_low_surrogate(unsigned u) { return u >= 0xdc00 && u <= 0xdfff; }

inline __attribute__((always_inline)) int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the 4 hex digits of a \u escape at body[i..i+4); -1 when malformed.
// Always inlined in the transcoders, as decode_sequence (read_hex4 is public too).
inline __attribute__((always_inline)) long hex4(std::string_view body, std::size_t i) {
  if (body.size() < i + 4) return -1;
  long value = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    int h = hex_digit(body[i + k]);
    if (h < 0) return -1;
    value = value * 16 + h;
  }
  return value;
}

// Writes one code point decoded from a JSON escape, by the same rules as text.
char *write_code_point(char *out, char32_t cp) {
  if (cp >= 0x80) return write_non_ascii(out, cp);
  const auto c = static_cast<unsigned char>(cp);
  if (kEscape[c]) return write_ascii_escaped(out, c);
  *out = static_cast<char>(c);
  return out + 1;
}

}  // namespace

TextError append_string_utf8(std::string &out, std::string_view text) {
  // Most strings are plain ASCII: one resize and one copy. (Short strings are
  // most of a metric line, and each out-of-line std::string call cost more
  // than scanning them.)
  const char *end = text.data() + text.size();
  if (skip_plain(text.data(), end) == end && text.size() <= kMaxStringUnits) {
    const std::size_t at = out.size();
    out.resize(at + text.size() + 2);
    char *o = out.data() + at;
    o[0] = '"';
    if (!text.empty()) std::memcpy(o + 1, text.data(), text.size());
    o[text.size() + 1] = '"';
    return TextError::none;
  }
  // Otherwise copy the runs that need no escape between the escapes.
  out.reserve(out.size() + text.size() + 2);
  out.push_back('"');
  std::size_t units = 0;  // UTF-16 length, the unit of the server's string limit
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && !kEscape[c]) {
      ++i;
      continue;
    }
    out.append(text.data() + run, i - run);
    if (c < 0x80) {
      append_ascii_escaped(out, c);
      ++i;
      ++units;
    } else if (StringSink sink{out}; !put_utf8_sequence(sink, text, i, units)) {
      return TextError::invalid_utf8;
    }
    run = i;
  }
  out.append(text.data() + run, i - run);
  out.push_back('"');
  // Each byte counted once above for escapes and multi-byte sequences; plain
  // ASCII bytes are one unit each. A UTF-16 length never exceeds the byte length.
  if (text.size() > kMaxStringUnits) {
    std::size_t ascii_plain = 0;
    for (unsigned char c : text) ascii_plain += (c < 0x80 && !kEscape[c]);
    if (ascii_plain + units > kMaxStringUnits) return TextError::too_long;
  }
  return TextError::none;
}

TextError append_string_utf16(std::string &out, const std::uint16_t *text, std::size_t len) {
  if (len > kMaxStringUnits) return TextError::too_long;
  out.reserve(out.size() + len + 2);
  out.push_back('"');
  for (std::size_t i = 0; i < len; ++i) {
    const unsigned u = text[i];
    if (u < 0x80) {
      if (kEscape[u])
        append_ascii_escaped(out, static_cast<unsigned char>(u));
      else
        out.push_back(static_cast<char>(u));
    } else if (is_high_surrogate(u)) {
      if (i + 1 >= len || !is_low_surrogate(text[i + 1])) return TextError::lone_surrogate;
      append_u_escape(out, u);
      append_u_escape(out, text[++i]);
    } else if (is_low_surrogate(u)) {
      return TextError::lone_surrogate;
    } else {
      append_u_escape(out, u);
    }
  }
  out.push_back('"');
  return TextError::none;
}

namespace {

template <typename Sink>
TextError transcode_json_escaped(Sink &out, std::string_view body) {
  out.put('"');
  std::size_t units = 0;
  std::size_t i = 0;
  while (i < body.size()) {
    // Copy the run of bytes that stay as they are in one put.
    const std::size_t run = i;
    while (i < body.size()) {
      const auto b = static_cast<unsigned char>(body[i]);
      if (b >= 0x80 || b == '\\' || kEscape[b]) break;
      ++i;
    }
    out.put(body.data() + run, i - run);
    units += i - run;
    if (i == body.size()) break;
    const auto c = static_cast<unsigned char>(body[i]);
    if (c >= 0x80) {
      if (!put_utf8_sequence(out, body, i, units)) return TextError::invalid_utf8;
      continue;
    }
    if (c < 0x20) return TextError::raw_control;  // strict JSON, as Jackson reads it
    if (c != '\\') {                              // DEL ('"' cannot be in a body)
      put_written(out, [&](char *b) { return write_ascii_escaped(b, c); });
      ++i;
      ++units;
      continue;
    }
    if (i + 1 >= body.size()) return TextError::bad_escape;
    const char e = body[i + 1];
    i += 2;
    ++units;
    char32_t cp = 0;
    switch (e) {
      case '"': cp = '"'; break;
      case '\\': cp = '\\'; break;
      case '/': cp = '/'; break;
      case 'b': cp = '\b'; break;
      case 'f': cp = '\f'; break;
      case 'n': cp = '\n'; break;
      case 'r': cp = '\r'; break;
      case 't': cp = '\t'; break;
      case 'u': {
        const long unit = hex4(body, i);
        if (unit < 0) return TextError::bad_escape;
        i += 4;
        cp = static_cast<char32_t>(unit);
        if (is_low_surrogate(cp)) return TextError::lone_surrogate;
        if (is_high_surrogate(cp)) {
          const bool has_pair = i + 6 <= body.size() && body[i] == '\\' && body[i + 1] == 'u';
          const long low = has_pair ? hex4(body, i + 2) : -1;
          if (low < 0 || !is_low_surrogate(static_cast<unsigned>(low))) return TextError::lone_surrogate;
          i += 6;
          ++units;
          cp = 0x10000 + ((cp - 0xd800) << 10) + (static_cast<char32_t>(low) - 0xdc00);
        }
        break;
      }
      default: return TextError::bad_escape;
    }
    put_written(out, [&](char *b) { return write_code_point(b, cp); });
  }
  out.put('"');
  if (units > kMaxStringUnits) return TextError::too_long;
  return TextError::none;
}

}  // namespace

TextError append_string_json_escaped(std::string &out, std::string_view body) {
  out.reserve(out.size() + body.size() + 2);
  StringSink sink{out};
  return transcode_json_escaped(sink, body);
}

char *write_string_json_escaped(char *out, std::string_view body, TextError &error) {
  BufferSink sink{out};
  error = transcode_json_escaped(sink, body);
  return error == TextError::none ? sink.out : nullptr;
}

namespace {

// For a float literal with the fewest digits that read back to its double (as
// JavaScript writes numbers): true when write_double would write that very text,
// a fraction in plain notation with a decimal exponent within -4..15 (Python
// repr's plain range; JavaScript's is wider, 1e-7 to 1e21).
bool shortest_is_repr(std::string_view literal) {
  std::size_t i = literal[0] == '-' ? 1 : 0;
  const std::size_t point = literal.find('.');
  if (point == std::string_view::npos || literal.find_first_of("eE") != std::string_view::npos ||
      literal.back() == '0')
    return false;  // an exponent, or not as JavaScript writes it
  if (point - i > 1 || literal[i] != '0') return point - i <= 16;  // exponent = integer digits - 1
  i = point + 1;
  while (i < literal.size() && literal[i] == '0') ++i;
  return i - (point + 1) <= 3 && i < literal.size();  // 0.000d at the smallest
}

// An out-of-range literal is too small (not too large) when its decimal
// exponent, the digits before the point (leading zeros aside) plus the written
// exponent, is negative.
bool underflows(std::string_view literal) {
  const std::size_t e = literal.find_first_of("eE");
  const std::string_view mantissa = literal.substr(0, e);
  const std::size_t first = mantissa.find_first_of("123456789");
  if (first == std::string_view::npos) return true;  // all zeros
  long exponent = 0;
  if (e != std::string_view::npos) {
    const char *from = literal.data() + e + 1 + (literal[e + 1] == '+');
    const bool parsed = std::from_chars(from, literal.data() + literal.size(), exponent).ec == std::errc();
    // Past ±1e6 the mantissa (at most 1,000 digits) cannot change the answer:
    // the exponent's sign decides, and the sum below cannot overflow.
    if (!parsed || exponent > 1'000'000 || exponent < -1'000'000) return *from == '-';
  }
  const std::size_t point = mantissa.find('.');
  const long before_point =
      point == std::string_view::npos ? static_cast<long>(mantissa.size()) : static_cast<long>(point);
  return before_point - static_cast<long>(first) + exponent <= 0;
}

}  // namespace

bool is_javascript_safe_integer(double value) {
  return std::fabs(value) <= 9007199254740991.0 && std::trunc(value) == value;
}

char *write_javascript_number(char *out, double value) {
  if (is_javascript_safe_integer(value)) return write_int64(out, static_cast<std::int64_t>(value));
  return write_double(out, value);
}

char *write_json_number(char *out, std::string_view literal, bool is_float, JsonDialect dialect,
                        NumberTextError &error) {
  error = NumberTextError::none;
  const bool javascript = dialect == JsonDialect::javascript;
  const bool minus = literal[0] == '-';
  // An integer of up to 15 digits is the same safe integer in JavaScript.
  if (!is_float && (!javascript || literal.size() - minus <= 15)) {
    if (literal.size() - minus > kMaxNumberDigits) return error = NumberTextError::too_long, nullptr;
    if (literal == "-0") literal = "0";  // JSON has no leading zeros: the rest is canonical
    std::memcpy(out, literal.data(), literal.size());
    return out + literal.size();
  }
  if (literal.size() > kMaxNumberDigits) return error = NumberTextError::too_long, nullptr;
  if (javascript && is_float && shortest_is_repr(literal)) {
    std::memcpy(out, literal.data(), literal.size());
    return out + literal.size();
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // Too small reads as 0, as Python and Jackson read it; too large would be infinite.
    if (!underflows(literal)) return error = NumberTextError::out_of_range, nullptr;
    value = minus ? -0.0 : 0.0;
  }
  return javascript ? write_javascript_number(out, value) : write_double(out, value);
}

bool is_negative_number(std::string_view number) {
  if (number.empty() || number[0] != '-') return false;
  const std::size_t mantissa_end = number.find_first_of("eE");
  return number.substr(0, mantissa_end).find_first_of("123456789") != std::string_view::npos;
}

bool timer_seconds_fit(std::string_view number) {
  if (number.find_first_of(".eE") == std::string_view::npos) {
    const bool negative = !number.empty() && number[0] == '-';
    std::string_view digits = number.substr(negative ? 1 : 0);
    while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
    const std::string_view limit = negative ? "9223372036854775808" : "9223372036854775807";
    return digits.size() != limit.size() ? digits.size() < limit.size() : digits <= limit;
  }
  double value = 0;
  std::from_chars(number.data(), number.data() + number.size(), value);
  return std::fabs(value) < 9.2e18;
}

char *write_int64(char *out, std::int64_t value) { return fmt::format_to(out, FMT_COMPILE("{}"), value); }

void append_int64(std::string &out, std::int64_t value) {
  char buf[24];
  out.append(buf, write_int64(buf, value));
}

void append_uint64(std::string &out, std::uint64_t value) {
  char buf[24];
  char *end = fmt::format_to(buf, FMT_COMPILE("{}"), value);
  out.append(buf, end);
}

char *write_double(char *out, double value) {
  char *end = fmt::format_to(out, FMT_COMPILE("{}"), value);
  for (char *p = out; p != end; ++p)
    if (*p == '.' || *p == 'e') return end;
  *end++ = '.';  // keep a float a float downstream
  *end++ = '0';
  return end;
}

void append_double(std::string &out, double value) {
  char buf[kMaxDoubleChars];
  out.append(buf, static_cast<std::size_t>(write_double(buf, value) - buf));
}

IntegerTextError append_integer_text(std::string &out, std::string_view digits) {
  std::size_t i = 0;
  const bool negative = !digits.empty() && digits[0] == '-';
  if (negative) i = 1;
  if (i == digits.size()) return IntegerTextError::syntax;
  for (std::size_t k = i; k < digits.size(); ++k)
    if (digits[k] < '0' || digits[k] > '9') return IntegerTextError::syntax;
  while (i + 1 < digits.size() && digits[i] == '0') ++i;  // drop leading zeros
  const std::string_view magnitude = digits.substr(i);
  if (magnitude.size() > kMaxNumberDigits) return IntegerTextError::too_long;
  if (negative && magnitude != "0") out.push_back('-');
  out.append(magnitude);
  return IntegerTextError::none;
}

std::string quote_escaped_for_message(std::string_view literal) {
  if (literal.size() >= 2) literal = literal.substr(1, literal.size() - 2);
  std::string shown = "'";
  for (std::size_t i = 0; i < literal.size(); ++i) {
    const char c = literal[i];
    if (c == '\\' && i + 1 < literal.size()) {
      if (literal[i + 1] == '"')
        shown.push_back('"');
      else
        shown.append(literal.substr(i, 2));
      ++i;
    } else if (c == '\'') {
      shown.append("\\'");
    } else {
      shown.push_back(c);
    }
  }
  shown.push_back('\'');
  return shown;
}

std::string quote_for_message(std::string_view utf8) {
  std::string literal;
  if (append_string_utf8(literal, utf8) == TextError::invalid_utf8) return "(invalid UTF-8)";
  return quote_escaped_for_message(literal);
}

// ---- Shared with the readers (json_tree.cpp, the line checker) ----------------

std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t &cp) {
  return decode_sequence(text, i, cp);
}

std::size_t utf8_invalid_length(std::string_view text, std::size_t i) {
  char32_t cp;
  if (decode_utf8(text, i, cp)) return 0;
  // Lengthen the prefix while it can still begin a valid sequence: completed
  // with 80 continuation bytes (valid after the second byte), it decodes.
  const auto lead = static_cast<unsigned char>(text[i]);
  const std::size_t n = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  std::size_t k = 1;
  for (; k < n && i + k < text.size(); ++k) {
    char probe[4];
    for (std::size_t j = 0; j < n; ++j) probe[j] = j <= k ? text[i + j] : '\x80';
    if (!decode_utf8(std::string_view(probe, n), 0, cp)) break;
  }
  return k;
}

bool is_utf8(std::string_view text) {
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t utf16_units(std::string_view utf8) {
  std::size_t units = 0;
  for (const char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xc0) != 0x80) units += byte >= 0xf0 ? 2 : 1;  // a lead byte: one character
  }
  return units;
}

int hex_value(char c) { return hex_digit(c); }

long read_hex4(std::string_view text, std::size_t i) { return hex4(text, i); }

std::string quote_excerpt_for_message(std::string_view utf8, std::size_t max_bytes) {
  if (utf8.size() <= max_bytes) return quote_for_message(utf8);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xc0) == 0x80) --cut;  // not inside a character
  return quote_for_message(utf8.substr(0, cut)) + "...";
}

void append_utf8(std::string &out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  const int extra = cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
  out.push_back(static_cast<char>(((0xff00 >> (extra + 1)) & 0xff) | (cp >> (6 * extra))));
  for (int k = extra - 1; k >= 0; --k) out.push_back(static_cast<char>(0x80 | ((cp >> (6 * k)) & 0x3f)));
}

}  // namespace kestra::detail
