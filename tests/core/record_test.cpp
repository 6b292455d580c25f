// The record state machine through the C ABI: order of calls, errors that leave
// nothing to write, limits, and the buffer API. Byte-for-byte output of every
// record kind is covered by the shared vectors (vectors_test.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "kestra/kestra.h"
#include "record_fixture.hpp"

namespace {

using RecordTest = RecordFixture;

TEST_F(RecordTest, VersionsAgreeWithTheHeader) {
  EXPECT_EQ(kestra_version_number(), static_cast<unsigned>(KESTRA_VERSION_NUMBER));
  EXPECT_STREQ(kestra_version_string(), KESTRA_VERSION_STRING);
  EXPECT_EQ(kestra_abi_version(), static_cast<unsigned>(KESTRA_ABI_VERSION));
}

TEST_F(RecordTest, ResultNames) {
  EXPECT_STREQ(kestra_result_name(KESTRA_OK), "ok");
  EXPECT_STREQ(kestra_result_name(KESTRA_ERROR_CYCLE), "cycle");
  EXPECT_STREQ(kestra_result_name(static_cast<kestra_result>(99)), "unknown");
  EXPECT_FALSE(kestra_is_error(KESTRA_OK));
  EXPECT_TRUE(kestra_is_error(KESTRA_ERROR_IO));
}

TEST_F(RecordTest, NullHandleIsAUsageErrorNotACrash) {
  EXPECT_EQ(kestra_record_begin_outputs(nullptr), KESTRA_ERROR_USAGE);
  EXPECT_EQ(kestra_record_int64(nullptr, 1), KESTRA_ERROR_USAGE);
  EXPECT_EQ(kestra_record_line(nullptr, nullptr), nullptr);
  kestra_record_free(nullptr);
}

TEST_F(RecordTest, ValueBeforeBeginIsAUsageError) {
  EXPECT_EQ(kestra_record_int64(r, 1), KESTRA_ERROR_USAGE);
  EXPECT_NE(error().find("begin"), std::string::npos);
  EXPECT_EQ(kestra_record_finish(r), KESTRA_ERROR_USAGE);
}

TEST_F(RecordTest, AFailedRecordWritesNothingAndRefusesMore) {
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "x", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_double(r, NAN), KESTRA_ERROR_VALUE);
  EXPECT_EQ(kestra_record_key(r, "y", KESTRA_CSTR), KESTRA_ERROR_VALUE);
  EXPECT_EQ(kestra_record_finish(r), KESTRA_ERROR_VALUE);
  EXPECT_EQ(kestra_record_line(r, nullptr), nullptr);
  EXPECT_EQ(kestra_record_status(r), KESTRA_ERROR_VALUE);
  EXPECT_EQ(error().rfind("outputs['x']: NaN", 0), 0u) << error();
  // The next begin starts over cleanly.
  kestra_record_begin_logs(r);
  kestra_record_log(r, KESTRA_LEVEL_INFO, "ok", KESTRA_CSTR);
  ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
  EXPECT_EQ(line(), "::{\"logs\":[{\"level\":\"INFO\",\"message\":\"ok\"}]}::\n");
  EXPECT_EQ(error(), "");
  EXPECT_EQ(kestra_record_status(r), KESTRA_OK);
}

TEST_F(RecordTest, KeyIsRequiredInsideObjects) {
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  EXPECT_EQ(kestra_record_int64(r, 1), KESTRA_ERROR_USAGE);
}

TEST_F(RecordTest, MismatchedEndIsAUsageError) {
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  EXPECT_EQ(kestra_record_end_array(r), KESTRA_ERROR_USAGE);
}

TEST_F(RecordTest, UnfinishedValueCannotFinish) {
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "a", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_finish(r), KESTRA_ERROR_USAGE);
  kestra_record_begin_outputs(r);
  EXPECT_EQ(kestra_record_finish(r), KESTRA_ERROR_USAGE);
  kestra_record_begin_logs(r);
  EXPECT_EQ(kestra_record_finish(r), KESTRA_ERROR_USAGE);
  kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "c", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_finish(r), KESTRA_ERROR_USAGE);
}

TEST_F(RecordTest, SecondRootValueIsRefused) {
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_end_object(r);
  EXPECT_EQ(kestra_record_begin_object(r, nullptr), KESTRA_ERROR_USAGE);
}

