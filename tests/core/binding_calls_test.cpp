// The calls of ABI version 2 that bindings need: UTF-16 twins, limits, metric
// type names, words of big integers, text arguments that are not text, typed
// numbers, message quoting, write flags and the ABI check.
#include <gtest/gtest.h>

#include <unistd.h>

#include <string>
#include <vector>

#include "kestra/kestra.h"
#include "record_fixture.hpp"

namespace {

class BindingCalls : public RecordFixture {
 protected:
  void counter() {
    ASSERT_EQ(kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "rows", KESTRA_CSTR), KESTRA_OK);
  }
};

std::vector<uint16_t> units(const char16_t *text) {
  std::vector<uint16_t> out;
  for (; *text; ++text) out.push_back(static_cast<uint16_t>(*text));
  return out;
}

TEST_F(BindingCalls, AbiCheckCanFail) {
  EXPECT_EQ(KESTRA_ABI_VERSION, 2);
  EXPECT_TRUE(KESTRA_ABI_MATCHES(kestra_abi_version()));
  EXPECT_FALSE(KESTRA_ABI_MATCHES(1));
  EXPECT_FALSE(KESTRA_ABI_MATCHES(kestra_abi_version() + 1));
}

TEST_F(BindingCalls, NamesOfEnums) {
  EXPECT_STREQ(kestra_metric_type_name(KESTRA_METRIC_COUNTER), "counter");
  EXPECT_STREQ(kestra_metric_type_name(KESTRA_METRIC_TIMER), "timer");
  EXPECT_STREQ(kestra_metric_type_name(KESTRA_METRIC_GAUGE), "gauge");
  EXPECT_EQ(kestra_metric_type_name(static_cast<kestra_metric_type>(3)), nullptr);
  EXPECT_STREQ(kestra_result_name(KESTRA_ERROR_USER), "user");
}

TEST_F(BindingCalls, LimitsAreTheOnesTheCoreApplies) {
  counter();
  const std::string most(KESTRA_MAX_INTEGER_DIGITS, '9');
  EXPECT_EQ(kestra_record_integer_text(r, most.data(), most.size()), KESTRA_OK);
  counter();
  const std::string over(KESTRA_MAX_INTEGER_DIGITS + 1, '9');
  EXPECT_EQ(kestra_record_integer_text(r, over.data(), over.size()), KESTRA_ERROR_LIMIT);
  EXPECT_EQ(error(), "counter 'rows' value: integer of more than the server's 1,000 digits");
}

