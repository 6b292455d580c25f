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
  symbols_.reset();
  in_table_ = false;
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
  symbol_form_ = SymbolForm::identifier;
  text_known_ = true;
  field_known_ = true;
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
      if (event != KESTRA_ION_EVENT_VALUE || !stack_.empty()) break;
      // A local symbol table or a version marker: not data.
      if (is_symbol_table())
        read_symbol_table();
      else if (!is_version_marker())
        break;
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

// A top-level struct whose first annotation is $ion_symbol_table (a null.struct is
// data, as amazon.ion reads it).
bool IonReader::is_symbol_table() const {
  return type_ == KESTRA_ION_STRUCT && !is_null_ && annotation_count_ > 0 && annotation_known_[0] &&
         annotations_[0] == "$ion_symbol_table";
}

// A top-level symbol that is no data: the version marker $ion_1_0 (unquoted,
// not annotated), which resets the symbol table; '$ion_1_0' and $2 are the same
// text but no marker, so they are skipped and change nothing (ion-tests'
// nonIVMNoOps). An unquoted $ion_X_Y for another version fails.
bool IonReader::is_version_marker() {
  if (type_ != KESTRA_ION_SYMBOL || is_null_ || annotation_count_ > 0) return false;
  if (symbol_form_ == SymbolForm::identifier && text_.size() >= 8 && text_.compare(0, 5, "$ion_") == 0) {
    std::size_t under = text_.find('_', 5);
    bool version_like = under != std::string::npos && under > 5 && under + 1 < text_.size() &&
                        text_.find_first_not_of("0123456789", 5) == under &&
                        text_.find_first_not_of("0123456789", under + 1) == std::string::npos;
    if (version_like) {
      if (text_ != "$ion_1_0")
        fail_at(KESTRA_ERROR_SYNTAX, value_line_, value_column_,
                "the version marker " + shown(text_) + " is not Ion 1.0, the only version read");
      symbols_.reset();
      return true;
    }
  }
  return text_ == "$ion_1_0";
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
  std::uint64_t line = in_.line(), column = in_.column();
  field_.clear();
  if (c == '"') {
    read_short_string(field_, false);
  } else if (c == '\'' && in_.peek(1) == '\'' && in_.peek(2) == '\'') {
    read_long_strings(field_, false);
  } else if (c == '\'') {
    read_quoted_symbol(field_);
  } else if (is_ident_start(c)) {
    read_identifier(field_);
    std::string why;
    Sid sid = resolve_sid(field_, why);
    if (sid == Sid::unknown && in_table_) {
      // A field of a symbol table with no text: not one the table reads.
      field_known_ = false;
      field_.clear();
    } else if (sid == Sid::unknown || sid == Sid::undefined) {
      fail_sid(line, column, "field name", field_, sid, why);
    }
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
        bool known = true;
        if (!quoted) {
          std::string why;
          Sid sid = resolve_sid(text_, why);
          if (sid == Sid::undefined) fail_sid(value_line_, value_column_, "annotation", text_, sid, why);
          if (sid == Sid::unknown) {
            // As amazon.ion reads it: an annotation of unknown text (rows drop
            // annotations; kestra_ion_reader_annotation gives NULL for it).
            known = false;
            text_.clear();
          }
        }
        if (annotations_.size() <= annotation_count_) {
          annotations_.emplace_back();
          annotation_known_.push_back(1);
        }
        annotation_known_[annotation_count_] = known;
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
      symbol_form_ = quoted ? SymbolForm::quoted : SymbolForm::identifier;
      if (!quoted) {
        std::string why;
        Sid sid = resolve_sid(text_, why);
        if (sid != Sid::none) symbol_form_ = SymbolForm::sid;
        if (sid == Sid::unknown || sid == Sid::undefined) {
          // Inside a symbol table such a value is only skipped (amazon.ion too).
          if (!in_table_) fail_sid(value_line_, value_column_, "symbol", text_, sid, why);
          text_known_ = false;
          text_.clear();
        }
      }
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
      symbol_form_ = SymbolForm::op;
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

// ---- Symbols -----------------------------------------------------------------

// When `token` is a symbol ID ($ then decimal digits; leading zeros allowed, as
// the grammar has them), replaces it with its text from the table in effect.
// Left as written when it has none (`why` says why).
IonReader::Sid IonReader::resolve_sid(std::string &token, std::string &why) const {
  if (token.size() < 2 || token[0] != '$' || token.find_first_not_of("0123456789", 1) != std::string::npos)
    return Sid::none;
  std::uint64_t sid = 0;
  for (std::size_t i = 1; i < token.size() && sid <= IonSymbolTable::kMaxId; ++i)
    sid = sid * 10 + static_cast<std::uint64_t>(token[i] - '0');
  std::string_view text;
  bool defined;
  if (!symbols_.find(sid, text, defined, why)) return defined ? Sid::unknown : Sid::undefined;
  token.assign(text.data(), text.size());
  return Sid::known;
}

void IonReader::fail_sid(std::uint64_t line, std::uint64_t column, const char *role, const std::string &token,
                         Sid sid, const std::string &why) const {
  std::string written = token.size() <= 24 ? token : token.substr(0, 24) + "...";
  fail_at(KESTRA_ERROR_SYNTAX, line, column,
          std::string("the ") + role + " " + written +
              (sid == Sid::undefined ? " is not a defined symbol ID: " : " has no text: ") + why);
}

// Skips the rest of the current value: a container's members up to its end.
void IonReader::skip_value() {
  if (is_null_ || (type_ != KESTRA_ION_LIST && type_ != KESTRA_ION_SEXP && type_ != KESTRA_ION_STRUCT))
    return;
  std::size_t depth = 0;
  kestra_ion_event event;
  for (;;) {
    next_raw(event);
    if (event == KESTRA_ION_EVENT_VALUE && !is_null_ &&
        (type_ == KESTRA_ION_LIST || type_ == KESTRA_ION_SEXP || type_ == KESTRA_ION_STRUCT))
      ++depth;
    else if (event == KESTRA_ION_EVENT_CONTAINER_END && depth-- == 0)
      return;
  }
}

// A local symbol table, $ion_symbol_table::{imports: ..., symbols: [...]}, its
// struct just entered: consumed (it is no row), then in effect for what
// follows. `symbols` (a list; other types are ignored) gives one ID per entry,
// a string's text or, for any other value, a slot of unknown text. `imports:
// $ion_symbol_table` keeps the current table and adds to it; a list of shared
// imports ({name, version, max_id}) starts from the system table and adds
// max_id slots per import, of unknown text since no catalog is read; anything
// else starts from the system table alone. Other fields are ignored; a second
// `symbols` or `imports` fails. Symbol IDs inside resolve through the table in
// effect before it.
void IonReader::read_symbol_table() {
  std::uint64_t line = value_line_, column = value_column_;
  in_table_ = true;
  table_locals_.clear();
  table_imports_.clear();
  bool append = false, saw_symbols = false, saw_imports = false;
  kestra_ion_event event;
  for (;;) {
    next_raw(event);
    if (event == KESTRA_ION_EVENT_CONTAINER_END) break;
    bool is_symbols = field_known_ && field_ == "symbols";
    bool is_imports = field_known_ && field_ == "imports";
    if (is_symbols || is_imports) {
      bool &saw = is_symbols ? saw_symbols : saw_imports;
      if (saw)
        fail_at(KESTRA_ERROR_SYNTAX, value_line_, value_column_,
                std::string("a local symbol table has a second '") + field_ + "' field");
      saw = true;
    }
    if (is_symbols && type_ == KESTRA_ION_LIST && !is_null_) {
      read_table_symbols();
    } else if (is_imports && type_ == KESTRA_ION_LIST && !is_null_) {
      read_table_imports();
    } else {
      if (is_imports && type_ == KESTRA_ION_SYMBOL && !is_null_ && text_known_ &&
          text_ == "$ion_symbol_table")
        append = true;
      skip_value();
    }
  }
  in_table_ = false;
  if (!append) symbols_.reset();
  bool fits = true;
  for (auto &import : table_imports_) fits = fits && symbols_.add_import(std::move(import));
  if (!fits || !symbols_.add_locals(table_locals_, line))
    fail_at(KESTRA_ERROR_LIMIT, line, column,
            "a local symbol table past symbol ID $" + std::to_string(IonSymbolTable::kMaxId));
}

void IonReader::read_table_symbols() {
  kestra_ion_event event;
  for (;;) {
    next_raw(event);
    if (event == KESTRA_ION_EVENT_CONTAINER_END) return;
    if (type_ == KESTRA_ION_STRING && !is_null_) {
      table_locals_.add_text(text_);
    } else {
      table_locals_.add_unknown();
      skip_value();
    }
  }
}

void IonReader::read_table_imports() {
  kestra_ion_event event;
  for (;;) {
    next_raw(event);
    if (event == KESTRA_ION_EVENT_CONTAINER_END) return;
    if (type_ == KESTRA_ION_STRUCT && !is_null_)
      read_table_import();  // other values are ignored
    else
      skip_value();
  }
}

// One shared import, {name: "...", version: N, max_id: N}, its struct just
// entered. A name (a string) and a max_id (an int >= 0) are required: without a
// catalog only max_id tells how many IDs the import takes (amazon.ion refuses
// an import without them too); except for "$ion", the system table, 9 symbols.
// A version that is not an int >= 1 is 1. A field given twice fails.
void IonReader::read_table_import() {
  std::uint64_t line = value_line_, column = value_column_;
  IonSymbolTable::Import import;
  bool has_name = false, has_max_id = false;
  bool seen[3] = {false, false, false};
  static const char *const names[3] = {"name", "version", "max_id"};
  kestra_ion_event event;
  for (;;) {
    next_raw(event);
    if (event == KESTRA_ION_EVENT_CONTAINER_END) break;
    int which = -1;
    for (int k = 0; k < 3 && field_known_; ++k)
      if (field_ == names[k]) which = k;
    if (which >= 0) {
      if (seen[which])
        fail_at(KESTRA_ERROR_SYNTAX, value_line_, value_column_,
                std::string("an import of a local symbol table has a second '") + names[which] + "' field");
      seen[which] = true;
      bool is_int = type_ == KESTRA_ION_INT && !is_null_ && text_[0] != '-';
      // Canonical decimal digits: compare lengths, then text.
      auto at_most = [&](const std::string &limit) {
        return text_.size() < limit.size() || (text_.size() == limit.size() && text_ <= limit);
      };
      if (which == 0 && type_ == KESTRA_ION_STRING && !is_null_) {
        import.name = text_;
        has_name = true;
      } else if (which == 1 && is_int && text_ != "0" && at_most("2147483647")) {
        import.version = std::stoll(text_);
      } else if (which == 2 && is_int) {
        if (!at_most(std::to_string(IonSymbolTable::kMaxId)))
          fail_at(KESTRA_ERROR_LIMIT, value_line_, value_column_,
                  "an import's max_id past " + std::to_string(IonSymbolTable::kMaxId));
        import.max_id = std::stoull(text_);
        has_max_id = true;
      }
    }
    skip_value();
  }
  if (!has_name)
    fail_at(KESTRA_ERROR_SYNTAX, line, column, "an import of a local symbol table has no name (a string)");
  if (!has_max_id) {
    if (import.name != "$ion")
      fail_at(KESTRA_ERROR_SYNTAX, line, column,
              "the import of the shared symbol table " + shown(import.name) + " version " +
                  std::to_string(import.version) +
                  " has no max_id (an int >= 0); without a catalog of shared tables its size is unknown");
    import.max_id = IonSymbolTable::kSystemMaxId;
  }
  table_imports_.push_back(std::move(import));
}

}  // namespace kestra::detail
