#include "json_tree.hpp"

#include "json_parser.hpp"
#include "json_text.hpp"

namespace kestra::detail {
namespace {

struct Decoded {
  JsonProblem problem = JsonProblem::none;
  std::size_t at = 0;  // offset in the body of the problem
  bool lone_surrogate = false;
};

// Decodes a string literal's body (UTF-8 as the input holds it), within
// Jackson's length limit. A lone surrogate escape becomes U+FFFD.
Decoded decode(std::string_view body, std::string &out) {
  Decoded d;
  for (std::size_t i = 0; i < body.size();) {
    const char c = body[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20) return d.problem = JsonProblem::raw_control, d.at = i, d;
    if (c != '\\') {
      out.push_back(c);
      ++i;
      continue;
    }
    const char e = i + 1 < body.size() ? body[i + 1] : '\0';
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out.push_back(e);
        i += 2;
        continue;
      case 'b':
        out.push_back('\b');
        i += 2;
        continue;
      case 'f':
        out.push_back('\f');
        i += 2;
        continue;
      case 'n':
        out.push_back('\n');
        i += 2;
        continue;
      case 'r':
        out.push_back('\r');
        i += 2;
        continue;
      case 't':
        out.push_back('\t');
        i += 2;
        continue;
      case 'u': break;
      default: return d.problem = JsonProblem::bad_escape, d.at = i, d;
    }
    const long unit = read_hex4(body, i + 2);
    if (unit < 0) return d.problem = JsonProblem::bad_escape, d.at = i, d;
    char32_t cp = static_cast<char32_t>(unit);
    i += 6;
    if (cp >= 0xd800 && cp <= 0xdbff && body.substr(i, 2) == "\\u") {
      const long low = read_hex4(body, i + 2);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (static_cast<char32_t>(low) - 0xdc00);
        i += 6;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd, d.lone_surrogate = true;
    append_utf8(out, cp);
  }
  if (utf16_units(out) > kMaxStringUnits) d.problem = JsonProblem::string_too_long, d.at = body.size();
  return d;
}

// Builds the tree from the parser's tokens.
class TreeHandler {
 public:
  TreeHandler(JsonTree &tree, std::string_view text, std::size_t max_depth)
      : tree_(tree), text_(text), max_depth_(max_depth) {
    open_.push_back(&tree.root);
  }

  bool begin_object() { return open(JsonNode::object); }
  bool begin_array() { return open(JsonNode::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string_view body) {
    JsonNode &object = *open_.back();
    object.members.emplace_back();
    return read_string(body, object.members.back().first);
  }
  bool string(std::string_view body) { return read_string(body, next(JsonNode::string).text); }
  bool number(std::string_view literal, bool) {
    std::size_t digits = 0;
    for (char c : literal) digits += is_json_digit(c);
    if (digits > kMaxNumberDigits)
      return fail(JsonProblem::number_too_long, offset(literal.data()), "a number longer than the limit");
    next(JsonNode::number).text.assign(literal);
    return true;
  }
  bool boolean(bool value) {
    next(JsonNode::boolean).flag = value;
    return true;
  }
  bool null() {
    next(JsonNode::null);
    return true;
  }
  void syntax(std::size_t at, const char *what) { fail(JsonProblem::syntax, at, what); }

 private:
  std::size_t offset(const char *p) const { return static_cast<std::size_t>(p - text_.data()); }

  bool fail(JsonProblem problem, std::size_t at, const char *what) {
    if (tree_.problem == JsonProblem::none) {
      tree_.problem = problem;
      tree_.error_at = at;
      tree_.error = what;
    }
    return false;
  }

  bool read_string(std::string_view body, std::string &out) {
    const Decoded d = decode(body, out);
    tree_.lone_surrogate |= d.lone_surrogate;
    if (d.problem == JsonProblem::none) return true;
    return fail(d.problem, offset(body.data()) + d.at,
                d.problem == JsonProblem::string_too_long
                    ? "a string longer than the limit"
                    : "bad escape or raw control character in a string");
  }

  // The node the next value goes into: the root, a new array item, or the value
  // of the member whose key was just read.
  JsonNode &next(JsonNode::Kind kind) {
    JsonNode *parent = open_.back();
    JsonNode *node = parent;
    if (started_) {
      if (parent->kind == JsonNode::array) {
        parent->items.emplace_back();
        node = &parent->items.back();
      } else {
        node = &parent->members.back().second;
      }
    }
    started_ = true;
    node->kind = kind;
    return *node;
  }

  bool open(JsonNode::Kind kind) {
    // Where: parse_json_tree knows (the parser stops just past the bracket).
    if (open_.size() > max_depth_) return fail(JsonProblem::too_deep, 0, "nesting deeper than the limit");
    open_.push_back(&next(kind));
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  JsonTree &tree_;
  std::string_view text_;
  std::vector<JsonNode *> open_;  // the root's slot, then each open container
  std::size_t max_depth_;
  bool started_ = false;
};

}  // namespace

JsonTree parse_json_tree(std::string_view text, std::size_t max_depth) {
  JsonTree tree;
  TreeHandler handler(tree, text, max_depth);
  JsonParser<TreeHandler> parser(text, handler);
  if (parser.parse_value()) tree.end = parser.value_end();
  if (tree.problem == JsonProblem::too_deep) tree.error_at = parser.position() - 1;
  return tree;
}

const char *json_kind_name(JsonNode::Kind kind) {
  switch (kind) {
    case JsonNode::null: return "null";
    case JsonNode::boolean: return "a boolean";
    case JsonNode::number: return "a number";
    case JsonNode::string: return "a string";
    case JsonNode::array: return "an array";
    case JsonNode::object: return "an object";
  }
  return "a value";
}

const JsonNode *json_member(const JsonNode &object, std::string_view key) {
  const JsonNode *found = nullptr;
  for (const auto &member : object.members)
    if (member.first == key) found = &member.second;
  return found;
}

}  // namespace kestra::detail
