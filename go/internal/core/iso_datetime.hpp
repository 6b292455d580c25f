// Which strings the official Kestra.read (kestra 2.0.0) turns into datetimes,
// and into which: its regex, read the way dateutil's isoparse reads it, and its
// "LocalDateTime::" prefix. One rule for every language (kestra_datetime_parse).
#pragma once

#include <string_view>

#include "kestra/ion.h"

namespace kestra::detail {

// True, with the fields in `out`, when `text` is such a date-time.
bool parse_official_datetime(std::string_view text, kestra_datetime &out);

// `dt` as ISO-8601 text: "YYYY-MM-DD" down to day precision, else
// "YYYY-MM-DDTHH:MM:SS", the fraction's digits as written (up to 9), then "Z",
// "+HH:MM" or nothing for a local time.
void append_iso8601(std::string &out, const kestra_datetime &dt);

}  // namespace kestra::detail
