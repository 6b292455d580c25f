// kestra-emit log LEVEL MESSAGE...   one entry, the words joined by spaces
// kestra-emit log LEVEL -            one record per line of stdin, as each arrives
#include <cstdio>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "failure.hpp"
#include "help.hpp"
#include "record.hpp"
#include "stdin.hpp"
#include "text.hpp"

namespace emit {
namespace {

// Read once, before any stdin is, so a bad level fails before anything streams.
kestra_level parse_level(std::string_view name) {
  kestra_level level;
  if (kestra_level_parse(name.data(), name.size(), &level) == KESTRA_OK) return level;
  // The core words the refusal, as it does for every other bad input.
  Record r;
  r.check(kestra_record_begin_logs(r.get()));
  r.check(kestra_record_log_named(r.get(), name.data(), name.size(), "", 0));
  throw usage("log: unknown level");  // not reached: the core refuses the name
}

void write_entry(const Record &r, kestra_level level, std::string_view message) {
  r.check(kestra_record_begin_logs(r.get()));
  r.check(kestra_record_log(r.get(), level, message.data(), message.size()));
  r.write();
}

std::string join(const Words &words) {
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) text += ' ';
    text += words[i];
  }
  return text;
}

// One record per line, written before the next read, so a pipe streams.
// A line the core refuses (invalid UTF-8) is reported on stderr and skipped;
// the exit status is then 2. Never replaced: docs/PROTOCOL.md Part 2, rule 4.
int stream_lines(kestra_level level) {
  Record r;
  std::string buffer;
  std::size_t line_number = 0;
  int status = kOk;
  const auto emit_line = [&](std::string_view line) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // \r\n
    try {
      write_entry(r, level, line);
    } catch (const Failure &f) {
      if (f.status != kUsage) throw;  // stdout is gone: stop
      std::fprintf(stderr, "kestra-emit: log: stdin line %zu: %s\n", line_number, f.message.c_str());
      status = kUsage;
    }
  };
  bool more = true;
  while (more) {
    more = read_some(0, buffer);
    std::size_t start = 0;
    for (std::size_t nl; (nl = buffer.find('\n', start)) != std::string::npos; start = nl + 1)
      emit_line(std::string_view(buffer).substr(start, nl - start));
    buffer.erase(0, start);
    if (!more && !buffer.empty()) emit_line(buffer);  // a last line without a newline
  }
  return status;
}

}  // namespace

int cmd_log(const Words &words) {
  static const CommandSpec spec{"log", {}};
  const Args args = parse_args(spec, words);
  if (args.help) return print_help("log");
  if (args.positionals.empty()) throw usage("log: expected LEVEL MESSAGE... or LEVEL -");
  const kestra_level level = parse_level(args.positionals[0]);
  const Words message(args.positionals.begin() + 1, args.positionals.end());
  if (message.empty()) throw usage("log: no message (give MESSAGE..., or - to read stdin)");
  // "-" means stdin only before "--": `log INFO -- -` logs a dash.
  if (message.size() == 1 && message[0] == "-" && args.before_dashdash > 1) return stream_lines(level);

  Record r;
  write_entry(r, level, join(message));
  return kOk;
}

}  // namespace emit
