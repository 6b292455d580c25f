#include "record.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "binding_input.hpp"
#include "iso8601.hpp"
#include "json_copy.hpp"
#include "json_reader.hpp"
#include "message_rules.hpp"

namespace kestra::detail {
namespace {

constexpr std::string_view kNullInMetric =
    "null is not allowed in a metric (it can stop the worker reading the script's output)";

const char *kind_article(ValueKind kind) {
  switch (kind) {
    case ValueKind::object: return "an object";
    case ValueKind::array: return "an array";
    case ValueKind::string: return "a string";
    case ValueKind::integer: return "an integer";
    case ValueKind::floating: return "a float";
    case ValueKind::boolean: return "a boolean";
    case ValueKind::null: return "null";
  }
  return "a value";
}

constexpr std::string_view kIntegerTooLong = "integer of more than the server's 1,000 digits";
static_assert(KESTRA_MAX_INTEGER_DIGITS == 1000 && KESTRA_MAX_NUMBER_CHARS == 1000 &&
                  KESTRA_MAX_DEPTH == 1000 && KESTRA_MAX_STRING_UNITS == 20000000,
              "the messages below spell the limits out");

const char *metric_type_name(kestra_metric_type type) { return kestra_metric_type_name(type); }

// A language's type name in a message: one line of printable ASCII.
std::string shown_type(std::string_view type_name) {
  std::string shown(type_name);
  for (char &c : shown)
    if (c < 0x20 || c > 0x7e) c = '?';
  return shown;
}

const char *root_name(RecordKind kind) {
  switch (kind) {
    case RecordKind::outputs: return "outputs";
    case RecordKind::encrypted_outputs: return "encryptedOutputs";
    case RecordKind::assets: return "assets";
    case RecordKind::message: return "message";
    case RecordKind::logs: return "logs";
    default: return "record";
  }
}

// The reason for a text error, as messages say it.
const char *text_problem(TextError error) {
  switch (error) {
    case TextError::invalid_utf8: return "invalid UTF-8";
    case TextError::lone_surrogate: return "lone UTF-16 surrogate (not valid Unicode)";
    case TextError::too_long: return "string longer than the server's 20,000,000 characters";
    case TextError::raw_control: return "invalid JSON: unescaped control character in a string";
    case TextError::bad_escape: return "invalid JSON: bad escape in a string";
    case TextError::none: break;
  }
  return "";
}

}  // namespace

// ---- starting ------------------------------------------------------------

void Record::reset() {
  buf_.clear();
  error_.clear();
  stack_.clear();
  kind_ = RecordKind::none;
  phase_ = Phase::empty;
  status_ = KESTRA_OK;
  root_done_ = false;
  metric_part_ = MetricPart::value;
  has_timestamp_ = has_description_ = false;
  log_count_ = 0;
}

kestra_result Record::begin(RecordKind kind) {
  reset();
  kind_ = kind;
  phase_ = Phase::building;
  switch (kind) {
    case RecordKind::outputs: buf_.append("::{\"outputs\":"); break;
    case RecordKind::encrypted_outputs: buf_.append("::{\"encryptedOutputs\":"); break;
    case RecordKind::assets: buf_.append("::{\"assets\":"); break;
    case RecordKind::logs: buf_.append("::{\"logs\":["); break;
    case RecordKind::message: buf_.append("::"); break;
    default: return fail(KESTRA_ERROR_USAGE, "record", "unknown record kind");
  }
  return KESTRA_OK;
}

kestra_result Record::begin_metric(kestra_metric_type type, const Text &name) {
  reset();
  kind_ = RecordKind::metric;
  phase_ = Phase::building;
  metric_type_ = type;
  const char *type_name = metric_type_name(type);
  if (!type_name) return fail(KESTRA_ERROR_VALUE, "metric type", "must be counter, timer or gauge");
  const auto field = [&] { return std::string(type_name) + " name"; };  // built only on error
  if (name.utf16 ? name.utf16_len == 0 : name.utf8.empty())
    return fail(KESTRA_ERROR_VALUE, field(), "must not be empty");
  buf_.append("::{\"metrics\":[{\"name\":");
  name_pos_ = buf_.size();
  const TextError e = append_string(buf_, name);
  if (e != TextError::none) {
    name_len_ = 0;
    return fail(e == TextError::too_long ? KESTRA_ERROR_LIMIT : KESTRA_ERROR_UNICODE, field(),
                text_problem(e));
  }
  name_len_ = buf_.size() - name_pos_;
  static constexpr std::string_view kTypeParts[] = {
      ",\"type\":\"counter\",\"value\":", ",\"type\":\"timer\",\"value\":", ",\"type\":\"gauge\",\"value\":"};
  buf_.append(kTypeParts[type]);
  return KESTRA_OK;
}

kestra_result Record::check_open() {
  if (phase_ == Phase::building) return KESTRA_OK;
  if (phase_ == Phase::failed) return status_;
  return fail(KESTRA_ERROR_USAGE, phase_ == Phase::finished ? root_name(kind_) : "record",
              phase_ == Phase::finished ? "the record is finished: call a begin function to start the next"
                                        : "no record is being built: call a begin function first");
}

// ---- failing and messages ------------------------------------------------

kestra_result Record::fail(kestra_result code, std::string field, std::string_view reason) {
  status_ = code;
  phase_ = Phase::failed;
  error_ = std::move(field);
  error_.append(": ");
  error_.append(reason);
  return code;
}

void Record::fail_no_memory() noexcept {
  status_ = KESTRA_ERROR_NO_MEMORY;
  phase_ = Phase::failed;
  // Shorter than any std::string's inline capacity: this assign never allocates.
  static_assert(sizeof("out of memory") <= 16);
  try {
    error_.assign("out of memory");
  } catch (...) {
    error_.clear();
  }
}

// Where the value being placed goes, for a message: a metric's value, or a path.
std::string Record::value_field() const {
  if (kind_ == RecordKind::metric && metric_part_ == MetricPart::value) return metric_label() + " value";
  return path(stack_.size());
}

std::string Record::metric_label() const {
  std::string label = metric_type_name(metric_type_);
  label.push_back(' ');
  label.append(quote_escaped_for_message(std::string_view(buf_).substr(name_pos_, name_len_)));
  return label;
}

// The path of the value being placed, through the first `frames` open containers.
// Long paths keep their first and last eight steps, so a message stays one line.
std::string Record::path(std::size_t frames) const {
  std::string out = kind_ == RecordKind::metric ? metric_label() + " tags" : root_name(kind_);
  constexpr std::size_t kKeep = 8;
  for (std::size_t i = 0; i < frames; ++i) {
    if (frames > 2 * kKeep && i == kKeep) {
      out.append("...");
      i = frames - kKeep - 1;
      continue;
    }
    const Frame &f = stack_[i];
    if (!f.object) {
      out.append(fmt::format("[{}]", f.count));
    } else if (f.key_pending) {
      out.push_back('[');
      out.append(quote_escaped_for_message(std::string_view(buf_).substr(f.key_pos, f.key_len)));
      out.push_back(']');
    }
  }
  return out;
}

kestra_result Record::fail_at_entry(kestra_result code, std::size_t entry_depth, std::string_view reason) {
  return fail(code, path(entry_depth), reason);
}

kestra_result Record::text_result(TextError error, std::size_t entry_depth, std::size_t syntax_depth) {
  switch (error) {
    case TextError::none: return KESTRA_OK;
    case TextError::invalid_utf8:
    case TextError::lone_surrogate:
      return fail_at_entry(KESTRA_ERROR_UNICODE, entry_depth, text_problem(error));
    case TextError::too_long: return fail_at_entry(KESTRA_ERROR_LIMIT, entry_depth, text_problem(error));
    case TextError::raw_control:
    case TextError::bad_escape: return fail_at_entry(KESTRA_ERROR_SYNTAX, syntax_depth, text_problem(error));
  }
  return KESTRA_OK;
}

// ---- placing values ------------------------------------------------------

// Checks that a value of `kind` may come next, and writes the separator before it.
kestra_result Record::place_value(ValueKind kind) {
  if (kestra_result r = check_open()) return r;
  switch (kind_) {
    case RecordKind::metric: return check_metric_value(kind);
    case RecordKind::logs:
      return fail(KESTRA_ERROR_USAGE, "logs", "a logs record takes log entries, not values");
    default: break;
  }
  if (stack_.empty()) {
    if (root_done_) return fail(KESTRA_ERROR_USAGE, root_name(kind_), "the value is already complete");
    if (kind != ValueKind::object)
      return fail(KESTRA_ERROR_TYPE, root_name(kind_),
                  fmt::format("must be an object with string keys, got {}", kind_article(kind)));
    return KESTRA_OK;
  }
  Frame &top = stack_.back();
  if (top.object && !top.key_pending)
    return fail(KESTRA_ERROR_USAGE, path(stack_.size()), "a key must come before each value in an object");
  if (kind_ == RecordKind::assets) {
    if (kestra_result r = check_assets_value(kind)) return r;
  }
  if (!top.object && top.count > 0) buf_.push_back(',');
  return KESTRA_OK;
}

kestra_result Record::check_assets_value(ValueKind kind) {
  // assets = {"inputs": [{...}, ...], "outputs": [{...}, ...]}
  if (stack_.size() == 1 && kind != ValueKind::array)
    return fail(KESTRA_ERROR_TYPE, path(1),
                fmt::format("must be an array of objects, got {}", kind_article(kind)));
  if (stack_.size() == 2 && kind != ValueKind::object)
    return fail(KESTRA_ERROR_TYPE, path(2), fmt::format("must be an object, got {}", kind_article(kind)));
  return KESTRA_OK;
}

kestra_result Record::check_metric_value(ValueKind kind) {
  const bool number = kind == ValueKind::integer || kind == ValueKind::floating;
  if (metric_part_ == MetricPart::value) {
    if (number) return KESTRA_OK;
    if (kind == ValueKind::null) return fail(KESTRA_ERROR_VALUE, value_field(), kNullInMetric);
    return fail(KESTRA_ERROR_TYPE, value_field(),
                fmt::format("must be a number, got {}", kind_article(kind)));
  }
  if (metric_part_ == MetricPart::fields)
    return fail(KESTRA_ERROR_USAGE, metric_label(), "tags must come before the timestamp and description");
  Frame &tags = stack_.back();
  if (!tags.key_pending)
    return fail(KESTRA_ERROR_USAGE, path(1), "a tag key must come before each tag value");
  if (kind == ValueKind::null) return fail(KESTRA_ERROR_VALUE, path(1), kNullInMetric);
  if (!number && kind != ValueKind::string && kind != ValueKind::boolean)
    return fail(
        KESTRA_ERROR_TYPE, path(1),
        fmt::format("a tag value must be a string, a number or a boolean, got {}", kind_article(kind)));
  return KESTRA_OK;
}

void Record::start_tags() {
  buf_.append(",\"tags\":{");
  metric_part_ = MetricPart::tags;
  stack_.push_back(Frame{true});
}

// Bookkeeping after a complete value (scalar, or container just closed).
void Record::value_done() {
  if (kind_ == RecordKind::metric && metric_part_ == MetricPart::value) {
    start_tags();
    return;
  }
  if (stack_.empty()) {
    root_done_ = true;
    return;
  }
  Frame &top = stack_.back();
  ++top.count;
  top.key_pending = false;
}

// A timer's value, as just written from `at`: seconds elapsed, which the server
// reads into a Duration.
kestra_result Record::check_timer_value(std::size_t at) {
  if (kind_ != RecordKind::metric || metric_type_ != KESTRA_METRIC_TIMER || metric_part_ != MetricPart::value)
    return KESTRA_OK;
  const std::string_view text = std::string_view(buf_).substr(at);
  if (is_negative_number(text))
    return fail(KESTRA_ERROR_VALUE, metric_label() + " value",
                "a timer must not be negative (seconds elapsed)");
  if (!timer_seconds_fit(text))
    return fail(KESTRA_ERROR_VALUE, metric_label() + " value",
                "beyond the longest duration the server reads (a Java long of seconds)");
  return KESTRA_OK;
}

kestra_result Record::begin_container(ValueKind kind, const void *identity) {
  if (kestra_result r = place_value(kind)) return r;
  const std::size_t base = kind_ == RecordKind::message ? 0 : 1;  // the {"outputs":…} wrapper
  if (base + stack_.size() + 1 > kMaxDepth)
    return fail(KESTRA_ERROR_DEPTH, path(stack_.size()),
                "nested deeper than the server reads (1,000 levels in a line)");
  if (identity) {
    for (const Frame &f : stack_)
      if (f.identity == identity)
        return fail(KESTRA_ERROR_CYCLE, path(stack_.size()), "the value contains itself (a cycle)");
  }
  buf_.push_back(kind == ValueKind::object ? '{' : '[');
  stack_.push_back(Frame{kind == ValueKind::object, false, 0, identity});
  return KESTRA_OK;
}

kestra_result Record::end_container(ValueKind kind) {
  if (kestra_result r = check_open()) return r;
  const bool object = kind == ValueKind::object;
  const bool in_tags = kind_ == RecordKind::metric;  // the tags frame is closed by finish
  if (stack_.empty() || in_tags || stack_.back().object != object || stack_.back().key_pending)
    return fail(
        KESTRA_ERROR_USAGE, path(stack_.size()),
        object ? "end_object does not match an open object" : "end_array does not match an open array");
  buf_.push_back(object ? '}' : ']');
  stack_.pop_back();
  value_done();
  return KESTRA_OK;
}

kestra_result Record::before_key() {
  if (kestra_result r = check_open()) return r;
  if (kind_ == RecordKind::metric && metric_part_ == MetricPart::value)
    return fail(KESTRA_ERROR_USAGE, metric_label() + " value", "the value must come before the tags");
  if (kind_ == RecordKind::metric && metric_part_ == MetricPart::fields)
    return fail(KESTRA_ERROR_USAGE, metric_label(), "tags must come before the timestamp and description");
  if (stack_.empty() || !stack_.back().object || stack_.back().key_pending)
    return fail(KESTRA_ERROR_USAGE, path(stack_.size()),
                "a key is only allowed in an object, before its value");
  if (stack_.back().count > 0) buf_.push_back(',');
  return KESTRA_OK;
}

kestra_result Record::after_key(std::size_t key_pos) {
  Frame &top = stack_.back();
  top.key_pos = key_pos;
  top.key_len = buf_.size() - key_pos;
  top.key_pending = true;
  // Judge the key before the ':' is appended: that may move the buffer.
  const std::string_view key(buf_.data() + key_pos, top.key_len);
  const bool empty_tag = kind_ == RecordKind::metric && key == "\"\"";
  const bool unknown_asset =
      kind_ == RecordKind::assets && stack_.size() == 1 && key != "\"inputs\"" && key != "\"outputs\"";
  buf_.push_back(':');
  if (empty_tag) return fail(KESTRA_ERROR_VALUE, path(1), "tag keys must not be empty");
  if (unknown_asset)
    return fail(KESTRA_ERROR_VALUE, path(1), "unknown assets key (expected 'inputs' or 'outputs')");
  return KESTRA_OK;
}

kestra_result Record::key(const Text &key) {
  if (kestra_result r = before_key()) return r;
  const std::size_t pos = buf_.size();
  if (kestra_result r = text_result(append_string(buf_, key), stack_.size(), stack_.size())) return r;
  return after_key(pos);
}

kestra_result Record::key_json_escaped(std::string_view body, std::size_t syntax_depth) {
  if (kestra_result r = before_key()) return r;
  const std::size_t pos = buf_.size();
  if (kestra_result r = text_result(append_string_json_escaped(buf_, body), stack_.size(), syntax_depth))
    return r;
  return after_key(pos);
}

kestra_result Record::string(const Text &text) {
  if (kestra_result r = place_value(ValueKind::string)) return r;
  if (kestra_result r = text_result(append_string(buf_, text), stack_.size(), stack_.size())) return r;
  value_done();
  return KESTRA_OK;
}

kestra_result Record::string_json_escaped(std::string_view body, std::size_t syntax_depth) {
  if (kestra_result r = place_value(ValueKind::string)) return r;
  if (kestra_result r = text_result(append_string_json_escaped(buf_, body), stack_.size(), syntax_depth))
    return r;
  value_done();
  return KESTRA_OK;
}

// Places a number: `append` writes it (or fails the record), then a timer's
// value is checked.
template <typename Append>
kestra_result Record::put_number(ValueKind kind, Append append) {
  if (kestra_result r = place_value(kind)) return r;
  const std::size_t at = buf_.size();
  if (kestra_result r = append()) return r;
  if (kestra_result r = check_timer_value(at)) return r;
  value_done();
  return KESTRA_OK;
}

kestra_result Record::int64(std::int64_t value) {
  return put_number(ValueKind::integer, [&] {
    append_int64(buf_, value);
    return KESTRA_OK;
  });
}

kestra_result Record::uint64(std::uint64_t value) {
  return put_number(ValueKind::integer, [&] {
    append_uint64(buf_, value);
    return KESTRA_OK;
  });
}

kestra_result Record::integer_text(std::string_view digits) {
  return put_number(ValueKind::integer, [&] {
    switch (append_integer_text(buf_, digits)) {
      case IntegerTextError::none: break;
      case IntegerTextError::syntax:
        return fail(KESTRA_ERROR_VALUE, value_field(),
                    "integer text must be an optional '-' followed by digits");
      case IntegerTextError::too_long: return fail(KESTRA_ERROR_LIMIT, value_field(), kIntegerTooLong);
    }
    return KESTRA_OK;
  });
}

kestra_result Record::floating(double value) {
  return put_number(ValueKind::floating, [&] {
    if (!std::isfinite(value))
      return fail(KESTRA_ERROR_VALUE, value_field(),
                  std::isnan(value)
                      ? "NaN is not allowed (strict JSON has no NaN; the server drops the line)"
                      : "Infinity is not allowed (strict JSON has no Infinity; the server drops the line)");
    append_double(buf_, value);
    return KESTRA_OK;
  });
}

kestra_result Record::javascript_number(double value) {
  if (!std::isfinite(value)) return floating(value);  // the same refusal
  // Written as an integer, and named one in messages ("got an integer").
  const ValueKind kind = is_javascript_safe_integer(value) ? ValueKind::integer : ValueKind::floating;
  return put_number(kind, [&] {
    char text[kMaxDoubleChars];
    buf_.append(text, write_javascript_number(text, value));
    return KESTRA_OK;
  });
}

kestra_result Record::json_number(std::string_view literal, bool is_float, JsonDialect dialect) {
  return put_number(is_float ? ValueKind::floating : ValueKind::integer, [&] {
    const std::size_t at = buf_.size();
    buf_.resize(at + literal.size() + kMaxDoubleChars);
    NumberTextError error = NumberTextError::none;
    const char *end = write_json_number(buf_.data() + at, literal, is_float, dialect, error);
    buf_.resize(end ? static_cast<std::size_t>(end - buf_.data()) : at);
    switch (error) {
      case NumberTextError::none: break;
      case NumberTextError::too_long:
        return fail(KESTRA_ERROR_LIMIT, value_field(),
                    is_float || dialect == JsonDialect::javascript
                        ? "number longer than the server's 1,000 characters"
                        : kIntegerTooLong);
      case NumberTextError::out_of_range:
        return fail(KESTRA_ERROR_VALUE, value_field(),
                    fmt::format("{} is beyond the range of a double", literal));
    }
    return KESTRA_OK;
  });
}

kestra_result Record::boolean(bool value) {
  if (kestra_result r = place_value(ValueKind::boolean)) return r;
  buf_.append(value ? "true" : "false");
  value_done();
  return KESTRA_OK;
}

kestra_result Record::null() {
  if (kestra_result r = place_value(ValueKind::null)) return r;
  buf_.append("null");
  value_done();
  return KESTRA_OK;
}

kestra_result Record::json(std::string_view text, JsonDialect dialect) {
  if (kestra_result r = check_open()) return r;
  const bool outputs = kind_ == RecordKind::outputs || kind_ == RecordKind::encrypted_outputs;
  if (outputs && stack_.empty() && !root_done_ && copy_outputs_json(buf_, text, dialect)) {
    root_done_ = true;
    return KESTRA_OK;
  }
  return read_json(*this, text, dialect);
}

kestra_result Record::unsupported(std::string_view type_name) {
  if (kestra_result r = check_open()) return r;
  return fail(KESTRA_ERROR_TYPE, value_field(), "unsupported type " + shown_type(type_name));
}

kestra_result Record::not_text(kestra_text_argument argument, kestra_metric_type metric_type,
                               std::string_view type_name) {
  const std::string got = ", got " + shown_type(type_name);
  if (argument == KESTRA_ARGUMENT_METRIC_NAME) {
    reset();
    kind_ = RecordKind::metric;
    phase_ = Phase::building;
    const char *type = metric_type_name(metric_type);
    if (!type) return fail(KESTRA_ERROR_VALUE, "metric type", "must be counter, timer or gauge");
    return fail(KESTRA_ERROR_TYPE, std::string(type) + " name", "must be a string" + got);
  }
  if (kestra_result r = check_open()) return r;
  const bool metric = kind_ == RecordKind::metric && argument != KESTRA_ARGUMENT_JSON;
  const bool logs = kind_ == RecordKind::logs;
  switch (argument) {
    case KESTRA_ARGUMENT_METRIC_TIMESTAMP:
      if (metric)
        return fail(KESTRA_ERROR_TYPE, metric_label() + " timestamp", "must be an ISO-8601 string" + got);
      break;
    case KESTRA_ARGUMENT_METRIC_DESCRIPTION:
      if (metric) return fail(KESTRA_ERROR_TYPE, metric_label() + " description", "must be a string" + got);
      break;
    case KESTRA_ARGUMENT_LOG_LEVEL:
      if (logs)
        return fail(KESTRA_ERROR_TYPE, fmt::format("logs[{}] level", log_count_),
                    "must be a level name or a level number (0 TRACE to 4 ERROR)" + got);
      break;
    case KESTRA_ARGUMENT_LOG_MESSAGE:
      if (logs)
        return fail(KESTRA_ERROR_TYPE, fmt::format("logs[{}] message", log_count_), "must be a string" + got);
      break;
    case KESTRA_ARGUMENT_JSON:
      if (stack_.empty() && !root_done_ && kind_ != RecordKind::metric && !logs)
        return fail(KESTRA_ERROR_TYPE, root_name(kind_), "a JSON text must be a string" + got);
      break;
    default: return fail(KESTRA_ERROR_USAGE, "argument", "unknown text argument");
  }
  return fail(KESTRA_ERROR_USAGE, root_name(kind_), "this argument does not belong to this record");
}

kestra_result Record::integer_words(bool negative, const std::uint64_t *words, std::size_t count) {
  if (!words && count > 0)
    return put_number(ValueKind::integer, [&] {
      return fail(KESTRA_ERROR_USAGE, value_field(),
                  fmt::format("integer words: NULL with a count of {} (NULL is only for none)", count));
    });
  while (count > 0 && words[count - 1] == 0) --count;
  if (count > KESTRA_MAX_INTEGER_WORDS)
    return put_number(ValueKind::integer,
                      [&] { return fail(KESTRA_ERROR_LIMIT, value_field(), kIntegerTooLong); });
  return integer_text(integer_words_to_decimal(negative, words, count));
}

kestra_result Record::number_text(std::string_view text, bool allow_bool) {
  const TypedNumber n = read_typed_number(text, allow_bool);
  switch (n.kind) {
    case TypedNumber::boolean: return boolean(n.truth);
    case TypedNumber::integer: return integer_text(text);
    case TypedNumber::floating:
      if (!n.out_of_range) return floating(n.value);
      return put_number(ValueKind::floating, [&] {
        return fail(KESTRA_ERROR_VALUE, value_field(),
                    fmt::format("{} is beyond the range of a double", text));
      });
    case TypedNumber::not_a_number: break;
  }
  if (kestra_result r = place_value(ValueKind::floating)) return r;
  return fail(KESTRA_ERROR_VALUE, value_field(),
              quote_for_message(text) + (allow_bool ? " is not a number or a boolean" : " is not a number"));
}

// ---- metric fields and logs ----------------------------------------------

kestra_result Record::metric_timestamp(const Text &text) {
  if (kestra_result r = check_open()) return r;
  if (kind_ != RecordKind::metric || metric_part_ == MetricPart::value || has_timestamp_ ||
      stack_.back().key_pending)
    return fail(KESTRA_ERROR_USAGE, "timestamp", "only once per metric, after its value and tags");
  std::string transcoded;
  if (text.utf16 && !utf16_to_utf8(text.utf16, text.utf16_len, transcoded))
    return fail(KESTRA_ERROR_UNICODE, metric_label() + " timestamp", text_problem(TextError::lone_surrogate));
  if (!text.utf16 && !is_utf8(text.utf8))
    return fail(KESTRA_ERROR_UNICODE, metric_label() + " timestamp", text_problem(TextError::invalid_utf8));
  const std::string_view iso8601 = text.utf16 ? std::string_view(transcoded) : text.utf8;
  if (!is_iso8601_instant(iso8601))
    return fail(KESTRA_ERROR_VALUE, metric_label() + " timestamp",
                "must be an ISO-8601 date-time with a zone, like 2026-11-21T10:30:00Z");
  if (metric_part_ == MetricPart::tags) buf_.push_back('}');
  metric_part_ = MetricPart::fields;
  has_timestamp_ = true;
  buf_.append(",\"timestamp\":");
  append_string_utf8(buf_, iso8601);  // checked ASCII above
  return KESTRA_OK;
}

kestra_result Record::metric_description(const Text &text) {
  if (kestra_result r = check_open()) return r;
  if (kind_ != RecordKind::metric || metric_part_ == MetricPart::value || has_description_ ||
      stack_.back().key_pending)
    return fail(KESTRA_ERROR_USAGE, "description", "only once per metric, after its value and tags");
  const bool close_tags = metric_part_ == MetricPart::tags;
  buf_.append(close_tags ? "},\"description\":" : ",\"description\":");
  const TextError e = append_string(buf_, text);
  if (e != TextError::none)
    return fail(e == TextError::too_long ? KESTRA_ERROR_LIMIT : KESTRA_ERROR_UNICODE,
                metric_label() + " description", text_problem(e));
  metric_part_ = MetricPart::fields;
  has_description_ = true;
  return KESTRA_OK;
}

kestra_result Record::log(kestra_level level, const Text &message) {
  if (kestra_result r = check_open()) return r;
  const auto field = [&](const char *part) { return fmt::format("logs[{}]{}", log_count_, part); };
  if (kind_ != RecordKind::logs) return fail(KESTRA_ERROR_USAGE, field(""), "not a logs record");
  const char *name = kestra_level_name(level);
  if (!name)
    return fail(KESTRA_ERROR_VALUE, field(" level"),
                "unknown level (expected TRACE, DEBUG, INFO, WARN or ERROR)");
  if (log_count_ > 0) buf_.push_back(',');
  buf_.append("{\"level\":\"");
  buf_.append(name);
  buf_.append("\",\"message\":");
  const TextError e = append_string(buf_, message);
  if (e != TextError::none)
    return fail(e == TextError::too_long ? KESTRA_ERROR_LIMIT : KESTRA_ERROR_UNICODE, field(" message"),
                text_problem(e));
  buf_.push_back('}');
  ++log_count_;
  return KESTRA_OK;
}

kestra_result Record::log_named(const Text &level_text, const Text &message) {
  if (kestra_result r = check_open()) return r;
  std::string transcoded;
  if (level_text.utf16 && !utf16_to_utf8(level_text.utf16, level_text.utf16_len, transcoded))
    return fail(KESTRA_ERROR_UNICODE, fmt::format("logs[{}] level", log_count_),
                text_problem(TextError::lone_surrogate));
  if (!level_text.utf16 && !is_utf8(level_text.utf8))
    return fail(KESTRA_ERROR_UNICODE, fmt::format("logs[{}] level", log_count_),
                text_problem(TextError::invalid_utf8));
  const std::string_view level_name = level_text.utf16 ? std::string_view(transcoded) : level_text.utf8;
  kestra_level level;
  if (kestra_level_parse(level_name.data(), level_name.size(), &level) != KESTRA_OK)
    return fail(KESTRA_ERROR_VALUE, fmt::format("logs[{}] level", log_count_),
                fmt::format("{} is not a level (expected TRACE, DEBUG, INFO, WARN or ERROR)",
                            quote_for_message(level_name)));
  return log(level, message);
}

// ---- finishing -----------------------------------------------------------

kestra_result Record::finish() {
  if (phase_ == Phase::finished) return KESTRA_OK;
  if (kestra_result r = check_open()) return r;
  switch (kind_) {
    case RecordKind::metric:
      if (metric_part_ == MetricPart::value)
        return fail(KESTRA_ERROR_USAGE, metric_label() + " value", "missing");
      if (metric_part_ == MetricPart::tags) {
        if (stack_.back().key_pending) return fail(KESTRA_ERROR_USAGE, path(1), "tag key without a value");
        buf_.push_back('}');
      }
      stack_.clear();
      buf_.append("}]}::\n");
      break;
    case RecordKind::logs:
      if (log_count_ == 0) return fail(KESTRA_ERROR_USAGE, "logs", "a logs record needs at least one entry");
      buf_.append("]}::\n");
      break;
    default:
      if (!root_done_)
        return fail(
            KESTRA_ERROR_USAGE, root_name(kind_),
            stack_.empty() ? "no value given" : "the value is incomplete (a container is still open)");
      if (kind_ == RecordKind::message) {
        const std::string_view object = std::string_view(buf_).substr(2);
        const MessageProblem problem = check_message_rules(object);
        if (problem.code) return fail(problem.code, problem.field, problem.reason);
        buf_.append("::\n");
      } else {
        buf_.append("}::\n");
      }
  }
  phase_ = Phase::finished;
  return KESTRA_OK;
}

std::string_view Record::line() const {
  if (phase_ != Phase::finished) return {};
  return buf_;
}

}  // namespace kestra::detail
