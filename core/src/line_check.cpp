// kestra_check_line: what the Kestra server does with one line of a script's
// output (docs/PROTOCOL.md Part 1), for hand-written lines (kestra-emit check).
// Each step is the server's, in its own file:
//   line_match.cpp  Java's UTF-8 decoding, the regex ^::(\{.*})::$, near misses
//   json_tree.cpp   the first JSON value: the core's grammar, Jackson's limits
//   line_json.cpp   the words for a refusal of that JSON
//   line_rules.cpp  the typed rules for outputs, metrics, logs and assets
// The UTF-16 twin first writes its units as UTF-8, a lone surrogate as U+FFFD
// (binding_input.cpp), then takes the same steps.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "binding_input.hpp"
#include "json_text.hpp"
#include "json_tree.hpp"
#include "kestra/kestra.h"
#include "line_check.hpp"
#include "line_json.hpp"
#include "line_match.hpp"
#include "line_rules.hpp"

namespace kestra::detail {
namespace {

struct GroupReading {
  MessageJudgement judgement;  // .error also holds a JSON refusal, with its column
  std::string trailing;        // text after the first JSON value
  bool lone_surrogate = false;
};

// The captured group {...}; `column` is the 1-based column of its first byte.
GroupReading read_group(std::string_view group, std::size_t column) {
  GroupReading out;
  const JsonTree tree = parse_json_tree(group, kMaxDepth);
  if (tree.problem != JsonProblem::none) {
    std::size_t at;
    const std::string why = json_refusal(group, tree, at);
    out.judgement.error = "not strict JSON at column " + std::to_string(at + column) + ": " + why;
    return out;
  }
  out.trailing = std::string(group.substr(tree.end));
  out.lone_surrogate = tree.lone_surrogate;
  out.judgement = judge_message(tree.root);
  return out;
}

// For a near miss whose only fault is what wraps it: would its JSON be recorded?
// So a person learns every problem of the line at once.
std::string once_unwrapped(std::string_view line) {
  std::size_t head;
  const ProtocolMatch m = match_protocol(without_wrapper(line, head));
  if (!m.matched) return "";
  const std::string &error = read_group(m.group, head + 3).judgement.error;
  if (error.empty()) return "; without it the line would be recorded";
  return "; without it the line would still be rejected: " + error;
}

// The line as the server's String holds it (valid UTF-8), and what was replaced
// on the way there, for the reason.
struct Received {
  std::string_view text;
  bool non_ascii = false;      // the line as given holds non-ASCII text
  std::string replaced_after;  // appended to a rejection; "" when nothing was replaced
  std::string replaced_note;   // a note of a recorded line; "" when nothing was replaced
};

LineCheck judge(const Received &in) {
  const ProtocolMatch m = match_protocol(in.text);
  if (!m.matched) {
    const std::string why = near_miss_reason(in.text);
    if (why.empty()) return {KESTRA_LINE_TEXT, "not protocol data: logged as text"};
    return {KESTRA_LINE_NEAR_MISS, why + once_unwrapped(in.text)};
  }

  const GroupReading read = read_group(m.group, 3);
  if (!read.judgement.error.empty()) return {KESTRA_LINE_REJECTED, read.judgement.error + in.replaced_after};
  std::vector<std::string> notes;
  if (!in.replaced_note.empty()) notes.push_back(in.replaced_note);
  if (!read.trailing.empty())
    notes.push_back("text " + quote_excerpt_for_message(read.trailing, 20) +
                    " after the first JSON object is ignored");
  if (!m.note.empty()) notes.push_back(m.note);
  if (read.lone_surrogate) notes.push_back("a lone surrogate escape (\\ud800) reaches the server as is");
  notes.insert(notes.end(), read.judgement.notes.begin(), read.judgement.notes.end());
  if (in.non_ascii)
    notes.push_back("raw non-ASCII text can be corrupted by the Docker runner (escape it as \\u00e9)");
  std::string reason = read.judgement.summary;
  for (const auto &n : notes) reason += "; " + n;
  return {KESTRA_LINE_RECORDED, reason};
}

}  // namespace

// Bytes, as the server reads them: invalid UTF-8 replaced by U+FFFD.
LineCheck check_line(std::string_view line) {
  std::string storage;
  bool replaced;
  Received in;
  in.text = decode_like_java(line, storage, replaced);
  in.non_ascii =
      std::any_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (replaced) {
    in.replaced_after = " (after invalid UTF-8 was replaced by U+FFFD)";
    in.replaced_note = "invalid UTF-8 is replaced by U+FFFD on the server";
  }
  return judge(in);
}

// UTF-16 units, as they reach the server once written as UTF-8: a lone
// surrogate has no UTF-8 form and is read as the U+FFFD a replacing encoder
// writes for it (kestra.h, kestra_check_line_utf16).
LineCheck check_line_utf16(const std::uint16_t *units, std::size_t len) {
  std::string utf8;
  std::uint16_t first = 0;
  const std::size_t lone = utf16_to_utf8_replacing(units, len, utf8, first);
  Received in;
  in.text = utf8;
  in.non_ascii = std::any_of(units, units + len, [](std::uint16_t u) { return u >= 0x80; });
  if (lone) {
    char unit[8];
    std::snprintf(unit, sizeof unit, "U+%04X", static_cast<unsigned>(first));
    const std::string which = lone == 1 ? std::string("a lone surrogate (") + unit + ")"
                                        : std::to_string(lone) + " lone surrogates (the first " + unit + ")";
    in.replaced_after = " (after " + which + (lone == 1 ? " was" : " were") + " replaced by U+FFFD)";
    in.replaced_note = which + (lone == 1 ? " has" : " have") +
                       " no UTF-8 form: the server gets U+FFFD, as Node's stdout writes it";
  }
  return judge(in);
}

namespace {

// Copies as much of `text` as fits, NUL-terminated, and reports its full length.
void give_reason(std::string_view text, char *reason, size_t reason_cap, size_t *reason_len) {
  if (reason_len) *reason_len = text.size();
  if (!reason || reason_cap == 0) return;
  const std::size_t n = std::min(text.size(), reason_cap - 1);
  std::memcpy(reason, text.data(), n);
  reason[n] = '\0';
}

}  // namespace
}  // namespace kestra::detail

