// The server's first steps on one line of a script's output (docs/PROTOCOL.md
// Part 1): it decodes the stream as UTF-8 with replacement, then runs
// Pattern "^::(\{.*})::$" with find(). And, for a line that does not match but
// looks meant, why not.
#pragma once

#include <string>
#include <string_view>

namespace kestra::detail {

// The line as the server's String holds it: invalid UTF-8 replaced by U+FFFD
// (one per maximal invalid subpart, as Java's decoder does). Returns `line`
// itself when it is valid, else a view of `storage`.
std::string_view decode_like_java(std::string_view line, std::string &storage, bool &replaced);

struct ProtocolMatch {
  bool matched = false;
  std::string_view group;  // "{...}", within the line
  std::string note;        // a final terminator tolerated by Java's '$'
};

// ^::(\{.*})::$ on decoded text: '.' excludes \n \r U+0085 U+2028 U+2029, and
// '$' (without MULTILINE) also matches just before a terminator ending the input.
ProtocolMatch match_protocol(std::string_view line);

// Why a line that does not match looks meant as protocol data ("not read as
// protocol data: ..."); "" when it does not look meant.
std::string near_miss_reason(std::string_view line);

// The line without what wraps it (blanks, a byte order mark, ANSI colour codes);
// `head` gets the length of what was cut at the start.
std::string_view without_wrapper(std::string_view line, std::size_t &head);

}  // namespace kestra::detail
