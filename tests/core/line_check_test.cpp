// The line checker (kestra_check_line): docs/PROTOCOL.md Part 1, rule by rule.
#include <gtest/gtest.h>

#include <string>

#include "kestra/kestra.h"

namespace {

struct LineCheck {
  kestra_line_verdict verdict;
  std::string reason;
};

// The public call, asked for the reason's length first, then for the whole reason.
LineCheck check_line(const std::string &line) {
  size_t len = 0;
  const kestra_line_verdict first = kestra_check_line(line.data(), line.size(), nullptr, 0, &len);
  std::string reason(len + 1, '\0');
  size_t again = 0;
  const kestra_line_verdict verdict =
      kestra_check_line(line.data(), line.size(), &reason[0], reason.size(), &again);
  EXPECT_EQ(first, verdict);
  EXPECT_EQ(len, again);
  reason.resize(len);
  return {verdict, reason};
}

// Checks the verdict and that the reason mentions `part` (case-sensitive).
::testing::AssertionResult Judged(const std::string &line, kestra_line_verdict verdict,
                                  const std::string &part = "") {
  const LineCheck c = check_line(line);
  if (c.verdict != verdict)
    return ::testing::AssertionFailure()
           << "verdict " << c.verdict << " (expected " << verdict << "), reason: " << c.reason;
  if (c.reason.find(part) == std::string::npos)
    return ::testing::AssertionFailure() << "reason '" << c.reason << "' does not mention '" << part << "'";
  if (c.reason.find('\n') != std::string::npos || c.reason.find('\r') != std::string::npos)
    return ::testing::AssertionFailure() << "reason is not one line: " << c.reason;
  for (unsigned char ch : c.reason)
    if (ch >= 0x80) return ::testing::AssertionFailure() << "reason is not ASCII: " << c.reason;
  return ::testing::AssertionSuccess();
}

constexpr auto TEXT = KESTRA_LINE_TEXT;
constexpr auto RECORDED = KESTRA_LINE_RECORDED;
constexpr auto REJECTED = KESTRA_LINE_REJECTED;
constexpr auto NEAR_MISS = KESTRA_LINE_NEAR_MISS;

std::string metric(const std::string &fields) { return "::{\"metrics\":[{" + fields + "}]}::"; }

// ---- Matching: ^::(\{.*})::$ -------------------------------------------------------------

TEST(LineCheckMatch, PlainTextIsText) {
  EXPECT_TRUE(Judged("hello world", TEXT));
  EXPECT_TRUE(Judged("", TEXT));
  EXPECT_TRUE(Judged("::", TEXT));
  EXPECT_TRUE(Judged("a::{b}::c", TEXT));  // meant for nothing: neither start nor end
}

TEST(LineCheckMatch, OurOwnLinesAreRecorded) {
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":1}}::)", RECORDED, "outputs: 1 key"));
  EXPECT_TRUE(Judged(metric(R"("name":"rows","type":"counter","value":3,"tags":{"t":"u"})"), RECORDED,
                     "metrics: counter 'rows'"));
  EXPECT_TRUE(Judged(R"(::{"logs":[{"level":"INFO","message":"hi"}]}::)", RECORDED, "logs: 1 entry"));
  EXPECT_TRUE(Judged(R"(::{"assets":{"inputs":[],"outputs":[]}}::)", RECORDED, "assets"));
}

TEST(LineCheckMatch, EmptyObjectRecordsNothing) { EXPECT_TRUE(Judged("::{}::", RECORDED, "nothing")); }

TEST(LineCheckMatch, SpacesAroundAreNearMisses) {
  EXPECT_TRUE(Judged(R"(::{"outputs":{}}:: )", NEAR_MISS, "trailing space after '}::'"));
  EXPECT_TRUE(Judged(R"(  ::{"outputs":{}}::)", NEAR_MISS, "leading spaces before '::{'"));
  EXPECT_TRUE(Judged("\t::{\"outputs\":{}}::", NEAR_MISS, "leading white space"));
}

TEST(LineCheckMatch, NearMissSaysWhetherTheJsonWouldBeRecorded) {
  EXPECT_TRUE(Judged(R"(::{"outputs":{}}:: )", NEAR_MISS, "without it the line would be recorded"));
  EXPECT_TRUE(Judged(R"( ::{"outputs":[]}::)", NEAR_MISS,
                     "without it the line would still be rejected: ['outputs']: must be an object"));
  const LineCheck c = check_line(R"(INFO ::{"outputs":{}}::)");
  EXPECT_EQ(c.reason.find("without it"), std::string::npos);  // text, not a wrapper: no guess
}

