#include "line_match.hpp"

#include <algorithm>
#include <vector>

#include "json_text.hpp"

namespace kestra::detail {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

std::string excerpt(std::string_view s) { return quote_excerpt_for_message(s, 20); }

// Java's line terminators, which '.' does not match: \n \r U+0085 U+2028 U+2029.
// Returns the byte length of the terminator at s[i], or 0.
std::size_t terminator_at(std::string_view s, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (at(i) == '\n' || at(i) == '\r') return 1;
  if (at(i) == 0xC2 && i + 1 < s.size() && at(i + 1) == 0x85) return 2;
  if (at(i) == 0xE2 && i + 2 < s.size() && at(i + 1) == 0x80 && (at(i + 2) == 0xA8 || at(i + 2) == 0xA9))
    return 3;
  return 0;
}

std::string terminator_name(std::string_view s, std::size_t i) {
  switch (static_cast<unsigned char>(s[i])) {
    case '\n': return "\\n";
    case '\r': return "\\r";
    case 0xC2: return "U+0085";
    default: return static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "U+2028" : "U+2029";
  }
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool is_sgr_char(char c) { return (c >= '0' && c <= '9') || c == ';'; }  // inside ESC [ ... m

// Length of the wrapper (blanks, BOM, ANSI SGR escapes) at the start of s.
std::size_t leading_wrapper(std::string_view s) {
  std::size_t i = 0;
  for (;;) {
    if (i < s.size() && is_blank(s[i])) {
      ++i;
    } else if (s.substr(i, 3) == "\xEF\xBB\xBF") {
      i += 3;
    } else if (s.substr(i, 2) == "\x1b[") {
      std::size_t j = i + 2;
      while (j < s.size() && is_sgr_char(s[j])) ++j;
      if (j >= s.size() || s[j] != 'm') return i;
      i = j + 1;
    } else {
      return i;
    }
  }
}

// Length of the wrapper at the end of s (blanks and ANSI SGR escapes).
std::size_t trailing_wrapper(std::string_view s) {
  std::size_t end = s.size();
  for (;;) {
    if (end > 0 && is_blank(s[end - 1])) {
      --end;
    } else if (end > 0 && s[end - 1] == 'm') {
      std::size_t j = end - 1;
      while (j > 0 && is_sgr_char(s[j - 1])) --j;
      if (j < 2 || s[j - 1] != '[' || s[j - 2] != '\x1b') return s.size() - end;
      end = j - 2;
    } else {
      return s.size() - end;
    }
  }
}

// What wraps the meant line; `side` is "leading" or "trailing".
std::string describe_wrapper(std::string_view w, const std::string &side) {
  if (w.find("\x1b[") != std::string_view::npos) return "an ANSI escape sequence";
  if (w.substr(0, 3) == "\xEF\xBB\xBF") return "a byte order mark";
  if (w.find_first_not_of(' ') == std::string_view::npos)
    return side + (w.size() == 1 ? " space" : " spaces");
  return side + " white space " + excerpt(w);
}

}  // namespace

std::string_view decode_like_java(std::string_view in, std::string &storage, bool &replaced) {
  replaced = false;
  for (std::size_t i = 0; i < in.size();) {
    char32_t cp;
    const std::size_t n = static_cast<unsigned char>(in[i]) < 0x80 ? 1 : decode_utf8(in, i, cp);
    if (n == 0) {
      if (!replaced) storage.assign(in.substr(0, i));
      replaced = true;
      storage += kReplacement;
      i += utf8_invalid_length(in, i);
      continue;
    }
    if (replaced) storage.append(in.substr(i, n));
    i += n;
  }
  return replaced ? std::string_view(storage) : in;
}

ProtocolMatch match_protocol(std::string_view s) {
  ProtocolMatch m;
  std::size_t end = s.size();
  if (end >= 2 && s.substr(end - 2) == "\r\n") {
    end -= 2;
  } else {
    for (std::size_t len : {1u, 2u, 3u}) {
      if (end >= len && terminator_at(s, end - len) == len) {
        m.note =
            "the final " + terminator_name(s, end - len) + " after '}::' is tolerated by the server's '$'";
        end -= len;
        break;
      }
    }
  }
  const std::string_view body = s.substr(0, end);
  if (body.size() < 6 || body.substr(0, 3) != "::{" || body.substr(body.size() - 3) != "}::") return m;
  const std::string_view group = body.substr(2, body.size() - 4);
  for (std::size_t i = 0; i < group.size(); ++i)
    if (terminator_at(group, i)) return m;
  m.matched = true;
  m.group = group;
  return m;
}

std::string_view without_wrapper(std::string_view s, std::size_t &head) {
  head = leading_wrapper(s);
  const std::size_t tail = std::min(trailing_wrapper(s), s.size() - head);
  return s.substr(head, s.size() - head - tail);
}

std::string near_miss_reason(std::string_view s) {
  std::size_t head;
  const std::string_view core = without_wrapper(s, head);
  const std::size_t tail = s.size() - head - core.size();
  const bool starts = core.substr(0, 3) == "::{";
  const bool ends = core.size() >= 3 && core.substr(core.size() - 3) == "}::";
  if (!starts && !ends) return "";

  std::vector<std::string> why;
  if (head) why.push_back(describe_wrapper(s.substr(0, head), "leading") + " before '::{'");
  if (starts && ends && core.size() >= 6) {
    for (std::size_t i = 0; i < core.size(); ++i) {
      if (!terminator_at(core, i)) continue;
      const std::string t = terminator_name(core, i);
      why.push_back(t[0] == '\\' ? "a raw " + t + " inside: the server ends the line there"
                                 : "a raw " + t +
                                       " inside: the server's '.' does not match it (write it as an escape)");
      break;
    }
  } else if (starts) {
    const std::size_t close = core.rfind("}::");
    if (close != std::string_view::npos && close >= 3)
      why.push_back("text " + excerpt(core.substr(close + 3)) + " after '}::'");
    else
      why.push_back("it starts with '::{' but does not end with '}::'");
  } else {
    const std::size_t open = core.find("::{");
    if (open != std::string_view::npos)
      why.push_back("text " + excerpt(core.substr(0, open)) + " before '::{'");
    else
      why.push_back("it ends with '}::' but does not start with '::{'");
  }
  if (tail) why.push_back(describe_wrapper(s.substr(s.size() - tail), "trailing") + " after '}::'");
  if (why.empty()) why.push_back("it does not match ^::(\\{.*})::$");

  std::string out = "not read as protocol data: ";
  for (std::size_t i = 0; i < why.size(); ++i) out += (i ? "; " : "") + why[i];
  return out;
}

}  // namespace kestra::detail
