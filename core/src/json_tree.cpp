#include "json_tree.hpp"

namespace kestra::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_utf8(std::string &out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

class TreeParser {
 public:
  TreeParser(std::string_view text, std::size_t max_depth) : text_(text), max_depth_(max_depth) {}

  JsonTree run() {
    JsonTree tree;
    space();
    if (value(tree.root, 0)) tree.end = pos_;
    tree.error = std::move(error_);
    tree.error_at = pos_;
    return tree;
  }

 private:
  bool fail(const char *what) {
    if (error_.empty()) error_ = what;
    return false;
  }

  void space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool word(std::string_view w) {
    if (text_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }

  bool value(JsonNode &node, std::size_t depth) {
    if (pos_ >= text_.size()) return fail("expected a value");
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      if (depth + 1 > max_depth_) return fail("nesting deeper than the limit");
      return c == '{' ? object(node, depth + 1) : array(node, depth + 1);
    }
    if (c == '"') {
      node.kind = JsonNode::string;
      return string(node.text);
    }
    if (c == '-' || is_digit(c)) return number(node);
    if (word("true") || word("false")) {
      node.kind = JsonNode::boolean;
      node.flag = c == 't';
      return true;
    }
    if (word("null")) return true;
    return fail("expected a value");
  }

  bool object(JsonNode &node, std::size_t depth) {
    node.kind = JsonNode::object;
    ++pos_;
    space();
    if (take('}')) return true;
    for (;;) {
      space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a string key");
      std::pair<std::string, JsonNode> member;
      if (!string(member.first)) return false;
      space();
      if (!take(':')) return fail("expected ':' after a key");
      space();
      if (!value(member.second, depth)) return false;
      node.members.push_back(std::move(member));
      space();
      if (take('}')) return true;
      if (!take(',')) return fail("expected ',' or '}' in an object");
    }
  }

  bool array(JsonNode &node, std::size_t depth) {
    node.kind = JsonNode::array;
    ++pos_;
    space();
    if (take(']')) return true;
    for (;;) {
      space();
      node.items.emplace_back();
      if (!value(node.items.back(), depth)) return false;
      space();
      if (take(']')) return true;
      if (!take(',')) return fail("expected ',' or ']' in an array");
    }
  }

  long hex4() {
    if (pos_ + 4 > text_.size()) return -1;
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text_[pos_ + k];
      const int h = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    pos_ += 4;
    return v;
  }

  bool string(std::string &out) {
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("unescaped control character in a string");
      if (c != '\\') {
        out.push_back(c);
        ++pos_;
        continue;
      }
      if (++pos_ >= text_.size()) break;
      const char e = text_[pos_++];
      switch (e) {
        case '"': case '\\': case '/': out.push_back(e); continue;
        case 'b': out.push_back('\b'); continue;
        case 'f': out.push_back('\f'); continue;
        case 'n': out.push_back('\n'); continue;
        case 'r': out.push_back('\r'); continue;
        case 't': out.push_back('\t'); continue;
        case 'u': break;
        default: return fail("bad escape in a string");
      }
      long unit = hex4();
      if (unit < 0) return fail("bad \\u escape in a string");
      char32_t cp = static_cast<char32_t>(unit);
      if (cp >= 0xd800 && cp <= 0xdbff && text_.substr(pos_, 2) == "\\u") {
        const std::size_t save = pos_;
        pos_ += 2;
        const long low = hex4();
        if (low >= 0xdc00 && low <= 0xdfff) cp = 0x10000 + ((cp - 0xd800) << 10) + (static_cast<char32_t>(low) - 0xdc00);
        else pos_ = save;
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;  // lone surrogate
      append_utf8(out, cp);
    }
    return fail("unterminated string");
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? kept as text.
  bool number(JsonNode &node) {
    const std::size_t start = pos_;
    take('-');
    if (take('0')) {
      if (pos_ < text_.size() && is_digit(text_[pos_])) return fail("leading zeros are not allowed");
    } else if (pos_ < text_.size() && is_digit(text_[pos_])) {
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    } else {
      return fail("expected digits");
    }
    if (take('.')) {
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail("expected digits after '.'");
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (take('e') || take('E')) {
      if (!take('+')) take('-');
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) return fail("expected digits in the exponent");
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    node.kind = JsonNode::number;
    node.text.assign(text_.substr(start, pos_ - start));
    return true;
  }

  std::string_view text_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

JsonTree parse_json_tree(std::string_view text, std::size_t max_depth) {
  return TreeParser(text, max_depth).run();
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