TEST(LineCheckMatch, TextAroundIsNearMiss) {
  EXPECT_TRUE(Judged(R"(INFO ::{"outputs":{}}::)", NEAR_MISS, "text 'INFO ' before '::{'"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{}}:: done)", NEAR_MISS, "text ' done' after '}::'"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{}})", NEAR_MISS, "does not end with '}::'"));
  EXPECT_TRUE(Judged(R"({"outputs":{}}::)", NEAR_MISS, "does not start with '::{'"));
}

TEST(LineCheckMatch, AnsiColourAndByteOrderMarkAreNearMisses) {
  EXPECT_TRUE(Judged("\x1b[32m::{\"outputs\":{}}::\x1b[0m", NEAR_MISS, "ANSI escape"));
  EXPECT_TRUE(Judged("\xEF\xBB\xBF::{\"outputs\":{}}::", NEAR_MISS, "byte order mark"));
}

TEST(LineCheckMatch, RawLineSeparatorsInsideDoNotMatch) {
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"x\xE2\x80\xA8y\"}}::", NEAR_MISS, "U+2028"));
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"x\xE2\x80\xA9y\"}}::", NEAR_MISS, "U+2029"));
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"x\xC2\x85y\"}}::", NEAR_MISS, "U+0085"));
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"x\ry\"}}::", NEAR_MISS, "\\r"));
  // Escaped, they are fine.
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":"x\u2028y"}}::)", RECORDED));
}

TEST(LineCheckMatch, JavaDollarToleratesOneFinalTerminator) {
  // find() with '$' matches before a terminator that ends the input.
  EXPECT_TRUE(Judged("::{\"outputs\":{}}::\xE2\x80\xA8", RECORDED, "tolerated"));
  EXPECT_TRUE(Judged("::{\"outputs\":{}}::\xE2\x80\xA8\xE2\x80\xA8", NEAR_MISS));
}

TEST(LineCheckMatch, InvalidUtf8IsReplacedLikeJava) {
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"\xff\"}}::", RECORDED, "U+FFFD"));
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"\xed\xa0\x80\"}}::", RECORDED, "U+FFFD"));  // encoded surrogate
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":1}}\xff}::", RECORDED, "ignored"));
}

TEST(LineCheckMatch, RawNonAsciiIsRecordedWithADockerWarning) {
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"\xc3\xa9\"}}::", RECORDED, "Docker"));
}

// ---- Strict JSON ---------------------------------------------------------------------------

TEST(LineCheckJson, NonStrictJsonIsRejected) {
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":NaN}}::)", REJECTED, "NaN is not allowed"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":Infinity}}::)", REJECTED, "Infinity"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":-Infinity}}::)", REJECTED, "-Infinity"));
  EXPECT_TRUE(Judged(R"(::{'outputs':{}}::)", REJECTED, "single quotes"));
  EXPECT_TRUE(Judged(R"(::{/*c*/"outputs":{}}::)", REJECTED, "comments"));
  EXPECT_TRUE(Judged(R"(::{outputs:{}}::)", REJECTED, "double quotes"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":01}}::)", REJECTED, "invalid number '01'"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":+1}}::)", REJECTED, "'+'"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":.5}}::)", REJECTED, "'.'"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":1.}}::)", REJECTED, "invalid number"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":1,}}::)", REJECTED, "not strict JSON"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a" 1}}::)", REJECTED, "not strict JSON"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":"\x"}}::)", REJECTED, "invalid escape"));
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"\tb\"}}::", REJECTED, "control character U+0009"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":"b}}::)", REJECTED, "not closed"));
}

TEST(LineCheckJson, OnlyTheFirstValueCounts) {
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":1}} trailing}::)", RECORDED,
                     "' trailing}' after the first JSON object is ignored"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":1}}::{"outputs":{"b":2}}::)", RECORDED, "ignored"));
  // Garbage after the first value does not matter, even if it is not JSON.
  EXPECT_TRUE(Judged(R"(::{"outputs":{}}NaN}::)", RECORDED, "ignored"));
}

