// Summary over kestra_summary_*: text or bytes in, the core's JSON and tables
// out. Nothing here reads a protocol line; testing.js parses the JSON.
#include "summary.hpp"

#include <kestra/kestra.h>

#include <string>

namespace kestra_node {
namespace {

class Summary : public Napi::ObjectWrap<Summary> {
 public:
  explicit Summary(const Napi::CallbackInfo &info)
      : Napi::ObjectWrap<Summary>(info), handle_(kestra_summary_new(KESTRA_SUMMARY_TOTALS)) {
    if (!handle_) Napi::Error::New(info.Env(), "out of memory").ThrowAsJavaScriptException();
  }
  ~Summary() override { kestra_summary_free(handle_); }

  // feed(stream, chunk): chunk is a string (written as UTF-8, as process.stdout
  // does by default) or a Uint8Array/Buffer of the bytes. Utf8Value writes a
  // lone surrogate as U+FFFD, the bytes process.stdout writes for it, so the
  // summary reads what the server would get; no rule is decided here, and it is
  // the reading kestra_check_line_utf16 gives a lone surrogate (kestra.h).
  Napi::Value Feed(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    const int stream = info[0].ToNumber().Int32Value();
    if (env.IsExceptionPending()) return env.Undefined();
    kestra_result r;
    if (info[1].IsTypedArray()) {
      Napi::Uint8Array bytes = info[1].As<Napi::Uint8Array>();
      r = kestra_summary_feed(handle_, stream, reinterpret_cast<const char *>(bytes.Data()),
                              bytes.ByteLength());
    } else {
      const std::string text = info[1].ToString().Utf8Value();
      if (env.IsExceptionPending()) return env.Undefined();
      r = kestra_summary_feed(handle_, stream, text.data(), text.size());
    }
    return Check(env, r);
  }

  Napi::Value End(const Napi::CallbackInfo &info) {
    const int stream = info[0].ToNumber().Int32Value();
    if (info.Env().IsExceptionPending()) return info.Env().Undefined();
    return Check(info.Env(), kestra_summary_end(handle_, stream));
  }

  Napi::Value Json(const Napi::CallbackInfo &info) {
    size_t len;
    const char *text = kestra_summary_json(handle_, &len);
    return Lent(info.Env(), text, len);
  }

  Napi::Value Text(const Napi::CallbackInfo &info) {
    size_t len;
    const unsigned flags = info[0].ToBoolean().Value() ? KESTRA_SUMMARY_COLOR : KESTRA_SUMMARY_PLAIN;
    const char *text = kestra_summary_text(handle_, flags, &len);
    return Lent(info.Env(), text, len);
  }

  Napi::Value Problems(const Napi::CallbackInfo &info) {
    return Napi::Number::New(info.Env(), static_cast<double>(kestra_summary_problems(handle_)));
  }

 private:
  static Napi::Value Check(Napi::Env env, kestra_result r) {
    if (r != KESTRA_OK)
      Napi::Error::New(env, std::string("kestra summary: ") + kestra_result_name(r))
          .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  static Napi::Value Lent(Napi::Env env, const char *text, size_t len) {
    if (!text) {
      Napi::Error::New(env, "out of memory").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    return Napi::String::New(env, text, len);
  }

  kestra_summary *handle_;
};

}  // namespace

void AddSummary(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = Summary::DefineClass(
      env, "Summary",
      {Summary::InstanceMethod<&Summary::Feed>("feed"), Summary::InstanceMethod<&Summary::End>("end"),
       Summary::InstanceMethod<&Summary::Json>("json"), Summary::InstanceMethod<&Summary::Text>("text"),
       Summary::InstanceMethod<&Summary::Problems>("problems")});
  exports.Set("Summary", ctor);
  exports.Set("STDOUT", Napi::Number::New(env, KESTRA_STREAM_STDOUT));
  exports.Set("STDERR", Napi::Number::New(env, KESTRA_STREAM_STDERR));
}

}  // namespace kestra_node
