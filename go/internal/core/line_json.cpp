#include "line_json.hpp"

#include <cstdio>

#include "json_parser.hpp"
#include "json_text.hpp"

namespace kestra::detail {
namespace {

std::string excerpt(std::string_view s) { return quote_excerpt_for_message(s, 20); }

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word_char(char c) { return is_letter(c) || is_json_digit(c) || c == '_' || c == '$'; }
bool is_number_char(char c) {
  return is_json_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// A bare word at text[at] where a value or key was expected: NaN, Infinity, an
// unquoted key.
std::string bare_word(std::string_view text, std::size_t at) {
  std::size_t end = at + (text[at] == '-' ? 1 : 0);
  while (end < text.size() && is_word_char(text[end])) ++end;
  const std::string_view w = text.substr(at, end - at);
  if (w == "NaN" || w == "Infinity" || w == "-Infinity") return std::string(w) + " is not allowed";
  return "unexpected " + excerpt(w) + " (strings and keys need double quotes)";
}

// A syntax error where the grammar stopped (text[at]); `at` moves to the start
// of the bad number or word.
std::string syntax_refusal(std::string_view text, std::size_t &at, const std::string &grammar) {
  if (at >= text.size()) return "the JSON object is not closed before the end of the line";
  // Inside a number, or right after one ("1.5.", "01"): the whole token is refused.
  const bool in_number = grammar.rfind("expected digits", 0) == 0 || grammar.rfind("leading zeros", 0) == 0 ||
                         (at > 0 && is_number_char(text[at]) && is_number_char(text[at - 1]));
  if (in_number) {
    while (at > 0 && is_number_char(text[at - 1])) --at;
    if (text[at] == '-' && at + 1 < text.size() && is_letter(text[at + 1])) return bare_word(text, at);
    std::size_t end = at;
    while (end < text.size() && is_number_char(text[end])) ++end;
    return "invalid number " + excerpt(text.substr(at, end - at));
  }
  const char c = text[at];
  if (c == '"' && grammar == "unterminated string") return "a string is not closed";
  if (c == '\'') return "single quotes are not JSON (use double quotes)";
  if (c == '/' || c == '#') return "comments are not JSON";
  if (c == '+') return "a number may not start with '+'";
  if (c == '.') return "a number may not start with '.'";
  if (is_letter(c) || c == '_' || c == '$') return bare_word(text, at);
  if (grammar.rfind("expected a value", 0) == 0) {
    char32_t cp;
    const std::size_t n = static_cast<unsigned char>(c) < 0x80 ? 1 : decode_utf8(text, at, cp);
    return "unexpected character " + excerpt(text.substr(at, n ? n : 1));
  }
  return grammar;
}

// A string problem at the backslash or control character text[at].
std::string string_refusal(std::string_view text, std::size_t at, JsonProblem problem) {
  if (problem == JsonProblem::raw_control) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "a raw control character U+%04X in a string",
                  static_cast<unsigned>(static_cast<unsigned char>(text[at])));
    return buf;
  }
  if (at + 1 < text.size() && text[at + 1] == 'u') return "invalid \\u escape";
  return "invalid escape: " + excerpt(text.substr(at + 1, 1)) + " after a backslash";
}

static_assert(kMaxDepth == 1000 && kMaxStringUnits == 20000000 && kMaxNumberDigits == 1000,
              "the reasons below name Jackson's limits");

}  // namespace

std::string json_refusal(std::string_view text, const JsonTree &tree, std::size_t &at) {
  at = tree.error_at;
  switch (tree.problem) {
    case JsonProblem::none: return "";
    case JsonProblem::syntax: return syntax_refusal(text, at, tree.error);
    case JsonProblem::too_deep: return "nesting deeper than 1,000 levels";
    case JsonProblem::bad_escape:
    case JsonProblem::raw_control: return string_refusal(text, tree.error_at, tree.problem);
    case JsonProblem::string_too_long: return "a string longer than 20,000,000 characters";
    case JsonProblem::number_too_long: return "a number longer than 1,000 digits";
  }
  return tree.error;
}

}  // namespace kestra::detail
