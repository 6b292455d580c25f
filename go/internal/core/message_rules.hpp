// The typed rules (docs/PROTOCOL.md Part 2 item 6) for a whole message given to
// format(): {"outputs":…, "metrics":[…], "logs":[…], "assets":{…}}. The record
// has already checked it is strict JSON within the limits; this checks that each
// part has the shape and values the typed begin_* calls would have required.
#pragma once

#include <string>
#include <string_view>

#include "kestra/kestra.h"

namespace kestra::detail {

struct MessageProblem {
  kestra_result code = KESTRA_OK;
  std::string field;  // "message['metrics'][0]['value']"
  std::string reason;
};

// KESTRA_OK in .code when the canonical JSON object `json` is a valid message.
MessageProblem check_message_rules(std::string_view json);

}  // namespace kestra::detail
