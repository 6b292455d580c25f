#include "metric.hpp"

#include "failure.hpp"
#include "text.hpp"

namespace emit {
namespace {

Tag parse_tag(std::string_view command, std::string_view word) {
  const std::size_t eq = word.find('=');
  if (eq == std::string_view::npos)
    throw usage(std::string(command) + ": --tag expects KEY=VALUE or KEY:=NUMBER, got " + quote(word));
  const bool typed = eq > 0 && word[eq - 1] == ':';
  return Tag{word.substr(0, typed ? eq - 1 : eq), word.substr(eq + 1), typed};
}

}  // namespace

std::vector<OptionSpec> metric_option_specs(bool with_timestamp) {
  std::vector<OptionSpec> specs{{"--tag", true, true}, {"--description"}};
  if (with_timestamp) specs.push_back({"--timestamp"});
  return specs;
}

MetricOptions metric_options(std::string_view command, const Args &args) {
  MetricOptions o;
  for (std::string_view t : args.values("--tag")) o.tags.push_back(parse_tag(command, t));
  o.timestamp = args.value("--timestamp");
  o.description = args.value("--description");
  return o;
}

void begin_metric(const Record &r, kestra_metric_type type, std::string_view name, std::string_view text) {
  r.check(kestra_record_begin_metric(r.get(), type, name.data(), name.size()));
  // The core reads the number (its grammar, its limits, its messages).
  r.check(kestra_record_number_text(r.get(), text.data(), text.size(), 0));
}

void begin_metric(const Record &r, kestra_metric_type type, std::string_view name, double value) {
  r.check(kestra_record_begin_metric(r.get(), type, name.data(), name.size()));
  r.check(kestra_record_double(r.get(), value));
}

void add_metric_options(const Record &r, const MetricOptions &options) {
  for (const Tag &t : options.tags) {
    r.check(kestra_record_key(r.get(), t.key.data(), t.key.size()));
    // KEY:=VALUE: true, false or a number, read by the core.
    if (t.typed)
      r.check(kestra_record_number_text(r.get(), t.value.data(), t.value.size(), 1));
    else
      r.check(kestra_record_string(r.get(), t.value.data(), t.value.size()));
  }
  if (options.timestamp)
    r.check(kestra_record_metric_timestamp(r.get(), options.timestamp->data(), options.timestamp->size()));
  if (options.description)
    r.check(
        kestra_record_metric_description(r.get(), options.description->data(), options.description->size()));
}

}  // namespace emit
