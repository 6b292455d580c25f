// The line checker inside the library: kestra_check_line's verdict and reason
// without the C ABI's wall, so a caller inside the core (the script summary)
// sees running out of memory as std::bad_alloc rather than as a worded rejection.
#ifndef KESTRA_LINE_CHECK_HPP
#define KESTRA_LINE_CHECK_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kestra/kestra.h"

namespace kestra::detail {

struct LineCheck {
  kestra_line_verdict verdict;
  std::string reason;  // one line, pure ASCII
};

// Bytes, as the server reads them: invalid UTF-8 replaced by U+FFFD. Throws
// std::bad_alloc.
LineCheck check_line(std::string_view line);

// UTF-16 units, as they reach the server once written as UTF-8 (a lone
// surrogate as U+FFFD). Throws std::bad_alloc.
LineCheck check_line_utf16(const std::uint16_t *units, std::size_t len);

}  // namespace kestra::detail

#endif  // KESTRA_LINE_CHECK_HPP
