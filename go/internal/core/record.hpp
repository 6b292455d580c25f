// One protocol line under construction, and every rule about what may go in it
// (docs/PROTOCOL.md Part 2 item 6). The C ABI in c_api.cpp is a thin, exception-free
// door onto this class.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "json_text.hpp"
#include "kestra/kestra.h"

namespace kestra::detail {

enum class RecordKind { none, outputs, encrypted_outputs, assets, metric, logs, message };

// What a value call is about to put in the record, for type checks and messages.
enum class ValueKind { object, array, string, integer, floating, boolean, null };

class Record {
 public:
  // Starting a record; each begin empties the record first.
  kestra_result begin(RecordKind kind);
  kestra_result begin_metric(kestra_metric_type type, const Text &name);
  kestra_result metric_timestamp(const Text &iso8601);
  kestra_result metric_description(const Text &text);
  kestra_result log(kestra_level level, const Text &message);
  kestra_result log_named(const Text &level_name, const Text &message);
  void reset();

  // Values.
  kestra_result begin_container(ValueKind kind, const void *identity);
  kestra_result end_container(ValueKind kind);
  kestra_result key(const Text &key);
  // For the JSON reader: a bad escape is a syntax error of the whole text, named
  // at the depth where the text was given (`syntax_depth`).
  kestra_result key_json_escaped(std::string_view body, std::size_t syntax_depth);
  kestra_result string(const Text &text);
  kestra_result string_json_escaped(std::string_view body, std::size_t syntax_depth);
  kestra_result int64(std::int64_t value);
  kestra_result uint64(std::uint64_t value);
  kestra_result integer_text(std::string_view digits);
  kestra_result floating(double value);
  kestra_result javascript_number(double value);
  // A number literal from a JSON text, already checked against the grammar.
  kestra_result json_number(std::string_view literal, bool is_float, JsonDialect dialect);
  kestra_result boolean(bool value);
  kestra_result null();
  kestra_result json(std::string_view text, JsonDialect dialect);
  kestra_result unsupported(std::string_view type_name);
  kestra_result not_text(kestra_text_argument argument, kestra_metric_type metric_type,
                         std::string_view type_name);
  kestra_result integer_words(bool negative, const std::uint64_t *words, std::size_t count);
  kestra_result number_text(std::string_view text, bool allow_bool);

  kestra_result finish();

  // The finished line with its newline; empty when not finished.
  std::string_view line() const;
  const std::string &error() const { return error_; }
  kestra_result status() const { return status_; }

  // A write of the finished line failed: the line stays, the error is reported.
  void note_io_error(std::string message) {
    status_ = KESTRA_ERROR_IO;
    error_ = std::move(message);
  }
  // A write of the finished line succeeded: an earlier write's error is over.
  void note_written() {
    if (status_ != KESTRA_ERROR_IO) return;
    status_ = KESTRA_OK;
    error_.clear();
  }

  // Memory ran out in the middle of a call: the record fails with
  // KESTRA_ERROR_NO_MEMORY and "out of memory", allocating nothing, so whatever
  // the call had half-written is never written (begin_* or reset starts over).
  void fail_no_memory() noexcept;

  // Fails the record: used by the JSON reader for syntax errors.
  kestra_result fail_at_entry(kestra_result code, std::size_t entry_depth, std::string_view reason);
  std::size_t depth() const { return stack_.size(); }

 private:
  enum class Phase { empty, building, finished, failed };
  enum class MetricPart { value, tags, fields };

  struct Frame {
    bool object;
    bool key_pending = false;  // a key was written, its value not yet
    std::uint32_t count = 0;   // values completed in this container
    const void *identity = nullptr;
    std::size_t key_pos = 0;  // the current key's literal in buf_, for messages
    std::size_t key_len = 0;
  };

  kestra_result check_open();  // fails the record with a usage message when not building
  kestra_result place_value(ValueKind kind);
  kestra_result check_metric_value(ValueKind kind);
  kestra_result check_assets_value(ValueKind kind);
  kestra_result before_key();
  kestra_result after_key(std::size_t key_pos);
  void value_done();
  void start_tags();
  kestra_result text_result(TextError error, std::size_t entry_depth, std::size_t syntax_depth);
  kestra_result check_timer_value(std::size_t at);
  template <typename Append>
  kestra_result put_number(ValueKind kind, Append append);
  std::string path(std::size_t frames) const;
  std::string metric_label() const;
  std::string value_field() const;
  kestra_result fail(kestra_result code, std::string field, std::string_view reason);

  std::string buf_;
  std::string error_;
  std::vector<Frame> stack_;
  RecordKind kind_ = RecordKind::none;
  Phase phase_ = Phase::empty;
  kestra_result status_ = KESTRA_OK;
  bool root_done_ = false;
  // metrics
  kestra_metric_type metric_type_ = KESTRA_METRIC_COUNTER;
  MetricPart metric_part_ = MetricPart::value;
  std::size_t name_pos_ = 0, name_len_ = 0;
  bool has_timestamp_ = false, has_description_ = false;
  // logs
  std::uint32_t log_count_ = 0;
};

}  // namespace kestra::detail