TEST(LineCheckJson, BigNumbersJacksonReadsAreFine) {
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":1e400,"b":123456789012345678901234567890}}::)", RECORDED));
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":" + std::string(1000, '7') + "}}::", RECORDED));
}

TEST(LineCheckJson, JacksonLimits) {
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":" + std::string(1001, '7') + "}}::", REJECTED, "1,000 digits"));
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":0." + std::string(1000, '7') + "}}::", REJECTED, "1,000 digits"));
  // Depth: the root object is level 1, outputs level 2, then the arrays.
  const auto nested = [](int levels) {
    return "::{\"outputs\":{\"a\":" + std::string(levels - 2, '[') + std::string(levels - 2, ']') + "}}::";
  };
  EXPECT_TRUE(Judged(nested(1000), RECORDED));
  EXPECT_TRUE(Judged(nested(1001), REJECTED, "nesting deeper than 1,000"));
}

TEST(LineCheckJson, StringLengthLimit) {
  const std::string big(20000001, 'x');
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"" + big + "\"}}::", REJECTED, "20,000,000"));
  EXPECT_TRUE(Judged("::{\"outputs\":{\"a\":\"" + big.substr(1) + "\"}}::", RECORDED));
}

TEST(LineCheckJson, LoneSurrogateEscapesReachJava) {
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":"\ud800"}}::)", RECORDED, "lone surrogate"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":"\ud83d\ude00"}}::)", RECORDED));
}

TEST(LineCheckJson, UnknownKeysAreIgnored) {
  EXPECT_TRUE(Judged(R"(::{"foo":1,"outputs":{}}::)", RECORDED,
                     "unknown key ['foo'] is ignored (servers before 0.19"));
  EXPECT_TRUE(Judged(R"(::{"encryptedOutputs":{"k":"v"}}::)", RECORDED, "Enterprise"));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":1},"outputs":{"b":2}}::)", RECORDED, "twice"));
}

// ---- outputs ---------------------------------------------------------------------------------

TEST(LineCheckOutputs, MustBeAnObject) {
  EXPECT_TRUE(Judged(R"(::{"outputs":[1]}::)", REJECTED, "['outputs']: must be an object, not an array"));
  EXPECT_TRUE(Judged(R"(::{"outputs":"x"}::)", REJECTED, "not a string"));
  EXPECT_TRUE(Judged(R"(::{"outputs":null}::)", RECORDED));
  EXPECT_TRUE(Judged(R"(::{"outputs":{"a":null,"b":[{"c":null}]}}::)", RECORDED));  // null values allowed
}

// ---- metrics ---------------------------------------------------------------------------------

TEST(LineCheckMetrics, MustBeAListOfObjects) {
  EXPECT_TRUE(Judged(R"(::{"metrics":{"name":"a"}}::)", REJECTED, "must be a list"));
  EXPECT_TRUE(Judged(R"(::{"metrics":[1]}::)", REJECTED, "['metrics'][0]: must be an object"));
  EXPECT_TRUE(Judged(R"(::{"metrics":[null]}::)", REJECTED, "stop the worker"));
  EXPECT_TRUE(Judged(R"(::{"metrics":[]}::)", RECORDED, "metrics: none"));
  const std::string m = R"({"name":"a","type":"counter","value":1})";
  EXPECT_TRUE(Judged("::{\"metrics\":[" + m + "," + m + "," + m + "," + m + "]}::", RECORDED,
                     "metrics: counter 'a', counter 'a', counter 'a' and 1 more"));
}

TEST(LineCheckMetrics, TypeIsExactlyCounterTimerOrGauge) {
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1)"), RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"timer","value":1)"), RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"gauge","value":1)"), RECORDED, "newer servers"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"Counter","value":1)"), REJECTED, "unknown type 'Counter'"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"histogram","value":1)"), REJECTED, "unknown type"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","value":1)"), REJECTED, "'type' is missing"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":1,"value":1)"), REJECTED, "['type']: must be a string"));
}

TEST(LineCheckMetrics, Name) {
  EXPECT_TRUE(Judged(metric(R"("type":"counter","value":1)"), REJECTED, "['name']: is missing"));
  EXPECT_TRUE(Judged(metric(R"("name":null,"type":"counter","value":1)"), REJECTED, "['name']"));
  EXPECT_TRUE(
      Judged(metric(R"("name":[],"type":"counter","value":1)"), REJECTED, "['name']: must be a string"));
}

