// Writing finished lines: one write call per line, under one process-wide lock.
#pragma once

#include <string>
#include <string_view>

#include "kestra/kestra.h"

namespace kestra::detail {

// Writes all of `line` to `fd`: retries EINTR and partial writes, never raises
// SIGPIPE. On failure stores a message like "write to fd 1: Broken pipe (EPIPE)".
kestra_result write_line(int fd, std::string_view line, std::string *error);

}  // namespace kestra::detail
