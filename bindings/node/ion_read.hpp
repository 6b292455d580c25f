// The rows of an Ion file as JS objects (Kestra.read): ionOpen(path) gives a
// handle, ionNext(handle) the next row or undefined at the end.
#pragma once

#include <node_api.h>

namespace kestra_node {

napi_value IonOpen(napi_env env, napi_callback_info info);
napi_value IonNext(napi_env env, napi_callback_info info);

}  // namespace kestra_node