TEST(LineCheckMetrics, CounterAndGaugeValueIsANumber) {
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1.5e3)"), RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"gauge","value":-2)"), RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":"3")"), REJECTED,
                     "['value']: must be a number, not a string"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":true)"), REJECTED, "not a boolean"));
}

TEST(LineCheckMetrics, NullOrMissingValueEndangersTheWorker) {
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":null)"), REJECTED,
                     "['metrics'][0]['value']: null can stop the worker"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter")"), REJECTED, "stop the worker"));
}

TEST(LineCheckMetrics, TimerValueIsSecondsOrAnIsoDuration) {
  EXPECT_TRUE(Judged(metric(R"("name":"t","type":"timer","value":0.25)"), RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"t","type":"timer","value":"PT1.5S")"), RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"t","type":"timer","value":"P1DT2H3M4.5S")"), RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"t","type":"timer","value":"pt1m")"), RECORDED));
  EXPECT_TRUE(
      Judged(metric(R"("name":"t","type":"timer","value":"1.5")"), REJECTED, "not an ISO-8601 duration"));
  EXPECT_TRUE(
      Judged(metric(R"("name":"t","type":"timer","value":"PT")"), REJECTED, "not an ISO-8601 duration"));
  EXPECT_TRUE(Judged(metric(R"("name":"t","type":"timer","value":"")"), REJECTED, "stop the worker"));
  EXPECT_TRUE(
      Judged(metric(R"("name":"t","type":"timer","value":99999999999999999999)"), REJECTED, "out of range"));
  EXPECT_TRUE(Judged(metric(R"("name":"t","type":"timer","value":-1)"), RECORDED, "negative"));
  EXPECT_TRUE(Judged(metric(R"("name":"t","type":"timer","value":[1])"), REJECTED, "not an array"));
}

TEST(LineCheckMetrics, Tags) {
  EXPECT_TRUE(
      Judged(metric(R"("name":"a","type":"counter","value":1,"tags":{"s":"x","n":2,"b":true})"), RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"tags":{"o":{}})"), REJECTED,
                     "['tags']['o']: must be a string, number or boolean, not an object"));
  EXPECT_TRUE(
      Judged(metric(R"("name":"a","type":"counter","value":1,"tags":{"o":[]})"), REJECTED, "not an array"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"tags":{"o":null})"), REJECTED,
                     "stop the worker"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"tags":[])"), REJECTED,
                     "['tags']: must be an object"));
}

TEST(LineCheckMetrics, TimestampAndDescription) {
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"timestamp":"2026-11-21T10:30:00Z")"),
                     RECORDED));
  EXPECT_TRUE(
      Judged(metric(R"("name":"a","type":"counter","value":1,"timestamp":"2026-11-21T10:30:00.5+01:00")"),
             RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"timestamp":"yesterday")"), REJECTED,
                     "ISO-8601 instant"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"timestamp":"2026-11-21")"), REJECTED,
                     "ISO-8601 instant"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"description":"rows read")"), RECORDED));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"description":{})"), REJECTED,
                     "['description']"));
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"unit":"s")"), RECORDED, "unknown key"));
}

// ---- logs --------------------------------------------------------------------------------------

