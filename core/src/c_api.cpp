// The C ABI: argument checks, NUL-terminated lengths, and the wall that keeps C++
// exceptions (only std::bad_alloc can arise) from crossing into C.
#include <cstring>
#include <new>
#include <string_view>

#include "binding_input.hpp"
#include "emit.hpp"
#include "kestra/kestra.h"
#include "record.hpp"

using kestra::detail::JsonDialect;
using kestra::detail::Record;
using kestra::detail::RecordKind;
using kestra::detail::ValueKind;

struct kestra_record {
  Record impl;
};

namespace {

std::string_view text_of(const char *text, size_t len) {
  if (!text) return {};
  return len == KESTRA_CSTR ? std::string_view(text) : std::string_view(text, len);
}

kestra::detail::Text utf8_text(const char *text, size_t len) {
  return kestra::detail::Text::from_utf8(text_of(text, len));
}

kestra::detail::Text utf16_text(const uint16_t *text, size_t len) {
  if (!text) return kestra::detail::Text::from_utf16(nullptr, 0);
  if (len == KESTRA_CSTR) {
    len = 0;
    while (text[len]) ++len;
  }
  return kestra::detail::Text::from_utf16(text, len);
}

// Runs `op` on the record, turning a missing handle into KESTRA_ERROR_USAGE and an
// allocation failure (std::bad_alloc, or std::length_error from a string past
// max_size) into a failure of the record, KESTRA_ERROR_NO_MEMORY.
template <typename Op>
kestra_result guarded(kestra_record *record, Op op) {
  if (!record) return KESTRA_ERROR_USAGE;
  try {
    return op(record->impl);
  } catch (...) {
    record->impl.fail_no_memory();
    return KESTRA_ERROR_NO_MEMORY;
  }
}

}  // namespace

