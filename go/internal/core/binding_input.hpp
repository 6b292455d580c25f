// What bindings and tools hand over in their own forms (UTF-16 text, a big
// integer's words, a number typed on a command line), turned into the forms
// the record reads. No rule is decided here: the record judges the result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kestra::detail {

// UTF-16 to UTF-8. False at a lone surrogate (`out` then holds a prefix).
bool utf16_to_utf8(const std::uint16_t *units, std::size_t len, std::string &out);

// UTF-16 to UTF-8 with each lone surrogate written as U+FFFD, the bytes a
// replacing encoder (Node's process.stdout, .NET's UTF8Encoding) writes for
// it: a line of UTF-16 as it reaches a reader of bytes. Returns how many were
// replaced and stores the first of them in `first_lone` (untouched when none).
std::size_t utf16_to_utf8_replacing(const std::uint16_t *units, std::size_t len, std::string &out,
                                    std::uint16_t &first_lone);

// A JSON text in UTF-16 to UTF-8 for the reader. A lone surrogate inside a
// string becomes its \uXXXX escape, so the reader reports it at the string's
// path exactly as it reports an escaped one; one right after a backslash makes
// the escape bad, and one outside strings is written as an escape too, which is
// no JSON there: both are the reader's syntax errors.
void json_utf16_to_utf8(const std::uint16_t *units, std::size_t len, std::string &out);

// Decimal digits of the magnitude given as 64-bit words, least significant
// first ("0" for none or all zero), prefixed with '-' when `negative` and not 0.
std::string integer_words_to_decimal(bool negative, const std::uint64_t *words, std::size_t count);

// A number typed by a person, as kestra_record_number_text reads it.
struct TypedNumber {
  enum Kind { integer, floating, boolean, not_a_number } kind;
  double value = 0;           // floating (NaN and infinities included)
  bool truth = false;         // boolean
  bool out_of_range = false;  // floating: finite text beyond a double
};
TypedNumber read_typed_number(std::string_view text, bool allow_bool);

}  // namespace kestra::detail