TEST_F(RecordTest, MetricFieldsComeAfterTagsOnce) {
  kestra_record_begin_metric(r, KESTRA_METRIC_GAUGE, "g", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_metric_timestamp(r, "2026-11-21T10:30:00Z", KESTRA_CSTR), KESTRA_ERROR_USAGE);
  kestra_record_begin_metric(r, KESTRA_METRIC_GAUGE, "g", KESTRA_CSTR);
  kestra_record_double(r, 0.5);
  ASSERT_EQ(kestra_record_metric_description(r, "d", KESTRA_CSTR), KESTRA_OK);
  EXPECT_EQ(kestra_record_key(r, "late", KESTRA_CSTR), KESTRA_ERROR_USAGE);
  kestra_record_begin_metric(r, KESTRA_METRIC_GAUGE, "g", KESTRA_CSTR);
  kestra_record_double(r, 0.5);
  kestra_record_metric_description(r, "d", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_metric_description(r, "again", KESTRA_CSTR), KESTRA_ERROR_USAGE);
}

TEST_F(RecordTest, TimestampsMustCarryAZone) {
  for (const char *good :
       {"2026-11-21T10:30:00Z", "2026-11-21T10:30:00.123456789Z", "2026-11-21T10:30:00-05:00"}) {
    kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "c", KESTRA_CSTR);
    kestra_record_int64(r, 1);
    EXPECT_EQ(kestra_record_metric_timestamp(r, good, KESTRA_CSTR), KESTRA_OK) << good;
  }
  for (const char *bad : {"", "2026-11-21", "2026-11-21T10:30:00", "2026-11-21 10:30:00Z",
                          "2026-11-21T10:30:00.Z", "2026-11-21T10:30:00+0100", "yesterday"}) {
    kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "c", KESTRA_CSTR);
    kestra_record_int64(r, 1);
    EXPECT_EQ(kestra_record_metric_timestamp(r, bad, KESTRA_CSTR), KESTRA_ERROR_VALUE) << bad;
    EXPECT_EQ(error().rfind("counter 'c' timestamp: ", 0), 0u) << error();
  }
}

