// The server's typed reading of a decoded protocol message (docs/PROTOCOL.md
// Part 1): what it records from {outputs, metrics, logs, assets}, what it does
// silently, and what makes it drop the line or endangers the worker.
#pragma once

#include <string>
#include <vector>

#include "json_tree.hpp"

namespace kestra::detail {

struct MessageJudgement {
  std::string error;               // "PATH: REASON" (PATH like ['metrics'][0]['value']); "" when recorded
  std::vector<std::string> notes;  // what the server does silently: ignored keys, dropped entries
  std::string summary;             // what it records: "outputs: 2 keys, metrics: counter 'rows'"
};

MessageJudgement judge_message(const JsonNode &root);

}  // namespace kestra::detail