extern "C" {

KESTRA_API int kestra_is_error(kestra_result result) { return result != KESTRA_OK; }

KESTRA_API const char *kestra_result_name(kestra_result result) {
  switch (result) {
    case KESTRA_OK: return "ok";
    case KESTRA_ERROR_TYPE: return "type";
    case KESTRA_ERROR_VALUE: return "value";
    case KESTRA_ERROR_UNICODE: return "unicode";
    case KESTRA_ERROR_DEPTH: return "depth";
    case KESTRA_ERROR_CYCLE: return "cycle";
    case KESTRA_ERROR_SYNTAX: return "syntax";
    case KESTRA_ERROR_LIMIT: return "limit";
    case KESTRA_ERROR_USAGE: return "usage";
    case KESTRA_ERROR_NO_MEMORY: return "no_memory";
    case KESTRA_ERROR_BUFFER_TOO_SMALL: return "buffer_too_small";
    case KESTRA_ERROR_IO: return "io";
    case KESTRA_ERROR_USER: return "user";
    case KESTRA_ERROR_NOT_FOUND: return "not_found";
    case KESTRA_RESULT_MIN_:
    case KESTRA_RESULT_MAX_: break;
  }
  return "unknown";
}

KESTRA_API unsigned kestra_version_number(void) { return KESTRA_VERSION_NUMBER; }
KESTRA_API const char *kestra_version_string(void) { return KESTRA_VERSION_STRING; }
KESTRA_API unsigned kestra_abi_version(void) { return KESTRA_ABI_VERSION; }

KESTRA_API kestra_record *kestra_record_new(void) { return new (std::nothrow) kestra_record(); }
KESTRA_API void kestra_record_free(kestra_record *record) { delete record; }
KESTRA_API void kestra_record_reset(kestra_record *record) {
  if (record) record->impl.reset();
}

KESTRA_API kestra_result kestra_record_begin_outputs(kestra_record *record) {
  return guarded(record, [](Record &r) { return r.begin(RecordKind::outputs); });
}

KESTRA_API kestra_result kestra_record_begin_encrypted_outputs(kestra_record *record) {
  return guarded(record, [](Record &r) { return r.begin(RecordKind::encrypted_outputs); });
}
KESTRA_API kestra_result kestra_record_begin_assets(kestra_record *record) {
  return guarded(record, [](Record &r) { return r.begin(RecordKind::assets); });
}
KESTRA_API kestra_result kestra_record_begin_logs(kestra_record *record) {
  return guarded(record, [](Record &r) { return r.begin(RecordKind::logs); });
}
KESTRA_API kestra_result kestra_record_begin_message(kestra_record *record) {
  return guarded(record, [](Record &r) { return r.begin(RecordKind::message); });
}
KESTRA_API kestra_result kestra_record_begin_metric(kestra_record *record, kestra_metric_type type,
                                                    const char *name, size_t name_len) {
  return guarded(record, [&](Record &r) { return r.begin_metric(type, utf8_text(name, name_len)); });
}
KESTRA_API kestra_result kestra_record_begin_metric_utf16(kestra_record *record, kestra_metric_type type,
                                                          const uint16_t *name, size_t name_len) {
  return guarded(record, [&](Record &r) { return r.begin_metric(type, utf16_text(name, name_len)); });
}
KESTRA_API kestra_result kestra_record_metric_timestamp(kestra_record *record, const char *iso8601,
                                                        size_t len) {
  return guarded(record, [&](Record &r) { return r.metric_timestamp(utf8_text(iso8601, len)); });
}
KESTRA_API kestra_result kestra_record_metric_timestamp_utf16(kestra_record *record, const uint16_t *iso8601,
                                                              size_t len) {
  return guarded(record, [&](Record &r) { return r.metric_timestamp(utf16_text(iso8601, len)); });
}
KESTRA_API kestra_result kestra_record_metric_description(kestra_record *record, const char *text,
                                                          size_t len) {
  return guarded(record, [&](Record &r) { return r.metric_description(utf8_text(text, len)); });
}
KESTRA_API kestra_result kestra_record_metric_description_utf16(kestra_record *record, const uint16_t *text,
                                                                size_t len) {
  return guarded(record, [&](Record &r) { return r.metric_description(utf16_text(text, len)); });
}
KESTRA_API kestra_result kestra_record_log(kestra_record *record, kestra_level level, const char *message,
                                           size_t len) {
  return guarded(record, [&](Record &r) { return r.log(level, utf8_text(message, len)); });
}
KESTRA_API kestra_result kestra_record_log_named(kestra_record *record, const char *level, size_t level_len,
                                                 const char *message, size_t len) {
  return guarded(
      record, [&](Record &r) { return r.log_named(utf8_text(level, level_len), utf8_text(message, len)); });
}
KESTRA_API kestra_result kestra_record_log_named_utf16(kestra_record *record, const uint16_t *level,
                                                       size_t level_len, const uint16_t *message,
                                                       size_t len) {
  return guarded(
      record, [&](Record &r) { return r.log_named(utf16_text(level, level_len), utf16_text(message, len)); });
}
KESTRA_API kestra_result kestra_record_log_utf16(kestra_record *record, kestra_level level,
                                                 const uint16_t *message, size_t len) {
  return guarded(record, [&](Record &r) { return r.log(level, utf16_text(message, len)); });
}

KESTRA_API kestra_result kestra_record_begin_object(kestra_record *record, const void *identity) {
  return guarded(record, [&](Record &r) { return r.begin_container(ValueKind::object, identity); });
}
KESTRA_API kestra_result kestra_record_end_object(kestra_record *record) {
  return guarded(record, [](Record &r) { return r.end_container(ValueKind::object); });
}
KESTRA_API kestra_result kestra_record_begin_array(kestra_record *record, const void *identity) {
  return guarded(record, [&](Record &r) { return r.begin_container(ValueKind::array, identity); });
}
KESTRA_API kestra_result kestra_record_end_array(kestra_record *record) {
  return guarded(record, [](Record &r) { return r.end_container(ValueKind::array); });
}
KESTRA_API kestra_result kestra_record_key(kestra_record *record, const char *utf8, size_t len) {
  return guarded(record, [&](Record &r) { return r.key(utf8_text(utf8, len)); });
}
KESTRA_API kestra_result kestra_record_key_utf16(kestra_record *record, const uint16_t *utf16, size_t len) {
  return guarded(record, [&](Record &r) { return r.key(utf16_text(utf16, len)); });
}
KESTRA_API kestra_result kestra_record_string(kestra_record *record, const char *utf8, size_t len) {
  return guarded(record, [&](Record &r) { return r.string(utf8_text(utf8, len)); });
}
KESTRA_API kestra_result kestra_record_string_utf16(kestra_record *record, const uint16_t *utf16,
                                                    size_t len) {
  return guarded(record, [&](Record &r) { return r.string(utf16_text(utf16, len)); });
}
KESTRA_API kestra_result kestra_record_int64(kestra_record *record, int64_t value) {
  return guarded(record, [&](Record &r) { return r.int64(value); });
}
KESTRA_API kestra_result kestra_record_uint64(kestra_record *record, uint64_t value) {
  return guarded(record, [&](Record &r) { return r.uint64(value); });
}
KESTRA_API kestra_result kestra_record_integer_text(kestra_record *record, const char *digits, size_t len) {
  return guarded(record, [&](Record &r) { return r.integer_text(text_of(digits, len)); });
}
KESTRA_API kestra_result kestra_record_double(kestra_record *record, double value) {
  return guarded(record, [&](Record &r) { return r.floating(value); });
}
KESTRA_API kestra_result kestra_record_javascript_number(kestra_record *record, double value) {
  return guarded(record, [&](Record &r) { return r.javascript_number(value); });
}
KESTRA_API kestra_result kestra_record_bool(kestra_record *record, int value) {
  return guarded(record, [&](Record &r) { return r.boolean(value != 0); });
}
KESTRA_API kestra_result kestra_record_null(kestra_record *record) {
  return guarded(record, [](Record &r) { return r.null(); });
}
KESTRA_API kestra_result kestra_record_json(kestra_record *record, const char *json, size_t len) {
  return guarded(record, [&](Record &r) { return r.json(text_of(json, len), JsonDialect::standard); });
}
KESTRA_API kestra_result kestra_record_json_flags(kestra_record *record, const char *json, size_t len,
                                                  unsigned flags) {
  const JsonDialect dialect =
      flags & KESTRA_JSON_JAVASCRIPT ? JsonDialect::javascript : JsonDialect::standard;
  return guarded(record, [&](Record &r) { return r.json(text_of(json, len), dialect); });
}
KESTRA_API kestra_result kestra_record_json_utf16(kestra_record *record, const uint16_t *json, size_t len,
                                                  unsigned flags) {
  return guarded(record, [&](Record &r) {
    const kestra::detail::Text text = utf16_text(json, len);
    std::string utf8;
    kestra::detail::json_utf16_to_utf8(text.utf16, text.utf16_len, utf8);
    return r.json(utf8, flags & KESTRA_JSON_JAVASCRIPT ? JsonDialect::javascript : JsonDialect::standard);
  });
}
KESTRA_FOR_BINDINGS kestra_result kestra_record_unsupported(kestra_record *record, const char *type_name) {
  return guarded(record, [&](Record &r) { return r.unsupported(type_name ? type_name : "(unnamed)"); });
}
KESTRA_FOR_BINDINGS kestra_result kestra_record_not_text(kestra_record *record, kestra_text_argument argument,
                                                         kestra_metric_type metric_type,
                                                         const char *type_name) {
  return guarded(record, [&](Record &r) {
    return r.not_text(argument, metric_type, type_name ? type_name : "(unnamed)");
  });
}
KESTRA_FOR_BINDINGS kestra_result kestra_record_integer_words(kestra_record *record, int negative,
                                                              const uint64_t *words, size_t count) {
  return guarded(record, [&](Record &r) { return r.integer_words(negative != 0, words, count); });
}
KESTRA_FOR_BINDINGS kestra_result kestra_record_number_text(kestra_record *record, const char *text,
                                                            size_t len, int allow_bool) {
  return guarded(record, [&](Record &r) { return r.number_text(text_of(text, len), allow_bool != 0); });
}
KESTRA_FOR_BINDINGS size_t kestra_quote_for_message(const char *text, size_t len, char *buffer, size_t cap) {
  std::string quoted;
  try {
    quoted = kestra::detail::quote_for_message(text_of(text, len));
  } catch (...) {
    quoted.clear();  // out of memory: an empty text, never an exception across the ABI
  }
  if (buffer && cap > 0) {
    const size_t n = quoted.size() < cap ? quoted.size() : cap - 1;
    std::memcpy(buffer, quoted.data(), n);
    buffer[n] = '\0';
  }
  return quoted.size();
}

KESTRA_API kestra_result kestra_record_finish(kestra_record *record) {
  return guarded(record, [](Record &r) { return r.finish(); });
}

KESTRA_API const char *kestra_record_line(const kestra_record *record, size_t *len) {
  const std::string_view line = record ? record->impl.line() : std::string_view();
  if (len) *len = line.size();
  return line.empty() ? nullptr : line.data();
}

KESTRA_API kestra_result kestra_record_copy_line(const kestra_record *record, char *buffer, size_t cap,
                                                 size_t *len) {
  if (!record) return KESTRA_ERROR_USAGE;
  const std::string_view line = record->impl.line();
  if (len) *len = line.size();
  if (line.empty()) return KESTRA_ERROR_USAGE;
  if (!buffer || cap < line.size()) return KESTRA_ERROR_BUFFER_TOO_SMALL;
  std::memcpy(buffer, line.data(), line.size());
  return KESTRA_OK;
}

KESTRA_API kestra_result kestra_record_write(kestra_record *record, int fd) {
  return kestra_record_write_flags(record, fd, KESTRA_WRITE_DEFAULT);
}

KESTRA_API kestra_result kestra_record_write_flags(kestra_record *record, int fd, unsigned flags) {
  return guarded(record, [&](Record &r) {
    if (kestra_result result = r.finish()) return result;
    std::string error;
    const kestra_result result =
        kestra::detail::write_line(fd, r.line(), &error, !(flags & KESTRA_WRITE_SIGPIPE_IGNORED));
    if (result != KESTRA_OK)
      r.note_io_error(std::move(error));
    else
      r.note_written();
    return result;
  });
}

KESTRA_API const char *kestra_record_error(const kestra_record *record) {
  return record ? record->impl.error().c_str() : "no record (NULL handle)";
}

KESTRA_API kestra_result kestra_record_status(const kestra_record *record) {
  return record ? record->impl.status() : KESTRA_ERROR_USAGE;
}

KESTRA_API kestra_result kestra_write_line(int fd, const char *data, size_t len, unsigned flags) {
  try {
    return kestra::detail::write_line(fd, text_of(data, len), nullptr,
                                      !(flags & KESTRA_WRITE_SIGPIPE_IGNORED));
  } catch (...) {
    return KESTRA_ERROR_NO_MEMORY;
  }
}

}  // extern "C"
