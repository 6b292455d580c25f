// The C ABI of the Ion reader (kestra/ion.h): argument checks and the wall that
// keeps C++ exceptions from crossing into C.
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <new>
#include <string>

#include "ion_json.hpp"
#include "ion_reader.hpp"
#include "ion_scalars.hpp"
#include "iso_datetime.hpp"
#include "kestra/ion.h"

using kestra::detail::IonReader;

struct kestra_ion_reader {
  IonReader impl;
  std::string json;  // the last line of kestra_ion_reader_next_json
};

namespace {

bool is_number_type(kestra_ion_type t) {
  return t == KESTRA_ION_INT || t == KESTRA_ION_FLOAT || t == KESTRA_ION_DECIMAL;
}

template <typename Op>
kestra_result guarded(kestra_ion_reader *reader, Op op) {
  if (!reader) return KESTRA_ERROR_USAGE;
  try {
    return op(reader->impl);
  } catch (...) {  // std::bad_alloc, or std::length_error past max_size
    reader->impl.fail_no_memory();
    return KESTRA_ERROR_NO_MEMORY;
  }
}

}  // namespace

extern "C" {

KESTRA_API const char *kestra_ion_type_name(kestra_ion_type type) {
  static const char *const names[] = {"none",   "null",   "bool", "int",  "float", "decimal", "timestamp",
                                      "symbol", "string", "clob", "blob", "list",  "sexp",    "struct"};
  if (type < 0 || type > KESTRA_ION_STRUCT) return nullptr;
  return names[type];
}

KESTRA_API kestra_ion_reader *kestra_ion_reader_new(void) { return new (std::nothrow) kestra_ion_reader(); }

KESTRA_API void kestra_ion_reader_free(kestra_ion_reader *reader) { delete reader; }

KESTRA_API kestra_result kestra_ion_reader_open_buffer(kestra_ion_reader *reader, const char *data,
                                                       size_t len, unsigned flags) {
  return guarded(reader, [&](IonReader &r) {
    if (len == KESTRA_CSTR) len = data ? std::strlen(data) : 0;
    if (!data && len) return KESTRA_ERROR_USAGE;
    r.open_buffer(std::string_view(data ? data : "", len), flags);
    return KESTRA_OK;
  });
}

KESTRA_API kestra_result kestra_ion_reader_open_fd(kestra_ion_reader *reader, int fd, unsigned flags) {
  return guarded(reader, [&](IonReader &r) {
    if (fd < 0) return KESTRA_ERROR_USAGE;
    r.open_fd(fd, false, flags);
    return KESTRA_OK;
  });
}

KESTRA_API kestra_result kestra_ion_reader_open_callback(kestra_ion_reader *reader, kestra_ion_read_fn read,
                                                         void *context, unsigned flags) {
  return guarded(reader, [&](IonReader &r) {
    if (!read) return KESTRA_ERROR_USAGE;
    r.open_callback(read, context, flags);
    return KESTRA_OK;
  });
}

KESTRA_API kestra_result kestra_ion_reader_open_file(kestra_ion_reader *reader, const char *path,
                                                     unsigned flags) {
  return guarded(reader, [&](IonReader &r) {
    if (!path) return KESTRA_ERROR_USAGE;
    int fd;
    do fd = ::open(path, O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
      r.fail_open(KESTRA_ERROR_IO, std::string("cannot open '") + path + "': " + std::strerror(errno));
      return KESTRA_ERROR_IO;
    }
    r.open_fd(fd, true, flags);
    return KESTRA_OK;
  });
}

KESTRA_API kestra_result kestra_ion_reader_next(kestra_ion_reader *reader, kestra_ion_event *event) {
  kestra_ion_event ignored;
  if (!event) event = &ignored;
  *event = KESTRA_ION_EVENT_END;
  return guarded(reader, [&](IonReader &r) { return r.next(*event); });
}

KESTRA_API kestra_ion_type kestra_ion_reader_type(const kestra_ion_reader *reader) {
  return reader ? reader->impl.type() : KESTRA_ION_NONE;
}

KESTRA_API int kestra_ion_reader_is_null(const kestra_ion_reader *reader) {
  return reader && reader->impl.is_null();
}

KESTRA_API size_t kestra_ion_reader_depth(const kestra_ion_reader *reader) {
  return reader ? reader->impl.depth() : 0;
}

KESTRA_API const char *kestra_ion_reader_field_name(const kestra_ion_reader *reader, size_t *len) {
  if (len) *len = 0;
  if (!reader || !reader->impl.has_field_name()) return nullptr;
  if (len) *len = reader->impl.field_name().size();
  return reader->impl.field_name().c_str();
}

KESTRA_API size_t kestra_ion_reader_annotation_count(const kestra_ion_reader *reader) {
  return reader ? reader->impl.annotation_count() : 0;
}

KESTRA_API const char *kestra_ion_reader_annotation(const kestra_ion_reader *reader, size_t index,
                                                    size_t *len) {
  if (len) *len = 0;
  if (!reader || index >= reader->impl.annotation_count() || !reader->impl.annotation_known(index))
    return nullptr;
  const std::string &a = reader->impl.annotation(index);
  if (len) *len = a.size();
  return a.c_str();
}

KESTRA_API const char *kestra_ion_reader_text(const kestra_ion_reader *reader, size_t *len) {
  if (len) *len = 0;
  if (!reader) return nullptr;
  const IonReader &r = reader->impl;
  kestra_ion_type t = r.type();
  if (r.is_null() || t == KESTRA_ION_NONE || t == KESTRA_ION_LIST || t == KESTRA_ION_SEXP ||
      t == KESTRA_ION_STRUCT)
    return nullptr;
  if (len) *len = r.text().size();
  return r.text().c_str();
}

KESTRA_API kestra_result kestra_ion_reader_int64(const kestra_ion_reader *reader, int64_t *value) {
  if (!reader || !value) return KESTRA_ERROR_USAGE;
  const IonReader &r = reader->impl;
  if (r.type() != KESTRA_ION_INT || r.is_null()) return KESTRA_ERROR_TYPE;
  const std::string &t = r.text();
  bool negative = t[0] == '-';
  // Canonical digits: more than 19 never fit; 19 are compared as text.
  std::size_t n = t.size() - (negative ? 1 : 0);
  if (n > 19) return KESTRA_ERROR_LIMIT;
  if (n == 19 &&
      t.compare(negative ? 1 : 0, 19, negative ? "9223372036854775808" : "9223372036854775807") > 0)
    return KESTRA_ERROR_LIMIT;
  uint64_t magnitude = 0;
  for (std::size_t i = negative ? 1 : 0; i < t.size(); ++i)
    magnitude = magnitude * 10 + static_cast<uint64_t>(t[i] - '0');
  *value = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return KESTRA_OK;
}

KESTRA_API kestra_result kestra_ion_reader_double(const kestra_ion_reader *reader, double *value) {
  if (!reader || !value) return KESTRA_ERROR_USAGE;
  const IonReader &r = reader->impl;
  if (!is_number_type(r.type()) || r.is_null()) return KESTRA_ERROR_TYPE;
  const std::string &t = r.text();
  if (t == "nan")
    *value = __builtin_nan("");
  else if (t == "+inf")
    *value = __builtin_inf();
  else if (t == "-inf")
    *value = -__builtin_inf();
  else
    *value = kestra::detail::ion_text_to_double(t);
  return KESTRA_OK;
}

KESTRA_API kestra_result kestra_ion_reader_bool(const kestra_ion_reader *reader, int *value) {
  if (!reader || !value) return KESTRA_ERROR_USAGE;
  if (reader->impl.type() != KESTRA_ION_BOOL || reader->impl.is_null()) return KESTRA_ERROR_TYPE;
  *value = reader->impl.bool_value() ? 1 : 0;
  return KESTRA_OK;
}

KESTRA_API kestra_result kestra_ion_reader_timestamp(const kestra_ion_reader *reader, kestra_datetime *out) {
  if (!reader || !out) return KESTRA_ERROR_USAGE;
  if (reader->impl.type() != KESTRA_ION_TIMESTAMP || reader->impl.is_null()) return KESTRA_ERROR_TYPE;
  *out = reader->impl.timestamp();
  return KESTRA_OK;
}

KESTRA_API kestra_result kestra_datetime_parse(const char *text, size_t len, kestra_datetime *out) {
  if (!text || !out) return KESTRA_ERROR_USAGE;
  std::string_view s = len == KESTRA_CSTR ? std::string_view(text) : std::string_view(text, len);
  return kestra::detail::parse_official_datetime(s, *out) ? KESTRA_OK : KESTRA_ERROR_VALUE;
}

KESTRA_API kestra_result kestra_ion_reader_next_json(kestra_ion_reader *reader, const char **line,
                                                     size_t *len) {
  if (line) *line = "";
  if (len) *len = 0;
  if (!reader || !line || !len) return KESTRA_ERROR_USAGE;
  kestra_result result = guarded(reader, [&](IonReader &r) {
    std::string error;
    kestra_result res = kestra::detail::read_value_as_json(r, reader->json, error);
    if (res != KESTRA_OK && r.status() == KESTRA_OK) r.fail_value(res, error);
    return res;
  });
  if (result != KESTRA_OK) return result;
  *line = reader->json.c_str();
  *len = reader->json.size();
  return KESTRA_OK;
}

KESTRA_API const char *kestra_ion_reader_error(const kestra_ion_reader *reader) {
  return reader ? reader->impl.error().c_str() : "";
}

KESTRA_API kestra_result kestra_ion_reader_status(const kestra_ion_reader *reader) {
  return reader ? reader->impl.status() : KESTRA_ERROR_USAGE;
}

}  // extern "C"