// Text that is not text is KESTRA_ERROR_UNICODE wherever it is given, in either
// encoding, worded as every string's ("invalid UTF-8", "lone UTF-16 surrogate"):
// a level name and a timestamp too, though no valid text outside ASCII is one.
TEST_F(RecordTest, BadTextInALevelNameOrTimestampIsUnicodeInBothEncodings) {
  kestra_level level = KESTRA_LEVEL_DEBUG;
  EXPECT_EQ(kestra_level_parse("\xff", 1, &level), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(kestra_level_parse("INF\xc3", 4, &level), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(kestra_level_parse("INF\xc3\xa9", 5, &level), KESTRA_ERROR_VALUE) << "valid, but no level";
  const uint16_t lone_high[] = {'I', 0xD800}, lone_low[] = {0xDC00, 'I'}, pair[] = {0xD83D, 0xDE00};
  EXPECT_EQ(kestra_level_parse_utf16(lone_high, 2, &level), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(kestra_level_parse_utf16(lone_low, 2, &level), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(kestra_level_parse_utf16(pair, 2, &level), KESTRA_ERROR_VALUE) << "valid, but no level";
  std::vector<uint16_t> long_lone(40, 'A');
  long_lone.back() = 0xDBFF;
  EXPECT_EQ(kestra_level_parse_utf16(long_lone.data(), long_lone.size(), &level), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(level, KESTRA_LEVEL_DEBUG) << "left as it was";

  kestra_record_begin_logs(r);
  EXPECT_EQ(kestra_record_log_named(r, "WARN\x80", 5, "m", 1), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(error(), "logs[0] level: invalid UTF-8");
  kestra_record_begin_logs(r);
  EXPECT_EQ(kestra_record_log_named_utf16(r, lone_high, 2, pair, 2), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(error(), "logs[0] level: lone UTF-16 surrogate (not valid Unicode)");

  kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "c", KESTRA_CSTR);
  kestra_record_int64(r, 1);
  EXPECT_EQ(kestra_record_metric_timestamp(r, "2026-11-21T10:30:00\xffZ", KESTRA_CSTR), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(error(), "counter 'c' timestamp: invalid UTF-8");
  kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "c", KESTRA_CSTR);
  kestra_record_int64(r, 1);
  EXPECT_EQ(kestra_record_metric_timestamp_utf16(r, lone_low, 2), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(error(), "counter 'c' timestamp: lone UTF-16 surrogate (not valid Unicode)");
}

TEST_F(RecordTest, LevelsParseAndMap) {
  kestra_level level;
  ASSERT_EQ(kestra_level_parse("warning", KESTRA_CSTR, &level), KESTRA_OK);
  EXPECT_EQ(level, KESTRA_LEVEL_WARN);
  ASSERT_EQ(kestra_level_parse("Critical", KESTRA_CSTR, &level), KESTRA_OK);
  EXPECT_EQ(level, KESTRA_LEVEL_ERROR);
  EXPECT_EQ(kestra_level_parse("NOTICE", KESTRA_CSTR, &level), KESTRA_ERROR_VALUE);
  EXPECT_EQ(kestra_level_from_severity(5), KESTRA_LEVEL_TRACE);
  EXPECT_EQ(kestra_level_from_severity(10), KESTRA_LEVEL_DEBUG);
  EXPECT_EQ(kestra_level_from_severity(25), KESTRA_LEVEL_INFO);
  EXPECT_EQ(kestra_level_from_severity(30), KESTRA_LEVEL_WARN);
  EXPECT_EQ(kestra_level_from_severity(50), KESTRA_LEVEL_ERROR);
  EXPECT_STREQ(kestra_level_name(KESTRA_LEVEL_WARN), "WARN");
  EXPECT_EQ(kestra_level_name(static_cast<kestra_level>(9)), nullptr);
  kestra_record_begin_logs(r);
  EXPECT_EQ(kestra_record_log(r, static_cast<kestra_level>(9), "x", 1), KESTRA_ERROR_VALUE);
  EXPECT_EQ(error().rfind("logs[0] level: ", 0), 0u) << error();
}

TEST_F(RecordTest, CopyLineReportsTheNeededSize) {
  kestra_record_begin_logs(r);
  kestra_record_log(r, KESTRA_LEVEL_INFO, "hello", KESTRA_CSTR);
  kestra_record_finish(r);
  const std::string expected = line();
  size_t len = 0;
  char small[8];
  EXPECT_EQ(kestra_record_copy_line(r, small, sizeof small, &len), KESTRA_ERROR_BUFFER_TOO_SMALL);
  EXPECT_EQ(len, expected.size());
  std::vector<char> buffer(len);
  ASSERT_EQ(kestra_record_copy_line(r, buffer.data(), buffer.size(), &len), KESTRA_OK);
  EXPECT_EQ(std::string(buffer.data(), len), expected);
}

TEST_F(RecordTest, HundredThousandDeepJsonTextIsADepthErrorNotACrash) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "deep", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_json(r, deep.data(), deep.size()), KESTRA_ERROR_DEPTH);
  EXPECT_LT(error().size(), 300u) << "a deep path is shortened";
}

TEST_F(RecordTest, DepthLimitCountsTheWholeLine) {
  // {"outputs": {...}} is two levels, so 998 arrays inside the outputs object
  // make 1,000 levels in all: the most the server reads.
  for (int arrays : {998, 999}) {
    kestra_record_begin_outputs(r);
    kestra_record_begin_object(r, nullptr);
    kestra_record_key(r, "a", KESTRA_CSTR);
    kestra_result result = KESTRA_OK;
    for (int i = 0; i < arrays && result == KESTRA_OK; ++i) result = kestra_record_begin_array(r, nullptr);
    EXPECT_EQ(result, arrays == 998 ? KESTRA_OK : KESTRA_ERROR_DEPTH) << arrays;
  }
}

TEST_F(RecordTest, StringsPastTheServerLimitAreRefused) {
  const std::string huge(20000001, 'x');
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "s", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_string(r, huge.data(), huge.size()), KESTRA_ERROR_LIMIT);
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "s", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_string(r, huge.data(), huge.size() - 1), KESTRA_OK);
}

TEST_F(RecordTest, CycleNeedsTheSameIdentityOnTheOpenPath) {
  int a = 0, b = 0;
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, &a);
  kestra_record_key(r, "x", KESTRA_CSTR);
  ASSERT_EQ(kestra_record_begin_array(r, &b), KESTRA_OK);
  ASSERT_EQ(kestra_record_end_array(r), KESTRA_OK);
  kestra_record_key(r, "y", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_begin_array(r, &b), KESTRA_OK) << "a sibling seen twice is not a cycle";
  EXPECT_EQ(kestra_record_begin_object(r, &a), KESTRA_ERROR_CYCLE);
  EXPECT_EQ(error(), "outputs['y'][0]: the value contains itself (a cycle)");
}

TEST_F(RecordTest, EmptyTagKeyIsJudgedBeforeTheBufferMoves) {
  // Regression (libFuzzer): the key was read after appending ':' could move it.
  const uint16_t grow[] = {0x02e9, 0x2221, 0x0100, 0, 0, 0, 0x683e, 0x0008};
  kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "rows", KESTRA_CSTR);
  kestra_record_int64(r, 1);
  kestra_record_key(r, "host", KESTRA_CSTR);
  kestra_record_string_utf16(r, grow, 8);
  EXPECT_EQ(kestra_record_key(r, "", 0), KESTRA_ERROR_VALUE);
  EXPECT_EQ(error(), "counter 'rows' tags['']: tag keys must not be empty");
}

TEST_F(RecordTest, TimersBeyondAJavaLongOfSecondsAreRefused) {
  // The server reads seconds into a Duration (found by the fuzzer: the line
  // checker refused what the record wrote).
  const auto timer = [&](auto put) {
    kestra_record_begin_metric(r, KESTRA_METRIC_TIMER, "t", KESTRA_CSTR);
    return put();
  };
  EXPECT_EQ(timer([&] { return kestra_record_int64(r, INT64_MAX); }), KESTRA_OK);
  EXPECT_EQ(timer([&] { return kestra_record_uint64(r, uint64_t{INT64_MAX} + 1); }), KESTRA_ERROR_VALUE);
  EXPECT_EQ(timer([&] { return kestra_record_integer_text(r, "99999999999999999999", KESTRA_CSTR); }),
            KESTRA_ERROR_VALUE);
  EXPECT_EQ(timer([&] { return kestra_record_double(r, 1e19); }), KESTRA_ERROR_VALUE);
  EXPECT_EQ(error().rfind("timer 't' value: beyond the longest duration", 0), 0u) << error();
  EXPECT_EQ(timer([&] { return kestra_record_double(r, 9.1e18); }), KESTRA_OK);
  EXPECT_EQ(timer([&] { return kestra_record_double(r, -0.0); }), KESTRA_OK);
  kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "c", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_double(r, 1e19), KESTRA_OK) << "only timers are durations";
}

