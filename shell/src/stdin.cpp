#include "stdin.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

#include "failure.hpp"
#include "text.hpp"

namespace emit {

bool read_some(int fd, std::string &buffer) {
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n > 0) {
      buffer.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    if (n == 0) return false;
    if (errno != EINTR) throw Failure{kFailed, std::string("cannot read input: ") + std::strerror(errno)};
  }
}

std::string read_all(int fd) {
  std::string text;
  while (read_some(fd, text)) {
  }
  return text;
}

int open_input(std::string_view command, std::string_view path) {
  if (path == "-") return 0;
  const std::string p(path);
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw usage(std::string(command) + ": cannot open " + quote(path) + ": " + std::strerror(errno));
  return fd;
}

}  // namespace emit
