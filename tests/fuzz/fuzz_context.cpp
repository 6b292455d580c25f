// Target (e): the execution context (kestra_context_load / kestra_context_get):
// the base64 decoder, the strict JSON object check and the path walk. Input: a
// mode byte, a path, a NUL byte, then the context text. Mode bit 0 clear: the
// text is base64-encoded here and given as $KESTRA_CONTEXT (the JSON side);
// set: given as it is (the decoder's side). Loading must give a known result
// with a one-line ASCII message, hand back exactly the decoded text, and every
// value found by a path must be strict ASCII JSON (or a string), found again the
// same under {"v": ...}.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "oracle.hpp"

namespace {

std::string base64(std::string_view in) {
  static const char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    for (int k = 18; k >= 0; k -= 6) out.push_back(kDigits[(v >> k) & 63]);
  }
  if (i + 1 == in.size()) {
    const unsigned v = (unsigned char)in[i] << 16;
    out += {kDigits[v >> 18], kDigits[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
    out += {kDigits[v >> 18], kDigits[(v >> 12) & 63], kDigits[(v >> 6) & 63], '='};
  }
  return out;
}

using Handle = std::unique_ptr<kestra_context, decltype(&kestra_context_free)>;

kestra_result load(kestra_context *ctx, const std::string &env_value) {
  setenv("KESTRA_EXECUTION_CONTEXT_FILE", "/nonexistent/fuzz-context.json", 1);
  setenv("KESTRA_CONTEXT", env_value.c_str(), 1);
  return kestra_context_load(ctx, nullptr, 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  const std::string_view input(reinterpret_cast<const char *>(data + 1), size - 1);
  const std::size_t nul = input.find('\0');
  if (nul == std::string_view::npos) return 0;
  const std::string path(input.substr(0, nul));
  const std::string text(input.substr(nul + 1));
  const bool raw = data[0] & 1;

  Handle ctx(kestra_context_new(), &kestra_context_free);
  const std::string env_value = raw ? std::string(text.c_str()) : base64(text);  // setenv stops at a NUL
  const kestra_result r = load(ctx.get(), env_value);
  if (r != KESTRA_OK) {
    fuzz::require(r == KESTRA_ERROR_VALUE || r == KESTRA_ERROR_UNICODE || r == KESTRA_ERROR_SYNTAX ||
                      r == KESTRA_ERROR_DEPTH || r == KESTRA_ERROR_TYPE ||
                      (r == KESTRA_ERROR_NOT_FOUND && env_value.empty()),
                  "unexpected load result", kestra_result_name(r));
    fuzz::check_error_message(kestra_context_error(ctx.get()));
    fuzz::require(!raw || r != KESTRA_ERROR_VALUE || !env_value.empty(), "empty text refused as base64");
    size_t failed_len = 1;
    fuzz::require(*kestra_context_json(ctx.get(), &failed_len) == '\0' && failed_len == 0 &&
                      *kestra_context_source(ctx.get()) == '\0',
                  "a failed load left its text or source on the handle");
    return 0;
  }
  size_t len = 0;
  const char *json = kestra_context_json(ctx.get(), &len);
  fuzz::require(json != nullptr && json[len] == '\0', "the context text is not NUL-terminated");
  if (!raw)
    fuzz::require(std::string_view(json, len) == text, "the context text differs from the input", text);
  fuzz::require(fuzz::strict_json(std::string_view(json, len)), "a loaded context is not strict JSON", text);

  const char *value = nullptr;
  size_t value_len = 0;
  int is_string = 0;
  fuzz::require(kestra_context_get(ctx.get(), "", 0, &value, &value_len, &is_string) == KESTRA_OK,
                "the whole context is not found");
  const kestra_result g =
      kestra_context_get(ctx.get(), path.data(), path.size(), &value, &value_len, &is_string);
  if (g != KESTRA_OK) {
    fuzz::require(g == KESTRA_ERROR_NOT_FOUND || g == KESTRA_ERROR_VALUE, "unexpected get result",
                  kestra_result_name(g));
    fuzz::require(value == nullptr && value_len == 0, "a failed get left a value");
    fuzz::check_error_message(kestra_context_error(ctx.get()));
    return 0;
  }
  const std::string found(value, value_len);
  if (is_string) return 0;
  for (char c : found) fuzz::require(c >= 0x20 && c <= 0x7e, "a value is not printable ASCII", found);
  fuzz::require(fuzz::strict_json(found), "a value is not strict JSON", found);

  // The same value, one level down, reads back the same (it nests one level deeper).
  Handle again(kestra_context_new(), &kestra_context_free);
  const kestra_result a = load(again.get(), base64("{\"v\":" + found + "}"));
  if (a == KESTRA_ERROR_DEPTH) return 0;
  fuzz::require(a == KESTRA_OK, "a value found does not load again", found);
  fuzz::require(kestra_context_get(again.get(), "v", 1, &value, &value_len, &is_string) == KESTRA_OK &&
                    !is_string && std::string_view(value, value_len) == found,
                "a value found does not read back the same", found);
  return 0;
}
