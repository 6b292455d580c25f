// kestra.node: the Node addon behind @kestra-io/libs.
//
// Thin on purpose: every function here turns JS values into calls of the C ABI
// (kestra.h); the core does all the checking and the JSON bytes. The producers
// that index.js calls per record take a first argument `direct`: true, they
// write the finished line to fd 1 themselves (one write(2), no JS string made);
// false, they return it for process.stdout.write. index.js decides, so that
// ordering with console.log holds (see there).
//
// This file holds the functions index.js calls and their registration; the value
// walk is in convert.cc, errors in errors.cc, delivery of a line in output.cc.
#include <napi.h>

#include <kestra/kestra.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

#include "context.hpp"
#include "convert.hpp"
#include "errors.hpp"
#include "instance.hpp"
#include "ion_read.hpp"
#include "output.hpp"
#include "summary.hpp"

namespace kestra_node {
namespace {

// The arguments of a call from `first` on, indexed from 0 (past the end: undefined).
class Arguments {
 public:
  Arguments(const Napi::CallbackInfo &info, size_t first) : info_(info), first_(first) {}
  Napi::Value operator[](size_t i) const { return info_[first_ + i]; }
  size_t Length() const { return info_.Length() > first_ ? info_.Length() - first_ : 0; }

 private:
  const Napi::CallbackInfo &info_;
  size_t first_;
};

// outputs(value) / assets(value) / message(value, newline): one object value,
// returned as a line (the conversion may run toJSON and getters, which may
// write: index.js writes what comes back).
template <kestra_result (*Begin)(kestra_record *)>
Napi::Value OneValue(const Napi::CallbackInfo &info) {
  napi_env env = info.Env();
  RecordLease lease(InstanceOf(info));
  Begin(lease.record);
  Converter c(env, InstanceOf(info), lease.record);
  if (!c.Top(info[0])) return Napi::Value(env, ThrowRecordError(env, lease.record));
  bool newline = info.Length() < 2 || info[1].ToBoolean().Value();
  return Napi::Value(env, LineOf(env, lease.record, newline));
}

// outputsJson(text): outputs from a JSON text, parsed and checked by the core.
Napi::Value OutputsJson(const Napi::CallbackInfo &info) {
  napi_env env = info.Env();
  RecordLease lease(InstanceOf(info));
  kestra_record_begin_outputs(lease.record);
  std::u16string text;
  if (!IsString(env, info[0])) {
    kestra_record_not_text(lease.record, KESTRA_ARGUMENT_JSON, KESTRA_METRIC_COUNTER, TypeOf(env, info[0]));
    return Napi::Value(env, ThrowRecordError(env, lease.record));
  }
  if (!Utf16Of(env, info[0], &text)) return Napi::Value();
  if (kestra_record_json_utf16(lease.record, reinterpret_cast<const uint16_t *>(text.data()), text.size(),
                               KESTRA_JSON_DEFAULT) != KESTRA_OK)
    return Napi::Value(env, ThrowRecordError(env, lease.record));
  return Napi::Value(env, LineOf(env, lease.record, true));
}

// outputsStringified(direct, text): outputs from JSON.stringify's own result
// (written or returned, see Deliver), read in the core's JavaScript dialect so
// it means what the value walk would write (numbers are doubles). undefined when
// the core refuses the text: a null (JSON.stringify's stand-in for NaN, Infinity
// and functions too), a lone surrogate, a limit; then index.js walks the value,
// which writes real nulls and words any error with its path. The text is
// well-formed UTF-16 (JSON.stringify escapes lone surrogates), so V8's UTF-8 copy
// loses nothing. Not for text from elsewhere: that is outputsJson.
Napi::Value OutputsStringified(const Napi::CallbackInfo &info) {
  napi_env env = info.Env();
  Instance *inst = InstanceOf(info);
  const bool direct = info[0].ToBoolean().Value();
  size_t units = 0;  // UTF-16 length: its UTF-8 takes at most 3 bytes per unit
  if (napi_get_value_string_utf16(env, info[1], nullptr, 0, &units) != napi_ok) return Napi::Value();
  if (inst->text.size() < 3 * units + 1) inst->text.resize(3 * units + 1);
  size_t len = 0;
  if (napi_get_value_string_utf8(env, info[1], inst->text.data(), inst->text.size(), &len) != napi_ok)
    return Napi::Value();
  RecordLease lease(inst);
  kestra_record_begin_outputs(lease.record);
  if (kestra_record_json_flags(lease.record, inst->text.data(), len, KESTRA_JSON_JAVASCRIPT) != KESTRA_OK)
    return info.Env().Undefined();
  return Napi::Value(env, Deliver(env, lease.record, direct));
}

// metric(direct, type, name, value, timestamp, description, tags, key1, value1, ...):
// type 0/1/2 as in kestra.h; written or returned, see Deliver. index.js passes
// the tags object's own enumerable entries flattened after it: arguments come in
// one napi_get_cb_info call, much cheaper than reading each key and value back.
Napi::Value Metric(const Napi::CallbackInfo &args) {
  napi_env env = args.Env();
  const bool direct = args[0].ToBoolean().Value();
  const Arguments info(args, 1);
  const auto type = kestra_metric_type(info[0].As<Napi::Number>().Int32Value());
  RecordLease lease(InstanceOf(args));
  kestra_record *r = lease.record;
  if (!IsString(env, info[1])) {
    kestra_record_not_text(r, KESTRA_ARGUMENT_METRIC_NAME, type, TypeOf(env, info[1]));
    return Napi::Value(env, ThrowRecordError(env, r));
  }
  std::u16string name;
  if (!Utf16Of(env, info[1], &name)) return Napi::Value();
  Converter c(env, InstanceOf(args), r);
  bool ok = kestra_record_begin_metric_utf16(r, kestra_metric_type(type),
                                             reinterpret_cast<const uint16_t *>(name.data()),
                                             name.size()) == KESTRA_OK &&
            c.Top(info[2]);
  if (ok && !IsNullish(env, info[5])) {
    const char *type_name = TypeOf(env, info[5]);
    if (std::string(type_name) != "object") {
      // Not a plain object: the core names the field ("counter 'x' tags: unsupported type string").
      kestra_record_unsupported(r, type_name);
      ok = false;
    }
    for (size_t i = 6; ok && i + 1 < info.Length(); i += 2) ok = c.Member(info[i], info[i + 1]);
  }
  // Optional fields, after the tags as the ABI wants them.
  static const kestra_text_argument kFields[] = {KESTRA_ARGUMENT_METRIC_TIMESTAMP,
                                                 KESTRA_ARGUMENT_METRIC_DESCRIPTION};
  for (size_t f = 0; ok && f < 2; ++f) {
    napi_value v = info[3 + f];
    if (IsNullish(env, v)) continue;
    std::u16string text;
    if (!IsString(env, v)) {
      kestra_record_not_text(r, kFields[f], type, TypeOf(env, v));
      ok = false;
    } else if (!Utf16Of(env, v, &text)) {
      return Napi::Value();
    } else {
      const auto *units = reinterpret_cast<const uint16_t *>(text.data());
      ok = (f == 0 ? kestra_record_metric_timestamp_utf16(r, units, text.size())
                   : kestra_record_metric_description_utf16(r, units, text.size())) == KESTRA_OK;
    }
  }
  if (!ok) return Napi::Value(env, ThrowRecordError(env, r));
  return Napi::Value(env, Deliver(env, r, direct));
}

// Reads a level: a number (a kestra_level, the one scale of every public API)
// or a name. False with the record failed by the core (a name that is no
// level, a value that is neither), or a JS exception pending.
bool LevelOf(napi_env env, kestra_record *r, napi_value v, kestra_level *level) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) return false;
  if (t == napi_number) {
    double n = -1;
    napi_get_value_double(env, v, &n);
    // Anything but 0..4 is no level: the core refuses it and words why.
    *level = n >= KESTRA_LEVEL_TRACE && n <= KESTRA_LEVEL_ERROR && n == int(n) ? kestra_level(int(n))
                                                                               : KESTRA_LEVEL_MAX_;
    return true;
  }
  if (t != napi_string) {
    kestra_record_not_text(r, KESTRA_ARGUMENT_LOG_LEVEL, KESTRA_METRIC_COUNTER, TypeOf(env, v));
    return false;
  }
  std::u16string name;
  if (!Utf16Of(env, v, &name)) return false;
  const auto *units = reinterpret_cast<const uint16_t *>(name.data());
  if (kestra_level_parse_utf16(units, name.size(), level) == KESTRA_OK) return true;
  kestra_record_log_named_utf16(r, units, name.size(), units, 0);  // the core words the refusal
  return false;
}

