// kestra-emit context [--file FILE] [PATH]: one value of the execution context,
// so a shell script can write user=$(kestra-emit context inputs.user). Where the
// context is found, how it is read and how PATH is walked are the core's rules
// (kestra_context_load / kestra_context_get), the same in every language.
#include <cstdio>
#include <memory>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "failure.hpp"
#include "help.hpp"

namespace emit {

int cmd_context(const Words &words) {
  static const CommandSpec spec{"context", {{"--file"}}};
  const Args args = parse_args(spec, words);
  if (args.help) return print_help("context");
  if (args.positionals.size() > 1) throw usage("context: expected at most one PATH (keys joined by '.')");

  const std::unique_ptr<kestra_context, decltype(&kestra_context_free)> context(kestra_context_new(),
                                                                                &kestra_context_free);
  if (!context) throw Failure{kFailed, "out of memory"};
  const std::string_view file = args.value("--file").value_or(std::string_view());
  if (kestra_context_load(context.get(), file.data(), file.size()) != KESTRA_OK)
    throw usage(kestra_context_error(context.get()));

  const std::string_view path = args.positionals.empty() ? std::string_view() : args.positionals[0];
  const char *value = nullptr;
  std::size_t len = 0;
  if (kestra_context_get(context.get(), path.data(), path.size(), &value, &len, nullptr) != KESTRA_OK)
    throw usage(kestra_context_error(context.get()));

  // The text then a newline ($(...) drops it), in one buffered write checked at the flush.
  if (std::fwrite(value, 1, len, stdout) != len || std::fputc('\n', stdout) == EOF ||
      std::fflush(stdout) != 0)
    throw Failure{kFailed, "cannot write to stdout"};
  return kOk;
}

}  // namespace emit
