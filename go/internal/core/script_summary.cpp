// script_summary: reading each line of a script's output into what the server
// stores. The checker decides whether a line is recorded (and why not); only
// then is its JSON read here, so no line is judged twice by different rules.
#include "script_summary.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

#include "json_text.hpp"
#include "line_check.hpp"

namespace kestra::detail {
namespace {

constexpr std::int64_t kNanosPerSecond = 1000000000;
constexpr std::size_t kExcerptBytes = 200;
// Kestra 2.0.0 stores a longer log message (from a logs record or a text line) as
// several entries of this many UTF-16 units (seen with its io.kestra:core).
constexpr std::size_t kLogPieceUnits = 15360;

// The last member named `key` (Jackson keeps the last of duplicate keys).
const JsonNode *member(const JsonNode &object, std::string_view key) {
  const JsonNode *found = nullptr;
  for (const auto &m : object.members)
    if (m.first == key) found = &m.second;
  return found;
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Durations past a Java long of seconds or milliseconds (which the server
// refuses anyway) stay at the limit instead of overflowing.
std::int64_t saturated(bool overflow, std::int64_t value, bool negative) {
  if (!overflow) return value;
  return negative ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
}
std::int64_t times(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  const bool overflow = __builtin_mul_overflow(a, b, &r);
  return saturated(overflow, r, (a < 0) != (b < 0));
}
std::int64_t plus(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  const bool overflow = __builtin_add_overflow(a, b, &r);
  return saturated(overflow, r, a < 0);
}

// Length of the valid UTF-8 sequence at s[i], 0 when invalid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    need = 1;
  else if (c >= 0xE0 && c <= 0xEF)
    need = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
  else if (c >= 0xF0 && c <= 0xF4)
    need = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
  else
    return 0;
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) return 0;
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (b < lo || b > hi) : !is_continuation(b)) return 0;
  }
  return need + 1;
}

// The text as the server's String holds it: each invalid byte as U+FFFD.
std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

// A message as the entries Kestra stores: pieces of at most kLogPieceUnits UTF-16
// units, cut between code points (Java may cut a surrogate pair; UTF-8 cannot hold half).
std::vector<std::string> log_pieces(std::string_view text) {
  std::vector<std::string> pieces;
  std::size_t start = 0, units = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (is_continuation(c)) continue;
    const std::size_t width = c >= 0xF0 ? 2 : 1;
    if (units + width > kLogPieceUnits) {
      pieces.emplace_back(text.substr(start, i - start));
      start = i;
      units = 0;
    }
    units += width;
  }
  pieces.emplace_back(text.substr(start));
  return pieces;
}

std::string excerpt_of(const std::string &text) {
  if (text.size() <= kExcerptBytes) return text;
  std::size_t cut = kExcerptBytes;
  while (cut > 0 && is_continuation(static_cast<unsigned char>(text[cut]))) --cut;
  return text.substr(0, cut) + "...";
}

// ---- Timer values: a JSON number of seconds or an ISO-8601 duration, exactly ----

// Decimal text (digits with an optional '.', then an optional exponent, no sign)
// as a Duration, truncated to nanoseconds as BigDecimal to Duration does.
bool decimal_seconds(std::string_view t, Duration &out) {
  std::string digits;
  long point = -1, exponent = 0;
  std::size_t i = 0;
  for (; i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '.' || t[i] == ','); ++i) {
    if (t[i] == '.' || t[i] == ',')
      point = static_cast<long>(digits.size());
    else
      digits.push_back(t[i]);
  }
  if (digits.empty()) return false;
  if (point < 0) point = static_cast<long>(digits.size());
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    exponent = std::strtol(std::string(t.substr(i + 1)).c_str(), nullptr, 10);
    exponent = std::clamp(exponent, -100000L, 100000L);
  }
  const long whole_end = point + exponent;  // digits before this index are whole seconds
  std::int64_t seconds = 0, nanos = 0;
  for (long k = 0; k < whole_end; ++k) {
    const int d = k < static_cast<long>(digits.size()) ? digits[k] - '0' : 0;
    if (seconds > (std::numeric_limits<std::int64_t>::max() - d) / 10) return false;
    seconds = seconds * 10 + d;
  }
  for (long k = whole_end; k < whole_end + 9; ++k)
    nanos = nanos * 10 + ((k >= 0 && k < static_cast<long>(digits.size())) ? digits[k] - '0' : 0);
  out = Duration{seconds, nanos};
  return true;
}

