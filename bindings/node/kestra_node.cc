// kestra.node: the Node addon behind @kestra-io/libs.
//
// Thin on purpose: every function here turns JS values into calls of the C ABI
// (kestra.h); the core does all the checking and the JSON bytes. The producers
// that index.js calls per record take a first argument `direct`: true, they
// write the finished line to fd 1 themselves (one write(2), no JS string made);
// false, they return it for process.stdout.write. index.js decides, so that
// ordering with console.log holds (see there).
//
// Conversion follows JSON.stringify: toJSON is honoured (Dates give ISO strings),
// undefined, functions and symbols are skipped as object properties, and only own
// enumerable string keys are read, in Object.keys order. Where JSON.stringify
// would quietly write null or drop a value, we fail instead: NaN and Infinity, a
// function or symbol as a top-level or array value, cycles. BigInt is an integer.
#include <napi.h>

#include <kestra/kestra.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

// Per-environment state (main thread and each worker thread has its own).
struct Instance {
    kestra_record *record = kestra_record_new();
    bool busy = false;  // a toJSON or getter may call back into us mid-conversion
    // Object.keys, looked up once: it (enum cache) is several times faster than
    // napi_get_all_property_names, and gives the same keys in the same order.
    Napi::FunctionReference object_keys;
    // JSON text copied out of V8, kept between calls: it only grows, so a large
    // text is neither zero-filled nor page-faulted in again on every call.
    std::string text;
    ~Instance() { kestra_record_free(record); }
};

// Borrows the instance's record, or a fresh one when it is already in use by an
// outer call further up the JS stack (re-entrancy from toJSON).
class RecordLease {
public:
    explicit RecordLease(Instance *inst) : inst_(inst) {
        if (inst_->busy) {
            own_ = kestra_record_new();
            record = own_;
        } else {
            inst_->busy = true;
            record = inst_->record;
        }
    }
    ~RecordLease() {
        if (own_) kestra_record_free(own_);
        else inst_->busy = false;
    }
    RecordLease(const RecordLease &) = delete;
    RecordLease &operator=(const RecordLease &) = delete;
    kestra_record *record;

private:
    Instance *inst_;
    kestra_record *own_ = nullptr;
};

// Throws the JS error that matches the record's failure; returns nullptr, the
// value a callback returns with an exception pending.
napi_value ThrowRecordError(napi_env env, kestra_record *r) {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending) return nullptr;  // a toJSON or getter threw: let that one through
    kestra_result res = kestra_record_status(r);
    if (res == KESTRA_OK) {  // an N-API call failed, not the data
        napi_throw_error(env, "ERR_KESTRA_INTERNAL", "kestra.node: an N-API call failed during conversion");
        return nullptr;
    }
    std::string code = "ERR_KESTRA_";
    for (const char *p = kestra_result_name(res); *p; ++p) code += char(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    const char *msg = kestra_record_error(r);
    switch (res) {
    case KESTRA_ERROR_TYPE:
        napi_throw_type_error(env, code.c_str(), msg);
        break;
    case KESTRA_ERROR_VALUE:
    case KESTRA_ERROR_DEPTH:
    case KESTRA_ERROR_CYCLE:
    case KESTRA_ERROR_LIMIT:
    case KESTRA_ERROR_UNICODE:
        napi_throw_range_error(env, code.c_str(), msg);
        break;
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
    default:
        napi_throw_error(env, code.c_str(), msg);
    }
    return nullptr;
}

// Walks one JS value into the record. Every function returns false to stop:
// either the record holds the error, or a JS exception is pending.
class Converter {
public:
    Converter(napi_env env, Instance *inst, kestra_record *r)
        : env_(env), r_(r), object_keys_(inst->object_keys.Value()) {
        // Made here, in the callback's own handle scope, which outlives every
        // scope the walk opens (N-API 8 keeps no references to strings, so it
        // cannot be kept across calls).
        napi_create_string_utf8(env_, "toJSON", 6, &to_json_);
    }

    // A value in a place where there is no key (top level, metric value).
    bool Top(napi_value v) {
        napi_valuetype t;
        if (!Resolve(v, nullptr, 0, &t)) return false;
        return Emit(v, t);
    }

