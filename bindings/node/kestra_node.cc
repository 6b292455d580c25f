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

#include "convert.hpp"
#include "errors.hpp"
#include "instance.hpp"
#include "ion_read.hpp"
#include "output.hpp"

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
    if (!IsString(env, info[0])) return Napi::Value(env, ThrowType(env, "outputs: expected a JSON string"));
    std::string text;
    if (!Utf8Of(env, info[0], &text)) return Napi::Value();
    RecordLease lease(InstanceOf(info));
    kestra_record_begin_outputs(lease.record);
    if (kestra_record_json(lease.record, text.data(), text.size()) != KESTRA_OK)
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
    static const char *const kTypes[] = {"counter", "timer", "gauge"};
    uint32_t type = info[0].As<Napi::Number>().Uint32Value();
    if (type > 2) type = 0;
    if (!IsString(env, info[1]))
        return Napi::Value(env, ThrowType(env, std::string(kTypes[type]) + " name: expected a string"));
    std::u16string name;
    if (!Utf16Of(env, info[1], &name)) return Napi::Value();
    RecordLease lease(InstanceOf(args));
    kestra_record *r = lease.record;
    Converter c(env, InstanceOf(args), r);
    bool ok = kestra_record_begin_metric_utf16(r, kestra_metric_type(type),
                                               reinterpret_cast<const uint16_t *>(name.data()), name.size()) == KESTRA_OK &&
              c.Top(info[2]);
    if (ok && !IsNullish(env, info[5])) {
        napi_valuetype t;
        bool is_array = false;
        napi_typeof(env, info[5], &t);
        napi_is_array(env, info[5], &is_array);
        if (t != napi_object || is_array) {
            // Not a plain object: the core names the field ("counter 'x' tags: unsupported type string").
            kestra_record_unsupported(r, is_array ? "array" : TypeName(t));
            ok = false;
        }
        for (size_t i = 6; ok && i + 1 < info.Length(); i += 2) ok = c.Member(info[i], info[i + 1]);
    }
    // Optional fields, after the tags as the ABI wants them.
    static const char *const kFields[] = {"timestamp", "description"};
    for (size_t f = 0; ok && f < 2; ++f) {
        napi_value v = info[3 + f];
        if (IsNullish(env, v)) continue;
        if (!IsString(env, v)) {
            // Not text at all: a conversion error, named after the field.
            return Napi::Value(env, ThrowType(env, std::string(kTypes[type]) + " " + kFields[f] + ": expected a string"));
        }
        if (f == 0) {
            std::string stamp;
            ok = AsciiOf(env, v, &stamp) && kestra_record_metric_timestamp(r, stamp.data(), stamp.size()) == KESTRA_OK;
        } else {
            std::u16string text;
            ok = Utf16Of(env, v, &text) &&
                 kestra_record_metric_description_utf16(r, reinterpret_cast<const uint16_t *>(text.data()),
                                                        text.size()) == KESTRA_OK;
        }
    }
    if (!ok) return Napi::Value(env, ThrowRecordError(env, r));
    return Napi::Value(env, Deliver(env, r, direct));
}

// Reads a level: a number (kestra_level) or a name (kept in *name). What is not
// a level is left as KESTRA_LEVEL_MAX_, for the core to refuse and word.
bool LevelOf(napi_env env, napi_value v, kestra_level *level, std::string *name) {
    *level = KESTRA_LEVEL_MAX_;
    napi_valuetype t;
    napi_typeof(env, v, &t);
    if (t == napi_number) {
        int32_t n = -1;
        napi_get_value_int32(env, v, &n);
        if (n >= KESTRA_LEVEL_TRACE && n <= KESTRA_LEVEL_ERROR) *level = kestra_level(n);
        return true;
    }
    if (t == napi_string && !AsciiOf(env, v, name)) return false;
    kestra_level_parse(name->data(), name->size(), level);
    return true;
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
        kestra_level level;
        std::string name;
        if (!LevelOf(env, lv, &level, &name)) return Napi::Value();
        if (level == KESTRA_LEVEL_MAX_ && !name.empty()) {  // a name that is no level
            kestra_record_log_named(r, name.data(), name.size(), "", 0);
            return Napi::Value(env, ThrowRecordError(env, r));
        }
        if (!IsString(env, msg)) {
            // Only strings: an object message makes the server drop the line.
            napi_throw_type_error(env, "ERR_KESTRA_TYPE",
                                  ("logs[" + std::to_string(i) + "] message: expected a string").c_str());
            return Napi::Value();
        }
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

Napi::Object Init(Napi::Env env, Napi::Object exports) {
    if (kestra_abi_version() != KESTRA_ABI_VERSION) {
        Napi::Error::New(env, "kestra.node: core ABI version mismatch").ThrowAsJavaScriptException();
        return exports;
    }
    auto *inst = new Instance();
    Napi::Object object = env.Global().Get("Object").As<Napi::Object>();
    inst->object_keys = Napi::Persistent(object.Get("keys").As<Napi::Function>());
    inst->object_keys.SuppressDestruct();  // left to the environment's teardown
    env.SetInstanceData(inst);
    exports.Set("outputs", Napi::Function::New<OneValue<kestra_record_begin_outputs>>(env, "outputs"));
    exports.Set("assets", Napi::Function::New<OneValue<kestra_record_begin_assets>>(env, "assets"));
    exports.Set("message", Napi::Function::New<OneValue<kestra_record_begin_message>>(env, "message"));
    exports.Set("outputsJson", Napi::Function::New<OutputsJson>(env, "outputsJson"));
    exports.Set("outputsStringified", Napi::Function::New<OutputsStringified>(env, "outputsStringified"));
    exports.Set("metric", Napi::Function::New<Metric>(env, "metric"));
    exports.Set("logs", Napi::Function::New<Logs>(env, "logs"));
    exports.Set("writeLine", Napi::Function::New<WriteLine>(env, "writeLine"));
    exports.Set("version", Napi::String::New(env, kestra_version_string()));
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
