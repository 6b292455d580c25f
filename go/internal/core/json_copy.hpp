// The fast route for an outputs value given as JSON text (kestra_record_json at
// the top of an outputs record), where no rule applies but strict JSON, valid
// Unicode, the server's limits and our canonical bytes. It copies the text in
// one pass instead of feeding each token to the record's checks (json_reader),
// which takes about twice as long on a large value (1 MB of records: 3.5 ms
// against 1.7 ms).
#pragma once

#include <string>
#include <string_view>

#include "json_text.hpp"

namespace kestra::detail {

// Appends the canonical bytes of the JSON object in `text` to `out` and returns
// true; or returns false with `out` as it was, for anything it does not take
// (an error, a number out of range...): the caller then reads the text with
// read_json, which says what is wrong. Whenever it takes a text, it writes the
// same bytes as read_json (the same helpers write each string and number;
// tests/fuzz compares the two routes).
bool copy_outputs_json(std::string &out, std::string_view text, JsonDialect dialect);

}  // namespace kestra::detail
