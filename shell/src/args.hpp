// Parsing a command's arguments: positionals, --options, and what follows "--".
#ifndef KESTRA_EMIT_ARGS_HPP
#define KESTRA_EMIT_ARGS_HPP

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace emit {

struct OptionSpec {
  std::string_view name;    // "--tag"
  bool takes_value = true;  // --tag K=V; false for a flag such as --verbose
  bool repeatable = false;  // --tag may come several times, --timestamp once
};

struct CommandSpec {
  std::string_view name;  // for messages: "counter"
  std::vector<OptionSpec> options;
  bool rest_after_dashdash = false;  // `time`: what follows "--" is the command to run
};

struct Args {
  bool help = false;  // -h or --help was given
  std::vector<std::string_view> positionals;
  std::vector<std::pair<std::string_view, std::string_view>> options;  // in command-line order
  std::size_t before_dashdash = static_cast<std::size_t>(-1);          // positionals before "--", if given
  bool has_rest = false;  // "--" was given (rest_after_dashdash only)
  std::vector<std::string_view> rest;

  std::optional<std::string_view> value(std::string_view option) const;
  std::vector<std::string_view> values(std::string_view option) const;
  bool flag(std::string_view option) const { return value(option).has_value(); }
};

// Options are "--name VALUE" or "--name=VALUE" anywhere before "--"; "-h" and
// "--help" ask for help. Any other word, "-" and "-5" included, is a positional.
// Throws a usage Failure for an unknown option or a missing value.
Args parse_args(const CommandSpec &spec, const std::vector<std::string_view> &words);

}  // namespace emit

#endif
