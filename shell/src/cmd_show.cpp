// kestra-emit show [--json] [--stderr FILE] [FILE|-]
//
// Reads a script's output and shows what Kestra would store from it: a row per
// record as lines arrive (so a long-running script can be watched), then the
// totals. Every rule (merging, adding metrics, the checker's verdicts, the
// tables) is the core's kestra_summary; this file only moves bytes.
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "failure.hpp"
#include "help.hpp"
#include "stdin.hpp"

namespace emit {
namespace {

// Owns the core's summary for the command's lifetime.
struct Summary {
  kestra_summary *handle;
  explicit Summary(unsigned options) : handle(kestra_summary_new(options)) {
    if (!handle) throw Failure{kFailed, "out of memory"};
  }
  ~Summary() { kestra_summary_free(handle); }
  Summary(const Summary &) = delete;
  Summary &operator=(const Summary &) = delete;

  void check(kestra_result r) const {
    if (r != KESTRA_OK) throw Failure{kFailed, std::string("show: ") + kestra_result_name(r)};
  }
};

void put(const char *text, size_t len) {
  if (!text) throw Failure{kFailed, "out of memory"};
  if (std::fwrite(text, 1, len, stdout) != len || std::fflush(stdout) != 0)
    throw Failure{kFailed, std::string("cannot write to stdout: ") + std::strerror(errno)};
}

// Feeds all of `fd` as `stream`; with `live`, prints the rows of each chunk as it arrives.
void read_stream(Summary &s, int fd, int stream, bool live, unsigned paint) {
  std::string chunk;
  bool more = true;
  while (more) {
    chunk.clear();
    more = read_some(fd, chunk);
    s.check(more ? kestra_summary_feed(s.handle, stream, chunk.data(), chunk.size())
                 : kestra_summary_end(s.handle, stream));
    if (!live) continue;
    size_t len;
    const char *rows = kestra_summary_take_rows(s.handle, paint, &len);
    if (len) put(rows, len);
  }
}

void read_path(Summary &s, std::string_view path, int stream, bool live, unsigned paint) {
  const int fd = open_input("show", path);
  read_stream(s, fd, stream, live, paint);
  if (fd != 0) ::close(fd);
}

}  // namespace

int cmd_show(const Words &words) {
  static const CommandSpec spec{"show", {{"--json", false}, {"--stderr", true}}};
  const Args args = parse_args(spec, words);
  if (args.help) return print_help("show");
  if (args.positionals.size() > 1) throw usage("show: expected at most one FILE");
  const std::string_view path = args.positionals.empty() ? "-" : args.positionals[0];
  const auto stderr_path = args.value("--stderr");
  if (stderr_path && *stderr_path == "-" && path == "-")
    throw usage("show: stdout and --stderr cannot both be read from stdin");
  const bool json = args.flag("--json");
  const char *no_color = std::getenv("NO_COLOR");
  const unsigned paint = (!json && ::isatty(1) && !(no_color && *no_color)) ? KESTRA_SUMMARY_COLOR : 0u;

  Summary s(json ? KESTRA_SUMMARY_TOTALS : KESTRA_SUMMARY_ROWS);
  read_path(s, path, KESTRA_STREAM_STDOUT, !json, paint);
  if (stderr_path) read_path(s, *stderr_path, KESTRA_STREAM_STDERR, !json, paint);

  size_t len;
  const char *totals =
      json ? kestra_summary_json(s.handle, &len) : kestra_summary_text(s.handle, paint, &len);
  if (!json) put("\n", 1);
  put(totals, len);
  if (json) put("\n", 1);
  return kestra_summary_problems(s.handle) ? kFailed : kOk;
}

}  // namespace emit
