// Reading standard input without stdio buffering.
#ifndef KESTRA_EMIT_STDIN_HPP
#define KESTRA_EMIT_STDIN_HPP

#include <string>
#include <string_view>

namespace emit {

// All of fd until end of file; throws a Failure (status 1) on a read error.
std::string read_all(int fd);

// Reads whatever is available (at least one byte) into `buffer`'s end;
// false at end of file. Throws a Failure (status 1) on a read error.
bool read_some(int fd, std::string &buffer);

// The descriptor to read `path` from: 0 for "-", else the opened file (the caller
// closes it). Throws a usage Failure "COMMAND: cannot open 'PATH': REASON".
int open_input(std::string_view command, std::string_view path);

}  // namespace emit

#endif
