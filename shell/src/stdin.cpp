#include "stdin.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "failure.hpp"

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

}  // namespace emit