TEST(LineCheckLogs, LevelIsExactlyOneOfFive) {
  for (const char *level : {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"})
    EXPECT_TRUE(
        Judged(std::string(R"(::{"logs":[{"level":")") + level + R"(","message":"m"}]}::)", RECORDED));
  for (const char *level : {"WARNING", "info", "FATAL", "Error"})
    EXPECT_TRUE(Judged(std::string(R"(::{"logs":[{"level":")") + level + R"(","message":"m"}]}::)", REJECTED,
                       "['logs'][0]['level']: unknown level"));
  EXPECT_TRUE(Judged(R"(::{"logs":[{"level":2,"message":"m"}]}::)", REJECTED, "must be a string"));
}

TEST(LineCheckLogs, MissingLevelIsDroppedWithAWarning) {
  EXPECT_TRUE(Judged(R"(::{"logs":[{"message":"m"}]}::)", RECORDED, "drops this entry with a warning"));
  EXPECT_TRUE(Judged(R"(::{"logs":[null]}::)", RECORDED, "drops it with a warning"));
}

TEST(LineCheckLogs, Shape) {
  EXPECT_TRUE(Judged(R"(::{"logs":{"level":"INFO"}}::)", REJECTED, "['logs']: must be a list"));
  EXPECT_TRUE(Judged(R"(::{"logs":["hi"]}::)", REJECTED, "['logs'][0]: must be an object"));
  EXPECT_TRUE(Judged(R"(::{"logs":[{"level":"INFO","message":{"a":1}}]}::)", REJECTED,
                     "['message']: must be a string"));
  EXPECT_TRUE(Judged(R"(::{"logs":[{"level":"INFO","message":"m"},{"level":"BAD","message":"m"}]}::)",
                     REJECTED, "['logs'][1]"));
}

TEST(LineCheckLogs, LongMessagesAreSplit) {
  EXPECT_TRUE(Judged("::{\"logs\":[{\"level\":\"INFO\",\"message\":\"" + std::string(10241, 'x') + "\"}]}::",
                     RECORDED, "splits it"));
}

// ---- assets --------------------------------------------------------------------------------------

TEST(LineCheckAssets, MustBeAnObjectOfLists) {
  EXPECT_TRUE(Judged(R"(::{"assets":[]}::)", REJECTED, "['assets']: must be an object"));
  EXPECT_TRUE(Judged(R"(::{"assets":{"inputs":{}}}::)", REJECTED, "['assets']['inputs']: must be a list"));
}

// ---- Paths ---------------------------------------------------------------------------------------

TEST(LineCheckPaths, KeysAreQuotedAndEscaped) {
  EXPECT_TRUE(Judged(metric(R"("name":"a","type":"counter","value":1,"tags":{"it's\u00e9\n":{}})"), REJECTED,
                     R"(['tags']['it\'s\u00e9\n'])"));
}

// ---- Whole reasons ------------------------------------------------------------------------------

TEST(LineCheckReason, RejectedIsPathThenReason) {
  EXPECT_EQ(check_line(R"(::{"metrics":[{"name":"r","type":"counter","value":null}]}::)").reason,
            "['metrics'][0]['value']: null can stop the worker reading the script's output");
  EXPECT_EQ(check_line(R"(::{"outputs":[]}::)").reason, "['outputs']: must be an object, not an array");
  EXPECT_EQ(check_line(R"(::{"outputs":{"a":NaN}}::)").reason,
            "not strict JSON at column 19: NaN is not allowed");
}

TEST(LineCheckReason, RecordedIsSummaryThenNotes) {
  EXPECT_EQ(check_line(R"(::{"outputs":{"a":1},"extra":2}::)").reason,
            "outputs: 1 key; unknown key ['extra'] is ignored (servers before 0.19 reject the line)");
  EXPECT_EQ(
      check_line(R"(::{"outputs":{"a":1},"metrics":[{"name":"r","type":"counter","value":1,"tags":{}}]}::)")
          .reason,
      "outputs: 1 key, metrics: counter 'r'");
  EXPECT_EQ(check_line(R"(::{"logs":[{"message":"no level"}]}::)").reason,  // dropped, not rejected
            "logs: 1 entry; ['logs'][0]['level'] is missing: the server drops this entry with a warning");
}

TEST(LineCheckReason, ColumnsCountFromTheLine) {
  EXPECT_EQ(check_line("::{\"outputs\":{\"a\":\"\x01\"}}::").reason,
            "not strict JSON at column 20: a raw control character U+0001 in a string");
  EXPECT_EQ(check_line(R"(::{"outputs":{"a":"\q"}}::)").reason,
            "not strict JSON at column 20: invalid escape: 'q' after a backslash");
  EXPECT_EQ(check_line(R"(::{"outputs":{"a":-Infinity}}::)").reason,
            "not strict JSON at column 19: -Infinity is not allowed");
  EXPECT_EQ(check_line(R"(::{"outputs":{"a":1.5.}}::)").reason,
            "not strict JSON at column 19: invalid number '1.5.'");
  EXPECT_EQ(check_line(R"(::{"outputs":{"a":007}}::)").reason,
            "not strict JSON at column 19: invalid number '007'");
  EXPECT_EQ(check_line(R"(::{"outputs":{"a":1 2}}::)").reason,
            "not strict JSON at column 21: expected ',' or '}' in an object");
}

TEST(LineCheckReason, Iso8601FieldsMustBeInRange) {
  const std::string at = R"(::{"metrics":[{"name":"a","type":"counter","value":1,"timestamp":")";
  EXPECT_TRUE(Judged(at + R"(2026-02-29T10:30:00Z"}]}::)", REJECTED, "ISO-8601 instant"));  // not a leap year
  EXPECT_TRUE(Judged(at + R"(2028-02-29T10:30:00Z"}]}::)", RECORDED));
  EXPECT_TRUE(Judged(at + R"(2026-11-21T24:00:00Z"}]}::)", REJECTED, "ISO-8601 instant"));
  EXPECT_TRUE(Judged(at + R"(2026-11-21t10:30z"}]}::)", RECORDED));  // java.time reads these
  EXPECT_TRUE(Judged(at + R"(2026-11-21T10:30:00+19:00"}]}::)", REJECTED, "ISO-8601 instant"));
}

