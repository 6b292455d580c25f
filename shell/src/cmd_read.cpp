// kestra-emit read [FILE|-]
//
// Reads a file of Kestra's internal storage (Ion text, one row per value, as
// Kestra's FileSerde writes it) and writes each row as one line of compact
// JSON, so a shell script can use jq on it. The conversion is the core's
// (kestra_ion_reader_next_json): the same as Kestra.read in Python and Node.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "failure.hpp"
#include "help.hpp"
#include "kestra/ion.h"
#include "text.hpp"

namespace emit {

int cmd_read(const Words &words) {
  static const CommandSpec spec{"read", {}};
  const Args args = parse_args(spec, words);
  if (args.help) return print_help("read");
  if (args.positionals.size() > 1) throw usage("read: expected at most one FILE");
  const std::string path = args.positionals.empty() ? "-" : std::string(args.positionals[0]);

  std::unique_ptr<kestra_ion_reader, void (*)(kestra_ion_reader *)> reader(kestra_ion_reader_new(),
                                                                           kestra_ion_reader_free);
  if (!reader) throw Failure{kFailed, "out of memory"};
  kestra_result r = path == "-"
                        ? kestra_ion_reader_open_fd(reader.get(), 0, KESTRA_ION_KESTRA_READ)
                        : kestra_ion_reader_open_file(reader.get(), path.c_str(), KESTRA_ION_KESTRA_READ);
  if (r != KESTRA_OK) throw usage("read: " + std::string(kestra_ion_reader_error(reader.get())));

  static char buffer[1 << 16];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  const std::string source = path == "-" ? "stdin" : path;
  for (;;) {
    const char *line;
    size_t len;
    r = kestra_ion_reader_next_json(reader.get(), &line, &len);
    if (r != KESTRA_OK) {
      std::fflush(stdout);  // the rows before the error stay written
      const int status = r == KESTRA_ERROR_IO || r == KESTRA_ERROR_NO_MEMORY ? kFailed : kUsage;
      throw Failure{status, "read: " + source + ": " + kestra_ion_reader_error(reader.get())};
    }
    if (len == 0) break;
    if (std::fwrite(line, 1, len, stdout) != len) break;
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout))
    throw Failure{kFailed, std::string("cannot write to stdout: ") + std::strerror(errno)};
  return kOk;
}

}  // namespace emit