// logs(direct, entries): one record, entries an array of [level, message]
// pairs; written or returned, see Deliver.
Napi::Value Logs(const Napi::CallbackInfo &info) {
  napi_env env = info.Env();
  const bool direct = info[0].ToBoolean().Value();
  napi_value entries = info[1];
  uint32_t n = 0;
  if (napi_get_array_length(env, entries, &n) != napi_ok)
    return Napi::Value(env, ThrowType(env, "logs: expected an array of [level, message]"));
  RecordLease lease(InstanceOf(info));
  kestra_record *r = lease.record;
  kestra_record_begin_logs(r);
  std::vector<char16_t> buf;
  for (uint32_t i = 0; i < n; ++i) {
    napi_value entry, lv, msg;
    napi_get_element(env, entries, i, &entry);
    if (napi_get_element(env, entry, 0, &lv) != napi_ok || napi_get_element(env, entry, 1, &msg) != napi_ok)
      return Napi::Value();
    if (!IsString(env, msg)) {
      // Only strings: an object message makes the server drop the line.
      kestra_record_not_text(r, KESTRA_ARGUMENT_LOG_MESSAGE, KESTRA_METRIC_COUNTER, TypeOf(env, msg));
      return Napi::Value(env, ThrowRecordError(env, r));
    }
    kestra_level level;
    if (!LevelOf(env, r, lv, &level)) return Napi::Value(env, ThrowRecordError(env, r));
    size_t len = 0;
    napi_get_value_string_utf16(env, msg, nullptr, 0, &len);
    buf.resize(len + 1);
    napi_get_value_string_utf16(env, msg, buf.data(), buf.size(), &len);
    if (kestra_record_log_utf16(r, level, reinterpret_cast<const uint16_t *>(buf.data()), len) != KESTRA_OK)
      return Napi::Value(env, ThrowRecordError(env, r));
  }
  return Napi::Value(env, Deliver(env, r, direct));
}

