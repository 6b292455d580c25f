// Reading standard input without stdio buffering.
#ifndef KESTRA_EMIT_STDIN_HPP
#define KESTRA_EMIT_STDIN_HPP

#include <string>

namespace emit {

// All of fd until end of file; throws a Failure (status 1) on a read error.
std::string read_all(int fd);

// Reads whatever is available (at least one byte) into `buffer`'s end;
// false at end of file. Throws a Failure (status 1) on a read error.
bool read_some(int fd, std::string &buffer);

}  // namespace emit

#endif
