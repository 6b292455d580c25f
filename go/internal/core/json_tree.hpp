// A small JSON tree for the two places that judge a whole message after the
// fact: the line checker (what the server records) and format()'s typed rules.
// Numbers keep their text (Jackson reads integers of any size), strings are
// decoded to UTF-8 with a lone surrogate escape read as U+FFFD (Java keeps it in
// its String; for judging a line only its presence matters).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_text.hpp"

namespace kestra::detail {

struct JsonNode {
  enum Kind { null, boolean, number, string, array, object } kind = null;
  bool flag = false;                                      // a boolean's value
  std::string text;                                       // a string's value (UTF-8) or a number's text
  std::vector<std::pair<std::string, JsonNode>> members;  // in document order
  std::vector<JsonNode> items;
};

// Why a text is not a tree; each but `syntax` is one of Jackson's limits or
// string rules, which the line checker words itself.
enum class JsonProblem {
  none,
  syntax,           // the grammar (json_parser.hpp): `error` says what
  too_deep,         // more than max_depth containers
  bad_escape,       // a backslash not followed by a JSON escape
  raw_control,      // a control character not escaped, in a string or key
  string_too_long,  // over kMaxStringUnits UTF-16 units
  number_too_long,  // over kMaxNumberDigits digits
};

struct JsonTree {
  JsonNode root;
  std::size_t end = 0;  // where the first value ends in the input (before white space)
  JsonProblem problem = JsonProblem::none;
  std::string error;            // "" when the value is strict JSON within the limits
  std::size_t error_at = 0;     // the byte of `text` the problem is at
  bool lone_surrogate = false;  // a \ud800-like escape was read (as U+FFFD)
};

// Parses the first JSON value of `text` (text after it is left alone: the caller
// decides). Nesting is limited to `max_depth` containers, strings and numbers to
// Jackson's limits (json_text.hpp).
JsonTree parse_json_tree(std::string_view text, std::size_t max_depth);

const char *json_kind_name(JsonNode::Kind kind);  // "an object", "a string", "null", ...

// The paths of errors and notes: base['key'] (quoted as in every message) and base[3].
inline std::string key_path(const std::string &base, std::string_view key) {
  return base + "[" + quote_for_message(key) + "]";
}
inline std::string index_path(const std::string &base, std::size_t index) {
  return base + "[" + std::to_string(index) + "]";
}

// The member `key` of an object node (the last one when repeated, as Jackson
// keeps it); nullptr when absent.
const JsonNode *json_member(const JsonNode &object, std::string_view key);

}  // namespace kestra::detail