Duration negated(Duration d) {
  if (d.nanos == 0) return Duration{times(d.seconds, -1), 0};
  return Duration{plus(times(d.seconds, -1), -1), kNanosPerSecond - d.nanos};
}

// A signed number with an optional fraction, then a unit letter, in an ISO-8601
// duration; `scale` is the unit in seconds.
bool duration_part(std::string_view &s, char unit, std::int64_t scale, Duration &total) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  std::size_t j = i;
  while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.' || s[j] == ',')) ++j;
  if (j == i || j >= s.size() || (s[j] != unit && s[j] != unit + 32)) return false;
  Duration part;
  if (!decimal_seconds(s.substr(i, j - i), part)) return false;
  // Scale whole seconds and nanoseconds by the unit (only seconds carry a fraction).
  part.seconds = times(part.seconds, scale);
  if (negative) part = negated(part);
  total.add(part);
  s.remove_prefix(j + 1);
  return true;
}

// Duration.parse of a string the checker already accepted.
Duration iso_duration(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) negative = s[0] == '-', s.remove_prefix(1);
  Duration total;
  if (!s.empty()) s.remove_prefix(1);  // 'P'
  duration_part(s, 'D', 86400, total);
  if (!s.empty() && (s[0] == 'T' || s[0] == 't')) {
    s.remove_prefix(1);
    duration_part(s, 'H', 3600, total);
    duration_part(s, 'M', 60, total);
    duration_part(s, 'S', 1, total);
  }
  return negative ? negated(total) : total;
}

Duration timer_value(const JsonNode &value) {
  if (value.kind == JsonNode::string) return iso_duration(value.text);
  std::string_view t = value.text;
  const bool negative = !t.empty() && t[0] == '-';
  if (negative) t.remove_prefix(1);
  Duration d;
  decimal_seconds(t, d);
  return negative ? negated(d) : d;
}

// A tag value as the server stores it: a string, or a scalar's JSON text.
std::string tag_text(const JsonNode &value) {
  if (value.kind == JsonNode::boolean) return value.flag ? "true" : "false";
  return value.text;
}

std::string number_display(double value) {
  std::string out;
  append_double(out, value);
  return out;
}

// A value as a row shows it (text as UTF-8; the row escapes controls).
std::string json_text(const JsonNode &value) {
  std::string out;
  append_node_json(out, value, false);
  return out;
}

}  // namespace

void Duration::add(const Duration &other) {
  seconds = plus(seconds, other.seconds);
  nanos += other.nanos;
  if (nanos >= kNanosPerSecond) nanos -= kNanosPerSecond, seconds = plus(seconds, 1);
}

double Duration::as_seconds() const {
  return static_cast<double>(seconds) + static_cast<double>(nanos) / 1e9;
}

std::int64_t Duration::millis() const { return plus(times(seconds, 1000), nanos / 1000000); }

const char *stream_name(int stream) { return stream == KESTRA_STREAM_STDERR ? "stderr" : "stdout"; }

const char *java_type_name(const JsonNode &value) {
  switch (value.kind) {
    case JsonNode::null: return "null";
    case JsonNode::boolean: return "Boolean";
    case JsonNode::string: return "String";
    case JsonNode::array: return "List";
    case JsonNode::object: return "Map";
    case JsonNode::number: break;
  }
  const std::string &t = value.text;
  if (t.find_first_of(".eE") != std::string::npos) return "Double";
  errno = 0;
  char *end = nullptr;
  const long long n = std::strtoll(t.c_str(), &end, 10);
  if (errno == ERANGE) return "BigInteger";
  return (n >= std::numeric_limits<std::int32_t>::min() && n <= std::numeric_limits<std::int32_t>::max())
             ? "Integer"
             : "Long";
}

