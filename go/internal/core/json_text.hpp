// The byte-level rules of docs/PROTOCOL.md Part 2 items 4 and 5: how a string and a
// number look on the wire. Everything that appends JSON text goes through here,
// so every language writes the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kestra/kestra.h"

namespace kestra::detail {

// The server's Jackson limits (StreamReadConstraints defaults), as kestra.h publishes them.
inline constexpr std::size_t kMaxStringUnits = KESTRA_MAX_STRING_UNITS;  // UTF-16 code units
inline constexpr std::size_t kMaxNumberDigits = KESTRA_MAX_INTEGER_DIGITS;
inline constexpr std::size_t kMaxDepth = KESTRA_MAX_DEPTH;  // of the whole line
static_assert(KESTRA_MAX_NUMBER_CHARS == KESTRA_MAX_INTEGER_DIGITS, "one number limit serves both");

// The server reads a timer's seconds into a java.time.Duration: an integer must
// fit a Java long, and a fraction must stay below 9.2e18 seconds. `number` is
// JSON number text.
bool timer_seconds_fit(std::string_view number);

// True for JSON number text below zero ("-0.0" and "-0" are not).
bool is_negative_number(std::string_view number);

enum class TextError {
  none,
  invalid_utf8,
  lone_surrogate,
  too_long,     // over kMaxStringUnits
  raw_control,  // JSON text only: a control character not escaped
  bad_escape,   // JSON text only: an escape JSON does not have
};

// Decodes one UTF-8 sequence at text[i] (a byte >= 0x80), strictly: no overlong
// form, no encoded surrogate, nothing past U+10FFFF. Returns its length with the
// code point in `cp`, or 0 when it is invalid.
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t &cp);

// For an invalid sequence at text[i]: the length of its maximal invalid subpart
// (at least 1), which Java's decoder replaces by one U+FFFD, so the line checker
// reads a line as the server does. 0 when the sequence is valid.
std::size_t utf8_invalid_length(std::string_view text, std::size_t i);

// True when `text` is valid UTF-8, as decode_utf8 reads each sequence.
bool is_utf8(std::string_view text);

// The length in UTF-16 code units (Java's String length) of valid UTF-8 text.
std::size_t utf16_units(std::string_view utf8);

// The value of a hex digit, or -1.
int hex_value(char c);
// The 4 hex digits of a \u escape at text[i..i+4) as a UTF-16 unit; -1 when
// they are not 4 hex digits.
long read_hex4(std::string_view text, std::size_t i);

// Appends `text` (UTF-8) as a JSON string, quotes included: pure ASCII, '"' and
// '\' escaped, \b \f \n \r \t as such, other controls and every non-ASCII code
// point as lowercase \u escapes (astral ones as surrogate pairs). On error the
// output holds a partial string; the caller discards the whole record anyway.
TextError append_string_utf8(std::string &out, std::string_view text);

// The same for UTF-16 input (JavaScript, Java, Windows strings).
TextError append_string_utf16(std::string &out, const std::uint16_t *text, std::size_t len);

// Text as a caller gives it: UTF-8 bytes, or UTF-16 code units.
struct Text {
  std::string_view utf8;
  const std::uint16_t *utf16 = nullptr;
  std::size_t utf16_len = 0;

  static Text from_utf8(std::string_view bytes) { return Text{bytes}; }
  static Text from_utf16(const std::uint16_t *units, std::size_t len) { return Text{{}, units, len}; }
};

// Appends either form, by the rules above.
inline TextError append_string(std::string &out, const Text &text) {
  return text.utf16 ? append_string_utf16(out, text.utf16, text.utf16_len)
                    : append_string_utf8(out, text.utf8);
}

// Transcodes the body of a JSON string literal (between the quotes, escapes as
// written) into our canonical form, quotes included. Used by the JSON reader so a
// string is decoded and re-escaped in one pass.
TextError append_string_json_escaped(std::string &out, std::string_view body);

// The same into a buffer with room for kMaxJsonEscapedGrowth * body.size() + 2
// bytes (a raw DEL becomes the 6-byte \u007f). Returns the end of what it
// wrote, or nullptr with `error` set.
inline constexpr std::size_t kMaxJsonEscapedGrowth = 6;
char *write_string_json_escaped(char *out, std::string_view body, TextError &error);

// Appends the UTF-8 bytes of the code point `cp` (a scalar value, checked by the caller).
void append_utf8(std::string &out, char32_t cp);

void append_int64(std::string &out, std::int64_t value);
// The same into a buffer with room for kMaxDoubleChars bytes; returns the end.
char *write_int64(char *out, std::int64_t value);
void append_uint64(std::string &out, std::uint64_t value);

// Appends a finite double exactly as Python's repr(float): fmt's shortest
// round-trip text, plus ".0" when it has neither '.' nor an exponent.
// The caller rejects NaN and infinities first.
void append_double(std::string &out, double value);

// The same into a buffer with room for kMaxDoubleChars bytes; returns the end.
inline constexpr std::size_t kMaxDoubleChars = 32;
char *write_double(char *out, double value);

// How a JSON text's numbers and nulls are read (kestra_record_json_flags).
enum class JsonDialect { standard, javascript };

// A JavaScript number (a double), as the Node value walk and the javascript
// dialect write it: a safe integer (|n| <= 2^53 - 1) as an integer, -0 as 0,
// anything else as write_double. Room for kMaxDoubleChars bytes.
char *write_javascript_number(char *out, double value);
// |value| <= 2^53 - 1 and integral: what write_javascript_number writes as an integer.
bool is_javascript_safe_integer(double value);

enum class NumberTextError { none, too_long, out_of_range };

// The canonical bytes of a JSON number literal that passed the grammar: an
// integer as its digits ("-0" as 0), a float as write_double writes its value
// (too small reads as 0, as Python and Jackson read it). In the javascript
// dialect every number is a double, written by write_javascript_number; a plain
// fraction with JavaScript's shortest digits is that text already and is copied.
// Room for literal.size() + kMaxDoubleChars bytes; nullptr with `error` set when
// it is longer than the server reads or beyond a double's range.
char *write_json_number(char *out, std::string_view literal, bool is_float, JsonDialect dialect,
                        NumberTextError &error);

enum class IntegerTextError { none, syntax, too_long };

// Appends decimal integer text ("-?[0-9]+") in canonical form: leading zeros
// dropped, "-0" written as 0.
IntegerTextError append_integer_text(std::string &out, std::string_view digits);

// A key or name shown in an error message: between single quotes, with '\' and
// '\'' escaped and the rest escaped as on the wire, so a message is ASCII too.
std::string quote_for_message(std::string_view utf8);

// The same for at most the first `max_bytes` bytes (cut at a character), with
// "..." after the quote when something was cut: user text quoted in a reason.
std::string quote_excerpt_for_message(std::string_view utf8, std::size_t max_bytes);

// The same, starting from text already escaped as a JSON string literal (quotes
// included), as it sits in a record's buffer.
std::string quote_escaped_for_message(std::string_view json_literal);

}  // namespace kestra::detail
