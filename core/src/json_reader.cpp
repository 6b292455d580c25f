#include "json_reader.hpp"

#include <charconv>
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
    if (!is_float && !javascript_) return ok(record_.integer_text(literal));
    if (is_float && javascript_ && shortest_is_repr(literal)) return ok(record_.float_text(literal));
    if (literal.size() > kMaxNumberDigits)
      return fail(KESTRA_ERROR_LIMIT, "number longer than the server's 1,000 characters");
    double value = 0;
    const auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    if (ec == std::errc::result_out_of_range) {
      // Too small reads as 0, as Python and Jackson read it; too large would be infinite.
      if (!underflows(literal)) return fail(KESTRA_ERROR_VALUE, fmt::format("{} is beyond the range of a double", literal));
      value = literal[0] == '-' ? -0.0 : 0.0;
    } else if (ec != std::errc() || end != literal.data() + literal.size()) {
      syntax(0, "malformed number");
      return false;
    }
    if (javascript_ && is_safe_integer(value)) return ok(record_.int64(static_cast<std::int64_t>(value)));
    return ok(record_.floating(value));
  }

  void syntax(std::size_t at, const char *what) {
    record_.fail_at_entry(KESTRA_ERROR_SYNTAX, entry_depth_, fmt::format("invalid JSON at byte {}: {}", at, what));
  }

  kestra_result result() const { return record_.status(); }

 private:
  static bool ok(kestra_result r) { return r == KESTRA_OK; }

  bool fail(kestra_result code, std::string_view reason) {
    record_.fail_at_entry(code, record_.depth(), reason);
    return false;
  }

  // An out-of-range literal is too small (not too large) when its decimal
  // exponent, the digits before the point (leading zeros aside) plus the written
  // exponent, is negative.
  static bool underflows(std::string_view literal) {
    const std::size_t e = literal.find_first_of("eE");
    const std::string_view mantissa = literal.substr(0, e);
    const std::size_t first = mantissa.find_first_of("123456789");
    if (first == std::string_view::npos) return true;  // all zeros
    long exponent = 0;
    if (e != std::string_view::npos) {
      const char *from = literal.data() + e + 1 + (literal[e + 1] == '+');
      const bool parsed = std::from_chars(from, literal.data() + literal.size(), exponent).ec == std::errc();
      // Past ±1e6 the mantissa (at most 1,000 digits) cannot change the answer:
      // the exponent's sign decides, and the sum below cannot overflow.
      if (!parsed || exponent > 1'000'000 || exponent < -1'000'000) return *from == '-';
    }
    const std::size_t point = mantissa.find('.');
    const long before_point = point == std::string_view::npos ? static_cast<long>(mantissa.size()) : static_cast<long>(point);
    return before_point - static_cast<long>(first) + exponent <= 0;
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
