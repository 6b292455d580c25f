#include "json_reader.hpp"

#include <charconv>
#include <cstring>
#include <fmt/format.h>

#include "json_text.hpp"
#include "record.hpp"

namespace kestra::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Reader {
 public:
  Reader(Record &record, std::string_view text)
      : record_(record), text_(text), entry_depth_(record.depth()) {}

  kestra_result run() {
    skip_space();
    if (kestra_result r = value()) return r;
    skip_space();
    if (pos_ != text_.size()) return syntax("unexpected text after the JSON value");
    return KESTRA_OK;
  }

 private:
  kestra_result syntax(std::string_view what) {
    return record_.fail_at_entry(KESTRA_ERROR_SYNTAX, entry_depth_,
                                 fmt::format("invalid JSON at byte {}: {}", pos_, what));
  }

  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }

  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool take_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  // The value starting at pos_; recursion is bounded by the record's depth limit.
  kestra_result value() {
    if (pos_ >= text_.size()) return syntax("expected a value, found the end of the text");
    switch (text_[pos_]) {
      case '{': return object();
      case '[': return array();
      case '"': {
        std::string_view body;
        if (kestra_result r = string_body(body)) return r;
        return record_.string_json_escaped(body, entry_depth_);
      }
      case 't': if (take_word("true")) return record_.boolean(true); break;
      case 'f': if (take_word("false")) return record_.boolean(false); break;
      case 'n': if (take_word("null")) return record_.null(); break;
      default:
        if (text_[pos_] == '-' || is_digit(text_[pos_])) return number();
    }
    return syntax("expected a value (NaN, Infinity, comments and single quotes are not JSON)");
  }

  kestra_result object() {
    ++pos_;
    if (kestra_result r = record_.begin_container(ValueKind::object, nullptr)) return r;
    skip_space();
    if (take('}')) return record_.end_container(ValueKind::object);
    for (;;) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return syntax("expected a string key");
      std::string_view key;
      if (kestra_result r = string_body(key)) return r;
      if (kestra_result r = record_.key_json_escaped(key, entry_depth_)) return r;
      skip_space();
      if (!take(':')) return syntax("expected ':' after a key");
      skip_space();
      if (kestra_result r = value()) return r;
      skip_space();
      if (take('}')) return record_.end_container(ValueKind::object);
      if (!take(',')) return syntax("expected ',' or '}' in an object");
    }
  }

  kestra_result array() {
    ++pos_;
    if (kestra_result r = record_.begin_container(ValueKind::array, nullptr)) return r;
    skip_space();
    if (take(']')) return record_.end_container(ValueKind::array);
    for (;;) {
      skip_space();
      if (kestra_result r = value()) return r;
      skip_space();
      if (take(']')) return record_.end_container(ValueKind::array);
      if (!take(',')) return syntax("expected ',' or ']' in an array");
    }
  }

  // Finds the end of the string literal at pos_; `body` is what lies between the
  // quotes, escapes as written (the record decodes and checks them).
  kestra_result string_body(std::string_view &body) {
    const std::size_t start = ++pos_;
    for (std::size_t from = start; from < text_.size();) {
      // The next quote not escaped: one escaped has an odd run of backslashes before it.
      const void *hit = std::memchr(text_.data() + from, '"', text_.size() - from);
      if (!hit) break;
      const std::size_t quote = static_cast<const char *>(hit) - text_.data();
      std::size_t backslashes = 0;
      while (quote - backslashes > start && text_[quote - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) {
        body = text_.substr(start, quote - start);
        pos_ = quote + 1;
        return KESTRA_OK;
      }
      from = quote + 1;
    }
    pos_ = start - 1;
    return syntax("unterminated string");
  }

  // JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  kestra_result number() {
    const std::size_t start = pos_;
    take('-');
    if (take('0')) {
      if (pos_ < text_.size() && is_digit(text_[pos_])) return syntax("leading zeros are not allowed");
    } else if (pos_ < text_.size() && is_digit(text_[pos_])) {
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    } else {
      return syntax("expected digits");
    }
    bool is_float = false;
    if (take('.')) {
      is_float = true;
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) return syntax("expected digits after '.'");
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    if (take('e') || take('E')) {
      is_float = true;
      if (!take('+')) take('-');
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) return syntax("expected digits in the exponent");
      while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    }
    const std::string_view literal = text_.substr(start, pos_ - start);
    if (!is_float) return record_.integer_text(literal);
    if (literal.size() > kMaxNumberDigits)
      return record_.fail_at_entry(KESTRA_ERROR_LIMIT, record_.depth(), "number longer than the server's 1,000 characters");
    double value = 0;
    const auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    if (ec == std::errc::result_out_of_range) {
      // Underflow reads as 0 (as Python and Jackson read it); overflow would be infinite.
      bool overflow = false;
      for (char c : literal) {
        if (c == 'e' || c == 'E') break;
        overflow |= (c >= '1' && c <= '9');
      }
      const auto e = literal.find_first_of("eE");
      overflow = overflow && literal[e + 1] != '-';
      if (overflow)
        return record_.fail_at_entry(KESTRA_ERROR_VALUE, record_.depth(),
                                     fmt::format("{} is beyond the range of a double", literal));
      value = literal[0] == '-' ? -0.0 : 0.0;
    } else if (ec != std::errc() || end != literal.data() + literal.size()) {
      return syntax("malformed number");
    }
    return record_.floating(value);
  }

  Record &record_;
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t entry_depth_;
};

}  // namespace

kestra_result read_json(Record &record, std::string_view text) { return Reader(record, text).run(); }

}  // namespace kestra::detail
