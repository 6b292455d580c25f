// The one way a command stops early: a message for stderr and an exit status.
#ifndef KESTRA_EMIT_FAILURE_HPP
#define KESTRA_EMIT_FAILURE_HPP

#include <string>

namespace emit {

// Exit statuses of kestra-emit (besides a timed command's own status).
enum Status {
  kOk = 0,
  kFailed = 1,  // an I/O error, or `check` found lines Kestra would not record
  kUsage = 2,   // a usage or validation error: nothing was written to stdout
};

// Thrown by commands, caught in main, printed as "kestra-emit: <message>".
struct Failure {
  int status;
  std::string message;  // one line
};

inline Failure usage(std::string message) { return Failure{kUsage, std::move(message)}; }

}  // namespace emit

#endif
