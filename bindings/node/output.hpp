// How a finished record leaves the addon: as a JS string, or written to fd 1.
#pragma once

#include <node_api.h>

#include <kestra/kestra.h>

namespace kestra_node {

// Finishes the record and returns its line as a JS string, without the final
// "\n" when `newline` is false.
napi_value LineOf(napi_env env, kestra_record *r, bool newline);

// The finished record: written to fd 1 (direct; gives true) or returned as a
// string with its newline. Node ignores SIGPIPE, so a gone reader is an EPIPE
// error thrown here, where the caller can catch it.
napi_value Deliver(napi_env env, kestra_record *r, bool direct);

}  // namespace kestra_node
