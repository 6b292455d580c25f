// Builds JS values from the Ion reader's events (kestra/ion.h), with the types
// of the official Python Kestra.read in JS form: numbers (decimals too), BigInt
// for ints past 2^53 - 1, strings (symbols, and blobs and clobs as UTF-8 text),
// null for every typed null, Date for timestamps and for the strings the core's
// kestra_datetime_parse accepts (a local date-time is read as UTC), arrays for
// lists and s-expressions, plain objects for structs. Every rule is the core's.
#include "ion_read.hpp"

#include <kestra/ion.h>

#include <cstring>
#include <string>
#include <vector>

#include "errors.hpp"

namespace kestra_node {
namespace {

void FreeReader(napi_env, void *data, void *) {
  kestra_ion_reader_free(static_cast<kestra_ion_reader *>(data));
}

napi_value Fail(napi_env env, kestra_ion_reader *r, kestra_result res) {
  return ThrowCoreError(env, res, kestra_ion_reader_error(r));
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

napi_value MakeDate(napi_env env, const kestra_datetime &dt) {
  double ms =
      static_cast<double>(DaysFromCivil(dt.year, dt.month, dt.day)) * 86400000.0 +
      ((dt.hour * 60.0 + dt.minute - (dt.has_offset ? dt.offset_minutes : 0)) * 60.0 + dt.second) * 1000.0 +
      dt.nanosecond / 1000000;
  napi_value out;
  napi_create_date(env, ms, &out);
  return out;
}

napi_value MakeString(napi_env env, const char *text, size_t len) {
  napi_value out;
  napi_create_string_utf8(env, text, len, &out);
  return out;
}

napi_value MakeScalar(napi_env env, kestra_ion_reader *r) {
  napi_value out = nullptr;
  if (kestra_ion_reader_is_null(r)) {
    napi_get_null(env, &out);
    return out;
  }
  size_t len = 0;
  const char *text = kestra_ion_reader_text(r, &len);
  switch (kestra_ion_reader_type(r)) {
    case KESTRA_ION_BOOL: {
      int b = 0;
      kestra_ion_reader_bool(r, &b);
      napi_get_boolean(env, b != 0, &out);
      return out;
    }
    case KESTRA_ION_INT: {
      int64_t v = 0;
      const int64_t safe = (int64_t{1} << 53) - 1;
      if (kestra_ion_reader_int64(r, &v) == KESTRA_OK && v <= safe && v >= -safe) {
        napi_create_double(env, static_cast<double>(v), &out);
        return out;
      }
      // Past 2^53 - 1: BigInt(text), the one exact conversion JS offers.
      napi_value global, big, arg;
      napi_get_global(env, &global);
      napi_get_named_property(env, global, "BigInt", &big);
      arg = MakeString(env, text, len);
      napi_call_function(env, global, big, 1, &arg, &out);
      return out;
    }
    case KESTRA_ION_FLOAT:
    case KESTRA_ION_DECIMAL: {
      double d = 0;
      kestra_ion_reader_double(r, &d);
      napi_create_double(env, d, &out);
      return out;
    }
    case KESTRA_ION_TIMESTAMP: {
      kestra_datetime dt;
      kestra_ion_reader_timestamp(r, &dt);
      return MakeDate(env, dt);
    }
    case KESTRA_ION_STRING: {
      kestra_datetime dt;
      if (kestra_datetime_parse(text, len, &dt) == KESTRA_OK) return MakeDate(env, dt);
      return MakeString(env, text, len);
    }
    default:  // symbols, and lobs (UTF-8 text: KESTRA_ION_TEXT_LOBS)
      return MakeString(env, text, len);
  }
}

// Sets obj[key] as an own data property, even for "__proto__".
void SetMember(napi_env env, napi_value obj, const char *name, size_t len, napi_value value) {
  napi_value key = MakeString(env, name, len);
  if (len == 9 && std::memcmp(name, "__proto__", 9) == 0) {
    napi_property_descriptor d{nullptr, key, nullptr, nullptr, nullptr, value, napi_default_jsproperty,
                               nullptr};
    napi_define_properties(env, obj, 1, &d);
  } else {
    napi_set_property(env, obj, key, value);
  }
}

}  // namespace

napi_value IonOpen(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  size_t len = 0;
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], nullptr, 0, &len) != napi_ok)
    return ThrowType(env, "Kestra.read: path must be a string");
  std::string path(len, '\0');
  napi_get_value_string_utf8(env, argv[0], path.data(), len + 1, &len);
  kestra_ion_reader *r = kestra_ion_reader_new();
  kestra_result res = kestra_ion_reader_open_file(r, path.c_str(), KESTRA_ION_KESTRA_READ);
  if (res != KESTRA_OK) {
    Fail(env, r, res);
    kestra_ion_reader_free(r);
    return nullptr;
  }
  napi_value handle;
  napi_create_external(env, r, FreeReader, nullptr, &handle);
  return handle;
}

napi_value IonNext(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  void *data = nullptr;
  if (argc < 1 || napi_get_value_external(env, argv[0], &data) != napi_ok)
    return ThrowType(env, "bad Ion handle");
  auto *r = static_cast<kestra_ion_reader *>(data);
  napi_value row = nullptr;
  std::vector<napi_value> stack;  // open containers; kept alive by the scope of this call
  kestra_ion_event event;
  do {
    kestra_result res = kestra_ion_reader_next(r, &event);
    if (res != KESTRA_OK) return Fail(env, r, res);
    if (event == KESTRA_ION_EVENT_END) {
      napi_value undefined;
      napi_get_undefined(env, &undefined);
      return undefined;
    }
    if (event == KESTRA_ION_EVENT_CONTAINER_END) {
      stack.pop_back();
      continue;
    }
    kestra_ion_type type = kestra_ion_reader_type(r);
    bool container = !kestra_ion_reader_is_null(r) &&
                     (type == KESTRA_ION_LIST || type == KESTRA_ION_SEXP || type == KESTRA_ION_STRUCT);
    napi_value value;
    if (container) {
      if (type == KESTRA_ION_STRUCT)
        napi_create_object(env, &value);
      else
        napi_create_array(env, &value);
    } else {
      value = MakeScalar(env, r);
      bool pending = false;
      napi_is_exception_pending(env, &pending);
      if (pending) return nullptr;
    }
    if (stack.empty()) {
      row = value;
    } else {
      size_t len = 0;
      const char *name = kestra_ion_reader_field_name(r, &len);
      if (name) {
        SetMember(env, stack.back(), name, len, value);
      } else {
        uint32_t n = 0;
        napi_get_array_length(env, stack.back(), &n);
        napi_set_element(env, stack.back(), n, value);
      }
    }
    if (container) stack.push_back(value);
  } while (!stack.empty());
  return row;
}

}  // namespace kestra_node
