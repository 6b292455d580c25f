#include "iso_datetime.hpp"

#include <cstdio>
#include <string>

#include "ion_scalars.hpp"
#include "iso8601.hpp"

namespace kestra::detail {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// `count` ASCII digits at s[at] as a number, or -1.
int digits(std::string_view s, std::size_t at, std::size_t count) {
  if (at + count > s.size()) return -1;
  int v = 0;
  for (std::size_t k = 0; k < count; ++k) {
    if (!digit(s[at + k])) return -1;
    v = v * 10 + (s[at + k] - '0');
  }
  return v;
}

// A time as isoparse reads it, from s[i] to the end: hh[:mm[:ss]] or
// hh[mm[ss]], a fraction after '.' or ',', then Z, ±hh, ±hhmm or ±hh:mm.
// With `strict`, only the regex's form hh:mm:ss[.f][Z|±hh:mm].
bool parse_time(std::string_view s, std::size_t i, bool strict, kestra_datetime &out) {
  if ((out.hour = digits(s, i, 2)) < 0) return false;
  i += 2;
  bool colons = i < s.size() && s[i] == ':';
  int parts = 1;
  while (parts < 3 && i < s.size() && (colons ? s[i] == ':' : digit(s[i]))) {
    if (colons) ++i;
    int v = digits(s, i, 2);
    if (v < 0) return false;
    (parts == 1 ? out.minute : out.second) = v;
    i += 2;
    ++parts;
  }
  if (strict && (parts != 3 || !colons)) return false;
  if (parts == 3 && i < s.size() && (s[i] == '.' || (!strict && s[i] == ','))) {
    std::size_t start = ++i;
    while (i < s.size() && digit(s[i])) {
      if (i - start < 9) out.nanosecond = out.nanosecond * 10 + (s[i] - '0');
      ++i;
    }
    if (i == start) return false;
    for (std::size_t k = i - start; k < 9; ++k) out.nanosecond *= 10;
    out.fraction_digits = static_cast<int32_t>(i - start > 9 ? 9 : i - start);
  }
  if (i < s.size()) {
    char sign = s[i];
    if (sign == 'Z' || (!strict && sign == 'z')) {
      out.has_offset = 1;
      if (++i != s.size()) return false;
    } else if (sign == '+' || sign == '-') {
      int oh = digits(s, i + 1, 2), om = 0;
      if (oh < 0) return false;
      i += 3;
      if (i < s.size()) {
        if (s[i] == ':')
          ++i;
        else if (strict)
          return false;
        if ((om = digits(s, i, 2)) < 0) return false;
        i += 2;
      } else if (strict) {
        return false;
      }
      if (i != s.size() || oh > 23 || om > 59) return false;
      out.has_offset = 1;  // isoparse reads -00:00 as UTC
      out.offset_minutes = (sign == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return false;
    }
  }
  if (out.minute > 59 || out.second > 59) return false;
  if (out.hour == 24) {
    // Midnight at the end of the day: isoparse rolls over to the next day.
    if (out.minute || out.second || out.nanosecond) return false;
    out.hour = 0;
    if (++out.day > days_in_month(out.year, out.month)) {
      out.day = 1;
      if (++out.month > 12) {
        out.month = 1;
        if (++out.year > 9999) return false;
      }
    }
  } else if (out.hour > 23) {
    return false;
  }
  out.precision = KESTRA_DATETIME_SECOND;
  return true;
}

bool valid_date(const kestra_datetime &d) {
  return d.year >= 1 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

// The text after "LocalDateTime::", as the official reads it with isoparse:
// YYYY, YYYY-MM, YYYY-MM-DD or YYYYMMDD, then optionally one separator
// character and a time.
bool parse_local_date_time(std::string_view s, kestra_datetime &out) {
  if ((out.year = digits(s, 0, 4)) < 0) return false;
  std::size_t i = 4;
  if (i < s.size() && s[i] == '-') {
    if ((out.month = digits(s, 5, 2)) < 0) return false;
    i = 7;
    if (i < s.size() && s[i] == '-') {
      if ((out.day = digits(s, 8, 2)) < 0) return false;
      i = 10;
    }
  } else if (i < s.size() && digit(s[i])) {
    if ((out.month = digits(s, 4, 2)) < 0 || (out.day = digits(s, 6, 2)) < 0) return false;
    i = 8;
  }
  if (!valid_date(out)) return false;
  out.precision = KESTRA_DATETIME_DAY;
  if (i == s.size()) return true;
  if (digit(s[i])) return false;  // one separator character, not a digit
  return parse_time(s, i + 1, false, out);
}

}  // namespace

bool parse_official_datetime(std::string_view text, kestra_datetime &out) {
  out = kestra_datetime{};
  out.month = out.day = 1;
  constexpr std::string_view prefix = "LocalDateTime::";
  if (text.substr(0, prefix.size()) == prefix) {
    // value.split("::")[1].strip('"')
    std::string_view rest = text.substr(prefix.size());
    rest = rest.substr(0, rest.find("::"));
    while (!rest.empty() && rest.front() == '"') rest.remove_prefix(1);
    while (!rest.empty() && rest.back() == '"') rest.remove_suffix(1);
    return parse_local_date_time(rest, out);
  }
  // ^\d{4}-\d{2}-\d{2}T then the time of the regex.
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T') return false;
  if ((out.year = digits(text, 0, 4)) < 0 || (out.month = digits(text, 5, 2)) < 0 ||
      (out.day = digits(text, 8, 2)) < 0 || !valid_date(out))
    return false;
  return parse_time(text, 11, true, out);
}

void append_iso8601(std::string &out, const kestra_datetime &dt) {
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", dt.year, dt.month, dt.day);
  out.append(buf, static_cast<std::size_t>(n));
  if (dt.precision < KESTRA_DATETIME_MINUTE) return;
  n = std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", dt.hour, dt.minute, dt.second);
  out.append(buf, static_cast<std::size_t>(n));
  if (dt.fraction_digits > 0) {
    n = std::snprintf(buf, sizeof buf, ".%09d", dt.nanosecond);
    out.append(buf, static_cast<std::size_t>(1 + (dt.fraction_digits > 9 ? 9 : dt.fraction_digits)));
  }
  if (!dt.has_offset) return;
  if (dt.offset_minutes == 0) {
    out.push_back('Z');
    return;
  }
  int m = dt.offset_minutes < 0 ? -dt.offset_minutes : dt.offset_minutes;
  n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", dt.offset_minutes < 0 ? '-' : '+', m / 60, m % 60);
  out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace kestra::detail
