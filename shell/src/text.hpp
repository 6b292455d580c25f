// Quoting user text in kestra-emit's own messages, the way the core quotes
// names in its messages (kestra_quote_for_message): the core's wording, not a copy.
#ifndef KESTRA_EMIT_TEXT_HPP
#define KESTRA_EMIT_TEXT_HPP

#include <string>
#include <string_view>

namespace emit {

// 'text' quoted for a one-line message: ' and \ escaped, controls and non-ASCII
// as JSON escapes (\n, \u00e9), invalid bytes as \xff.
std::string quote(std::string_view text);

}  // namespace emit

#endif
