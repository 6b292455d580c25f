// A pull parser for Ion 1.0 text (see kestra/ion.h for the events and what each
// type's text is). The nesting lives on an explicit stack, so the depth of the
// input never reaches the C++ stack; only the current value and the open
// containers are held, so memory follows the largest value, not the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ion_input.hpp"
#include "ion_symbols.hpp"
#include "kestra/ion.h"

namespace kestra::detail {

class IonReader {
 public:
  void open_buffer(std::string_view data, unsigned flags);
  void open_fd(int fd, bool owns, unsigned flags);
  void open_callback(IonInput::ReadFn read, void *context, unsigned flags);
  // A failure before reading (the file cannot be opened).
  void fail_open(kestra_result code, std::string message);

  kestra_result next(kestra_ion_event &event);
  // Memory ran out during a call: the reader fails with KESTRA_ERROR_NO_MEMORY
  // and "out of memory" (allocating nothing), its current value cleared.
  void fail_no_memory() noexcept;
  // Fails the reader at the current value (a conversion its caller refused).
  void fail_value(kestra_result code, const std::string &reason);

  // The current value.
  kestra_ion_type type() const { return type_; }
  bool is_null() const { return is_null_; }
  bool bool_value() const { return bool_; }
  const std::string &text() const { return text_; }
  const kestra_datetime &timestamp() const { return timestamp_; }
  bool has_field_name() const { return has_field_; }
  const std::string &field_name() const { return field_; }
  std::size_t annotation_count() const { return annotation_count_; }
  const std::string &annotation(std::size_t i) const { return annotations_[i]; }
  // False for an annotation whose symbol has no text ($0, or an unknown slot of
  // the symbol table): annotation(i) is then empty.
  bool annotation_known(std::size_t i) const { return annotation_known_[i] != 0; }
  std::size_t depth() const { return stack_.size(); }

  // "line L, column C: reason"; empty when nothing failed.
  const std::string &error() const { return error_; }
  kestra_result status() const { return status_; }

 private:
  struct Frame {
    kestra_ion_type type;
    bool after_value;  // a value was read: a ',' (or the end) comes next
  };

  // How a symbol was written: its text, 'quoted', $ID, or an operator.
  enum class SymbolForm { identifier, quoted, sid, op };
  // A symbol ID token ("$" then digits) resolved through symbols_.
  enum class Sid { none, known, unknown, undefined };

  void reset(unsigned flags);
  void clear_value();
  kestra_result next_raw(kestra_ion_event &event);
  bool is_symbol_table() const;
  bool is_version_marker();

  // Symbol IDs and local symbol tables (ion_reader.cpp, "Symbols").
  Sid resolve_sid(std::string &token, std::string &why) const;
  [[noreturn]] void fail_sid(std::uint64_t line, std::uint64_t column, const char *role,
                             const std::string &token, Sid sid, const std::string &why) const;
  void read_symbol_table();
  void read_table_symbols();
  void read_table_imports();
  void read_table_import();
  void skip_value();

  // Grammar pieces; each throws IonError on bad input.
  void skip_space();
  void read_value(bool in_sexp);
  void read_field_name();
  void read_identifier(std::string &out);
  void read_quoted_symbol(std::string &out);
  void read_short_string(std::string &out, bool clob);
  void read_quoted(std::string &out, char quote, bool clob);
  std::uint32_t read_hex(int letter, int digits);
  void read_long_strings(std::string &out, bool clob);
  void read_escape(std::string &out, bool clob);
  void read_lob();
  void read_number_token();
  void read_operator(std::string &out);
  void finish_keyword();
  [[noreturn]] void fail(kestra_result code, const std::string &reason) const;
  [[noreturn]] void fail_at(kestra_result code, std::uint64_t line, std::uint64_t column,
                            const std::string &reason) const;

  IonInput in_;
  unsigned flags_ = 0;
  std::vector<Frame> stack_;
  bool enter_pending_ = false;
  kestra_ion_type type_on_enter_ = KESTRA_ION_NONE;
  bool finished_ = false;

  kestra_ion_type type_ = KESTRA_ION_NONE;
  bool is_null_ = false;
  bool bool_ = false;
  std::string text_;
  std::string field_;
  bool has_field_ = false;
  std::vector<std::string> annotations_;  // the first annotation_count_ are current
  std::vector<char> annotation_known_;    // per annotation: its text is known
  std::size_t annotation_count_ = 0;
  kestra_datetime timestamp_{};
  std::string scratch_;
  std::uint64_t value_line_ = 1, value_column_ = 1;
  std::uint64_t rows_ = 0;

  SymbolForm symbol_form_ = SymbolForm::identifier;
  bool text_known_ = true;   // false: a symbol value with no text (only inside a symbol table)
  bool field_known_ = true;  // false: a field name with no text (only inside a symbol table)
  IonSymbolTable symbols_;
  bool in_table_ = false;  // reading the body of a $ion_symbol_table struct
  IonSymbolTable::Locals table_locals_;
  std::vector<IonSymbolTable::Import> table_imports_;

  std::string error_;
  kestra_result status_ = KESTRA_OK;
};

// True when `text` is well-formed UTF-8 without surrogates or overlong forms.
bool is_valid_utf8(std::string_view text);

}  // namespace kestra::detail
