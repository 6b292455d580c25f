// Writing finished lines: one write call per line, under one process-wide lock.
#pragma once

#include <string>
#include <string_view>

#include "kestra/kestra.h"

namespace kestra::detail {

// Writes all of `line` to `fd`: retries EINTR and partial writes, never raises
// SIGPIPE (unless `guard_sigpipe` is false: the caller's process ignores it).
// On failure stores a message like "write to fd 1: Broken pipe (EPIPE)" and
// leaves the write's error in errno.
kestra_result write_line(int fd, std::string_view line, std::string *error, bool guard_sigpipe = true);

}  // namespace kestra::detail
