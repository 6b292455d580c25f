// kestra-emit counter|timer|gauge NAME VALUE [--tag K=V]... [--timestamp T] [--description D]
#include <string>

#include "commands.hpp"
#include "failure.hpp"
#include "help.hpp"
#include "metric.hpp"

namespace emit {

int cmd_metric(kestra_metric_type type, const Words &words) {
  const std::string command = kestra_metric_type_name(type);
  const CommandSpec spec{command, metric_option_specs(true)};
  const Args args = parse_args(spec, words);
  if (args.help) return print_help(command);
  if (args.positionals.size() != 2) {
    throw usage(command + ": expected NAME " + (type == KESTRA_METRIC_TIMER ? "SECONDS" : "VALUE") +
                ", got " + std::to_string(args.positionals.size()) + " argument" +
                (args.positionals.size() == 1 ? "" : "s"));
  }
  const MetricOptions options = metric_options(command, args);

  Record r;
  begin_metric(r, type, args.positionals[0], args.positionals[1]);
  add_metric_options(r, options);
  r.write();
  return kOk;
}

}  // namespace emit