TEST(LineCheckAssets, InputsKeepOnlyFourKeysInKestra2) {
  EXPECT_TRUE(Judged(R"(::{"assets":{"inputs":[{"id":"t","type":"TABLE","size":3}]}}::)", RECORDED,
                     "['assets']['inputs'][0]['size'] is dropped by Kestra 2.0"));
}

// ---- The C ABI ------------------------------------------------------------------------------------

TEST(CheckLineAbi, VerdictAndReasonBuffer) {
  char reason[256];
  EXPECT_EQ(kestra_check_line("hello", KESTRA_CSTR, reason, sizeof reason, nullptr), KESTRA_LINE_TEXT);
  const std::string line = R"(::{"outputs":{"a":1}}:: )";
  EXPECT_EQ(kestra_check_line(line.data(), line.size(), reason, sizeof reason, nullptr),
            KESTRA_LINE_NEAR_MISS);
  EXPECT_NE(std::string(reason).find("trailing space"), std::string::npos);
}

TEST(CheckLineAbi, ReasonIsCutToCapacity) {
  char reason[8];
  size_t len = 0;
  const std::string line = R"(::{"outputs":[]}::)";
  EXPECT_EQ(kestra_check_line(line.data(), line.size(), reason, sizeof reason, &len), KESTRA_LINE_REJECTED);
  EXPECT_EQ(std::string(reason), "['outpu");
  EXPECT_EQ(len, std::string("['outputs']: must be an object, not an array").size());  // the size it needed
  len = 0;
  EXPECT_EQ(kestra_check_line(line.data(), line.size(), nullptr, 0, &len), KESTRA_LINE_REJECTED);
  EXPECT_EQ(len, std::string("['outputs']: must be an object, not an array").size());
  EXPECT_EQ(kestra_check_line(line.data(), line.size(), reason, 1, nullptr), KESTRA_LINE_REJECTED);
  EXPECT_EQ(std::string(reason), "");
}

TEST(CheckLineAbi, LengthCountsEmbeddedNul) {
  const std::string line("::{\"outputs\":{\"a\":\"\0\"}}::", 25);
  EXPECT_EQ(kestra_check_line(line.data(), line.size(), nullptr, 0, nullptr),
            KESTRA_LINE_REJECTED);  // raw control
  EXPECT_EQ(kestra_check_line(nullptr, 0, nullptr, 0, nullptr), KESTRA_LINE_TEXT);
  EXPECT_EQ(kestra_check_line(nullptr, KESTRA_CSTR, nullptr, 0, nullptr), KESTRA_LINE_TEXT);
}

}  // namespace

// ---- The UTF-16 twin (kestra_check_line_utf16) -------------------------------------------

namespace {

// As check_line above, through the twin.
LineCheck check_line_utf16(const std::u16string &line) {
  const auto *units = reinterpret_cast<const uint16_t *>(line.data());
  size_t len = 0;
  const kestra_line_verdict first = kestra_check_line_utf16(units, line.size(), nullptr, 0, &len);
  std::string reason(len + 1, '\0');
  size_t again = 0;
  const kestra_line_verdict verdict =
      kestra_check_line_utf16(units, line.size(), &reason[0], reason.size(), &again);
  EXPECT_EQ(first, verdict);
  EXPECT_EQ(len, again);
  reason.resize(len);
  return {verdict, reason};
}

// The same line twice: as UTF-8 bytes and as UTF-16 units, written independently.
struct Twin {
  std::string utf8;
  std::u16string utf16;
};

// The note kestra.h promises for a recorded line with lone surrogates.
const std::string kOneLone =
    "a lone surrogate (U+D800) has no UTF-8 form: the server gets U+FFFD, as Node's stdout writes it";

// `reason` without the note "; <note>" (which must be there once).
std::string without_note(std::string reason, const std::string &note) {
  const std::size_t at = reason.find("; " + note);
  EXPECT_NE(at, std::string::npos) << reason;
  if (at != std::string::npos) reason.erase(at, note.size() + 2);
  return reason;
}

}  // namespace

