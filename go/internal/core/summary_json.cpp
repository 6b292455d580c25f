// The summary as JSON (kestra_summary_json): what the test helpers of every
// language load with their own JSON reader. The keys are documented in kestra.h.
#include <string>

#include "json_text.hpp"
#include "script_summary.hpp"

namespace kestra::detail {
namespace {

void key(std::string &out, const char *name) {
  out.push_back('"');
  out += name;
  out += "\":";
}

void string(std::string &out, std::string_view text) { append_string_utf8(out, text); }

const char *verdict_key(kestra_line_verdict v) {
  return v == KESTRA_LINE_REJECTED ? "rejected" : v == KESTRA_LINE_NEAR_MISS ? "near_miss" : "text";
}

void where(std::string &out, int stream, std::size_t line) {
  key(out, "stream");
  string(out, stream_name(stream));
  out.push_back(',');
  key(out, "line");
  out += std::to_string(line);
}

void metric_json(std::string &out, const StoredMetric &m) {
  out += '{';
  key(out, "type");
  string(out, m.type);
  out += ',';
  key(out, "name");
  string(out, m.name);
  out += ',';
  key(out, "tags");
  out += '{';
  for (std::size_t i = 0; i < m.tags.size(); ++i) {
    if (i) out += ',';
    string(out, m.tags[i].first);
    out += ':';
    string(out, m.tags[i].second);
  }
  out += "},";
  key(out, "value");
  append_double(out, m.type == "timer" ? m.duration.as_seconds() : m.value);
  if (m.type == "timer") {
    out += ',';
    key(out, "stored_ms");
    out += std::to_string(m.duration.millis());
  }
  out += ',';
  key(out, "lines");
  out += std::to_string(m.lines) + '}';
}

// `"name":` then the items, each written by `write`, between `open` and its closing bracket.
template <typename Items, typename Write>
void each(std::string &out, const char *name, char open, const Items &items, Write write) {
  key(out, name);
  out += open;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    write(items[i]);
  }
  out += open == '{' ? "}," : "],";
}

}  // namespace

std::string ScriptSummary::json() const {
  std::string out = "{";
  each(out, "outputs", '{', outputs_, [&](const StoredOutput &o) {
    string(out, o.key);
    out += ':';
    append_node_json(out, o.value);
  });
  each(out, "output_types", '{', outputs_, [&](const StoredOutput &o) {
    string(out, o.key);
    out += ':';
    string(out, java_type_name(o.value));
  });
  each(out, "metrics", '[', metrics_, [&](const StoredMetric &m) { metric_json(out, m); });
  each(out, "logs", '[', logs_, [&](const StoredLog &l) {
    out += '{';
    key(out, "level");
    string(out, kestra_level_name(l.level));
    out += ',';
    key(out, "message");
    string(out, l.message);
    out += ',';
    where(out, l.stream, l.line);
    out += ',';
    key(out, "text");
    out += l.text ? "true}" : "false}";
  });
  each(out, "assets", '[', assets_, [&](const JsonNode &a) { append_node_json(out, a); });
  each(out, "problems", '[', problems_, [&](const LineProblem &p) {
    out += '{';
    where(out, p.stream, p.line);
    out += ',';
    key(out, "verdict");
    string(out, verdict_key(p.verdict));
    out += ',';
    key(out, "reason");
    string(out, p.reason);
    out += ',';
    key(out, "excerpt");
    string(out, p.excerpt);
    out += '}';
  });
  key(out, "lines");
  out += "{\"recorded\":" + std::to_string(counts_[KESTRA_LINE_RECORDED]) +
         ",\"rejected\":" + std::to_string(counts_[KESTRA_LINE_REJECTED]) +
         ",\"near_miss\":" + std::to_string(counts_[KESTRA_LINE_NEAR_MISS]) +
         ",\"text\":" + std::to_string(counts_[KESTRA_LINE_TEXT]) + "}}";
  return out;
}

}  // namespace kestra::detail
