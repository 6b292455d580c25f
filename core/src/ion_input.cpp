#include "ion_input.hpp"

#include <unistd.h>
#include <cerrno>
#include <cstring>

namespace kestra::detail {

void IonInput::open_buffer(std::string_view data) {
  close();
  window_ = pos_ = data.data();
  end_ = data.data() + data.size();
  eof_ = true;
}

void IonInput::open_fd(int fd, bool owns) {
  close();
  fd_ = fd;
  owns_fd_ = owns;
  eof_ = false;
  chunk_.clear();
  window_ = pos_ = end_ = chunk_.data();
}

void IonInput::open_callback(ReadFn read, void *context) {
  open_fd(-1, false);
  read_ = read;
  context_ = context;
}

void IonInput::close() {
  read_ = nullptr;
  context_ = nullptr;
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
  fd_ = -1;
  owns_fd_ = false;
  eof_ = true;
  window_ = pos_ = end_ = nullptr;
  consumed_ = 0;
  line_ = 1;
  line_start_ = 0;
}

bool IonInput::fill(std::size_t ahead) {
  if (eof_) return false;
  // Keep only the unconsumed bytes, then read until pos_[ahead] exists.
  std::size_t keep = static_cast<std::size_t>(end_ - pos_);
  consumed_ += static_cast<std::uint64_t>(pos_ - window_);
  std::memmove(chunk_.data(), pos_, keep);
  chunk_.resize(keep);
  while (chunk_.size() <= ahead && !eof_) {
    std::size_t have = chunk_.size();
    chunk_.resize(have + kChunk);
    std::ptrdiff_t n =
        read_ ? read_(context_, chunk_.data() + have, kChunk) : ::read(fd_, chunk_.data() + have, kChunk);
    if (n < 0) {
      chunk_.resize(have);
      if (errno == EINTR) continue;
      int error = errno;
      window_ = pos_ = chunk_.data();
      end_ = pos_ + chunk_.size();
      throw IonInputError{error};
    }
    chunk_.resize(have + static_cast<std::size_t>(n));
    if (n == 0) eof_ = true;
  }
  window_ = pos_ = chunk_.data();
  end_ = pos_ + chunk_.size();
  return chunk_.size() > ahead;
}

}  // namespace kestra::detail
