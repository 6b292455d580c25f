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

namespace kestra::detail {

struct JsonNode {
  enum Kind { null, boolean, number, string, array, object } kind = null;
  bool flag = false;       // a boolean's value
  std::string text;        // a string's value (UTF-8) or a number's text
  std::vector<std::pair<std::string, JsonNode>> members;  // in document order
  std::vector<JsonNode> items;
};

struct JsonTree {
  JsonNode root;
  std::size_t end = 0;  // where the first value ends in the input
  std::string error;    // "" when the value is strict JSON
  std::size_t error_at = 0;
};

// Parses the first JSON value of `text` (text after it is left alone: the caller
// decides). Nesting is limited to `max_depth` containers.
JsonTree parse_json_tree(std::string_view text, std::size_t max_depth);

const char *json_kind_name(JsonNode::Kind kind);  // "an object", "a string", "null", ...

}  // namespace kestra::detail