namespace {

void append_key_or_string(std::string &out, const std::string &text, bool ascii) {
  if (ascii) {
    append_string_utf8(out, text);
    return;
  }
  out.push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

void append_node_json(std::string &out, const JsonNode &value, bool ascii) {
  switch (value.kind) {
    case JsonNode::null: out += "null"; return;
    case JsonNode::boolean: out += value.flag ? "true" : "false"; return;
    case JsonNode::number: out += value.text; return;
    case JsonNode::string: append_key_or_string(out, value.text, ascii); return;
    case JsonNode::array:
      out.push_back('[');
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i) out.push_back(',');
        append_node_json(out, value.items[i], ascii);
      }
      out.push_back(']');
      return;
    case JsonNode::object:
      out.push_back('{');
      for (std::size_t i = 0; i < value.members.size(); ++i) {
        if (i) out.push_back(',');
        append_key_or_string(out, value.members[i].first, ascii);
        out.push_back(':');
        append_node_json(out, value.members[i].second, ascii);
      }
      out.push_back('}');
      return;
  }
}

// ---- Lines ------------------------------------------------------------------------

kestra_line_verdict ScriptSummary::add_line(int stream, std::string_view line) {
  StreamState &state = streams_[stream - 1];
  const std::size_t number = ++state.lines;
  // The checker's own call, not its C ABI: running out of memory stays bad_alloc.
  LineCheck check = check_line(line);
  const kestra_line_verdict verdict = check.verdict;
  const std::string &reason = check.reason;
  ++counts_[verdict];
  const std::string text = valid_utf8(line);
  if (verdict == KESTRA_LINE_RECORDED) {
    // The checker matched ^::(\{.*})::$ (a final terminator may follow '}::').
    const std::size_t close = text.rfind("}::");
    JsonTree tree = parse_json_tree(std::string_view(text).substr(2, close + 1 - 2), kMaxDepth);
    record(stream, number, tree.root);
  } else if (verdict == KESTRA_LINE_REJECTED || verdict == KESTRA_LINE_NEAR_MISS) {
    problems_.push_back(LineProblem{stream, number, verdict, reason, excerpt_of(text)});
    row(stream, number, verdict == KESTRA_LINE_REJECTED ? "rejected" : "near miss", "", reason);
  }
  if (verdict == KESTRA_LINE_TEXT || verdict == KESTRA_LINE_NEAR_MISS) log_text(stream, number, text);
  return verdict;
}

void ScriptSummary::feed(int stream, std::string_view data) {
  StreamState &state = streams_[stream - 1];
  std::size_t start = 0;
  if (state.skip_lf && !data.empty() && data[0] == '\n') start = 1;
  if (!data.empty()) state.skip_lf = false;
  for (std::size_t i = start; i < data.size(); ++i) {
    if (data[i] != '\n' && data[i] != '\r') continue;
    if (state.partial.empty()) {
      add_line(stream, data.substr(start, i - start));
    } else {
      state.partial.append(data.substr(start, i - start));
      const std::string line = std::move(state.partial);
      state.partial.clear();
      add_line(stream, line);
    }
    if (data[i] == '\r') {
      if (i + 1 == data.size())
        state.skip_lf = true;
      else if (data[i + 1] == '\n')
        ++i;
    }
    start = i + 1;
  }
  state.partial.append(data.substr(start));
}

void ScriptSummary::end(int stream) {
  StreamState &state = streams_[stream - 1];
  state.skip_lf = false;
  if (state.partial.empty()) return;
  const std::string line = std::move(state.partial);
  state.partial.clear();
  add_line(stream, line);
}

// ---- Recorded messages ---------------------------------------------------------------

void ScriptSummary::record(int stream, std::size_t line, const JsonNode &message) {
  if (const JsonNode *outputs = member(message, "outputs"); outputs && outputs->kind == JsonNode::object)
    record_outputs(stream, line, *outputs);
  if (const JsonNode *metrics = member(message, "metrics"); metrics && metrics->kind == JsonNode::array)
    for (const JsonNode &m : metrics->items) record_metric(stream, line, m);
  if (const JsonNode *logs = member(message, "logs"); logs && logs->kind == JsonNode::array)
    for (const JsonNode &entry : logs->items) record_log(stream, line, entry);
  if (const JsonNode *assets = member(message, "assets"); assets && assets->kind == JsonNode::object) {
    assets_.push_back(*assets);
    row(stream, line, "asset", "", json_text(*assets));
  }
}