extern "C" KESTRA_API kestra_line_verdict kestra_check_line(const char *line, size_t len, char *reason,
                                                            size_t reason_cap, size_t *reason_len) {
  try {
    if (!line) len = 0;
    if (len == KESTRA_CSTR) len = std::strlen(line);
    const auto c = kestra::detail::check_line(std::string_view(line ? line : "", len));
    kestra::detail::give_reason(c.reason, reason, reason_cap, reason_len);
    return c.verdict;
  } catch (...) {  // no exception crosses the C ABI (bad_alloc on a huge line)
    kestra::detail::give_reason("out of memory while checking the line", reason, reason_cap, reason_len);
    return KESTRA_LINE_REJECTED;
  }
}

extern "C" KESTRA_API kestra_line_verdict kestra_check_line_utf16(const uint16_t *line, size_t len,
                                                                  char *reason, size_t reason_cap,
                                                                  size_t *reason_len) {
  try {
    if (!line) len = 0;
    if (len == KESTRA_CSTR) {
      len = 0;
      while (line[len]) ++len;
    }
    const auto c = kestra::detail::check_line_utf16(line, len);
    kestra::detail::give_reason(c.reason, reason, reason_cap, reason_len);
    return c.verdict;
  } catch (...) {  // as kestra_check_line
    kestra::detail::give_reason("out of memory while checking the line", reason, reason_cap, reason_len);
    return KESTRA_LINE_REJECTED;
  }
}
