// The addon's Summary class: the core's kestra_summary (what Kestra stores from a
// script's output) for @kestra-io/libs/testing. Registered by kestra_node.cc.
#pragma once

#include <napi.h>

namespace kestra_node {

// Adds the constructor `Summary` to the addon's exports.
void AddSummary(Napi::Env env, Napi::Object exports);

}  // namespace kestra_node
