#include "ion_reader.hpp"

#include <cstring>
#include <string>

#include "ion_scalars.hpp"
#include "json_text.hpp"

namespace kestra::detail {
namespace {

struct IonError {
  kestra_result code;
  std::string message;
};

// The longest number or timestamp token: far past any int Kestra writes, and a
// bound on the cost of turning a hex int into decimal.
constexpr std::size_t kMaxNumberToken = 10'000;

bool is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_ident_start(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool is_ident_char(int c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_operator_char(int c) { return c >= 0 && std::strchr("!#%&*+-./;<=>?@^`|~", c) != nullptr && c != 0; }
bool is_number_char(int c) { return is_ident_char(c) || c == '.' || c == ':' || c == '+' || c == '-'; }
// What may follow a number, a timestamp or a keyword.
bool is_stop_char(int c) {
  return c < 0 || is_space(c) || (c != 0 && std::strchr(",]})\"'{[(/", c) != nullptr);
}

const char *container_name(kestra_ion_type type) {
  return type == KESTRA_ION_LIST ? "a list" : type == KESTRA_ION_SEXP ? "an s-expression" : "a struct";
}

std::string describe(int c) {
  if (c < 0) return "the end of the input";
  if (c >= 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02x", c);
  return buf;
}

// Text from the input shown in a message: quoted, ASCII, one line, at most
// 60 bytes of it (cut on a character boundary).
std::string shown(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return quote_for_message(text);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  return quote_for_message(text.substr(0, cut)) + "...";
}

kestra_ion_type typed_null(std::string_view name) {
  static const struct {
    const char *name;
    kestra_ion_type type;
  } types[] = {
      {"null", KESTRA_ION_NULL},     {"bool", KESTRA_ION_BOOL},       {"int", KESTRA_ION_INT},
      {"float", KESTRA_ION_FLOAT},   {"decimal", KESTRA_ION_DECIMAL}, {"timestamp", KESTRA_ION_TIMESTAMP},
      {"symbol", KESTRA_ION_SYMBOL}, {"string", KESTRA_ION_STRING},   {"clob", KESTRA_ION_CLOB},
      {"blob", KESTRA_ION_BLOB},     {"list", KESTRA_ION_LIST},       {"sexp", KESTRA_ION_SEXP},
      {"struct", KESTRA_ION_STRUCT}};
  for (const auto &t : types)
    if (name == t.name) return t.type;
  return KESTRA_ION_NONE;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf)
      len = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
      len = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
      len = 4, cp = c & 0x07;
    else
      return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
      return false;
    i += len;
  }
  return true;
}

void IonReader::reset(unsigned flags) {
  flags_ = flags;
  stack_.clear();
  enter_pending_ = false;
  finished_ = false;
  clear_value();
  rows_ = 0;
  error_.clear();
  status_ = KESTRA_OK;
}

void IonReader::open_buffer(std::string_view data, unsigned flags) {
  reset(flags);
  in_.open_buffer(data);
}

void IonReader::open_fd(int fd, bool owns, unsigned flags) {
  reset(flags);
  in_.open_fd(fd, owns);
}

void IonReader::open_callback(IonInput::ReadFn read, void *context, unsigned flags) {
  reset(flags);
  in_.open_callback(read, context);
}

void IonReader::fail_open(kestra_result code, std::string message) {
  reset(0);
  in_.close();
  status_ = code;
  error_ = std::move(message);
}

void IonReader::fail_value(kestra_result code, const std::string &reason) {
  status_ = code;
  error_ =
      "line " + std::to_string(value_line_) + ", column " + std::to_string(value_column_) + ": " + reason;
}

void IonReader::fail_no_memory() noexcept {
  status_ = KESTRA_ERROR_NO_MEMORY;
  try {
    error_.assign("out of memory");  // fits a std::string's inline capacity
  } catch (...) {
    error_.clear();
  }
  clear_value();
}

void IonReader::clear_value() {
  type_ = KESTRA_ION_NONE;
  is_null_ = false;
  has_field_ = false;
  annotation_count_ = 0;
  text_.clear();
}

void IonReader::fail(kestra_result code, const std::string &reason) const {
  fail_at(code, in_.line(), in_.column(), reason);
}

void IonReader::fail_at(kestra_result code, std::uint64_t line, std::uint64_t column,
                        const std::string &reason) const {
  throw IonError{code, "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + reason};
}

kestra_result IonReader::next(kestra_ion_event &event) {
  event = KESTRA_ION_EVENT_END;
  if (status_ != KESTRA_OK) return status_;
  try {
    for (;;) {
      kestra_result r = next_raw(event);
      if (r != KESTRA_OK) return r;
      if (event != KESTRA_ION_EVENT_VALUE || !stack_.empty() || !is_system_value()) break;
      // A version marker or a local symbol table: not data. Skip a table whole.
      if (type_ == KESTRA_ION_STRUCT && !is_null_) {
        std::size_t depth = 0;
        do {
          next_raw(event);
          if (event == KESTRA_ION_EVENT_VALUE && !is_null_ &&
              (type_ == KESTRA_ION_LIST || type_ == KESTRA_ION_SEXP || type_ == KESTRA_ION_STRUCT))
            ++depth;
          else if (event == KESTRA_ION_EVENT_CONTAINER_END && depth-- == 0)
            break;
        } while (true);
      }
    }
    if (event == KESTRA_ION_EVENT_VALUE && stack_.empty()) {
      ++rows_;
      if ((flags_ & KESTRA_ION_ROWS) && (type_ != KESTRA_ION_STRUCT || is_null_))
        fail_at(KESTRA_ERROR_TYPE, value_line_, value_column_,
                "row " + std::to_string(rows_) + " is " +
                    (is_null_                  ? "a null."
                     : type_ == KESTRA_ION_INT ? "an "
                                               : "a ") +
                    kestra_ion_type_name(type_) + ", not a struct (each row of a Kestra file is a struct)");
    }
    return KESTRA_OK;
  } catch (const IonError &e) {
    status_ = e.code;
    error_ = e.message;
  } catch (const IonInputError &e) {
    status_ = KESTRA_ERROR_IO;
    error_ = "line " + std::to_string(in_.line()) + ", column " + std::to_string(in_.column()) +
             ": read failed: " + std::strerror(e.error_number);
  } catch (const std::bad_alloc &) {
    fail_no_memory();
    event = KESTRA_ION_EVENT_END;
    return status_;
  }
  clear_value();
  event = KESTRA_ION_EVENT_END;
  return status_;
}

bool IonReader::is_system_value() const {
  if (type_ == KESTRA_ION_SYMBOL && annotation_count_ == 0 && !is_null_) return text_ == "$ion_1_0";
  return type_ == KESTRA_ION_STRUCT && annotation_count_ > 0 && annotations_[0] == "$ion_symbol_table";
}

kestra_result IonReader::next_raw(kestra_ion_event &event) {
  clear_value();
  if (enter_pending_) {
    enter_pending_ = false;
    if (stack_.size() >= KESTRA_ION_MAX_DEPTH)
      fail(KESTRA_ERROR_DEPTH, "nesting deeper than " + std::to_string(KESTRA_ION_MAX_DEPTH) + " levels");
    stack_.push_back(Frame{type_on_enter_, false});
  }
  for (;;) {
    skip_space();
    int c = in_.peek();
    if (stack_.empty()) {
      if (c < 0) {
        finished_ = true;
        event = KESTRA_ION_EVENT_END;
        return KESTRA_OK;
      }
      if (c == 0xe0 && in_.peek(1) == 0x01 && in_.peek(2) == 0x00 && in_.peek(3) == 0xea)
        fail(KESTRA_ERROR_SYNTAX,
             "this is binary Ion (it starts with the marker E0 01 00 EA), and only Ion text is read: "
             "Kestra writes text with FileSerde.writeAll(Writer, ...)");
      read_value(false);
      event = KESTRA_ION_EVENT_VALUE;
      return KESTRA_OK;
    }
    Frame &frame = stack_.back();
    int closing = frame.type == KESTRA_ION_LIST ? ']' : frame.type == KESTRA_ION_SEXP ? ')' : '}';
    if (c == closing) {
      in_.advance();
      stack_.pop_back();
      event = KESTRA_ION_EVENT_CONTAINER_END;
      return KESTRA_OK;
    }
    if (c < 0) fail(KESTRA_ERROR_SYNTAX, std::string("the input ends inside ") + container_name(frame.type));
    if (frame.type != KESTRA_ION_SEXP && frame.after_value) {
      if (c != ',')
        fail(KESTRA_ERROR_SYNTAX, "expected ',' or '" + std::string(1, static_cast<char>(closing)) + "' in " +
                                      container_name(frame.type) + ", found " + describe(c));
      in_.advance();
      frame.after_value = false;
      skip_space();
      if (in_.peek() == ',') fail(KESTRA_ERROR_SYNTAX, "two commas in a row");
      continue;  // a trailing comma before the end is allowed
    }
    if (frame.type == KESTRA_ION_STRUCT) {
      read_field_name();
      skip_space();
      if (in_.peek() != ':')
        fail(KESTRA_ERROR_SYNTAX,
             "expected ':' after the field name " + shown(field_) + ", found " + describe(in_.peek()));
      in_.advance();
      skip_space();
      has_field_ = true;
    }
    stack_.back().after_value = true;
    read_value(frame.type == KESTRA_ION_SEXP);
    event = KESTRA_ION_EVENT_VALUE;
    return KESTRA_OK;
  }
}

void IonReader::skip_space() {
  for (;;) {
    int c = in_.peek();
    if (is_space(c)) {
      in_.advance();
    } else if (c == '/' && in_.peek(1) == '/') {
      while ((c = in_.peek()) >= 0 && c != '\n') in_.advance();
    } else if (c == '/' && in_.peek(1) == '*') {
      std::uint64_t line = in_.line(), column = in_.column();
      in_.advance();
      in_.advance();
      while (!(in_.peek() == '*' && in_.peek(1) == '/')) {
        if (in_.peek() < 0) fail_at(KESTRA_ERROR_SYNTAX, line, column, "a /* comment is not closed");
        in_.advance();
      }
      in_.advance();
      in_.advance();
    } else {
      return;
    }
  }
}

void IonReader::read_field_name() {
  int c = in_.peek();
  field_.clear();
  if (c == '"') {
    read_short_string(field_, false);
  } else if (c == '\'' && in_.peek(1) == '\'' && in_.peek(2) == '\'') {
    read_long_strings(field_, false);
  } else if (c == '\'') {
    read_quoted_symbol(field_);
  } else if (is_ident_start(c)) {
    read_identifier(field_);
  } else {
    fail(KESTRA_ERROR_SYNTAX, "expected a field name, found " + describe(c));
  }
}

void IonReader::read_value(bool in_sexp) {
  for (;;) {
    value_line_ = in_.line();
    value_column_ = in_.column();
    int c = in_.peek();
    bool long_string = c == '\'' && in_.peek(1) == '\'' && in_.peek(2) == '\'';
    if (is_ident_start(c) || (c == '\'' && !long_string)) {
      bool quoted = c == '\'';
      if (quoted)
        read_quoted_symbol(text_);
      else
        read_identifier(text_);
      bool keyword = !quoted && (text_ == "null" || text_ == "true" || text_ == "false" || text_ == "nan");
      if (keyword && text_ == "null" && in_.peek() == '.') {
        in_.advance();
        scratch_.clear();
        read_identifier(scratch_);
        kestra_ion_type t = typed_null(scratch_);
        if (t == KESTRA_ION_NONE)
          fail(KESTRA_ERROR_SYNTAX, shown("null." + scratch_) + " is not a typed null");
        type_ = t;
        is_null_ = true;
        text_.clear();
        return finish_keyword();
      }
      skip_space();
      if (in_.peek() == ':' && in_.peek(1) == ':') {
        if (keyword)
          fail(KESTRA_ERROR_SYNTAX, "the keyword " + shown(text_) + " cannot be an annotation (quote it)");
        in_.advance();
        in_.advance();
        if (annotations_.size() <= annotation_count_) annotations_.emplace_back();
        annotations_[annotation_count_++].swap(text_);
        text_.clear();
        skip_space();
        continue;
      }
      if (keyword) {
        if (text_ == "null")
          type_ = KESTRA_ION_NULL, is_null_ = true, text_.clear();
        else if (text_ == "nan")
          type_ = KESTRA_ION_FLOAT;
        else
          type_ = KESTRA_ION_BOOL, bool_ = text_ == "true";
        return;
      }
      if (!quoted && text_.size() > 1 && text_[0] == '$' &&
          text_.find_first_not_of("0123456789", 1) == std::string::npos)
        fail_at(KESTRA_ERROR_SYNTAX, value_line_, value_column_,
                "the symbol ID " + shown(text_) + " has no text (no symbol table declares it)");
      type_ = KESTRA_ION_SYMBOL;
      return;
    }
    if (c == '"') {
      read_short_string(text_, false);
      type_ = KESTRA_ION_STRING;
      return;
    }
    if (long_string) {
      read_long_strings(text_, false);
      type_ = KESTRA_ION_STRING;
      return;
    }
    if (c == '{' && in_.peek(1) == '{') return read_lob();
    if (c == '{' || c == '[' || c == '(') {
      in_.advance();
      type_ = c == '{' ? KESTRA_ION_STRUCT : c == '[' ? KESTRA_ION_LIST : KESTRA_ION_SEXP;
      type_on_enter_ = type_;
      enter_pending_ = true;
      return;
    }
    if ((c == '+' || c == '-') && in_.peek(1) == 'i' && in_.peek(2) == 'n' && in_.peek(3) == 'f' &&
        !is_ident_char(in_.peek(4))) {
      text_ = c == '+' ? "+inf" : "-inf";
      for (int k = 0; k < 4; ++k) in_.advance();
      type_ = KESTRA_ION_FLOAT;
      return finish_keyword();
    }
    if (is_digit(c) || (c == '-' && is_digit(in_.peek(1)))) return read_number_token();
    if (in_sexp && is_operator_char(c)) {
      read_operator(text_);
      type_ = KESTRA_ION_SYMBOL;
      return;
    }
    if (annotation_count_ > 0)
      fail(KESTRA_ERROR_SYNTAX, "expected a value after the annotations, found " + describe(c));
    fail(KESTRA_ERROR_SYNTAX, "expected a value, found " + describe(c));
  }
}

void IonReader::finish_keyword() {
  if (!is_stop_char(in_.peek()))
    fail(KESTRA_ERROR_SYNTAX, "unexpected " + describe(in_.peek()) + " after a value");
}

void IonReader::read_identifier(std::string &out) {
  out.clear();
  while (is_ident_char(in_.peek())) out.push_back(static_cast<char>(in_.get()));
}

void IonReader::read_operator(std::string &out) {
  out.clear();
  while (is_operator_char(in_.peek()) && !(in_.peek() == '/' && (in_.peek(1) == '/' || in_.peek(1) == '*')))
    out.push_back(static_cast<char>(in_.get()));
}

void IonReader::read_quoted_symbol(std::string &out) { read_quoted(out, '\'', false); }

void IonReader::read_short_string(std::string &out, bool clob) { read_quoted(out, '"', clob); }

// A "string", a 'quoted symbol' or a clob's "string": one line, escapes decoded.
void IonReader::read_quoted(std::string &out, char quote, bool clob) {
  const std::string what = quote == '"' ? "a string" : "a quoted symbol";
  std::uint64_t line = in_.line(), column = in_.column();
  out.clear();
  in_.advance();  // the opening quote
  for (;;) {
    int c = in_.peek();
    if (c < 0) fail_at(KESTRA_ERROR_SYNTAX, line, column, what + " is not closed");
    if (c == quote) {
      in_.advance();
      break;
    }
    if (c == '\\') {
      read_escape(out, clob);
      continue;
    }
    if (c == '\n' || c == '\r')
      fail(KESTRA_ERROR_SYNTAX,
           "a line break in " + what + " (escape it as \\n, or use a '''long string''')");
    if (c < 0x20 && c != '\t')
      fail(KESTRA_ERROR_SYNTAX, "a raw " + describe(c) + " in " + what + " (escape it)");
    if (clob && c >= 0x80) fail(KESTRA_ERROR_SYNTAX, "a clob holds ASCII only (escape other bytes as \\xHH)");
    out.push_back(static_cast<char>(c));
    in_.advance();
  }
  if (!clob && !is_valid_utf8(out)) fail_at(KESTRA_ERROR_UNICODE, line, column, what + " is not valid UTF-8");
}

void IonReader::read_long_strings(std::string &out, bool clob) {
  std::uint64_t line = in_.line(), column = in_.column();
  out.clear();
  // Pieces separated by white space or comments make one string.
  while (in_.peek() == '\'' && in_.peek(1) == '\'' && in_.peek(2) == '\'') {
    std::uint64_t piece_line = in_.line(), piece_column = in_.column();
    for (int k = 0; k < 3; ++k) in_.advance();
    for (;;) {
      int c = in_.peek();
      if (c < 0) fail_at(KESTRA_ERROR_SYNTAX, piece_line, piece_column, "a '''long string''' is not closed");
      if (c == '\'' && in_.peek(1) == '\'' && in_.peek(2) == '\'') {
        for (int k = 0; k < 3; ++k) in_.advance();
        break;
      }
      if (c == '\\') {
        read_escape(out, clob);
        continue;
      }
      if (c < 0x20 && !is_space(c))
        fail(KESTRA_ERROR_SYNTAX, "a raw " + describe(c) + " in a string (escape it)");
      if (clob && c >= 0x80)
        fail(KESTRA_ERROR_SYNTAX, "a clob holds ASCII only (escape other bytes as \\xHH)");
      out.push_back(static_cast<char>(c));
      in_.advance();
    }
    skip_space();
  }
  if (!clob && !is_valid_utf8(out))
    fail_at(KESTRA_ERROR_UNICODE, line, column, "a string is not valid UTF-8");
}

// The `digits` hexadecimal digits of a \x, \u or \U (`letter`) escape.
std::uint32_t IonReader::read_hex(int letter, int digits) {
  std::uint32_t cp = 0;
  for (int k = 0; k < digits; ++k) {
    int d = in_.get();
    int v = (d >= '0' && d <= '9')   ? d - '0'
            : (d >= 'a' && d <= 'f') ? d - 'a' + 10
            : (d >= 'A' && d <= 'F') ? d - 'A' + 10
                                     : -1;
    if (v < 0)
      fail(KESTRA_ERROR_SYNTAX, std::string("a \\") + static_cast<char>(letter) + " escape needs " +
                                    std::to_string(digits) + " hexadecimal digits");
    cp = cp * 16 + static_cast<std::uint32_t>(v);
  }
  return cp;
}

void IonReader::read_escape(std::string &out, bool clob) {
  in_.advance();  // the backslash
  int c = in_.get();
  switch (c) {
    case 'a': out.push_back('\a'); return;
    case 'b': out.push_back('\b'); return;
    case 't': out.push_back('\t'); return;
    case 'n': out.push_back('\n'); return;
    case 'f': out.push_back('\f'); return;
    case 'r': out.push_back('\r'); return;
    case 'v': out.push_back('\v'); return;
    case '0': out.push_back('\0'); return;
    case '"':
    case '\'':
    case '?':
    case '\\':
    case '/': out.push_back(static_cast<char>(c)); return;
    case '\n': return;  // a line continuation
    case '\r':
      if (in_.peek() == '\n') in_.advance();
      return;
    case 'x':
    case 'u':
    case 'U': {
      if (clob && c != 'x') fail(KESTRA_ERROR_SYNTAX, "a clob has no \\u escapes (only \\xHH)");
      int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      std::uint32_t cp = read_hex(c, digits);
      if (clob) {
        out.push_back(static_cast<char>(cp));
        return;
      }
      if (cp >= 0xd800 && cp <= 0xdbff && c == 'u') {
        // A high surrogate needs its low half next.
        if (in_.peek() == '\\' && in_.peek(1) == 'u') {
          in_.advance();
          in_.advance();
          std::uint32_t low = read_hex('u', 4);
          if (low >= 0xdc00 && low <= 0xdfff) {
            append_utf8(out, 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00));
            return;
          }
        }
        fail(KESTRA_ERROR_UNICODE, "a lone UTF-16 surrogate in a \\u escape");
      }
      if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        fail(KESTRA_ERROR_UNICODE, "an escape names no Unicode scalar value (a surrogate or past U+10FFFF)");
      append_utf8(out, cp);
      return;
    }
    default:
      fail(KESTRA_ERROR_SYNTAX, "an unknown escape \\" + (c < 0 ? std::string("at the end") : describe(c)));
  }
}

void IonReader::read_lob() {
  std::uint64_t line = in_.line(), column = in_.column();
  in_.advance();
  in_.advance();
  while (is_space(in_.peek())) in_.advance();
  int c = in_.peek();
  if (c == '"' || (c == '\'' && in_.peek(1) == '\'' && in_.peek(2) == '\'')) {
    if (c == '"')
      read_short_string(text_, true);
    else
      read_long_strings(text_, true);
    type_ = KESTRA_ION_CLOB;
  } else {
    scratch_.clear();
    while ((c = in_.peek()) >= 0 && c != '}') {
      if (!is_space(c)) scratch_.push_back(static_cast<char>(c));
      in_.advance();
    }
    if (!decode_base64(scratch_, text_))
      fail_at(KESTRA_ERROR_SYNTAX, line, column, "a blob is not valid base64");
    type_ = KESTRA_ION_BLOB;
  }
  if ((flags_ & KESTRA_ION_TEXT_LOBS) && !is_valid_utf8(text_))
    fail_at(KESTRA_ERROR_UNICODE, line, column,
            std::string("a ") + kestra_ion_type_name(type_) +
                " is not UTF-8 text (Kestra.read reads lobs as text)");
  while (is_space(in_.peek())) in_.advance();
  if (in_.peek() != '}' || in_.peek(1) != '}')
    fail(KESTRA_ERROR_SYNTAX,
         std::string("expected '}}' to close a ") + (type_ == KESTRA_ION_CLOB ? "clob" : "blob"));
  in_.advance();
  in_.advance();
}

void IonReader::read_number_token() {
  text_.clear();
  while (is_number_char(in_.peek())) {
    if (text_.size() >= kMaxNumberToken)
      fail_at(KESTRA_ERROR_LIMIT, value_line_, value_column_,
              "a number or timestamp longer than " + std::to_string(kMaxNumberToken) + " characters");
    text_.push_back(static_cast<char>(in_.get()));
  }
  if (!is_stop_char(in_.peek()))
    fail(KESTRA_ERROR_SYNTAX, "unexpected " + describe(in_.peek()) + " after the number " + shown(text_));
  const char *why = "a malformed number";
  bool ok = false;
  switch (classify_ion_number(text_)) {
    case IonNumberKind::integer:
      ok = parse_ion_int(text_, scratch_, why);
      type_ = KESTRA_ION_INT;
      break;
    case IonNumberKind::decimal:
    case IonNumberKind::floating: {
      bool is_float = classify_ion_number(text_) == IonNumberKind::floating;
      ok = parse_ion_real(text_, is_float, scratch_, why);
      type_ = is_float ? KESTRA_ION_FLOAT : KESTRA_ION_DECIMAL;
      break;
    }
    case IonNumberKind::timestamp:
      ok = parse_ion_timestamp(text_, timestamp_, why);
      type_ = KESTRA_ION_TIMESTAMP;
      if (ok) return;  // the text stays as written
      break;
    case IonNumberKind::invalid: break;
  }
  if (!ok) fail_at(KESTRA_ERROR_SYNTAX, value_line_, value_column_, std::string(why) + ": " + shown(text_));
  text_.swap(scratch_);
}

}  // namespace kestra::detail
