#include "args.hpp"

#include <string>

#include "failure.hpp"
#include "text.hpp"

namespace emit {

std::optional<std::string_view> Args::value(std::string_view option) const {
  std::optional<std::string_view> found;
  for (const auto &[name, value] : options)
    if (name == option) found = value;
  return found;
}

std::vector<std::string_view> Args::values(std::string_view option) const {
  std::vector<std::string_view> found;
  for (const auto &[name, value] : options)
    if (name == option) found.push_back(value);
  return found;
}

namespace {

const OptionSpec *find_option(const CommandSpec &spec, std::string_view name) {
  for (const auto &o : spec.options)
    if (o.name == name) return &o;
  return nullptr;
}

std::string prefix(const CommandSpec &spec) { return std::string(spec.name) + ": "; }

}  // namespace

Args parse_args(const CommandSpec &spec, const std::vector<std::string_view> &words) {
  Args args;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (w == "--") {
      args.before_dashdash = args.positionals.size();
      if (spec.rest_after_dashdash) {
        args.has_rest = true;
        args.rest.assign(words.begin() + i + 1, words.end());
      } else {
        args.positionals.insert(args.positionals.end(), words.begin() + i + 1, words.end());
      }
      break;
    }
    if (w == "-h" || w == "--help") {
      args.help = true;
      continue;
    }
    if (w.size() < 3 || w.substr(0, 2) != "--") {
      args.positionals.push_back(w);
      continue;
    }
    const std::size_t eq = w.find('=');
    const std::string_view name = w.substr(0, eq);
    const OptionSpec *o = find_option(spec, name);
    if (!o) {
      throw usage(prefix(spec) + "unknown option " + quote(name) +
                  " (put -- before an argument that starts with --)");
    }
    std::string_view value;
    if (!o->takes_value) {
      if (eq != std::string_view::npos) throw usage(prefix(spec) + std::string(name) + " takes no value");
    } else if (eq != std::string_view::npos) {
      value = w.substr(eq + 1);
    } else if (i + 1 < words.size()) {
      value = words[++i];
    } else {
      throw usage(prefix(spec) + std::string(name) + " needs a value");
    }
    if (!o->repeatable && args.value(name)) throw usage(prefix(spec) + std::string(name) + " is given twice");
    args.options.emplace_back(name, value);
  }
  return args;
}

}  // namespace emit
