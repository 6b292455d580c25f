#include "emit.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <mutex>

namespace kestra::detail {
namespace {

// One lock for the whole process: lines from different threads never interleave,
// even when a line is larger than the pipe buffer and takes several writes.
std::mutex &write_lock() {
  static std::mutex lock;
  return lock;
}

// A fork() while another thread holds the lock would leave the child's copy
// locked forever: take it around fork so both sides start unlocked. Installed
// when the library is loaded (dynamic initialisation, before any of its calls),
// not on the first line: a fork while another thread was inside that first
// call's static-initialisation guard left the child waiting on the guard for
// ever (tests/core/fork_test.c).
[[maybe_unused]] const bool fork_guard_installed =
    pthread_atfork([] { write_lock().lock(); }, [] { write_lock().unlock(); },
                   [] { write_lock().unlock(); }) == 0;

const char *errno_name(int err) {
  switch (err) {
    case EPIPE: return "EPIPE";
    case EBADF: return "EBADF";
    case EAGAIN: return "EAGAIN";
    case ENOSPC: return "ENOSPC";
    case EIO: return "EIO";
    case EINVAL: return "EINVAL";
    case EFBIG: return "EFBIG";
    default: return "errno";
  }
}

// Blocks SIGPIPE for this thread while writing, so a gone reader gives EPIPE
// instead of killing the script; a SIGPIPE raised by our write is consumed
// before the mask is restored, one that was already pending is left alone.
class SigpipeBlock {
 public:
  explicit SigpipeBlock(bool active) : active_(active) {
    if (!active_) return;
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  void consume_ours() {
    if (!active_ || was_pending_) return;
    const timespec zero{0, 0};
    while (sigtimedwait(&pipe_, nullptr, &zero) == -1 && errno == EINTR) {
    }
  }
  ~SigpipeBlock() {
    if (active_) pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

 private:
  bool active_;
  // Set only when active: zeroing two sigset_t (256 bytes) for every line
  // was nearly half of this function's own time.
  sigset_t pipe_, old_;
  bool was_pending_ = false;
};

}  // namespace

kestra_result write_line(int fd, std::string_view line, std::string *error, bool guard_sigpipe) {
  std::lock_guard<std::mutex> guard(write_lock());
  SigpipeBlock sigpipe(guard_sigpipe);
  const char *data = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n > 0) {
      data += n;
      left -= static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      // A non-blocking descriptor (Node sets its pipes so) with a full pipe:
      // wait for the reader rather than tear the line.
      pollfd p{fd, POLLOUT, 0};
      while (::poll(&p, 1, -1) < 0 && errno == EINTR) {
      }
      continue;
    }
    const int err = n < 0 ? errno : EIO;
    if (err == EPIPE) sigpipe.consume_ours();
    if (error) *error = fmt::format("write to fd {}: {} ({})", fd, std::strerror(err), errno_name(err));
    errno = err;
    return KESTRA_ERROR_IO;
  }
  return KESTRA_OK;
}

}  // namespace kestra::detail
