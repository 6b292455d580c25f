// Target (a): the JSON reader and re-emitter (kestra_record_json).
// Input: one mode byte, then the JSON text. Modes put the text where callers do:
// the whole outputs object, a whole message, assets, a value nested in outputs,
// and a metric value. Beyond the line oracle: whatever the reader accepts is
// strict JSON, a syntax error is only reported for text that is not,
// re-reading the produced JSON gives the same bytes (idempotence), and the
// reader's two routes agree (compare_routes).
#include <cstdint>
#include <string>
#include <string_view>

#include "oracle.hpp"

namespace {

enum Mode { kOutputs, kMessage, kAssets, kNested, kMetric, kModes };

// Starts `r` in `mode` and feeds `text` where that mode puts it; returns the
// result of the kestra_record_json call (or of the first call that failed).
kestra_result feed(kestra_record *r, int mode, const char *text, size_t len, kestra_result &json_result,
                   unsigned flags = KESTRA_JSON_DEFAULT) {
  json_result = KESTRA_OK;
  kestra_result res = KESTRA_OK;
  switch (mode) {
    case kOutputs: res = kestra_record_begin_outputs(r); break;
    case kMessage: res = kestra_record_begin_message(r); break;
    case kAssets: res = kestra_record_begin_assets(r); break;
    case kNested:
      res = kestra_record_begin_outputs(r);
      if (!res) res = kestra_record_begin_object(r, nullptr);
      if (!res) res = kestra_record_key(r, "k", KESTRA_CSTR);
      break;
    case kMetric: res = kestra_record_begin_metric(r, KESTRA_METRIC_TIMER, "m", KESTRA_CSTR); break;
  }
  fuzz::require(res == KESTRA_OK, "a begin call failed");
  json_result = kestra_record_json_flags(r, text, len, flags);
  fuzz::require(fuzz::known_result(json_result), "kestra_record_json returned an unknown result");
  fuzz::check_record_state(r);
  if (json_result) return json_result;
  if (mode == kNested) {
    res = kestra_record_end_object(r);
    if (res) return res;
  }
  return kestra_record_finish(r);
}

// The JSON that `mode` fed, as it stands in a finished line.
std::string_view fed_part(int mode, std::string_view line) {
  const std::string_view body = line.substr(2, line.size() - 5);  // between "::" and "::\n"
  switch (mode) {
    case kOutputs: return body.substr(11, body.size() - 12);  // {"outputs":X}
    case kAssets: return body.substr(10, body.size() - 11);   // {"assets":X}
    case kNested: return body.substr(16, body.size() - 18);   // {"outputs":{"k":X}}
    case kMetric: {                                           // ..."value":X,"tags":{}}]}  (13 bytes after X)
      const std::size_t start = body.find("\"value\":") + 8;
      return body.substr(start, body.size() - 13 - start);
    }
    default: return body;
  }
}

// The text as a whole outputs object (copied in one pass, json_copy.cpp) and
// nested under a key (the record's checks, json_reader.cpp): the two routes of
// kestra_record_json must give the same bytes and the same result, in both
// dialects. Only an object can be a whole outputs value, and nesting adds one
// level, so a depth error may stand on one side alone.
void compare_routes(std::string_view text, unsigned flags) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{') return;
  kestra_record *top = kestra_record_new();
  kestra_record *nested = kestra_record_new();
  kestra_result top_json, nested_json;
  const kestra_result top_result = feed(top, kOutputs, text.data(), text.size(), top_json, flags);
  const kestra_result nested_result = feed(nested, kNested, text.data(), text.size(), nested_json, flags);
  if (top_result == KESTRA_OK && nested_result == KESTRA_OK) {
    size_t a = 0, b = 0;
    const std::string_view top_line(kestra_record_line(top, &a), a);
    const std::string_view nested_line(kestra_record_line(nested, &b), b);
    if (fed_part(kOutputs, top_line) != fed_part(kNested, nested_line))
      fuzz::violation("the two routes of kestra_record_json give different bytes",
                      std::string(top_line) + "  vs  " + std::string(nested_line));
  } else if (top_result != nested_result && nested_result != KESTRA_ERROR_DEPTH) {
    fuzz::violation("the two routes of kestra_record_json disagree",
                    std::string(kestra_result_name(top_result)) + " vs " + kestra_result_name(nested_result) +
                        "  <-  " + std::string(text));
  }
  kestra_record_free(top);
  kestra_record_free(nested);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  const int mode = data[0] % kModes;
  const char *text = reinterpret_cast<const char *>(data + 1);
  const size_t len = size - 1;
  const std::string_view input(text, len);

  if (mode == kOutputs) {
    compare_routes(input, KESTRA_JSON_DEFAULT);
    compare_routes(input, KESTRA_JSON_JAVASCRIPT);
  }

  kestra_record *r = kestra_record_new();
  kestra_result json_result;
  const kestra_result result = feed(r, mode, text, len, json_result);
  fuzz::check_record_state(r);

  if (json_result == KESTRA_OK)
    fuzz::require(fuzz::strict_json(input), "the reader accepted a text that is not strict JSON", input);
  if (json_result == KESTRA_ERROR_SYNTAX)
    fuzz::require(!fuzz::strict_json(input), "the reader reports a syntax error in strict JSON", input);

  if (result == KESTRA_OK) {
    size_t line_len = 0;
    const char *line = kestra_record_line(r, &line_len);
    fuzz::require(line != nullptr, "a finished record has no line");
    fuzz::check_line_agreement(line, line_len);

    // Idempotence: the canonical text, fed again the same way, gives the same line.
    const std::string first(line, line_len);
    const std::string canonical(fed_part(mode, first));
    kestra_record *again = kestra_record_new();
    kestra_result json_again;
    const kestra_result result_again = feed(again, mode, canonical.data(), canonical.size(), json_again);
    if (result_again != KESTRA_OK)
      fuzz::violation("the canonical text does not read back",
                      std::string(kestra_record_error(again)) + "  <-  " + canonical);
    size_t len2 = 0;
    const char *line2 = kestra_record_line(again, &len2);
    if (std::string_view(line2, len2) != first)
      fuzz::violation("re-reading the canonical text changes it",
                      first + "  ->  " + std::string(line2, len2));
    kestra_record_free(again);
  }
  kestra_record_free(r);
  return 0;
}
