// The C ABI of kestra_summary: argument checks and the exception wall, as in c_api.cpp.
#include <cstring>
#include <new>
#include <string>

#include "kestra/kestra.h"
#include "script_summary.hpp"

struct kestra_summary {
  explicit kestra_summary(bool keep_rows) : impl(keep_rows) {}
  kestra::detail::ScriptSummary impl;
  std::string view;            // the text last returned (json, text or rows)
  bool out_of_memory = false;  // a line was lost: every later add, feed or end fails
};

namespace {

bool valid_stream(int stream) { return stream == KESTRA_STREAM_STDOUT || stream == KESTRA_STREAM_STDERR; }

template <typename Op>
kestra_result guarded(kestra_summary *summary, int stream, Op op) {
  if (!summary || !valid_stream(stream)) return KESTRA_ERROR_USAGE;
  if (summary->out_of_memory) return KESTRA_ERROR_NO_MEMORY;
  try {
    op(summary->impl);
    return KESTRA_OK;
  } catch (...) {  // std::bad_alloc, or std::length_error past max_size
    summary->out_of_memory = true;
    return KESTRA_ERROR_NO_MEMORY;
  }
}

// Keeps `make()`'s text on the handle and lends it out.
template <typename Make>
const char *lend(kestra_summary *summary, size_t *len, Make make) {
  if (len) *len = 0;
  if (!summary) return nullptr;
  try {
    summary->view = make(summary->impl);
  } catch (...) {
    summary->view.clear();
    return nullptr;
  }
  if (len) *len = summary->view.size();
  return summary->view.c_str();
}

}  // namespace

extern "C" {

KESTRA_API kestra_summary *kestra_summary_new(unsigned options) {
  return new (std::nothrow) kestra_summary((options & KESTRA_SUMMARY_ROWS) != 0);
}

KESTRA_API void kestra_summary_free(kestra_summary *summary) { delete summary; }

KESTRA_API kestra_result kestra_summary_add_line(kestra_summary *summary, int stream, const char *line,
                                                 size_t len, kestra_line_verdict *verdict) {
  if (!line)
    len = 0;
  else if (len == KESTRA_CSTR)
    len = std::strlen(line);
  return guarded(summary, stream, [&](kestra::detail::ScriptSummary &s) {
    const kestra_line_verdict v = s.add_line(stream, std::string_view(line ? line : "", len));
    if (verdict) *verdict = v;
  });
}

KESTRA_API kestra_result kestra_summary_feed(kestra_summary *summary, int stream, const char *data,
                                             size_t len) {
  if (!data)
    len = 0;
  else if (len == KESTRA_CSTR)
    len = std::strlen(data);
  return guarded(summary, stream, [&](kestra::detail::ScriptSummary &s) {
    s.feed(stream, std::string_view(data ? data : "", len));
  });
}

KESTRA_API kestra_result kestra_summary_end(kestra_summary *summary, int stream) {
  return guarded(summary, stream, [&](kestra::detail::ScriptSummary &s) { s.end(stream); });
}

KESTRA_API size_t kestra_summary_problems(const kestra_summary *summary) {
  return summary ? summary->impl.problems().size() : 0;
}

KESTRA_API const char *kestra_summary_json(kestra_summary *summary, size_t *len) {
  return lend(summary, len, [](const kestra::detail::ScriptSummary &s) { return s.json(); });
}

KESTRA_API const char *kestra_summary_text(kestra_summary *summary, unsigned flags, size_t *len) {
  return lend(summary, len, [&](const kestra::detail::ScriptSummary &s) {
    return s.text((flags & KESTRA_SUMMARY_COLOR) != 0);
  });
}

KESTRA_API const char *kestra_summary_take_rows(kestra_summary *summary, unsigned flags, size_t *len) {
  return lend(summary, len, [&](kestra::detail::ScriptSummary &s) {
    return s.take_rows((flags & KESTRA_SUMMARY_COLOR) != 0);
  });
}

}  // extern "C"