void ScriptSummary::record_outputs(int stream, std::size_t line, const JsonNode &outputs) {
  for (const auto &[key, value] : outputs.members) {
    const auto [it, added] = output_index_.emplace(key, outputs_.size());
    if (added)
      outputs_.push_back(StoredOutput{key, value});
    else
      outputs_[it->second].value = value;  // shallow merge: the last write wins
    row(stream, line, "output", key, json_text(value), java_type_name(value));
  }
}

void ScriptSummary::record_metric(int stream, std::size_t line, const JsonNode &metric) {
  // The checker accepted the line: type, name and value are there and typed.
  const std::string &type = member(metric, "type")->text;
  const std::string &name = member(metric, "name")->text;
  const JsonNode &value = *member(metric, "value");
  std::vector<std::pair<std::string, std::string>> tags;
  if (const JsonNode *t = member(metric, "tags"); t && t->kind == JsonNode::object) {
    for (const auto &tag : t->members) {  // a key given twice: the last value counts
      auto same = std::find_if(tags.begin(), tags.end(), [&](const auto &p) { return p.first == tag.first; });
      if (same != tags.end())
        same->second = tag_text(tag.second);
      else
        tags.emplace_back(tag.first, tag_text(tag.second));
    }
    std::sort(tags.begin(), tags.end());
  }
  // One key for type, name and tags: each part with its length, so none can run into the next.
  std::string identity = type + '\n' + std::to_string(name.size()) + ':' + name;
  std::string label = name;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    identity += '\n' + std::to_string(tags[i].first.size()) + ':' + tags[i].first + '=' + tags[i].second;
    label += (i ? "," : "{") + tags[i].first + "=" + tags[i].second;
  }
  if (!tags.empty()) label += "}";
  const auto [it, added] = metric_index_.emplace(identity, metrics_.size());
  if (added) metrics_.push_back(StoredMetric{type, name, std::move(tags), 0, Duration{}, 0});
  StoredMetric &stored = metrics_[it->second];
  ++stored.lines;
  if (type == "timer") {
    const Duration d = timer_value(value);
    stored.duration.add(d);
    row(stream, line, type, label, number_display(d.as_seconds()) + " s",
        number_display(stored.duration.as_seconds()) + " s = " + std::to_string(stored.duration.millis()) +
            " ms");
    return;
  }
  const double v = std::strtod(value.text.c_str(), nullptr);
  stored.value = type == "counter" ? stored.value + v : v;
  row(stream, line, type, label, value.text, number_display(stored.value));
}

void ScriptSummary::record_log(int stream, std::size_t line, const JsonNode &entry) {
  if (entry.kind != JsonNode::object) return;  // a null entry: dropped with a server warning
  const JsonNode *level = member(entry, "level");
  if (!level || level->kind != JsonNode::string) return;  // no level: dropped too
  kestra_level parsed;
  if (kestra_level_parse(level->text.data(), level->text.size(), &parsed) != KESTRA_OK) return;
  const JsonNode *message = member(entry, "message");
  std::string text;
  if (message && message->kind == JsonNode::string)
    text = message->text;
  else if (message && message->kind == JsonNode::number)
    text = message->text;
  else if (message && message->kind == JsonNode::boolean)
    text = message->flag ? "true" : "false";
  for (std::string &piece : log_pieces(text)) {
    row(stream, line, kestra_level_name(parsed), "", piece);
    logs_.push_back(StoredLog{parsed, std::move(piece), stream, line, false});
  }
}

void ScriptSummary::log_text(int stream, std::size_t line, std::string_view text) {
  const kestra_level level = stream == KESTRA_STREAM_STDERR ? KESTRA_LEVEL_ERROR : KESTRA_LEVEL_INFO;
  for (std::string &piece : log_pieces(text)) {
    row(stream, line, kestra_level_name(level), "", piece);
    logs_.push_back(StoredLog{level, std::move(piece), stream, line, true});
  }
}

void ScriptSummary::row(int stream, std::size_t line, std::string kind, std::string label, std::string value,
                        std::string total) {
  if (!keep_rows_) return;
  rows_.push_back(
      SummaryRow{stream, line, std::move(kind), std::move(label), std::move(value), std::move(total)});
}

}  // namespace kestra::detail
