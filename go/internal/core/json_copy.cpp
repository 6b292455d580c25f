#include "json_copy.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "json_parser.hpp"
#include "json_text.hpp"
#include "plain_text.hpp"

namespace kestra::detail {
namespace {

const char *skip_space(const char *p, const char *end) {
  while (p < end && is_json_space(*p)) ++p;
  return p;
}

// One pass over the text, writing straight into `out` past `mark`. The cursors
// are locals so the compiler keeps them in registers (a char store may alias
// anything in memory). Anything unusual (an error, a long number, a float out of
// range) returns false.
bool copy(std::string &out, std::size_t mark, std::string_view text, JsonDialect dialect) {
  const bool javascript = dialect == JsonDialect::javascript;
  constexpr std::size_t kSlack = 64;
  const char *p = text.data();
  const char *const end = p + text.size();
  out.resize(mark + text.size() + kSlack);
  char *o = out.data() + mark;
  char *room_end = out.data() + out.size();
  // Room for n more bytes at o; the string's size is the room, grown by doubling.
  const auto room = [&](std::size_t n) {
    if (static_cast<std::size_t>(room_end - o) >= n) return;
    const std::size_t at = static_cast<std::size_t>(o - out.data());
    out.resize(std::max(out.size() * 2, at + n + kSlack));
    o = out.data() + at;
    room_end = out.data() + out.size();
  };
  // The string literal at p (its quote).
  const auto string = [&] {
    const char *body = p + 1;
    const char *stop = skip_plain(body, end);
    if (stop < end && *stop == '"') {  // plain ASCII: copied as it is
      const std::size_t n = static_cast<std::size_t>(stop - body);
      if (n > kMaxStringUnits) return false;  // its UTF-16 length is its byte length
      room(n + 2);
      std::memcpy(o, p, n + 2);
      o += n + 2;
      p = stop + 1;
      return true;
    }
    // No quote or backslash before `stop`: the body may as well start there.
    const std::size_t quote = find_string_end(text, static_cast<std::size_t>(stop - text.data()));
    if (quote == std::string_view::npos) return false;
    const char *close = text.data() + quote;
    const std::string_view escaped(body, static_cast<std::size_t>(close - body));
    room(kMaxJsonEscapedGrowth * escaped.size() + 2);
    TextError error = TextError::none;
    char *written = write_string_json_escaped(o, escaped, error);
    if (!written) return false;
    o = written;
    p = close + 1;
    return true;
  };
  const auto key = [&] {
    p = skip_space(p, end);
    if (p == end || *p != '"' || !string()) return false;
    p = skip_space(p, end);
    if (p == end || *p != ':') return false;
    ++p;
    room(1);
    *o++ = ':';
    return true;
  };
  const auto number = [&] {
    bool is_float = false;
    std::size_t pos = static_cast<std::size_t>(p - text.data());
    if (scan_number(text, pos, is_float)) return false;
    const char *stop = text.data() + pos;
    const std::string_view literal(p, static_cast<std::size_t>(stop - p));
    room(literal.size() + kMaxDoubleChars);
    NumberTextError error = NumberTextError::none;
    char *written = write_json_number(o, literal, is_float, dialect, error);
    if (!written) return false;  // read_json words the error
    o = written;
    p = stop;
    return true;
  };
  const auto word = [&](const char *w, std::size_t n) {
    if (static_cast<std::size_t>(end - p) < n || std::memcmp(p, w, n) != 0) return false;
    room(n);
    std::memcpy(o, w, n);
    o += n;
    p += n;
    return true;
  };

  // The containers open, innermost last: '{' or '['. The {"outputs":…} wrapper
  // is one more level of the line's depth.
  char open[kMaxDepth];
  std::size_t depth = 0;
  p = skip_space(p, end);
  if (p == end || *p != '{') return false;  // outputs are an object
  for (;;) {
    // A value is due.
    p = skip_space(p, end);
    if (p == end) return false;
    const char c = *p;
    if (c == '{' || c == '[') {
      if (depth + 1 + 1 > kMaxDepth) return false;
      open[depth++] = c;
      ++p;
      room(2);
      *o++ = c;
      p = skip_space(p, end);
      const char close = c == '{' ? '}' : ']';
      if (p < end && *p == close) {
        ++p;
        *o++ = close;
        --depth;
      } else {
        if (c == '{' && !key()) return false;
        continue;
      }
    } else if (c == '"') {
      if (!string()) return false;
    } else if (c == '-' || is_json_digit(c)) {
      if (!number()) return false;
    } else if (!word("true", 4) && !word("false", 5) && (javascript || !word("null", 4))) {
      return false;
    }
    // A value is complete: then a comma, closing brackets, or the end.
    for (;;) {
      p = skip_space(p, end);
      if (depth == 0) {
        if (p != end) return false;
        out.resize(static_cast<std::size_t>(o - out.data()));
        return true;
      }
      if (p == end) return false;
      const char next = *p++;
      room(1);
      if (next == ',') {
        *o++ = ',';
        if (open[depth - 1] == '{' && !key()) return false;
        break;
      }
      if (next != (open[depth - 1] == '{' ? '}' : ']')) return false;
      *o++ = next;
      --depth;
    }
  }
}

}  // namespace

bool copy_outputs_json(std::string &out, std::string_view text, JsonDialect dialect) {
  const std::size_t mark = out.size();
  if (copy(out, mark, text, dialect)) return true;
  out.resize(mark);
  return false;
}

}  // namespace kestra::detail
