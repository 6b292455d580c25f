// Writing finished lines to sys.stdout.
#pragma once

#include <pybind11/pybind11.h>

#include "kestra/kestra.h"

namespace kestra_py {

// Prepares the names and the lock. Call once, at import.
bool init_output();

// The finished line of `r` as a str; `newline` keeps its final "\n".
pybind11::str line_of(kestra_record *r, bool newline = true);

// Finishes `r` and writes its line to sys.stdout, looked up now: one write and
// one flush, under a process-wide lock. When sys.stdout is the interpreter's
// own stdout on a file descriptor, it is flushed (so that what print() left in
// its buffer comes first) and the line goes to the descriptor in one write(2)
// under the core's lock, with the GIL released. Raises OSError when
// sys.stdout is None or closed.
void emit(kestra_record *r);

}  // namespace kestra_py
