// ISO-8601 text as java.time reads it. The one reader for both sides: what the
// core accepts from a caller (a metric's timestamp, docs/PROTOCOL.md Part 2) and
// what the server reads (the line checker, Part 1).
#pragma once

#include <string_view>

namespace kestra::detail {

enum class Iso8601Reading {
  // What we accept and write: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM).
  ours,
  // What Jackson's InstantDeserializer reads besides: seconds optional, 't' and
  // 'z' in lower case, a signed year of up to 9 digits, offsets +HH and +HH:MM:SS.
  server,
};

// A date-time with a zone, every field in range (month, day of that month,
// hour, minute, second, offset), as java.time's strict resolver requires.
bool is_iso8601_instant(std::string_view text, Iso8601Reading reading = Iso8601Reading::ours);

// What java.time.Duration.parse reads: [-+]P[nD][T[nH][nM][n[.f]S]], any case,
// each n signed, at least one part, and at least one part after a T.
bool is_iso8601_duration(std::string_view text);

// Days in `month` (1..12) of `year` in the proleptic Gregorian calendar: the one
// calendar of the core (metric timestamps, the line checker, Ion timestamps).
int days_in_month(long year, long month);

}  // namespace kestra::detail
