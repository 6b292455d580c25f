// kestra-emit check [--verbose | --quiet] [FILE|-]
//
// Reads a script's output and says, for each line that is or looks meant as
// protocol data, what the Kestra server would do with it (kestra_check_line).
// Lines end at \n, \r or \r\n, as the server splits them. Exit 1 when any line
// would be rejected or is a near miss.
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "failure.hpp"
#include "help.hpp"
#include "stdin.hpp"
#include "text.hpp"

namespace emit {
namespace {

const char *verdict_name(kestra_line_verdict v) {
  switch (v) {
    case KESTRA_LINE_TEXT: return "text";
    case KESTRA_LINE_RECORDED: return "recorded";
    case KESTRA_LINE_REJECTED: return "rejected";
    default: return "near miss";
  }
}

struct Tally {
  std::size_t counts[4] = {0, 0, 0, 0};
  bool verbose = false;
  bool quiet = false;
  std::string source;  // "stdin" or the file name, for "SOURCE:LINE:"
};

void check_one(Tally &t, std::size_t number, std::string_view line) {
  char reason[4096];
  std::size_t reason_len = 0;
  const kestra_line_verdict v =
      kestra_check_line(line.data(), line.size(), reason, sizeof reason, &reason_len);
  ++t.counts[v];
  if (t.quiet || (v == KESTRA_LINE_TEXT && !t.verbose)) return;
  std::string whole;  // a reason that did not fit: ask again with room for it
  if (reason_len >= sizeof reason) {
    whole.assign(reason_len + 1, '\0');
    kestra_check_line(line.data(), line.size(), &whole[0], whole.size(), nullptr);
  }
  std::printf("%s:%zu: %s: %s\n", t.source.c_str(), number, verdict_name(v),
              whole.empty() ? reason : whole.c_str());
}

// Splits the input into lines as it arrives; `skip_lf` carries a \r that ended the
// previous chunk, so a \r\n split across two reads still ends one line.
void check_stream(Tally &t, int fd) {
  std::string buffer;
  std::size_t number = 0;
  bool skip_lf = false, more = true;
  while (more) {
    more = read_some(fd, buffer);
    std::size_t start = 0;
    if (skip_lf && !buffer.empty() && buffer[0] == '\n') start = 1;
    skip_lf = false;
    for (std::size_t i = start; i < buffer.size(); ++i) {
      if (buffer[i] != '\n' && buffer[i] != '\r') continue;
      check_one(t, ++number, std::string_view(buffer).substr(start, i - start));
      if (buffer[i] == '\r') {
        if (i + 1 == buffer.size())
          skip_lf = true;
        else if (buffer[i + 1] == '\n')
          ++i;
      }
      start = i + 1;
    }
    buffer.erase(0, start);
    if (!more && !buffer.empty()) check_one(t, ++number, buffer);
  }
}

}  // namespace

int cmd_check(const Words &words) {
  static const CommandSpec spec{"check", {{"--verbose", false}, {"--quiet", false}}};
  const Args args = parse_args(spec, words);
  if (args.help) return print_help("check");
  if (args.positionals.size() > 1) throw usage("check: expected at most one FILE");
  Tally t;
  t.verbose = args.flag("--verbose");
  t.quiet = args.flag("--quiet");
  if (t.verbose && t.quiet) throw usage("check: --verbose and --quiet exclude each other");
  const std::string_view path = args.positionals.empty() ? "-" : args.positionals[0];
  t.source = path == "-" ? "stdin" : std::string(path);

  const int fd = open_input("check", path);
  check_stream(t, fd);
  if (fd != 0) ::close(fd);

  const std::size_t bad = t.counts[KESTRA_LINE_REJECTED] + t.counts[KESTRA_LINE_NEAR_MISS];
  if (!t.quiet) {
    std::printf("%zu recorded, %zu rejected, %zu near misses, %zu text lines\n",
                t.counts[KESTRA_LINE_RECORDED], t.counts[KESTRA_LINE_REJECTED],
                t.counts[KESTRA_LINE_NEAR_MISS], t.counts[KESTRA_LINE_TEXT]);
  }
  if (std::fflush(stdout) != 0)
    throw Failure{kFailed, std::string("cannot write to stdout: ") + std::strerror(errno)};
  return bad ? kFailed : kOk;
}

}  // namespace emit