TEST(CheckLineUtf16, WellFormedTextGetsTheVerdictAndReasonOfItsUtf8) {
  const Twin twins[] = {
      {"", u""},
      {"hello w\xc3\xb6rld", u"hello w\u00f6rld"},
      {R"(::{"outputs":{"a":1}}::)", uR"(::{"outputs":{"a":1}}::)"},
      {"::{\"outputs\":{\"\xc3\xa9\":\"\xe2\x82\xac\"}}::", u"::{\"outputs\":{\"\u00e9\":\"\u20ac\"}}::"},
      {"::{\"outputs\":{\"a\":\"\xf0\x9f\x98\x80\"}}::", u"::{\"outputs\":{\"a\":\"\U0001F600\"}}::"},
      {R"(::{"metrics":[{"name":"rows","type":"counter","value":3}]}::)",
       uR"(::{"metrics":[{"name":"rows","type":"counter","value":3}]}::)"},
      {R"(::{"outputs":{}}:: )", uR"(::{"outputs":{}}:: )"},
      {"::{\"outputs\":{\"a\":\"x\xe2\x80\xa8y\"}}::", u"::{\"outputs\":{\"a\":\"x\u2028y\"}}::"},
      {"::{\"outputs\":{}}::\xe2\x80\xa8", u"::{\"outputs\":{}}::\u2028"},
      {R"(::{"outputs":{"a":NaN}}::)", uR"(::{"outputs":{"a":NaN}}::)"},
      // A column after non-ASCII text: counted in bytes of the UTF-8, as promised.
      {"::{\"outputs\":{\"\xc3\xa9\xc3\xa9\":01}}::", u"::{\"outputs\":{\"\u00e9\u00e9\":01}}::"},
      {R"(::{"outputs":{"a":"\ud800"}}::)", uR"(::{"outputs":{"a":"\ud800"}}::)"},
      {std::string("::{\"outputs\":{\"a\":\"\0\"}}::", 25),
       std::u16string(u"::{\"outputs\":{\"a\":\"\0\"}}::", 25)},
  };
  for (const Twin &t : twins) {
    const LineCheck a = check_line(t.utf8);
    const LineCheck b = check_line_utf16(t.utf16);
    EXPECT_EQ(a.verdict, b.verdict) << t.utf8;
    EXPECT_EQ(a.reason, b.reason) << t.utf8;
  }
}

TEST(CheckLineUtf16, ALoneSurrogateIsReadAsTheReplacementCharacter) {
  // Recorded: the line with U+FFFD in its place, plus the note.
  const LineCheck lone = check_line_utf16(u"::{\"outputs\":{\"a\":\"x\xD800y\"}}::");
  const LineCheck replaced = check_line("::{\"outputs\":{\"a\":\"x\xef\xbf\xbdy\"}}::");
  EXPECT_EQ(lone.verdict, KESTRA_LINE_RECORDED);
  EXPECT_EQ(lone.verdict, replaced.verdict);
  EXPECT_EQ(lone.reason.rfind(kOneLone), lone.reason.find(kOneLone));  // once
  EXPECT_EQ(without_note(lone.reason, kOneLone), replaced.reason);
  EXPECT_EQ(replaced.reason.find("surrogate"), std::string::npos);  // U+FFFD itself is no lone surrogate

  // A high surrogate with no low one after it, a low one alone: both lone, counted.
  const LineCheck two = check_line_utf16(u"::{\"outputs\":{\"\xDC00\":\"\xD83Dz\"}}::");
  EXPECT_EQ(two.verdict, KESTRA_LINE_RECORDED);
  const std::string note_two =
      "2 lone surrogates (the first U+DC00) have no UTF-8 form: the server gets U+FFFD, as Node's stdout "
      "writes it";
  EXPECT_EQ(without_note(two.reason, note_two),
            check_line("::{\"outputs\":{\"\xef\xbf\xbd\":\"\xef\xbf\xbdz\"}}::").reason);

  // A pair is one character, not two lone surrogates.
  EXPECT_EQ(check_line_utf16(u"::{\"outputs\":{\"a\":\"\xD83D\xDE00\"}}::").reason,
            check_line("::{\"outputs\":{\"a\":\"\xf0\x9f\x98\x80\"}}::").reason);
}

