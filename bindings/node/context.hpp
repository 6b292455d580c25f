// The execution context function of the addon (context.cc).
#pragma once

#include <napi.h>

namespace kestra_node {

// loadContext(path?) -> { text, source }; throws the core's error (code ENOENT
// when there is no context, ERR_KESTRA_<KIND> otherwise; `kind` the core's name).
Napi::Value LoadContext(const Napi::CallbackInfo &info);

}  // namespace kestra_node