// writeLine(line): the line (pure ASCII) to fd 1 in one write(2) under the
// core's lock. Node ignores SIGPIPE, so a gone reader is an EPIPE error thrown
// here, where the caller can catch it.
Napi::Value WriteLine(const Napi::CallbackInfo &info) {
  napi_env env = info.Env();
  thread_local std::string buf;
  size_t len = 0;
  if (napi_get_value_string_latin1(env, info[0], nullptr, 0, &len) != napi_ok) return Napi::Value();
  buf.resize(len + 1);
  napi_get_value_string_latin1(env, info[0], buf.data(), buf.size(), &len);
  if (kestra_write_line(1, buf.data(), len, KESTRA_WRITE_SIGPIPE_IGNORED) != KESTRA_OK)
    return Napi::Value(env, ThrowWriteError(env, errno));
  return Napi::Value();
}

// The check at load: a core of another ABI version is refused. A function of
// its own, exported as _checkAbi, so that tests can hand it a wrong version.
bool CheckAbi(napi_env env, unsigned loaded) {
  if (KESTRA_ABI_MATCHES(loaded)) return true;
  const std::string message = "kestra.node: the kestra core has ABI version " + std::to_string(loaded) +
                              ", this addon was built for " + std::to_string(KESTRA_ABI_VERSION);
  napi_throw_error(env, "ERR_KESTRA_ABI", message.c_str());
  return false;
}

