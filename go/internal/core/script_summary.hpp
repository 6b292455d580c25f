// script_summary: what the Kestra server stores from a script's output, read
// line by line (kestra_summary_* in kestra.h). Every line is judged by the line
// checker (kestra_check_line); a recorded line is then read into the stored state
// with the server's merging rules. summary_json.cpp and summary_text.cpp show it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "json_tree.hpp"
#include "kestra/kestra.h"

namespace kestra::detail {

// A java.time.Duration: whole seconds (may be negative) and nanoseconds in
// [0, 1e9), so sums and the stored milliseconds are exact, as on the server.
struct Duration {
  std::int64_t seconds = 0;
  std::int64_t nanos = 0;
  void add(const Duration &other);
  double as_seconds() const;
  std::int64_t millis() const;  // Duration.toMillis()
};

struct StoredOutput {
  std::string key;  // UTF-8
  JsonNode value;
};

struct StoredMetric {
  std::string type;  // counter, timer, gauge
  std::string name;
  std::vector<std::pair<std::string, std::string>> tags;  // sorted by key, values as the server's strings
  double value = 0;                                       // counter: the sum; gauge: the last value
  Duration duration;                                      // timer: the sum
  std::size_t lines = 0;
};

struct StoredLog {
  kestra_level level;
  std::string message;
  int stream;
  std::size_t line;
  bool text;  // an ordinary line logged as text, not a logs record
};

struct LineProblem {
  int stream;
  std::size_t line;
  kestra_line_verdict verdict;  // rejected or near miss
  std::string reason;
  std::string excerpt;  // the start of the line
};

// A row of the live display: one record (or log line) as it arrived.
struct SummaryRow {
  int stream;
  std::size_t line;
  std::string kind;   // "output", "counter", "timer", "gauge", a level name, "rejected", "near miss", "asset"
  std::string label;  // the key or the metric's name{tags}; empty for logs
  std::string value;  // what the line sent, as text
  std::string total;  // a metric's stored value after this line; empty otherwise
};

class ScriptSummary {
 public:
  explicit ScriptSummary(bool keep_rows) : keep_rows_(keep_rows) {}

  // `stream` is KESTRA_STREAM_STDOUT or KESTRA_STREAM_STDERR (checked by the caller).
  kestra_line_verdict add_line(int stream, std::string_view line);
  void feed(int stream, std::string_view data);
  void end(int stream);

  std::string json() const;            // summary_json.cpp
  std::string text(bool color) const;  // summary_text.cpp
  std::string take_rows(bool color);   // summary_text.cpp

  const std::vector<StoredOutput> &outputs() const { return outputs_; }
  const std::vector<StoredMetric> &metrics() const { return metrics_; }
  const std::vector<StoredLog> &logs() const { return logs_; }
  const std::vector<JsonNode> &assets() const { return assets_; }
  const std::vector<LineProblem> &problems() const { return problems_; }
  std::size_t count(kestra_line_verdict v) const { return counts_[v]; }

 private:
  void record(int stream, std::size_t line, const JsonNode &message);
  void record_outputs(int stream, std::size_t line, const JsonNode &outputs);
  void record_metric(int stream, std::size_t line, const JsonNode &metric);
  void record_log(int stream, std::size_t line, const JsonNode &entry);
  void log_text(int stream, std::size_t line, std::string_view text);
  void row(int stream, std::size_t line, std::string kind, std::string label, std::string value,
           std::string total = {});

  bool keep_rows_;
  std::vector<StoredOutput> outputs_;
  std::unordered_map<std::string, std::size_t> output_index_;
  std::vector<StoredMetric> metrics_;
  std::unordered_map<std::string, std::size_t> metric_index_;  // type, name and tags as one key
  std::vector<StoredLog> logs_;
  std::vector<JsonNode> assets_;
  std::vector<LineProblem> problems_;
  std::vector<SummaryRow> rows_;
  std::size_t counts_[4] = {0, 0, 0, 0};

  struct StreamState {
    std::size_t lines = 0;
    std::string partial;   // an unfinished line
    bool skip_lf = false;  // the previous chunk ended with \r
  } streams_[2];
};

// Shared by the two views.
const char *stream_name(int stream);                // "stdout", "stderr"
const char *java_type_name(const JsonNode &value);  // "Integer", "Double", "Map", ...
// Compact JSON; pure ASCII, or (`ascii` false, for a person) with text as UTF-8
// and only '"' and '\\' escaped, controls left for the text view to show escaped.
void append_node_json(std::string &out, const JsonNode &value, bool ascii = true);

}  // namespace kestra::detail
