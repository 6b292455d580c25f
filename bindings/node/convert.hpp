// The value walk: one JS value into a kestra_record, as JSON.stringify reads it.
//
// Conversion follows JSON.stringify: toJSON is honoured (Dates give ISO strings),
// undefined, functions and symbols are skipped as object properties, and only own
// enumerable string keys are read, in Object.keys order. Where JSON.stringify
// would quietly write null or drop a value, we fail instead: NaN and Infinity, a
// function or symbol as a top-level or array value, cycles. BigInt is an integer.
#pragma once

#include <node_api.h>

#include <kestra/kestra.h>

#include <cstdint>
#include <string>
#include <vector>

#include "instance.hpp"

namespace kestra_node {

// Walks one JS value into the record. Every function returns false to stop:
// either the record holds the error, or a JS exception is pending.
// The names of Instance::collections, in order.
inline const char *const kCollectionNames[4] = {"Map", "Set", "WeakMap", "WeakSet"};

class Converter {
 public:
  Converter(napi_env env, Instance *inst, kestra_record *r);

  // A value in a place where there is no key (top level, metric value).
  bool Top(napi_value v);

  // The own enumerable string-keyed properties of `obj` (Object.keys) as
  // key/value pairs of the open object.
  bool Members(napi_value obj);

  // One key (a string) and its value, skipped like JSON.stringify skips it.
  bool Member(napi_value key, napi_value v);

 private:
  bool Resolve(napi_value &v, napi_value key, uint32_t index, napi_valuetype *t);
  bool Emit(napi_value v, napi_valuetype t);
  bool Unsupported(const char *name);
  bool String(napi_value v, bool is_key);
  bool BigInt(napi_value v);
  bool Container(napi_value v);
  const char *CollectionName(napi_value v);
  bool Elements(napi_value arr);

  napi_env env_;
  kestra_record *r_;
  napi_value object_keys_, to_json_ = nullptr;
  Instance *inst_;
  std::vector<napi_value> open_;  // containers being walked, outermost first
  std::vector<char16_t> buf_;
  uint64_t containers_ = 0;
};

// A JS string's UTF-16 units, lone surrogates kept: the core reports them.
bool Utf16Of(napi_env env, napi_value v, std::u16string *out);

// The name of a JS type, as the core words unsupported values.
const char *TypeName(napi_valuetype t);
// The same for a value, with "array" for arrays (static storage).
const char *TypeOf(napi_env env, napi_value v);

bool IsString(napi_env env, napi_value v);
bool IsNullish(napi_env env, napi_value v);

}  // namespace kestra_node
