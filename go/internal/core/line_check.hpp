// line_check: what the Kestra server does with one line of a script's output.
//
// This is the reader's side of PROTOCOL.md Part 1, which is looser than what the
// library writes (Part 2): it answers "would Kestra record this line, and if not,
// why?" for hand-written lines (kestra-emit check) and for whole messages given to
// kestra_record_begin_message (check_message).
#ifndef KESTRA_SRC_LINE_CHECK_HPP
#define KESTRA_SRC_LINE_CHECK_HPP

#include <string>
#include <string_view>
#include <vector>

#include "kestra/kestra.h"

namespace kestra::detail {

struct LineCheck {
    kestra_line_verdict verdict;
    std::string reason;  // one line, pure ASCII
};

// The whole Part 1 judgement of one line (given without its line terminator):
// regex match, near misses, strict JSON, and the typed rules for each key.
LineCheck check_line(std::string_view line);

// For a JSON object text: would the server decode and record it?
// Returns "" if yes. Otherwise "PATH: REASON", where PATH reads like
// ['metrics'][0]['value'] and is empty for the root, so the result starts with
// ": " there; a caller prefixes its own name ("message" + result).
// Entries the server drops with a warning (a log without a level) still count as
// recorded here; analyse_message lists them as notes.
std::string check_message(std::string_view json_object);

// check_message with the details: `error` as check_message returns it, `notes`
// for what the server does silently (ignored keys, dropped entries, coercions),
// `summary` for what it records ("outputs: 2 keys").
struct MessageCheck {
    std::string error;
    bool endangers = false;  // the error can stop the worker's reader (a null metric value)
    std::vector<std::string> notes;
    std::string summary;
};
MessageCheck analyse_message(std::string_view json_object);

}  // namespace kestra::detail

#endif  // KESTRA_SRC_LINE_CHECK_HPP