TEST_F(RecordTest, CallsOutsideARecordSayWhy) {
  EXPECT_EQ(kestra_record_key(r, "a", KESTRA_CSTR), KESTRA_ERROR_USAGE);
  EXPECT_EQ(error(), "record: no record is being built: call a begin function first");
  kestra_record_begin_logs(r);
  kestra_record_log(r, KESTRA_LEVEL_INFO, "x", 1);
  ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
  EXPECT_EQ(kestra_record_log(r, KESTRA_LEVEL_INFO, "y", 1), KESTRA_ERROR_USAGE);
  EXPECT_EQ(error(), "logs: the record is finished: call a begin function to start the next");
}

TEST_F(RecordTest, NegativeEnumValuesAreRefused) {
  kestra_record_begin_logs(r);
  EXPECT_EQ(kestra_record_log(r, static_cast<kestra_level>(-1), "x", 1), KESTRA_ERROR_VALUE);
  EXPECT_EQ(kestra_record_begin_metric(r, static_cast<kestra_metric_type>(-1), "m", 1), KESTRA_ERROR_VALUE);
}

TEST_F(RecordTest, UnsupportedTypeNamesStayOneLineOfAscii) {
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "x", 1);
  kestra_record_unsupported(r, "we\nird\xc3\xa9");
  EXPECT_EQ(error(), "outputs['x']: unsupported type we?ird??");
}

TEST_F(RecordTest, NulTerminatedAndExplicitLengthsAgree) {
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "a\0b", 3);
  kestra_record_string(r, "x\0y", 3);
  kestra_record_end_object(r);
  kestra_record_finish(r);
  EXPECT_EQ(line(), "::{\"outputs\":{\"a\\u0000b\":\"x\\u0000y\"}}::\n");
}

TEST_F(RecordTest, RecordsAreReusable) {
  for (int i = 0; i < 3; ++i) {
    kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "n", KESTRA_CSTR);
    kestra_record_int64(r, i);
    ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
    EXPECT_EQ(line(), "::{\"metrics\":[{\"name\":\"n\",\"type\":\"counter\",\"value\":" + std::to_string(i) +
                          ",\"tags\":{}}]}::\n");
  }
}

}  // namespace
