#include "json_reader.hpp"

#include <fmt/format.h>

#include "json_parser.hpp"
#include "json_text.hpp"
#include "record.hpp"

namespace kestra::detail {
namespace {

// Turns the parser's tokens into record calls; the record checks every rule.
class RecordHandler {
 public:
  RecordHandler(Record &record, JsonDialect dialect)
      : record_(record), entry_depth_(record.depth()), javascript_(dialect == JsonDialect::javascript) {}

  bool begin_object() { return ok(record_.begin_container(ValueKind::object, nullptr)); }
  bool end_object() { return ok(record_.end_container(ValueKind::object)); }
  bool begin_array() { return ok(record_.begin_container(ValueKind::array, nullptr)); }
  bool end_array() { return ok(record_.end_container(ValueKind::array)); }
  bool key(std::string_view body) { return ok(record_.key_json_escaped(body, entry_depth_)); }
  bool string(std::string_view body) { return ok(record_.string_json_escaped(body, entry_depth_)); }
  bool boolean(bool value) { return ok(record_.boolean(value)); }
  bool null() {
    if (javascript_)
      return fail(KESTRA_ERROR_VALUE,
                  "null in JSON.stringify text (it stands for NaN, Infinity or a function as well)");
    return ok(record_.null());
  }

  bool number(std::string_view literal, bool is_float) {
    return ok(record_.json_number(literal, is_float,
                                  javascript_ ? JsonDialect::javascript : JsonDialect::standard));
  }

  void syntax(std::size_t at, const char *what) {
    record_.fail_at_entry(KESTRA_ERROR_SYNTAX, entry_depth_,
                          fmt::format("invalid JSON at byte {}: {}", at, what));
  }

  kestra_result result() const { return record_.status(); }

 private:
  static bool ok(kestra_result r) { return r == KESTRA_OK; }

  bool fail(kestra_result code, std::string_view reason) {
    record_.fail_at_entry(code, record_.depth(), reason);
    return false;
  }

  Record &record_;
  std::size_t entry_depth_;
  bool javascript_;
};

}  // namespace

kestra_result read_json(Record &record, std::string_view text, JsonDialect dialect) {
  RecordHandler handler(record, dialect);
  JsonParser<RecordHandler> parser(text, handler);
  if (parser.parse_document()) return KESTRA_OK;
  return handler.result();
}

}  // namespace kestra::detail