TEST_F(BindingCalls, TimestampAndLevelNameAsUtf16) {
  counter();
  ASSERT_EQ(kestra_record_int64(r, 1), KESTRA_OK);
  const auto stamp = units(u"2026-11-21T10:30:00Z");
  ASSERT_EQ(kestra_record_metric_timestamp_utf16(r, stamp.data(), stamp.size()), KESTRA_OK);
  ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
  EXPECT_NE(line().find("\"timestamp\":\"2026-11-21T10:30:00Z\""), std::string::npos);

  counter();
  ASSERT_EQ(kestra_record_int64(r, 1), KESTRA_OK);
  const uint16_t lone[] = {'2', 0xD800};
  EXPECT_EQ(kestra_record_metric_timestamp_utf16(r, lone, 2), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(error(), "counter 'rows' timestamp: lone UTF-16 surrogate (not valid Unicode)");

  ASSERT_EQ(kestra_record_begin_logs(r), KESTRA_OK);
  const auto warning = units(u"warning"), message = units(u"disk \u00e9");
  ASSERT_EQ(kestra_record_log_named_utf16(r, warning.data(), warning.size(), message.data(), message.size()),
            KESTRA_OK);
  ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
  EXPECT_EQ(line(), "::{\"logs\":[{\"level\":\"WARN\",\"message\":\"disk \\u00e9\"}]}::\n");

  kestra_level level = KESTRA_LEVEL_TRACE;
  EXPECT_EQ(kestra_level_parse_utf16(warning.data(), warning.size(), &level), KESTRA_OK);
  EXPECT_EQ(level, KESTRA_LEVEL_WARN);
  EXPECT_EQ(kestra_level_parse_utf16(lone, 2, &level), KESTRA_ERROR_UNICODE);
}

TEST_F(BindingCalls, JsonTextAsUtf16) {
  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  const auto text = units(u"{\"a\": \"\u00e9\U0001F600\"}");
  ASSERT_EQ(kestra_record_json_utf16(r, text.data(), text.size(), KESTRA_JSON_DEFAULT), KESTRA_OK);
  ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
  EXPECT_EQ(line(), "::{\"outputs\":{\"a\":\"\\u00e9\\ud83d\\ude00\"}}::\n");

  // A raw lone surrogate fails as an escaped one does, at the string's path.
  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  const uint16_t lone[] = {'{', '"', 'a', '"', ':', '"', 0xDC00, '"', '}'};
  EXPECT_EQ(kestra_record_json_utf16(r, lone, 9, KESTRA_JSON_DEFAULT), KESTRA_ERROR_UNICODE);
  const std::string raw_error = error();
  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  EXPECT_EQ(kestra_record_json(r, "{\"a\":\"\\udc00\"}", KESTRA_CSTR), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(raw_error, error());
  EXPECT_EQ(raw_error, "outputs['a']: lone UTF-16 surrogate (not valid Unicode)");

  // After a backslash, or outside a string, it is no JSON.
  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  const uint16_t escaped[] = {'{', '"', 'a', '"', ':', '"', '\\', 0xD800, '"', '}'};
  EXPECT_EQ(kestra_record_json_utf16(r, escaped, 10, KESTRA_JSON_DEFAULT), KESTRA_ERROR_SYNTAX);
  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  const uint16_t outside[] = {'{', 0xD800, '}'};
  EXPECT_EQ(kestra_record_json_utf16(r, outside, 3, KESTRA_JSON_DEFAULT), KESTRA_ERROR_SYNTAX);
}

TEST_F(BindingCalls, IntegerWords) {
  counter();
  const uint64_t two_to_64[] = {0, 1};
  ASSERT_EQ(kestra_record_integer_words(r, 1, two_to_64, 2), KESTRA_OK);
  ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
  EXPECT_NE(line().find("\"value\":-18446744073709551616,"), std::string::npos);

  counter();
  ASSERT_EQ(kestra_record_integer_words(r, 1, nullptr, 0), KESTRA_OK);  // -0 is 0
  ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
  EXPECT_NE(line().find("\"value\":0,"), std::string::npos);

  // 10^1000 - 1 has 1,000 digits in 53 words; more words fail before any conversion.
  const std::vector<uint64_t> many(KESTRA_MAX_INTEGER_WORDS + 1, ~0ull);
  counter();
  EXPECT_EQ(kestra_record_integer_words(r, 0, many.data(), many.size()), KESTRA_ERROR_LIMIT);
  EXPECT_EQ(error(), "counter 'rows' value: integer of more than the server's 1,000 digits");
  const std::vector<uint64_t> most(KESTRA_MAX_INTEGER_WORDS, ~0ull);  // 2^3392 - 1: 1,022 digits
  counter();
  EXPECT_EQ(kestra_record_integer_words(r, 0, most.data(), most.size()), KESTRA_ERROR_LIMIT);
}

// NULL words with a count is a caller's bug, not the number 0 (it used to be written 0).
TEST_F(BindingCalls, IntegerWordsNullWithACountIsAUsageError) {
  counter();
  EXPECT_EQ(kestra_record_integer_words(r, 0, nullptr, 2), KESTRA_ERROR_USAGE);
  EXPECT_EQ(kestra_record_status(r), KESTRA_ERROR_USAGE);
  EXPECT_EQ(error(), "counter 'rows' value: integer words: NULL with a count of 2 (NULL is only for none)");
  EXPECT_EQ(kestra_record_finish(r), KESTRA_ERROR_USAGE) << "the record has failed";
  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  ASSERT_EQ(kestra_record_begin_object(r, nullptr), KESTRA_OK);
  ASSERT_EQ(kestra_record_key(r, "n", KESTRA_CSTR), KESTRA_OK);
  EXPECT_EQ(kestra_record_integer_words(r, 1, nullptr, 1), KESTRA_ERROR_USAGE);
  EXPECT_EQ(error(), "outputs['n']: integer words: NULL with a count of 1 (NULL is only for none)");
}

TEST_F(BindingCalls, TextArgumentsThatAreNotText) {
  EXPECT_EQ(kestra_record_not_text(r, KESTRA_ARGUMENT_METRIC_NAME, KESTRA_METRIC_GAUGE, "int"),
            KESTRA_ERROR_TYPE);
  EXPECT_EQ(error(), "gauge name: must be a string, got int");
  EXPECT_EQ(kestra_record_finish(r), KESTRA_ERROR_TYPE);

  counter();
  ASSERT_EQ(kestra_record_int64(r, 1), KESTRA_OK);
  EXPECT_EQ(kestra_record_not_text(r, KESTRA_ARGUMENT_METRIC_TIMESTAMP, KESTRA_METRIC_COUNTER, "number"),
            KESTRA_ERROR_TYPE);
  EXPECT_EQ(error(), "counter 'rows' timestamp: must be an ISO-8601 string, got number");

  ASSERT_EQ(kestra_record_begin_logs(r), KESTRA_OK);
  ASSERT_EQ(kestra_record_log(r, KESTRA_LEVEL_INFO, "a", 1), KESTRA_OK);
  EXPECT_EQ(kestra_record_not_text(r, KESTRA_ARGUMENT_LOG_MESSAGE, KESTRA_METRIC_COUNTER, "dict"),
            KESTRA_ERROR_TYPE);
  EXPECT_EQ(error(), "logs[1] message: must be a string, got dict");

  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  EXPECT_EQ(kestra_record_not_text(r, KESTRA_ARGUMENT_JSON, KESTRA_METRIC_COUNTER, "int"), KESTRA_ERROR_TYPE);
  EXPECT_EQ(error(), "outputs: a JSON text must be a string, got int");

  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  EXPECT_EQ(kestra_record_not_text(r, KESTRA_ARGUMENT_LOG_LEVEL, KESTRA_METRIC_COUNTER, "int"),
            KESTRA_ERROR_USAGE);
  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  EXPECT_EQ(kestra_record_not_text(r, static_cast<kestra_text_argument>(99), KESTRA_METRIC_COUNTER, "x"),
            KESTRA_ERROR_USAGE);
}

TEST_F(BindingCalls, NumbersAsTyped) {
  struct Case {
    const char *text;
    int allow_bool;
    kestra_result result;
    const char *written_or_error;
  };
  const Case cases[] = {
      {"007", 0, KESTRA_OK, "\"value\":7,"},
      {"-0", 0, KESTRA_OK, "\"value\":0,"},
      {"1.50", 0, KESTRA_OK, "\"value\":1.5,"},
      {"2E3", 0, KESTRA_OK, "\"value\":2000.0,"},
      {"-00.5", 0, KESTRA_OK, "\"value\":-0.5,"},
      {"true", 1, KESTRA_ERROR_TYPE, "counter 'rows' value: must be a number, got a boolean"},
      {"1e400", 0, KESTRA_ERROR_VALUE, "counter 'rows' value: 1e400 is beyond the range of a double"},
      {"-Infinity", 0, KESTRA_ERROR_VALUE,
       "counter 'rows' value: Infinity is not allowed (strict JSON has no Infinity; the server drops the "
       "line)"},
      {"nan", 0, KESTRA_ERROR_VALUE,
       "counter 'rows' value: NaN is not allowed (strict JSON has no NaN; the server drops the line)"},
      {"0x10", 0, KESTRA_ERROR_VALUE, "counter 'rows' value: '0x10' is not a number"},
      {"+5", 0, KESTRA_ERROR_VALUE, "counter 'rows' value: '+5' is not a number"},
      {"", 1, KESTRA_ERROR_VALUE, "counter 'rows' value: '' is not a number or a boolean"},
  };
  for (const Case &c : cases) {
    counter();
    EXPECT_EQ(kestra_record_number_text(r, c.text, KESTRA_CSTR, c.allow_bool), c.result) << c.text;
    if (c.result == KESTRA_OK) {
      ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
      EXPECT_NE(line().find(c.written_or_error), std::string::npos) << c.text << " " << line();
    } else {
      EXPECT_EQ(error(), c.written_or_error) << c.text;
    }
  }
  // A tag value may be a boolean.
  counter();
  ASSERT_EQ(kestra_record_int64(r, 1), KESTRA_OK);
  ASSERT_EQ(kestra_record_key(r, "ok", KESTRA_CSTR), KESTRA_OK);
  ASSERT_EQ(kestra_record_number_text(r, "false", KESTRA_CSTR, 1), KESTRA_OK);
  ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
  EXPECT_NE(line().find("\"tags\":{\"ok\":false}"), std::string::npos);
}

TEST_F(BindingCalls, QuoteForMessage) {
  char buf[64];
  EXPECT_EQ(kestra_quote_for_message("it's \xc3\xa9\n", KESTRA_CSTR, buf, sizeof buf), 16u);
  EXPECT_STREQ(buf, "'it\\'s \\u00e9\\n'");
  EXPECT_EQ(kestra_quote_for_message("abcdef", 6, buf, 4), 8u);  // cut, as snprintf
  EXPECT_STREQ(buf, "'ab");
  EXPECT_EQ(kestra_quote_for_message("x", 1, nullptr, 0), 3u);
}

TEST_F(BindingCalls, WriteFlags) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  counter();
  ASSERT_EQ(kestra_record_int64(r, 1), KESTRA_OK);
  ASSERT_EQ(kestra_record_write_flags(r, fds[1], KESTRA_WRITE_SIGPIPE_IGNORED), KESTRA_OK);
  char got[128] = {0};
  const ssize_t n = read(fds[0], got, sizeof got - 1);
  EXPECT_EQ(std::string(got, n > 0 ? static_cast<size_t>(n) : 0), line());
  close(fds[0]);
  close(fds[1]);
  EXPECT_EQ(kestra_record_write_flags(r, fds[1], KESTRA_WRITE_DEFAULT), KESTRA_ERROR_IO);  // closed: EBADF
}

}  // namespace
