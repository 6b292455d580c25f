// Why Jackson refuses the JSON text of a protocol line, worded so that the
// person who wrote the line can fix it ("NaN is not allowed", "single quotes
// are not JSON"). The grammar and the limits are the core's (json_parser.hpp,
// json_tree.cpp); this only finds the words for where they stopped.
#pragma once

#include <string>
#include <string_view>

#include "json_tree.hpp"

namespace kestra::detail {

// The reason `tree` (parsed from `text`) failed, without its position; `at`
// gets the byte of `text` to point at (where a bad number or word begins).
std::string json_refusal(std::string_view text, const JsonTree &tree, std::size_t &at);

}  // namespace kestra::detail
