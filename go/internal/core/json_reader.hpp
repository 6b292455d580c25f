// Reading a JSON text into a record (kestra_record_json): parse strictly, check with
// the same rules as the value calls, and write our canonical bytes.
#pragma once

#include <string_view>

#include "json_text.hpp"
#include "kestra/kestra.h"

namespace kestra::detail {

class Record;

// Feeds the one JSON value in `text` to `record` as the next value.
//
// Why a reader of our own rather than simdjson: it transcodes strings and numbers straight from the input
// into the record's buffer in one pass (no padded copy of a 100 MB text, no unescape then escape), keeps
// integers of any size exactly, and rejects what Jackson rejects (raw control characters in strings, leading
// zeros) so "valid here" means "read there". (Debian ships simdjson only as a shared library, and its DOM
// refuses integers past 64 bits and 1e400, which Jackson reads; see DESIGN.md.) In the javascript dialect
// numbers are doubles and null fails (see kestra.h).
kestra_result read_json(Record &record, std::string_view text, JsonDialect dialect);

}  // namespace kestra::detail