Napi::Value CheckAbiCall(const Napi::CallbackInfo &info) {
  CheckAbi(info.Env(), info[0].As<Napi::Number>().Uint32Value());
  return Napi::Value();
}

// setErrorClasses({ type: KestraTypeError, ... }): the classes ThrowRecordError uses.
Napi::Value SetErrorClasses(const Napi::CallbackInfo &info) {
  Instance *inst = InstanceOf(info);
  inst->error_classes = Napi::Persistent(info[0].As<Napi::Object>());
  inst->error_classes.SuppressDestruct();  // left to the environment's teardown
  return Napi::Value();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  if (!CheckAbi(env, kestra_abi_version())) return exports;
  auto *inst = new Instance();
  Napi::Object object = env.Global().Get("Object").As<Napi::Object>();
  inst->object_keys = Napi::Persistent(object.Get("keys").As<Napi::Function>());
  inst->object_keys.SuppressDestruct();  // left to the environment's teardown
  for (size_t i = 0; i < 4; ++i) {
    inst->collections[i] = Napi::Persistent(env.Global().Get(kCollectionNames[i]).As<Napi::Function>());
    inst->collections[i].SuppressDestruct();
  }
  env.SetInstanceData(inst);
  exports.Set("outputs", Napi::Function::New<OneValue<kestra_record_begin_outputs>>(env, "outputs"));
  exports.Set("encryptedOutputs",
              Napi::Function::New<OneValue<kestra_record_begin_encrypted_outputs>>(env, "encryptedOutputs"));
  exports.Set("loadContext", Napi::Function::New<LoadContext>(env, "loadContext"));
  exports.Set("assets", Napi::Function::New<OneValue<kestra_record_begin_assets>>(env, "assets"));
  exports.Set("message", Napi::Function::New<OneValue<kestra_record_begin_message>>(env, "message"));
  exports.Set("outputsJson", Napi::Function::New<OutputsJson>(env, "outputsJson"));
  exports.Set("outputsStringified", Napi::Function::New<OutputsStringified>(env, "outputsStringified"));
  exports.Set("metric", Napi::Function::New<Metric>(env, "metric"));
  exports.Set("logs", Napi::Function::New<Logs>(env, "logs"));
  exports.Set("writeLine", Napi::Function::New<WriteLine>(env, "writeLine"));
  exports.Set("version", Napi::String::New(env, kestra_version_string()));
  AddSummary(env, exports);                     // summary.cc, for testing.js
  Napi::Object types = Napi::Object::New(env);  // { counter: 0, timer: 1, gauge: 2 }, named by the core
  for (kestra_metric_type t : {KESTRA_METRIC_COUNTER, KESTRA_METRIC_TIMER, KESTRA_METRIC_GAUGE})
    types.Set(kestra_metric_type_name(t), Napi::Number::New(env, t));
  exports.Set("metricTypes", types);
  exports.Set("_checkAbi", Napi::Function::New<CheckAbiCall>(env, "_checkAbi"));
  exports.Set("setErrorClasses", Napi::Function::New<SetErrorClasses>(env, "setErrorClasses"));
  // Kestra.read (ion_read.cc), plain N-API callbacks.
  for (auto [name, fn] : {std::pair{"ionOpen", IonOpen}, std::pair{"ionNext", IonNext}}) {
    napi_value f;
    napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, nullptr, &f);
    exports.Set(name, Napi::Value(env, f));
  }
  return exports;
}

}  // namespace
}  // namespace kestra_node

using kestra_node::Init;
NODE_API_MODULE(kestra, Init)
