#include "json_tree.hpp"

#include "json_parser.hpp"
#include "json_text.hpp"

namespace kestra::detail {
namespace {

long hex4(std::string_view s, std::size_t at) {
  if (at + 4 > s.size()) return -1;
  long v = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const char c = s[at + k];
    const int h = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// Decodes a string literal's body; false for a raw control character or a bad
// escape. A lone surrogate escape becomes U+FFFD.
bool decode(std::string_view body, std::string &out) {
  for (std::size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (c != '\\') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 >= body.size()) return false;
    const char e = body[i + 1];
    i += 2;
    switch (e) {
      case '"': case '\\': case '/': out.push_back(e); continue;
      case 'b': out.push_back('\b'); continue;
      case 'f': out.push_back('\f'); continue;
      case 'n': out.push_back('\n'); continue;
      case 'r': out.push_back('\r'); continue;
      case 't': out.push_back('\t'); continue;
      case 'u': break;
      default: return false;
    }
    const long unit = hex4(body, i);
    if (unit < 0) return false;
    i += 4;
    char32_t cp = static_cast<char32_t>(unit);
    if (cp >= 0xd800 && cp <= 0xdbff && body.substr(i, 2) == "\\u") {
      const long low = hex4(body, i + 2);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (static_cast<char32_t>(low) - 0xdc00);
        i += 6;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;  // lone surrogate
    append_utf8(out, cp);
  }
  return true;
}

// Builds the tree from the parser's tokens.
class TreeHandler {
 public:
  TreeHandler(JsonNode &root, std::size_t max_depth) : max_depth_(max_depth) { open_.push_back(&root); }

  bool begin_object() { return open(JsonNode::object); }
  bool begin_array() { return open(JsonNode::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string_view body) {
    JsonNode &object = *open_.back();
    object.members.emplace_back();
    return decode(body, object.members.back().first) || fail("bad escape or raw control character in a key");
  }
  bool string(std::string_view body) {
    JsonNode &node = next(JsonNode::string);
    return decode(body, node.text) || fail("bad escape or raw control character in a string");
  }
  bool number(std::string_view literal, bool) {
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
  void syntax(std::size_t, const char *what) { fail(what); }

  std::string error;

 private:
  bool fail(const char *what) {
    if (error.empty()) error = what;
    return false;
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
    if (open_.size() > max_depth_) return fail("nesting deeper than the limit");
    open_.push_back(&next(kind));
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  std::vector<JsonNode *> open_;  // the root's slot, then each open container
  std::size_t max_depth_;
  bool started_ = false;
};

}  // namespace

JsonTree parse_json_tree(std::string_view text, std::size_t max_depth) {
  JsonTree tree;
  TreeHandler handler(tree.root, max_depth);
  JsonParser<TreeHandler> parser(text, handler);
  if (parser.parse_value()) tree.end = parser.position();
  tree.error = std::move(handler.error);
  tree.error_at = parser.position();
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

}  // namespace kestra::detail
