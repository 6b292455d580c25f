// The JS errors the addon throws (errors.hpp).
#include "errors.hpp"

#include "instance.hpp"

#include <cerrno>
#include <cstring>

namespace kestra_node {

napi_value ThrowRecordError(napi_env env, kestra_record *r) {
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return nullptr;  // a toJSON or getter threw: let that one through
  kestra_result res = kestra_record_status(r);
  if (res == KESTRA_OK) {  // an N-API call failed, not the data
    napi_throw_error(env, "ERR_KESTRA_INTERNAL", "kestra.node: an N-API call failed during conversion");
    return nullptr;
  }
  return ThrowCoreError(env, res, kestra_record_error(r));
}

napi_value ThrowCoreError(napi_env env, kestra_result res, const char *msg) {
  const char *kind = kestra_result_name(res);
  // The class of errors.js for the kind, which sets `kind` and `code`.
  Instance *inst = nullptr;
  napi_get_instance_data(env, reinterpret_cast<void **>(&inst));
  if (inst && !inst->error_classes.IsEmpty()) {
    napi_value classes = inst->error_classes.Value(), ctor, text, err;
    bool has = false;
    if (napi_has_named_property(env, classes, kind, &has) == napi_ok && has &&
        napi_get_named_property(env, classes, kind, &ctor) == napi_ok &&
        napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &text) == napi_ok &&
        napi_new_instance(env, ctor, 1, &text, &err) == napi_ok) {
      napi_throw(env, err);
      return nullptr;
    }
  }
  // Before setErrorClasses, or a kind without a class (no_memory, io): built-in errors.
  std::string code = "ERR_KESTRA_";
  for (const char *p = kind; *p; ++p) code += char(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
  switch (res) {
    case KESTRA_ERROR_TYPE: napi_throw_type_error(env, code.c_str(), msg); break;
    case KESTRA_ERROR_VALUE:
    case KESTRA_ERROR_DEPTH:
    case KESTRA_ERROR_CYCLE:
    case KESTRA_ERROR_LIMIT:
    case KESTRA_ERROR_UNICODE: napi_throw_range_error(env, code.c_str(), msg); break;
    case KESTRA_ERROR_SYNTAX: {
      // N-API 8 has no napi_throw_syntax_error: build one from the global.
      napi_value global, ctor, text, err, codev;
      napi_get_global(env, &global);
      napi_get_named_property(env, global, "SyntaxError", &ctor);
      napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &text);
      napi_new_instance(env, ctor, 1, &text, &err);
      napi_create_string_utf8(env, code.c_str(), NAPI_AUTO_LENGTH, &codev);
      napi_set_named_property(env, err, "code", codev);
      napi_throw(env, err);
      break;
    }
    default: napi_throw_error(env, code.c_str(), msg);
  }
  return nullptr;
}

napi_value ThrowWriteError(napi_env env, int err) {
  const char *code = err == EPIPE ? "EPIPE" : err == EBADF ? "EBADF" : "EIO";
  napi_throw_error(env, code, (std::string("kestra: write to stdout failed: ") + std::strerror(err)).c_str());
  return nullptr;
}

napi_value ThrowType(napi_env env, const std::string &msg) {
  napi_throw_type_error(env, "ERR_KESTRA_TYPE", msg.c_str());
  return nullptr;
}

}  // namespace kestra_node
