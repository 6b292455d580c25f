#include "message_rules.hpp"

#include <simdjson.h>

#include "json_text.hpp"

namespace kestra::detail {
namespace {

namespace od = simdjson::ondemand;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads text[at..at+n) as a decimal number; -1 when not all digits.
int number_at(std::string_view s, std::size_t at, std::size_t n) {
  if (s.size() < at + n) return -1;
  int value = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (!is_digit(s[at + k])) return -1;
    value = value * 10 + (s[at + k] - '0');
  }
  return value;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

const char *type_of(od::json_type type) {
  switch (type) {
    case od::json_type::object: return "an object";
    case od::json_type::array: return "an array";
    case od::json_type::string: return "a string";
    case od::json_type::number: return "a number";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "a value";
}

// Walks the message, stopping at the first problem. simdjson errors cannot
// happen on the record's own canonical text; they end the walk as "no problem
// found" rather than inventing one.
class Walker {
 public:
  MessageProblem problem;

  void message(od::object root) {
    for (auto field : root) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return;
      const std::string path = "message[" + quote_for_message(key) + "]";
      od::value value;
      if (field.value().get(value)) return;
      if (key == "outputs") expect(value, od::json_type::object, path);  // content checked as built
      else if (key == "metrics") metrics(value, path);
      else if (key == "logs") logs(value, path);
      else if (key == "assets") assets(value, path);
      else fail(KESTRA_ERROR_VALUE, path, "unknown key (expected outputs, metrics, logs or assets)");
      if (problem.code) return;
    }
  }

 private:
  bool fail(kestra_result code, std::string field, std::string reason) {
    if (!problem.code) problem = MessageProblem{code, std::move(field), std::move(reason)};
    return false;
  }

  od::json_type type(od::value &value) {
    od::json_type t{};
    if (value.type().get(t)) fail(KESTRA_ERROR_VALUE, "message", "unreadable value");
    return t;
  }

  bool expect(od::value &value, od::json_type wanted, const std::string &path) {
    const od::json_type t = type(value);
    if (problem.code) return false;
    if (t == wanted) return true;
    const char *want = wanted == od::json_type::object ? "must be an object" : "must be a list";
    return fail(KESTRA_ERROR_TYPE, path, std::string(want) + ", got " + type_of(t));
  }

  // A string field: null is a value error in a metric, any other kind a type error.
  bool string_field(od::value &value, const std::string &path, bool null_is_value, std::string_view &out) {
    const od::json_type t = type(value);
    if (problem.code) return false;
    if (t == od::json_type::string) return !value.get_string().get(out);
    if (t == od::json_type::null && null_is_value)
      return fail(KESTRA_ERROR_VALUE, path, "null is not allowed in a metric");
    return fail(KESTRA_ERROR_TYPE, path, std::string("must be a string, got ") + type_of(t));
  }

  void metrics(od::value &list, const std::string &path) {
    if (!expect(list, od::json_type::array, path)) return;
    std::size_t index = 0;
    for (auto element : list.get_array()) {
      od::value metric;
      if (element.get(metric)) return;
      const std::string at = path + "[" + std::to_string(index++) + "]";
      if (!expect(metric, od::json_type::object, at) || !one_metric(metric, at)) return;
    }
  }

  bool one_metric(od::value &metric, const std::string &at) {
    bool has_name = false, has_type = false, has_value = false, negative = false;
    std::string_view type_name;
    for (auto field : metric.get_object()) {
      std::string_view key;
      od::value value;
      if (field.unescaped_key().get(key) || field.value().get(value)) return false;
      const std::string path = at + "[" + quote_for_message(key) + "]";
      if (key == "name") {
        std::string_view name;
        if (!string_field(value, path, true, name)) return false;
        if (name.empty()) return fail(KESTRA_ERROR_VALUE, path, "must not be empty");
        has_name = true;
      } else if (key == "type") {
        if (!string_field(value, path, true, type_name)) return false;
        if (type_name != "counter" && type_name != "timer" && type_name != "gauge")
          return fail(KESTRA_ERROR_VALUE, path, "must be exactly counter, timer or gauge");
        has_type = true;
      } else if (key == "value") {
        const od::json_type t = type(value);
        if (t == od::json_type::null) return fail(KESTRA_ERROR_VALUE, path, "null is not allowed in a metric");
        if (t != od::json_type::number) return fail(KESTRA_ERROR_TYPE, path, std::string("must be a number, got ") + type_of(t));
        const std::string_view token = value.raw_json_token();
        negative = !token.empty() && token[0] == '-' && token.find_first_of("123456789") != std::string_view::npos;
        has_value = true;
      } else if (key == "tags") {
        if (!tags(value, path)) return false;
      } else if (key == "timestamp") {
        std::string_view stamp;
        if (!string_field(value, path, true, stamp)) return false;
        if (!is_iso8601_instant(stamp))
          return fail(KESTRA_ERROR_VALUE, path, "must be an ISO-8601 date-time with a zone");
      } else if (key == "description") {
        std::string_view text;
        if (!string_field(value, path, true, text)) return false;
      } else {
        return fail(KESTRA_ERROR_VALUE, path, "unknown metric key");
      }
    }
    if (!has_name) return fail(KESTRA_ERROR_VALUE, at, "missing 'name'");
    if (!has_type) return fail(KESTRA_ERROR_VALUE, at, "missing 'type'");
    if (!has_value) return fail(KESTRA_ERROR_VALUE, at, "missing 'value'");
    if (negative && type_name == "timer")
      return fail(KESTRA_ERROR_VALUE, at + "['value']", "a timer must not be negative (seconds elapsed)");
    return true;
  }

  bool tags(od::value &tags, const std::string &path) {
    const od::json_type t = type(tags);
    if (t == od::json_type::null) return fail(KESTRA_ERROR_VALUE, path, "null is not allowed in a metric");
    if (!expect(tags, od::json_type::object, path)) return false;
    for (auto field : tags.get_object()) {
      std::string_view key;
      od::value value;
      if (field.unescaped_key().get(key) || field.value().get(value)) return false;
      const std::string at = path + "[" + quote_for_message(key) + "]";
      if (key.empty()) return fail(KESTRA_ERROR_VALUE, at, "tag keys must not be empty");
      const od::json_type vt = type(value);
      if (vt == od::json_type::null) return fail(KESTRA_ERROR_VALUE, at, "null is not allowed in a metric");
      if (vt == od::json_type::object || vt == od::json_type::array)
        return fail(KESTRA_ERROR_TYPE, at, std::string("a tag value must be a string, a number or a boolean, got ") + type_of(vt));
    }
    return true;
  }

  void logs(od::value &list, const std::string &path) {
    if (!expect(list, od::json_type::array, path)) return;
    std::size_t index = 0;
    for (auto element : list.get_array()) {
      od::value entry;
      if (element.get(entry)) return;
      const std::string at = path + "[" + std::to_string(index++) + "]";
      if (!expect(entry, od::json_type::object, at) || !one_log(entry, at)) return;
    }
  }

  bool one_log(od::value &entry, const std::string &at) {
    bool has_level = false, has_message = false;
    for (auto field : entry.get_object()) {
      std::string_view key;
      od::value value;
      if (field.unescaped_key().get(key) || field.value().get(value)) return false;
      const std::string path = at + "[" + quote_for_message(key) + "]";
      std::string_view text;
      if (key == "level") {
        if (!string_field(value, path, false, text)) return false;
        if (text != "TRACE" && text != "DEBUG" && text != "INFO" && text != "WARN" && text != "ERROR")
          return fail(KESTRA_ERROR_VALUE, path, "must be exactly TRACE, DEBUG, INFO, WARN or ERROR");
        has_level = true;
      } else if (key == "message") {
        if (!string_field(value, path, false, text)) return false;
        has_message = true;
      } else {
        return fail(KESTRA_ERROR_VALUE, path, "unknown log key (expected level and message)");
      }
    }
    if (!has_level) return fail(KESTRA_ERROR_VALUE, at, "missing 'level'");
    if (!has_message) return fail(KESTRA_ERROR_VALUE, at, "missing 'message'");
    return true;
  }

  void assets(od::value &object, const std::string &path) {
    if (!expect(object, od::json_type::object, path)) return;
    for (auto field : object.get_object()) {
      std::string_view key;
      od::value list;
      if (field.unescaped_key().get(key) || field.value().get(list)) return;
      const std::string at = path + "[" + quote_for_message(key) + "]";
      if (key != "inputs" && key != "outputs") {
        fail(KESTRA_ERROR_VALUE, at, "unknown assets key (expected 'inputs' or 'outputs')");
        return;
      }
      if (!expect(list, od::json_type::array, at)) return;
      std::size_t index = 0;
      for (auto element : list.get_array()) {
        od::value asset;
        if (element.get(asset)) return;
        if (!expect(asset, od::json_type::object, at + "[" + std::to_string(index++) + "]")) return;
      }
    }
  }
};

}  // namespace

bool is_iso8601_instant(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM), with every field in range.
  const auto at = [&](std::size_t i, char c) { return s.size() > i && s[i] == c; };
  const int year = number_at(s, 0, 4), month = number_at(s, 5, 2), day = number_at(s, 8, 2);
  const int hour = number_at(s, 11, 2), minute = number_at(s, 14, 2), second = number_at(s, 17, 2);
  if (year < 0 || !at(4, '-') || !at(7, '-') || !at(10, 'T') || !at(13, ':') || !at(16, ':')) return false;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  std::size_t i = 19;
  if (at(i, '.')) {
    std::size_t n = 0;
    while (s.size() > i + 1 + n && is_digit(s[i + 1 + n])) ++n;
    if (n == 0 || n > 9) return false;
    i += 1 + n;
  }
  if (at(i, 'Z')) return i + 1 == s.size();
  if (!at(i, '+') && !at(i, '-')) return false;
  const int offset_hours = number_at(s, i + 1, 2), offset_minutes = number_at(s, i + 4, 2);
  return offset_hours >= 0 && offset_hours <= 18 && at(i + 3, ':') && offset_minutes >= 0 &&
         offset_minutes <= 59 && i + 6 == s.size();
}

MessageProblem check_message_rules(std::string_view json) {
  thread_local od::parser parser;
  const simdjson::padded_string padded(json);
  od::document doc;
  od::object root;
  if (parser.iterate(padded).get(doc) || doc.get_object().get(root)) return {};
  Walker walker;
  walker.message(root);
  return walker.problem;
}

}  // namespace kestra::detail
