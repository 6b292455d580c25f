// The JS errors the addon throws. Each returns nullptr, the value a callback
// returns with an exception pending.
#pragma once

#include <node_api.h>

#include <kestra/kestra.h>

#include <string>

namespace kestra_node {

// Throws the JS error that matches the record's failure (TypeError, RangeError,
// SyntaxError or Error, with an ERR_KESTRA_* code), unless a JS exception is
// already pending (a toJSON or getter threw): that one goes through.
napi_value ThrowRecordError(napi_env env, kestra_record *r);

// The same for any failed core call: `res` and its message `msg` (borrowed).
napi_value ThrowCoreError(napi_env env, kestra_result res, const char *msg);

// Throws the error of a failed write to stdout, its code EPIPE, EBADF or EIO.
napi_value ThrowWriteError(napi_env env, int err);

// Throws a TypeError that we word ourselves, for arguments the ABI cannot see.
napi_value ThrowType(napi_env env, const std::string &msg);

}  // namespace kestra_node
