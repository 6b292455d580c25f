// The scalar tokens of Ion text that are not strings: numbers (ints of any size in
// decimal, hex or binary, decimals, floats) and timestamps, checked against the
// grammar and turned into canonical text or fields. Also base64 for blobs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kestra/ion.h"

namespace kestra::detail {

enum class IonNumberKind { invalid, integer, decimal, floating, timestamp };

// What a numeric token is ("-0x1_f", "1.5d3", "2e0", "2007-02-23T12:14Z", ...),
// judged by its first characters; the parse functions below check the rest.
IonNumberKind classify_ion_number(std::string_view token);

// An int token as canonical decimal text ("-31"): underscores dropped, hex and
// binary converted, "-0" as "0". False (with `why`) when it breaks the grammar.
bool parse_ion_int(std::string_view token, std::string &decimal, const char *&why);

// A decimal or float token as text that strtod reads ("1.5e3" for "1.5d3"),
// underscores dropped. False (with `why`) when it breaks the grammar.
bool parse_ion_real(std::string_view token, bool is_float, std::string &text, const char *&why);

// The nearest double to decimal text from parse_ion_real (or an int), correctly
// rounded; infinities past the range, as Python's float(Decimal) gives.
double ion_text_to_double(std::string_view text);

// A timestamp token, every precision ("2007T", "2007-02T", "2007-02-23",
// "2007-02-23T12:14Z", "...T12:14:33.079-08:00"). Offset -00:00 leaves
// has_offset 0 (an unknown offset, as Ion means it). Fractions past nanoseconds
// are truncated. False (with `why`) when it breaks the grammar or the calendar.
bool parse_ion_timestamp(std::string_view token, kestra_datetime &out, const char *&why);

// Decodes base64 (white space already removed), '=' padding required as Ion
// requires it. False when it is not base64.
bool decode_base64(std::string_view text, std::string &bytes);

}  // namespace kestra::detail