    // The own enumerable string-keyed properties of `obj` (Object.keys) as
    // key/value pairs of the open object.
    bool Members(napi_value obj) {
        napi_value undefined, keys;
        uint32_t n = 0;
        if (napi_get_undefined(env_, &undefined) != napi_ok ||
            napi_call_function(env_, undefined, object_keys_, 1, &obj, &keys) != napi_ok ||
            napi_get_array_length(env_, keys, &n) != napi_ok)
            return false;
        napi_handle_scope scope = nullptr;
        bool ok = true;
        for (uint32_t i = 0; ok && i < n; ++i) {
            // Big objects get a scope per batch of members, so handles never pile up;
            // small ones use their parent's (a scope costs an allocation).
            if (n > kBatch && i % kBatch == 0) {
                if (scope) napi_close_handle_scope(env_, scope);
                napi_open_handle_scope(env_, &scope);
            }
            napi_value key, v;
            ok = napi_get_element(env_, keys, i, &key) == napi_ok &&
                 napi_get_property(env_, obj, key, &v) == napi_ok && Member(key, v);
        }
        if (scope) napi_close_handle_scope(env_, scope);
        return ok;
    }

    // One key (a string) and its value, skipped like JSON.stringify skips it.
    bool Member(napi_value key, napi_value v) {
        napi_valuetype t;
        if (!Resolve(v, key, 0, &t)) return false;
        if (t == napi_undefined || t == napi_function || t == napi_symbol) return true;
        return String(key, true) && Emit(v, t);
    }

private:
    static constexpr uint32_t kBatch = 128;

    // Applies toJSON when the value has one (key: the property name, or the array
    // index when `key` is null; "" at the top level, as JSON.stringify passes).
    bool Resolve(napi_value &v, napi_value key, uint32_t index, napi_valuetype *t) {
        if (napi_typeof(env_, v, t) != napi_ok) return false;
        if (*t != napi_object && *t != napi_bigint) return true;
        napi_value fn;
        napi_valuetype ft;
        if (napi_get_property(env_, v, to_json_, &fn) != napi_ok ||
            napi_typeof(env_, fn, &ft) != napi_ok)
            return false;
        if (ft != napi_function) return true;
        if (!key) {
            if (open_.empty()) {
                if (napi_create_string_utf8(env_, "", 0, &key) != napi_ok) return false;
            } else {
                std::string s = std::to_string(index);
                if (napi_create_string_utf8(env_, s.data(), s.size(), &key) != napi_ok) return false;
            }
        }
        return napi_call_function(env_, v, fn, 1, &key, &v) == napi_ok && napi_typeof(env_, v, t) == napi_ok;
    }

    bool Emit(napi_value v, napi_valuetype t) {
        switch (t) {
        case napi_null:
            return kestra_record_null(r_) == KESTRA_OK;
        case napi_boolean: {
            bool b;
            return napi_get_value_bool(env_, v, &b) == napi_ok && kestra_record_bool(r_, b) == KESTRA_OK;
        }
        case napi_number: {
            double d;
            return napi_get_value_double(env_, v, &d) == napi_ok &&
                   kestra_record_javascript_number(r_, d) == KESTRA_OK;
        }
        case napi_string:
            return String(v, false);
        case napi_bigint:
            return BigInt(v);
        case napi_object:
            return Container(v);
        case napi_undefined:
            return Unsupported("undefined");
        case napi_function:
            return Unsupported("function");
        case napi_symbol:
            return Unsupported("symbol");
        default:
            return Unsupported("external");
        }
    }

    bool Unsupported(const char *name) {
        kestra_record_unsupported(r_, name);
        return false;
    }

    // Strings go in as UTF-16 so a lone surrogate reaches the core (and fails
    // there) instead of being replaced by U+FFFD as a UTF-8 copy would.
    bool String(napi_value v, bool is_key) {
        size_t len = 0;
        if (buf_.size() < 64) buf_.resize(64);
        if (napi_get_value_string_utf16(env_, v, buf_.data(), buf_.size(), &len) != napi_ok) return false;
        if (len + 1 >= buf_.size()) {  // may have been cut: ask the length, then copy it all
            if (napi_get_value_string_utf16(env_, v, nullptr, 0, &len) != napi_ok) return false;
            buf_.resize(len + 1);
            if (napi_get_value_string_utf16(env_, v, buf_.data(), buf_.size(), &len) != napi_ok) return false;
        }
        auto *units = reinterpret_cast<const uint16_t *>(buf_.data());
        kestra_result res = is_key ? kestra_record_key_utf16(r_, units, len)
                                   : kestra_record_string_utf16(r_, units, len);
        if (buf_.size() > (1u << 22)) std::vector<char16_t>(64).swap(buf_);  // do not keep a huge buffer
        return res == KESTRA_OK;
    }

