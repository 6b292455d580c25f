// The bytes under an Ion reader: a caller's buffer, or a file descriptor read in
// chunks, so a file larger than memory is read with a window of one chunk plus
// the few bytes of look-ahead the grammar needs. Tracks the line and column of
// every byte consumed, for error messages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kestra::detail {

class IonInput {
 public:
  static constexpr std::size_t kChunk = 64 * 1024;

  void open_buffer(std::string_view data);
  // `fd` is borrowed unless `owns` (then closed by close() and the destructor).
  void open_fd(int fd, bool owns);
  // Bytes from `read` (see kestra_ion_read_fn).
  using ReadFn = std::ptrdiff_t (*)(void *context, char *buffer, std::size_t capacity);
  void open_callback(ReadFn read, void *context);
  void close();
  ~IonInput() { close(); }

  // The byte at `ahead` positions from the current one, or -1 past the end.
  // Throws IonInputError when the descriptor fails.
  int peek(std::size_t ahead = 0) {
    if (static_cast<std::size_t>(end_ - pos_) > ahead) return static_cast<unsigned char>(pos_[ahead]);
    return fill(ahead) ? static_cast<unsigned char>(pos_[ahead]) : -1;
  }
  // Consumes one byte (the caller peeked it), counting lines.
  void advance() {
    if (*pos_ == '\n') {
      ++line_;
      line_start_ = offset() + 1;
    }
    ++pos_;
  }
  int get() {
    int c = peek();
    if (c >= 0) advance();
    return c;
  }

  std::uint64_t offset() const { return consumed_ + static_cast<std::uint64_t>(pos_ - window_); }
  std::uint64_t line() const { return line_; }
  std::uint64_t column() const { return offset() - line_start_ + 1; }

 private:
  bool fill(std::size_t ahead);  // makes pos_[ahead] readable; false at the end

  const char *window_ = nullptr;  // start of the readable bytes
  const char *pos_ = nullptr;
  const char *end_ = nullptr;
  std::string chunk_;  // descriptor mode: the bytes read
  int fd_ = -1;
  bool owns_fd_ = false;
  ReadFn read_ = nullptr;  // else read(2) on fd_
  void *context_ = nullptr;
  bool eof_ = true;
  std::uint64_t consumed_ = 0;  // bytes before window_
  std::uint64_t line_ = 1;
  std::uint64_t line_start_ = 0;  // offset of the first byte of the line
};

// A read(2) failure; carries errno.
struct IonInputError {
  int error_number;
};

}  // namespace kestra::detail
