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

}  // namespace

std::string ScriptSummary::json() const {
  std::string out = "{";
  key(out, "outputs");
  out += '{';
  for (std::size_t i = 0; i < outputs_.size(); ++i) {
    if (i) out += ',';
    string(out, outputs_[i].key);
    out += ':';
    append_node_json(out, outputs_[i].value);
  }
  out += "},";
  key(out, "output_types");
  out += '{';
  for (std::size_t i = 0; i < outputs_.size(); ++i) {
    if (i) out += ',';
    string(out, outputs_[i].key);
    out += ':';
    string(out, java_type_name(outputs_[i].value));
  }
  out += "},";
  key(out, "metrics");
  out += '[';
  for (std::size_t i = 0; i < metrics_.size(); ++i) {
    if (i) out += ',';
    metric_json(out, metrics_[i]);
  }
  out += "],";
  key(out, "logs");
  out += '[';
  for (std::size_t i = 0; i < logs_.size(); ++i) {
    const StoredLog &l = logs_[i];
    out += i ? ",{" : "{";
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
  }
  out += "],";
  key(out, "assets");
  out += '[';
  for (std::size_t i = 0; i < assets_.size(); ++i) {
    if (i) out += ',';
    append_node_json(out, assets_[i]);
  }
  out += "],";
  key(out, "problems");
  out += '[';
  for (std::size_t i = 0; i < problems_.size(); ++i) {
    const LineProblem &p = problems_[i];
    out += i ? ",{" : "{";
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
  }
  out += "],";
  key(out, "lines");
  out += "{\"recorded\":" + std::to_string(counts_[KESTRA_LINE_RECORDED]) +
         ",\"rejected\":" + std::to_string(counts_[KESTRA_LINE_REJECTED]) +
         ",\"near_miss\":" + std::to_string(counts_[KESTRA_LINE_NEAR_MISS]) +
         ",\"text\":" + std::to_string(counts_[KESTRA_LINE_TEXT]) + "}}";
  return out;
}

}  // namespace kestra::detail