    // A BigInt of any size, as decimal text for kestra_record_integer_text.
    bool BigInt(napi_value v) {
        int64_t small;
        bool lossless;
        if (napi_get_value_bigint_int64(env_, v, &small, &lossless) != napi_ok) return false;
        if (lossless) return kestra_record_int64(r_, small) == KESTRA_OK;
        int sign = 0;
        size_t count = 0;
        if (napi_get_value_bigint_words(env_, v, nullptr, &count, nullptr) != napi_ok) return false;
        if (count > 53) {
            // 54 words or more is over 1,000 digits: let the core report its limit
            // without converting a possibly huge number first.
            std::string over(1001, '9');
            return kestra_record_integer_text(r_, over.data(), over.size()) == KESTRA_OK;
        }
        std::vector<uint64_t> w(count);
        if (napi_get_value_bigint_words(env_, v, &sign, &count, w.data()) != napi_ok) return false;
        std::string digits;  // least significant first
        while (!w.empty()) {
            // Divide the whole number by 10^19, keeping the remainder's 19 digits.
            unsigned __int128 rem = 0;
            for (size_t i = w.size(); i-- > 0;) {
                unsigned __int128 cur = (rem << 64) | w[i];
                w[i] = uint64_t(cur / 10000000000000000000ull);
                rem = cur % 10000000000000000000ull;
            }
            while (!w.empty() && w.back() == 0) w.pop_back();
            uint64_t part = uint64_t(rem);
            for (int k = 0; k < 19 && (part || !w.empty()); ++k, part /= 10) digits += char('0' + part % 10);
        }
        if (digits.empty()) digits = "0";
        if (sign) digits += '-';
        std::string text(digits.rbegin(), digits.rend());
        return kestra_record_integer_text(r_, text.data(), text.size()) == KESTRA_OK;
    }

    // napi_value handles are not identities (two handles may name one object), so
    // cycles are found by strict equality against the containers open above this
    // one. The core still gets an identity: the depth index of the new container,
    // or that of its open twin, so the cycle error and its path come from the core.
    bool Container(napi_value v) {
        const void *identity = reinterpret_cast<const void *>(uintptr_t(open_.size() + 1));
        for (size_t i = 0; i < open_.size(); ++i) {
            bool same = false;
            if (napi_strict_equals(env_, open_[i], v, &same) != napi_ok) return false;
            if (same) {
                identity = reinterpret_cast<const void *>(uintptr_t(i + 1));
                break;
            }
        }
        bool is_array = false;
        if (napi_is_array(env_, v, &is_array) != napi_ok) return false;
        if ((is_array ? kestra_record_begin_array(r_, identity) : kestra_record_begin_object(r_, identity)) !=
            KESTRA_OK)
            return false;
        // Every so many containers, one gets its own handle scope: with the
        // per-batch scopes of big containers, this bounds the live handles.
        napi_handle_scope scope = nullptr;
        if (++containers_ % 256 == 0) napi_open_handle_scope(env_, &scope);
        open_.push_back(v);
        bool ok = is_array ? Elements(v) : Members(v);
        open_.pop_back();
        if (scope) napi_close_handle_scope(env_, scope);
        if (!ok) return false;
        return (is_array ? kestra_record_end_array(r_) : kestra_record_end_object(r_)) == KESTRA_OK;
    }

    bool Elements(napi_value arr) {
        uint32_t n = 0;
        if (napi_get_array_length(env_, arr, &n) != napi_ok) return false;
        napi_handle_scope scope = nullptr;
        bool ok = true;
        for (uint32_t i = 0; ok && i < n; ++i) {
            if (n > kBatch && i % kBatch == 0) {
                if (scope) napi_close_handle_scope(env_, scope);
                napi_open_handle_scope(env_, &scope);
            }
            napi_value v;
            napi_valuetype t;
            ok = napi_get_element(env_, arr, i, &v) == napi_ok && Resolve(v, nullptr, i, &t);
            if (!ok) break;
            // JSON.stringify writes holes and undefined as null; functions and
            // symbols it would also turn to null, which hides a bug: we refuse them.
            ok = t == napi_undefined ? kestra_record_null(r_) == KESTRA_OK : Emit(v, t);
        }
        if (scope) napi_close_handle_scope(env_, scope);
        return ok;
    }

