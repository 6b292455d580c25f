// kestra-emit: emit Kestra protocol records from any script.
// main() only dispatches on the command name; each command lives in cmd_*.cpp.
#include <cstdio>
#include <new>
#include <string_view>

#include "commands.hpp"
#include "failure.hpp"
#include "help.hpp"
#include "kestra/kestra.h"
#include "text.hpp"

namespace emit {
namespace {

int print_version() {
  std::printf("kestra-emit %s\n", kestra_version_string());
  return std::fflush(stdout) == 0 ? kOk : kFailed;
}

int dispatch(const Words &words) {
  if (words.empty()) throw usage("missing command (see kestra-emit --help)");
  const std::string_view command = words[0];
  const Words rest(words.begin() + 1, words.end());
  if (command == "outputs") return cmd_outputs(rest);
  if (command == "counter") return cmd_metric(KESTRA_METRIC_COUNTER, rest);
  if (command == "timer") return cmd_metric(KESTRA_METRIC_TIMER, rest);
  if (command == "gauge") return cmd_metric(KESTRA_METRIC_GAUGE, rest);
  if (command == "time") return cmd_time(rest);
  if (command == "log") return cmd_log(rest);
  if (command == "check") return cmd_check(rest);
  if (command == "context") return cmd_context(rest);
  if (command == "show") return cmd_show(rest);
  if (command == "read") return cmd_read(rest);
  if (command == "-h" || command == "--help" || command == "help") {
    if (rest.size() > 1) throw usage("help: expected at most one COMMAND");
    return print_help(rest.empty() ? "" : rest[0]);
  }
  if (command == "-V" || command == "--version" || command == "version") return print_version();
  throw usage("unknown command " + quote(command) + " (see kestra-emit --help)");
}

}  // namespace
}  // namespace emit

int main(int argc, char **argv) {
  try {
    return emit::dispatch(emit::Words(argv + 1, argv + argc));
  } catch (const emit::Failure &f) {
    std::fprintf(stderr, "kestra-emit: %s\n", f.message.c_str());
    return f.status;
  } catch (const std::bad_alloc &) {
    std::fputs("kestra-emit: out of memory\n", stderr);
    return emit::kFailed;
  }
}
