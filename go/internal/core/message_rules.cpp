#include "message_rules.hpp"

#include "iso8601.hpp"
#include "json_text.hpp"
#include "json_tree.hpp"

namespace kestra::detail {
namespace {

constexpr const char *kNullInMetric = "null is not allowed in a metric";

using Node = JsonNode;

// Walks the message tree, stopping at the first problem.
class Walker {
 public:
  MessageProblem problem;

  void message(const Node &root) {
    if (root.kind != Node::object) return;  // the record already required an object
    for (const auto &[key, value] : root.members) {
      const std::string path = key_path("message", key);
      if (key == "outputs")
        expect(value, Node::object, path);  // content checked as it was built
      else if (key == "metrics")
        list_of(value, path, &Walker::metric);
      else if (key == "logs")
        list_of(value, path, &Walker::log);
      else if (key == "assets")
        assets(value, path);
      else
        fail(KESTRA_ERROR_VALUE, path, "unknown key (expected outputs, metrics, logs or assets)");
      if (problem.code) return;
    }
  }

 private:
  bool fail(kestra_result code, std::string field, std::string reason) {
    if (!problem.code) problem = MessageProblem{code, std::move(field), std::move(reason)};
    return false;
  }

  bool expect(const Node &value, Node::Kind wanted, const std::string &path) {
    if (value.kind == wanted) return true;
    const char *want = wanted == Node::object ? "must be an object, got " : "must be a list, got ";
    return fail(KESTRA_ERROR_TYPE, path, want + std::string(json_kind_name(value.kind)));
  }

  // A string field: null is a value error in a metric, any other kind a type error.
  bool string_field(const Node &value, const std::string &path, bool in_metric) {
    if (value.kind == Node::string) return true;
    if (value.kind == Node::null && in_metric) return fail(KESTRA_ERROR_VALUE, path, kNullInMetric);
    return fail(KESTRA_ERROR_TYPE, path, std::string("must be a string, got ") + json_kind_name(value.kind));
  }

  void list_of(const Node &list, const std::string &path,
               bool (Walker::*one)(const Node &, const std::string &)) {
    if (!expect(list, Node::array, path)) return;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const std::string at = index_path(path, i);
      if (!expect(list.items[i], Node::object, at) || !(this->*one)(list.items[i], at)) return;
    }
  }

  bool metric(const Node &metric, const std::string &at) {
    const Node *name = nullptr, *type = nullptr, *value = nullptr;
    for (const auto &[key, field] : metric.members) {
      const std::string path = key_path(at, key);
      if (key == "name") {
        if (!string_field(field, path, true)) return false;
        if (field.text.empty()) return fail(KESTRA_ERROR_VALUE, path, "must not be empty");
        name = &field;
      } else if (key == "type") {
        if (!string_field(field, path, true)) return false;
        if (field.text != "counter" && field.text != "timer" && field.text != "gauge")
          return fail(KESTRA_ERROR_VALUE, path, "must be exactly counter, timer or gauge");
        type = &field;
      } else if (key == "value") {
        if (field.kind == Node::null) return fail(KESTRA_ERROR_VALUE, path, kNullInMetric);
        if (field.kind != Node::number)
          return fail(KESTRA_ERROR_TYPE, path,
                      std::string("must be a number, got ") + json_kind_name(field.kind));
        value = &field;
      } else if (key == "tags") {
        if (!tags(field, path)) return false;
      } else if (key == "timestamp") {
        if (!string_field(field, path, true)) return false;
        if (!is_iso8601_instant(field.text))
          return fail(KESTRA_ERROR_VALUE, path, "must be an ISO-8601 date-time with a zone");
      } else if (key == "description") {
        if (!string_field(field, path, true)) return false;
      } else {
        return fail(KESTRA_ERROR_VALUE, path, "unknown metric key");
      }
    }
    if (!name) return fail(KESTRA_ERROR_VALUE, at, "missing 'name'");
    if (!type) return fail(KESTRA_ERROR_VALUE, at, "missing 'type'");
    if (!value) return fail(KESTRA_ERROR_VALUE, at, "missing 'value'");
    if (type->text == "timer" && is_negative_number(value->text))
      return fail(KESTRA_ERROR_VALUE, key_path(at, "value"),
                  "a timer must not be negative (seconds elapsed)");
    if (type->text == "timer" && !timer_seconds_fit(value->text))
      return fail(KESTRA_ERROR_VALUE, key_path(at, "value"),
                  "beyond the longest duration the server reads (a Java long of seconds)");
    return true;
  }

  bool tags(const Node &tags, const std::string &path) {
    if (tags.kind == Node::null) return fail(KESTRA_ERROR_VALUE, path, kNullInMetric);
    if (!expect(tags, Node::object, path)) return false;
    for (const auto &[key, value] : tags.members) {
      const std::string at = key_path(path, key);
      if (key.empty()) return fail(KESTRA_ERROR_VALUE, at, "tag keys must not be empty");
      if (value.kind == Node::null) return fail(KESTRA_ERROR_VALUE, at, kNullInMetric);
      if (value.kind == Node::object || value.kind == Node::array)
        return fail(KESTRA_ERROR_TYPE, at,
                    std::string("a tag value must be a string, a number or a boolean, got ") +
                        json_kind_name(value.kind));
    }
    return true;
  }

  bool log(const Node &entry, const std::string &at) {
    bool has_level = false, has_message = false;
    for (const auto &[key, value] : entry.members) {
      const std::string path = key_path(at, key);
      if (key == "level") {
        if (!string_field(value, path, false)) return false;
        const std::string &l = value.text;
        if (l != "TRACE" && l != "DEBUG" && l != "INFO" && l != "WARN" && l != "ERROR")
          return fail(KESTRA_ERROR_VALUE, path, "must be exactly TRACE, DEBUG, INFO, WARN or ERROR");
        has_level = true;
      } else if (key == "message") {
        if (!string_field(value, path, false)) return false;
        has_message = true;
      } else {
        return fail(KESTRA_ERROR_VALUE, path, "unknown log key (expected level and message)");
      }
    }
    if (!has_level) return fail(KESTRA_ERROR_VALUE, at, "missing 'level'");
    if (!has_message) return fail(KESTRA_ERROR_VALUE, at, "missing 'message'");
    return true;
  }

  void assets(const Node &object, const std::string &path) {
    if (!expect(object, Node::object, path)) return;
    for (const auto &[key, list] : object.members) {
      const std::string at = key_path(path, key);
      if (key != "inputs" && key != "outputs") {
        fail(KESTRA_ERROR_VALUE, at, "unknown assets key (expected 'inputs' or 'outputs')");
        return;
      }
      if (!expect(list, Node::array, at)) return;
      for (std::size_t i = 0; i < list.items.size(); ++i)
        if (!expect(list.items[i], Node::object, index_path(at, i))) return;
    }
  }
};

}  // namespace

MessageProblem check_message_rules(std::string_view json) {
  // The record built `json` itself: strict JSON within the depth limit.
  const JsonTree tree = parse_json_tree(json, kMaxDepth);
  Walker walker;
  if (tree.error.empty()) walker.message(tree.root);
  return walker.problem;
}

}  // namespace kestra::detail
