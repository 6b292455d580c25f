// Building a metric record from command-line text: the value, --tag, --timestamp
// and --description (shared by counter, timer, gauge and time).
#ifndef KESTRA_EMIT_METRIC_HPP
#define KESTRA_EMIT_METRIC_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "args.hpp"
#include "kestra/kestra.h"
#include "record.hpp"

namespace emit {

struct Tag {
  std::string_view key;
  std::string_view value;
  bool typed;  // KEY:=VALUE: a number or a boolean rather than a string
};

struct MetricOptions {
  std::vector<Tag> tags;
  std::optional<std::string_view> timestamp;
  std::optional<std::string_view> description;
};

// The options every metric command takes.
std::vector<OptionSpec> metric_option_specs(bool with_timestamp);

// Reads --tag, --timestamp and --description; throws a usage Failure for a
// --tag that is not KEY=VALUE or KEY:=VALUE.
MetricOptions metric_options(std::string_view command, const Args &args);

// begin_metric with NAME, then the value read from `text`.
void begin_metric(const Record &r, kestra_metric_type type, std::string_view name, std::string_view text);

// begin_metric with NAME, then a double value.
void begin_metric(const Record &r, kestra_metric_type type, std::string_view name, double value);

// Tags, then timestamp and description, in the order the core expects.
void add_metric_options(const Record &r, const MetricOptions &options);

}  // namespace emit

#endif
