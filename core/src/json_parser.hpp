// The one strict JSON grammar of the core (RFC 8259, as Jackson reads it by
// default: no NaN, comments, single quotes, leading zeros or raw control
// characters). It only finds tokens; a Handler decides what they mean:
//   json_reader.cpp  feeds them to a record (kestra_record_json)
//   json_tree.cpp    builds a small tree (the line checker, format()'s rules)
//
// Handler interface, each returning false to stop the parse (having recorded
// why, except syntax(), which is how the parser reports its own errors):
//   bool begin_object();  bool key(std::string_view body);  bool end_object();
//   bool begin_array();   bool end_array();
//   bool string(std::string_view body);  // between the quotes, escapes as written
//   bool number(std::string_view literal, bool is_float);
//   bool boolean(bool);  bool null();
//   void syntax(std::size_t at, const char *what);
// Recursion is bounded by the handler: its begin_* refuse past its depth limit.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

namespace kestra::detail {

// Token scanners, shared with the outputs copy (json_copy.cpp) so that both
// read strings and numbers by one grammar.

inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool is_json_digit(char c) { return c >= '0' && c <= '9'; }

// The quote that ends the string literal whose body starts at text[start]: the
// next quote not escaped (an escaped one has an odd run of backslashes before
// it); npos when there is none.
inline std::size_t find_string_end(std::string_view text, std::size_t start) {
  for (std::size_t from = start; from < text.size();) {
    const void *hit = std::memchr(text.data() + from, '"', text.size() - from);
    if (!hit) break;
    const std::size_t quote = static_cast<std::size_t>(static_cast<const char *>(hit) - text.data());
    std::size_t backslashes = 0;
    while (quote - backslashes > start && text[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return quote;
    from = quote + 1;
  }
  return std::string_view::npos;
}

// The number at text[pos], -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?:
// moves pos past it and returns nullptr, or returns what is wrong with pos
// where it stopped.
// (line_json.cpp knows a number's problems by their first words, "expected
// digits" and "leading zeros": keep them when rewording.)
inline const char *scan_number(std::string_view text, std::size_t &pos, bool &is_float) {
  const auto digits = [&] {
    const std::size_t from = pos;
    while (pos < text.size() && is_json_digit(text[pos])) ++pos;
    return pos > from;
  };
  if (pos < text.size() && text[pos] == '-') ++pos;
  if (pos < text.size() && text[pos] == '0') {
    ++pos;
    if (pos < text.size() && is_json_digit(text[pos])) return "leading zeros are not allowed";
  } else if (!digits()) {
    return "expected digits";
  }
  is_float = false;
  if (pos < text.size() && text[pos] == '.') {
    is_float = true;
    ++pos;
    if (!digits()) return "expected digits after '.'";
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    is_float = true;
    ++pos;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
    if (!digits()) return "expected digits in the exponent";
  }
  return nullptr;
}

template <typename Handler>
class JsonParser {
 public:
  JsonParser(std::string_view text, Handler &handler) : text_(text), handler_(handler) {}

  // The first value, with white space around it. False on any error.
  bool parse_value() {
    space();
    if (!value()) return false;
    value_end_ = pos_;
    space();
    return true;
  }

  // The whole text is one value and white space.
  bool parse_document() {
    if (!parse_value()) return false;
    if (pos_ != text_.size()) return syntax("unexpected text after the JSON value");
    return true;
  }

  std::size_t position() const { return pos_; }
  // Where the value itself ended, before the white space after it.
  std::size_t value_end() const { return value_end_; }

 private:
  bool syntax(const char *what) {
    handler_.syntax(pos_, what);
    return false;
  }

  void space() {
    while (pos_ < text_.size() && is_json_space(text_[pos_])) ++pos_;
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

  bool value() {
    if (pos_ >= text_.size()) return syntax("expected a value, found the end of the text");
    switch (text_[pos_]) {
      case '{': return object();
      case '[': return array();
      case '"': {
        std::string_view body;
        return string_body(body) && handler_.string(body);
      }
      case 't':
        if (word("true")) return handler_.boolean(true);
        break;
      case 'f':
        if (word("false")) return handler_.boolean(false);
        break;
      case 'n':
        if (word("null")) return handler_.null();
        break;
      default:
        if (text_[pos_] == '-' || is_json_digit(text_[pos_])) return number();
    }
    return syntax("expected a value (NaN, Infinity, comments and single quotes are not JSON)");
  }

  bool object() {
    ++pos_;
    if (!handler_.begin_object()) return false;
    space();
    if (take('}')) return handler_.end_object();
    for (;;) {
      space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return syntax("expected a string key");
      std::string_view key;
      if (!string_body(key) || !handler_.key(key)) return false;
      space();
      if (!take(':')) return syntax("expected ':' after a key");
      space();
      if (!value()) return false;
      space();
      if (take('}')) return handler_.end_object();
      if (!take(',')) return syntax("expected ',' or '}' in an object");
    }
  }

  bool array() {
    ++pos_;
    if (!handler_.begin_array()) return false;
    space();
    if (take(']')) return handler_.end_array();
    for (;;) {
      space();
      if (!value()) return false;
      space();
      if (take(']')) return handler_.end_array();
      if (!take(',')) return syntax("expected ',' or ']' in an array");
    }
  }

  bool string_body(std::string_view &body) {
    const std::size_t start = pos_ + 1;
    const std::size_t quote = find_string_end(text_, start);
    if (quote == std::string_view::npos) return syntax("unterminated string");
    body = text_.substr(start, quote - start);
    pos_ = quote + 1;
    return true;
  }

  bool number() {
    const std::size_t start = pos_;
    bool is_float = false;
    if (const char *problem = scan_number(text_, pos_, is_float)) return syntax(problem);
    return handler_.number(text_.substr(start, pos_ - start), is_float);
  }

  std::string_view text_;
  Handler &handler_;
  std::size_t pos_ = 0;
  std::size_t value_end_ = 0;
};

}  // namespace kestra::detail
