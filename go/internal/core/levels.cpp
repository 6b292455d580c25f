// Names of enum values: log levels (the five the server reads, the aliases, how
// language severities map onto them: docs/PROTOCOL.md Part 2 item 7) and metric types.
#include <string_view>

#include "json_text.hpp"
#include "kestra/kestra.h"

namespace {

// `a` equals `upper` (ASCII capitals) ignoring ASCII case only: no locale, so
// "info" is INFO under a Turkish locale too, and no byte outside ASCII matches.
bool equals_ignoring_case(std::string_view a, std::string_view upper) {
  if (a.size() != upper.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 'a' + 'A') : a[i];
    if (c != upper[i]) return false;
  }
  return true;
}

}  // namespace

extern "C" {

KESTRA_API const char *kestra_level_name(kestra_level level) {
  switch (level) {
    case KESTRA_LEVEL_TRACE: return "TRACE";
    case KESTRA_LEVEL_DEBUG: return "DEBUG";
    case KESTRA_LEVEL_INFO: return "INFO";
    case KESTRA_LEVEL_WARN: return "WARN";
    case KESTRA_LEVEL_ERROR: return "ERROR";
    case KESTRA_LEVEL_MIN_:
    case KESTRA_LEVEL_MAX_: break;
  }
  return nullptr;
}

KESTRA_API kestra_result kestra_level_parse(const char *name, size_t name_len, kestra_level *level) {
  if (!name || !level) return KESTRA_ERROR_USAGE;
  const std::string_view text =
      name_len == KESTRA_CSTR ? std::string_view(name) : std::string_view(name, name_len);
  if (!kestra::detail::is_utf8(text)) return KESTRA_ERROR_UNICODE;
  struct Alias {
    std::string_view name;
    kestra_level level;
  };
  static constexpr Alias kAliases[] = {
      {"TRACE", KESTRA_LEVEL_TRACE},    {"DEBUG", KESTRA_LEVEL_DEBUG},  {"INFO", KESTRA_LEVEL_INFO},
      {"WARN", KESTRA_LEVEL_WARN},      {"WARNING", KESTRA_LEVEL_WARN}, {"ERROR", KESTRA_LEVEL_ERROR},
      {"CRITICAL", KESTRA_LEVEL_ERROR}, {"FATAL", KESTRA_LEVEL_ERROR},
  };
  for (const Alias &alias : kAliases) {
    if (equals_ignoring_case(text, alias.name)) {
      *level = alias.level;
      return KESTRA_OK;
    }
  }
  return KESTRA_ERROR_VALUE;
}

KESTRA_API kestra_result kestra_level_parse_utf16(const uint16_t *name, size_t name_len,
                                                  kestra_level *level) {
  if (!name || !level) return KESTRA_ERROR_USAGE;
  if (name_len == KESTRA_CSTR)
    for (name_len = 0; name[name_len]; ++name_len) {
    }
  for (size_t i = 0; i < name_len; ++i) {  // a lone surrogate is not text, as in every call
    const bool high = name[i] >= 0xd800 && name[i] <= 0xdbff, low = name[i] >= 0xdc00 && name[i] <= 0xdfff;
    if (low) return KESTRA_ERROR_UNICODE;
    if (high && (i + 1 == name_len || name[i + 1] < 0xdc00 || name[i + 1] > 0xdfff))
      return KESTRA_ERROR_UNICODE;
    if (high) ++i;
  }
  char ascii[16];  // every level name is short ASCII: anything else is no level
  if (name_len >= sizeof ascii) return KESTRA_ERROR_VALUE;
  for (size_t i = 0; i < name_len; ++i) {
    if (name[i] >= 0x80) return KESTRA_ERROR_VALUE;
    ascii[i] = static_cast<char>(name[i]);
  }
  return kestra_level_parse(ascii, name_len, level);
}

KESTRA_API const char *kestra_metric_type_name(kestra_metric_type type) {
  switch (type) {
    case KESTRA_METRIC_COUNTER: return "counter";
    case KESTRA_METRIC_TIMER: return "timer";
    case KESTRA_METRIC_GAUGE: return "gauge";
    case KESTRA_METRIC_MIN_:
    case KESTRA_METRIC_MAX_: break;
  }
  return nullptr;
}

KESTRA_API kestra_level kestra_level_from_severity(int severity) {
  if (severity >= 40) return KESTRA_LEVEL_ERROR;  // ERROR 40, CRITICAL 50
  if (severity >= 30) return KESTRA_LEVEL_WARN;
  if (severity >= 20) return KESTRA_LEVEL_INFO;
  if (severity >= 10) return KESTRA_LEVEL_DEBUG;
  return KESTRA_LEVEL_TRACE;
}

}  // extern "C"
