// How a finished record leaves the addon (output.hpp).
#include "output.hpp"

#include <cerrno>

#include "errors.hpp"

namespace kestra_node {

// Finishes the record and returns its line as a JS string (ASCII, so latin1 is
// exact and the cheapest copy), without the final "\n" when `newline` is false.
napi_value LineOf(napi_env env, kestra_record *r, bool newline) {
  if (kestra_record_finish(r) != KESTRA_OK) return ThrowRecordError(env, r);
  size_t len = 0;
  const char *line = kestra_record_line(r, &len);
  napi_value out;
  if (napi_create_string_latin1(env, line, newline ? len : len - 1, &out) != napi_ok) return nullptr;
  return out;
}

napi_value Deliver(napi_env env, kestra_record *r, bool direct) {
  if (!direct) return LineOf(env, r, true);
  if (kestra_record_finish(r) != KESTRA_OK) return ThrowRecordError(env, r);
  size_t len = 0;
  const char *line = kestra_record_line(r, &len);
  if (kestra_write_line(1, line, len, KESTRA_WRITE_SIGPIPE_IGNORED) != KESTRA_OK)
    return ThrowWriteError(env, errno);
  napi_value written;
  napi_get_boolean(env, true, &written);
  return written;
}

}  // namespace kestra_node
