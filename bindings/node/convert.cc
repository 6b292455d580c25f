// The value walk (convert.hpp) and the string helpers the producers share.
#include "convert.hpp"

#include <string>

namespace kestra_node {
namespace {

// Calls each(i) for i from 0 to n - 1 until one returns false. A big container
// gets a handle scope per batch of items, so handles never pile up; a small one
// uses its parent's (a scope costs an allocation).
template <class Each>
bool InBatches(napi_env env, uint32_t n, Each each) {
  constexpr uint32_t kBatch = 128;
  napi_handle_scope scope = nullptr;
  bool ok = true;
  for (uint32_t i = 0; ok && i < n; ++i) {
    if (n > kBatch && i % kBatch == 0) {
      if (scope) napi_close_handle_scope(env, scope);
      napi_open_handle_scope(env, &scope);
    }
    ok = each(i);
  }
  if (scope) napi_close_handle_scope(env, scope);
  return ok;
}

}  // namespace

Converter::Converter(napi_env env, Instance *inst, kestra_record *r)
    : env_(env), r_(r), object_keys_(inst->object_keys.Value()), inst_(inst) {
  // Made here, in the callback's own handle scope, which outlives every
  // scope the walk opens (N-API 8 keeps no references to strings, so it
  // cannot be kept across calls).
  napi_create_string_utf8(env_, "toJSON", 6, &to_json_);
}

bool Converter::Top(napi_value v) {
  napi_valuetype t;
  if (!Resolve(v, nullptr, 0, &t)) return false;
  return Emit(v, t);
}

bool Converter::Members(napi_value obj) {
  napi_value undefined, keys;
  uint32_t n = 0;
  if (napi_get_undefined(env_, &undefined) != napi_ok ||
      napi_call_function(env_, undefined, object_keys_, 1, &obj, &keys) != napi_ok ||
      napi_get_array_length(env_, keys, &n) != napi_ok)
    return false;
  return InBatches(env_, n, [&](uint32_t i) {
    napi_value key, v;
    return napi_get_element(env_, keys, i, &key) == napi_ok &&
           napi_get_property(env_, obj, key, &v) == napi_ok && Member(key, v);
  });
}

bool Converter::Member(napi_value key, napi_value v) {
  napi_valuetype t;
  if (!Resolve(v, key, 0, &t)) return false;
  // JSON.stringify skips undefined, and so do we; a function or a symbol it
  // would skip too, which hides a bug: the core refuses it at its path.
  if (t == napi_undefined) return true;
  return String(key, true) && Emit(v, t);
}

// Applies toJSON when the value has one (key: the property name, or the array
// index when `key` is null; "" at the top level, as JSON.stringify passes).
bool Converter::Resolve(napi_value &v, napi_value key, uint32_t index, napi_valuetype *t) {
  if (napi_typeof(env_, v, t) != napi_ok) return false;
  if (*t != napi_object && *t != napi_bigint) return true;
  napi_value fn;
  napi_valuetype ft;
  if (napi_get_property(env_, v, to_json_, &fn) != napi_ok || napi_typeof(env_, fn, &ft) != napi_ok)
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

bool Converter::Emit(napi_value v, napi_valuetype t) {
  switch (t) {
    case napi_null: return kestra_record_null(r_) == KESTRA_OK;
    case napi_boolean: {
      bool b;
      return napi_get_value_bool(env_, v, &b) == napi_ok && kestra_record_bool(r_, b) == KESTRA_OK;
    }
    case napi_number: {
      double d;
      return napi_get_value_double(env_, v, &d) == napi_ok &&
             kestra_record_javascript_number(r_, d) == KESTRA_OK;
    }
    case napi_string: return String(v, false);
    case napi_bigint: return BigInt(v);
    case napi_object: return Container(v);
    case napi_undefined: return Unsupported("undefined");
    case napi_function: return Unsupported("function");
    case napi_symbol: return Unsupported("symbol");
    default: return Unsupported("external");
  }
}

bool Converter::Unsupported(const char *name) {
  kestra_record_unsupported(r_, name);
  return false;
}

// Strings go in as UTF-16 so a lone surrogate reaches the core (and fails
// there) instead of being replaced by U+FFFD as a UTF-8 copy would.
bool Converter::String(napi_value v, bool is_key) {
  size_t len = 0;
  if (buf_.size() < 64) buf_.resize(64);
  if (napi_get_value_string_utf16(env_, v, buf_.data(), buf_.size(), &len) != napi_ok) return false;
  if (len + 1 >= buf_.size()) {  // may have been cut: ask the length, then copy it all
    if (napi_get_value_string_utf16(env_, v, nullptr, 0, &len) != napi_ok) return false;
    buf_.resize(len + 1);
    if (napi_get_value_string_utf16(env_, v, buf_.data(), buf_.size(), &len) != napi_ok) return false;
  }
  auto *units = reinterpret_cast<const uint16_t *>(buf_.data());
  kestra_result res =
      is_key ? kestra_record_key_utf16(r_, units, len) : kestra_record_string_utf16(r_, units, len);
  if (buf_.size() > (1u << 22)) std::vector<char16_t>(64).swap(buf_);  // do not keep a huge buffer
  return res == KESTRA_OK;
}

// A BigInt of any size, by its words: the core writes the digits and judges the size.
bool Converter::BigInt(napi_value v) {
  int64_t small;
  bool lossless;
  if (napi_get_value_bigint_int64(env_, v, &small, &lossless) != napi_ok) return false;
  if (lossless) return kestra_record_int64(r_, small) == KESTRA_OK;
  int sign = 0;
  size_t count = 0;
  if (napi_get_value_bigint_words(env_, v, nullptr, &count, nullptr) != napi_ok) return false;
  std::vector<uint64_t> w(count);
  if (napi_get_value_bigint_words(env_, v, &sign, &count, w.data()) != napi_ok) return false;
  return kestra_record_integer_words(r_, sign, w.data(), count) == KESTRA_OK;
}

// napi_value handles are not identities (two handles may name one object), so
// cycles are found by strict equality against the containers open above this
// one. The core still gets an identity: the depth index of the new container,
// or that of its open twin, so the cycle error and its path come from the core.
bool Converter::Container(napi_value v) {
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
  // JSON.stringify would write a Map or a Set as {}, hiding its content: refused at its path.
  if (!is_array) {
    if (const char *name = CollectionName(v)) return Unsupported(name);
  }
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

// "Map", "Set", "WeakMap" or "WeakSet" when `v` is one, else nullptr.
const char *Converter::CollectionName(napi_value v) {
  for (size_t i = 0; i < 4; ++i) {
    bool is = false;
    if (napi_instanceof(env_, v, inst_->collections[i].Value(), &is) == napi_ok && is)
      return kCollectionNames[i];
  }
  return nullptr;
}

bool Converter::Elements(napi_value arr) {
  uint32_t n = 0;
  if (napi_get_array_length(env_, arr, &n) != napi_ok) return false;
  return InBatches(env_, n, [&](uint32_t i) {
    napi_value v;
    napi_valuetype t;
    if (napi_get_element(env_, arr, i, &v) != napi_ok || !Resolve(v, nullptr, i, &t)) return false;
    // JSON.stringify writes holes and undefined as null; functions and
    // symbols it would also turn to null, which hides a bug: we refuse them.
    return t == napi_undefined ? kestra_record_null(r_) == KESTRA_OK : Emit(v, t);
  });
}

bool Utf16Of(napi_env env, napi_value v, std::u16string *out) {
  size_t len = 0;
  if (napi_get_value_string_utf16(env, v, nullptr, 0, &len) != napi_ok) return false;
  out->resize(len);
  return napi_get_value_string_utf16(env, v, out->data(), len + 1, &len) == napi_ok;
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

const char *TypeOf(napi_env env, napi_value v) {
  napi_valuetype t;
  bool is_array = false;
  if (napi_typeof(env, v, &t) != napi_ok) return "value";
  if (t == napi_object && napi_is_array(env, v, &is_array) == napi_ok && is_array) return "array";
  return TypeName(t);
}

bool IsString(napi_env env, napi_value v) {
  napi_valuetype t;
  return napi_typeof(env, v, &t) == napi_ok && t == napi_string;
}

bool IsNullish(napi_env env, napi_value v) {
  napi_valuetype t;
  return napi_typeof(env, v, &t) == napi_ok && (t == napi_undefined || t == napi_null);
}

}  // namespace kestra_node