    napi_env env_;
    kestra_record *r_;
    napi_value object_keys_, to_json_ = nullptr;
    std::vector<napi_value> open_;  // containers being walked, outermost first
    std::vector<char16_t> buf_;
    uint64_t containers_ = 0;
};

// A JS string's UTF-16 units, lone surrogates kept: the core reports them.
bool Utf16Of(napi_env env, napi_value v, std::u16string *out) {
    size_t len = 0;
    if (napi_get_value_string_utf16(env, v, nullptr, 0, &len) != napi_ok) return false;
    out->resize(len);
    return napi_get_value_string_utf16(env, v, out->data(), len + 1, &len) == napi_ok;
}

// A JSON text for the core's reader, as UTF-8. V8's own UTF-8 copy would turn
// a raw lone surrogate into U+FFFD; encoding it as its 3-byte form instead makes
// invalid UTF-8, which the core refuses rather than us hiding it.
bool Utf8Of(napi_env env, napi_value v, std::string *out) {
    std::u16string s;
    if (!Utf16Of(env, v, &s)) return false;
    out->clear();
    out->reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        uint32_t c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
            c = 0x10000 + ((c - 0xD800) << 10) + (s[++i] - 0xDC00);
        if (c < 0x80) {
            out->push_back(char(c));
            continue;
        }
        const int extra = c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
        out->push_back(char(((0xFF00 >> (extra + 1)) & 0xFF) | (c >> (6 * extra))));
        for (int k = extra - 1; k >= 0; --k) out->push_back(char(0x80 | ((c >> (6 * k)) & 0x3F)));
    }
    return true;
}

// A field that is ASCII when valid (timestamp, level name). Any other unit
// becomes the byte 0xFF, which the core refuses with its own message.
bool AsciiOf(napi_env env, napi_value v, std::string *out) {
    std::u16string units;
    if (!Utf16Of(env, v, &units)) return false;
    out->resize(units.size());
    for (size_t i = 0; i < units.size(); ++i) (*out)[i] = units[i] < 0x80 ? char(units[i]) : char(0xFF);
    return true;
}

const char *TypeName(napi_valuetype t) {
    switch (t) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "boolean";
    case napi_number: return "number";
    case napi_string: return "string";
    case napi_symbol: return "symbol";
    case napi_object: return "object";
    case napi_function: return "function";
    case napi_bigint: return "bigint";
    default: return "external";
    }
}

bool IsString(napi_env env, napi_value v) {
    napi_valuetype t;
    return napi_typeof(env, v, &t) == napi_ok && t == napi_string;
}

bool IsNullish(napi_env env, napi_value v) {
    napi_valuetype t;
    return napi_typeof(env, v, &t) == napi_ok && (t == napi_undefined || t == napi_null);
}

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

// Throws the error of a failed write to stdout; returns nullptr.
napi_value ThrowWriteError(napi_env env, int err) {
    const char *code = err == EPIPE ? "EPIPE" : err == EBADF ? "EBADF" : "EIO";
    napi_throw_error(env, code, (std::string("kestra: write to stdout failed: ") + std::strerror(err)).c_str());
    return nullptr;
}

// The finished record: written to fd 1 (direct; gives true) or returned as a
// string with its newline. Node ignores SIGPIPE, so a gone reader is an EPIPE
// error thrown here, where the caller can catch it.
napi_value Deliver(napi_env env, kestra_record *r, bool direct) {
    if (!direct) return LineOf(env, r, true);
    if (kestra_record_finish(r) != KESTRA_OK) return ThrowRecordError(env, r);
    size_t len = 0;
    const char *line = kestra_record_line(r, &len);
    if (kestra_write_line(1, line, len, KESTRA_WRITE_SIGPIPE_IGNORED) != KESTRA_OK) return ThrowWriteError(env, errno);
    napi_value written;
    napi_get_boolean(env, true, &written);
    return written;
}

Instance *InstanceOf(const Napi::CallbackInfo &info) { return info.Env().GetInstanceData<Instance>(); }

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

// Throws a TypeError that we word ourselves, for arguments the ABI cannot see.
napi_value ThrowType(napi_env env, const std::string &msg) {
    napi_throw_type_error(env, "ERR_KESTRA_TYPE", msg.c_str());
    return nullptr;
}

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
    return exports;
}

}  // namespace

NODE_API_MODULE(kestra, Init)