TEST(CheckLineUtf16, ALoneSurrogateOutsideAStringIsRejectedAsItsReplacementWouldBe) {
  const LineCheck lone = check_line_utf16(u"::{\"outputs\":\xDC00{}}::");
  const LineCheck replaced = check_line("::{\"outputs\":\xef\xbf\xbd{}}::");
  EXPECT_EQ(lone.verdict, KESTRA_LINE_REJECTED);
  EXPECT_EQ(lone.verdict, replaced.verdict);
  EXPECT_EQ(lone.reason, replaced.reason + " (after a lone surrogate (U+DC00) was replaced by U+FFFD)");

  // In a timestamp, the replacement makes it no ISO-8601 time.
  const LineCheck stamp = check_line_utf16(
      u"::{\"metrics\":[{\"name\":\"r\",\"type\":\"counter\",\"value\":1,\"timestamp\":\"2026-11-21T10:30:"
      u"00Z\xD800\"}]}::");
  EXPECT_EQ(stamp.verdict, KESTRA_LINE_REJECTED) << stamp.reason;
  EXPECT_NE(stamp.reason.find("(after a lone surrogate (U+D800) was replaced by U+FFFD)"), std::string::npos);
}

TEST(CheckLineUtf16, TextAndNearMissesGetNoNote) {
  // After '}::', the replacement is text after the record: a near miss, worded as for U+FFFD.
  const LineCheck after = check_line_utf16(u"::{\"outputs\":{}}::\xD800");
  EXPECT_EQ(after.verdict, KESTRA_LINE_NEAR_MISS);
  EXPECT_EQ(after.reason, check_line("::{\"outputs\":{}}::\xef\xbf\xbd").reason);
  const LineCheck text = check_line_utf16(u"hello \xDFFF");
  EXPECT_EQ(text.verdict, KESTRA_LINE_TEXT);
  EXPECT_EQ(text.reason, check_line("hello \xef\xbf\xbd").reason);
}

TEST(CheckLineUtf16, SameVerdictAsTheSurrogatepassBytes) {
  // The bytes Python's 'surrogatepass' writes for U+D800 are invalid UTF-8, which the
  // server reads as U+FFFD too: the verdicts agree (the notes name what each was given).
  const LineCheck lone = check_line_utf16(u"::{\"outputs\":{\"a\":\"\xD800\"}}::");
  const LineCheck bytes = check_line("::{\"outputs\":{\"a\":\"\xed\xa0\x80\"}}::");
  EXPECT_EQ(lone.verdict, bytes.verdict);
  EXPECT_NE(bytes.reason.find("invalid UTF-8 is replaced by U+FFFD"), std::string::npos);
}

TEST(CheckLineUtf16, AbiConventions) {
  const uint16_t hello[] = {'h', 'i', 0};
  char reason[8];
  size_t len = 0;
  EXPECT_EQ(kestra_check_line_utf16(hello, KESTRA_CSTR, reason, sizeof reason, &len), KESTRA_LINE_TEXT);
  EXPECT_EQ(std::string(reason), "not pro");  // cut to fit, NUL-terminated
  EXPECT_EQ(len, std::string("not protocol data: logged as text").size());
  EXPECT_EQ(kestra_check_line_utf16(nullptr, 0, nullptr, 0, nullptr), KESTRA_LINE_TEXT);
  EXPECT_EQ(kestra_check_line_utf16(nullptr, KESTRA_CSTR, nullptr, 0, nullptr), KESTRA_LINE_TEXT);
  // KESTRA_CSTR stops at the first 0 unit; a length counts past it.
  const std::u16string nul(u"::{\"outputs\":{}}::\0x", 20);
  const auto *units = reinterpret_cast<const uint16_t *>(nul.data());
  EXPECT_EQ(kestra_check_line_utf16(units, KESTRA_CSTR, nullptr, 0, nullptr), KESTRA_LINE_RECORDED);
  EXPECT_EQ(kestra_check_line_utf16(units, nul.size(), nullptr, 0, nullptr), KESTRA_LINE_NEAR_MISS);
}
