// Small text helpers: quoting user text in messages, reading numbers.
#ifndef KESTRA_EMIT_TEXT_HPP
#define KESTRA_EMIT_TEXT_HPP

#include <string>
#include <string_view>

namespace emit {

// 'text' quoted for a one-line message, as the core quotes names: ' and \ escaped,
// controls and non-ASCII as JSON escapes (\n, \u00e9), invalid bytes as \xff.
std::string quote(std::string_view text);

// A metric value as given on the command line.
struct Number {
    enum Kind { integer, floating, not_finite, invalid, out_of_range } kind;
    double value = 0;  // floating, not_finite (NaN or an infinity)
};

// "42", "-7", "007" are integers (any size; the core limits the digits);
// "1.5", "-0.0", "1e+16", "2E-3" are floats; "nan", "inf", "Infinity" (any case,
// with a sign) are not_finite, so the core names them in its own words.
Number parse_number(std::string_view text);

}  // namespace emit

#endif
