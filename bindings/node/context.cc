// loadContext(path?): the execution context's JSON text and where it was found,
// found and read by the core (kestra_context_load) so Node looks where every
// language looks. node/context.js parses the text with JSON.parse.
#include "context.hpp"

#include <kestra/kestra.h>

#include <memory>
#include <string>

namespace kestra_node {

Napi::Value LoadContext(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  std::string path;
  if (info.Length() > 0 && !info[0].IsUndefined() && !info[0].IsNull()) {
    if (!info[0].IsString()) {
      Napi::TypeError::New(env, "context: the path must be a string").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    path = info[0].As<Napi::String>().Utf8Value();
  }
  const std::unique_ptr<kestra_context, decltype(&kestra_context_free)> context(kestra_context_new(),
                                                                                &kestra_context_free);
  if (!context) {
    Napi::Error::New(env, "kestra: out of memory").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const kestra_result result = kestra_context_load(context.get(), path.data(), path.size());
  if (result != KESTRA_OK) {
    const char *message = kestra_context_error(context.get());
    Napi::Error error =
        result == KESTRA_ERROR_TYPE ? Napi::TypeError::New(env, message) : Napi::Error::New(env, message);
    // Node's code for a missing file; ERR_KESTRA_<KIND> for the rest, as record errors.
    std::string code = "ERR_KESTRA_";
    for (const char *p = kestra_result_name(result); *p; ++p)
      code += char(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    error.Set("code", Napi::String::New(env, result == KESTRA_ERROR_NOT_FOUND ? "ENOENT" : code));
    error.Set("kind", Napi::String::New(env, kestra_result_name(result)));
    error.ThrowAsJavaScriptException();
    return env.Undefined();
  }
  size_t len = 0;
  const char *text = kestra_context_json(context.get(), &len);
  Napi::Object out = Napi::Object::New(env);
  out.Set("text", Napi::String::New(env, text, len));
  out.Set("source", Napi::String::New(env, kestra_context_source(context.get())));
  return out;
}

}  // namespace kestra_node
