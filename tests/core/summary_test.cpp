// kestra_summary through the C ABI: what Kestra stores from a script's output.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kestra/kestra.h"

namespace {

// Owns a summary for one test.
struct Summary {
  kestra_summary *s;
  explicit Summary(unsigned options = KESTRA_SUMMARY_TOTALS) : s(kestra_summary_new(options)) {}
  ~Summary() { kestra_summary_free(s); }

  kestra_line_verdict line(const std::string &text, int stream = KESTRA_STREAM_STDOUT) {
    kestra_line_verdict v = KESTRA_LINE_MAX_;
    EXPECT_EQ(kestra_summary_add_line(s, stream, text.data(), text.size(), &v), KESTRA_OK);
    return v;
  }
  void feed(const std::string &bytes, int stream = KESTRA_STREAM_STDOUT) {
    EXPECT_EQ(kestra_summary_feed(s, stream, bytes.data(), bytes.size()), KESTRA_OK);
  }
  std::string json() {
    size_t len = 0;
    const char *text = kestra_summary_json(s, &len);
    return std::string(text, len);
  }
  std::string text(unsigned flags = KESTRA_SUMMARY_PLAIN) {
    size_t len = 0;
    const char *t = kestra_summary_text(s, flags, &len);
    return std::string(t, len);
  }
  std::string rows() {
    size_t len = 0;
    const char *t = kestra_summary_take_rows(s, KESTRA_SUMMARY_PLAIN, &len);
    return std::string(t, len);
  }
  // The value of a top-level key of the JSON, as text ("outputs" -> "{...}").
  std::string part(const std::string &key) {
    const std::string all = json();
    const std::string k = "\"" + key + "\":";
    std::size_t at = all.find(k);
    if (at == std::string::npos) return "<missing>";
    at += k.size();
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = at; i < all.size(); ++i) {
      const char c = all[i];
      if (in_string) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          in_string = false;
      } else if (c == '"')
        in_string = true;
      else if (c == '{' || c == '[')
        ++depth;
      else if (c == '}' || c == ']') {
        if (--depth == 0) return all.substr(at, i + 1 - at);
      }
    }
    return "<unclosed>";
  }
};

TEST(Summary, OutputsMergeShallowlyAndTheLastWriteWins) {
  Summary s;
  EXPECT_EQ(s.line(R"(::{"outputs":{"rows":822,"nested":{"a":1,"b":2},"keep":true}}::)"),
            KESTRA_LINE_RECORDED);
  s.line(R"(::{"outputs":{"rows":823,"nested":{"c":3}}}::)");
  EXPECT_EQ(s.part("outputs"), R"({"rows":823,"nested":{"c":3},"keep":true})");
}

TEST(Summary, OutputTypesAreTheJavaTypesKestraReads) {
  Summary s;
  s.line(R"(::{"outputs":{"i":2147483647,"l":2147483648,"big":99999999999999999999,"d":1.0,"e":1e3,)"
         R"("s":"x","b":false,"n":null,"list":[1],"map":{}}}::)");
  EXPECT_EQ(s.part("output_types"),
            R"({"i":"Integer","l":"Long","big":"BigInteger","d":"Double","e":"Double","s":"String",)"
            R"("b":"Boolean","n":"null","list":"List","map":"Map"})");
}

TEST(Summary, CountersWithTheSameTypeNameAndTagsAreAdded) {
  Summary s;
  s.line(R"(::{"metrics":[{"name":"rows","type":"counter","value":800,"tags":{"region":"eu","t":"a"}}]}::)");
  s.line(R"(::{"metrics":[{"name":"rows","type":"counter","value":23,"tags":{"t":"a","region":"eu"}}]}::)");
  s.line(R"(::{"metrics":[{"name":"rows","type":"counter","value":5,"tags":{"region":"us","t":"a"}}]}::)");
  s.line(R"(::{"metrics":[{"name":"rows","type":"gauge","value":7,"tags":{"region":"eu","t":"a"}}]}::)");
  EXPECT_EQ(s.part("metrics"),
            R"([{"type":"counter","name":"rows","tags":{"region":"eu","t":"a"},"value":823.0,"lines":2},)"
            R"({"type":"counter","name":"rows","tags":{"region":"us","t":"a"},"value":5.0,"lines":1},)"
            R"({"type":"gauge","name":"rows","tags":{"region":"eu","t":"a"},"value":7.0,"lines":1}])");
}

TEST(Summary, TagValuesAreStoredAsStrings) {
  Summary s;
  s.line(R"(::{"metrics":[{"name":"n","type":"counter","value":1,"tags":{"shard":3,"hot":true}}]}::)");
  s.line(R"(::{"metrics":[{"name":"n","type":"counter","value":1,"tags":{"shard":"3","hot":"true"}}]}::)");
  EXPECT_EQ(s.part("metrics"),
            R"([{"type":"counter","name":"n","tags":{"hot":"true","shard":"3"},"value":2.0,"lines":2}])");
}

TEST(Summary, AGaugeKeepsItsLastValue) {
  Summary s;
  s.line(R"(::{"metrics":[{"name":"mem","type":"gauge","value":100,"tags":{}}]}::)");
  s.line(R"(::{"metrics":[{"name":"mem","type":"gauge","value":80.5,"tags":{}}]}::)");
  EXPECT_EQ(s.part("metrics"), R"([{"type":"gauge","name":"mem","tags":{},"value":80.5,"lines":2}])");
}

TEST(Summary, TimersAreAddedInSecondsAndStoredInWholeMilliseconds) {
  Summary s;
  s.line(R"(::{"metrics":[{"name":"load","type":"timer","value":1.005,"tags":{}}]}::)");
  s.line(R"(::{"metrics":[{"name":"load","type":"timer","value":"PT1M0.5S","tags":{}}]}::)");
  s.line(R"(::{"metrics":[{"name":"load","type":"timer","value":25e-4,"tags":{}}]}::)");
  // 1.005 + 60.5 + 0.0025 s; 1.005 s is exactly 1005 ms, as BigDecimal reads it
  EXPECT_EQ(s.part("metrics"),
            R"([{"type":"timer","name":"load","tags":{},"value":61.5075,"stored_ms":61507,"lines":3}])");
  Summary below;
  below.line(R"(::{"metrics":[{"name":"t","type":"timer","value":0.0009,"tags":{}}]}::)");
  EXPECT_NE(below.json().find(R"("stored_ms":0,)"), std::string::npos);  // below 1 ms truncates
}

TEST(Summary, HugeTimersSaturateInsteadOfOverflowing) {
  Summary s;
  s.line(R"(::{"metrics":[{"name":"t","type":"timer","value":9000000000000000000,"tags":{}}]}::)");
  s.line(R"(::{"metrics":[{"name":"t","type":"timer","value":9000000000000000000,"tags":{}}]}::)");
  s.line(R"(::{"metrics":[{"name":"d","type":"timer","value":"P999999999999999D","tags":{}}]}::)");
  s.line(R"(::{"metrics":[{"name":"n","type":"timer","value":"-PT-1.5S","tags":{}}]}::)");
  const std::string metrics = s.part("metrics");
  EXPECT_NE(
      metrics.find(R"("name":"t","tags":{},"value":9.223372036854776e+18,"stored_ms":9223372036854775807)"),
      std::string::npos)
      << metrics;
  EXPECT_NE(
      metrics.find(R"("name":"d","tags":{},"value":9.223372036854776e+18,"stored_ms":9223372036854775807)"),
      std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find(R"("name":"n","tags":{},"value":1.5,"stored_ms":1500)"), std::string::npos)
      << metrics;
}

TEST(Summary, LogsKeepTheirLevelsAndOtherLinesBecomeInfoOrError) {
  Summary s;
  s.line(
      R"(::{"logs":[{"level":"WARN","message":"disk"},{"message":"no level: dropped"},{"level":"DEBUG","message":"d"}]}::)");
  EXPECT_EQ(s.line("plain text"), KESTRA_LINE_TEXT);
  EXPECT_EQ(s.line("Traceback", KESTRA_STREAM_STDERR), KESTRA_LINE_TEXT);
  EXPECT_EQ(s.part("logs"),
            R"([{"level":"WARN","message":"disk","stream":"stdout","line":1,"text":false},)"
            R"({"level":"DEBUG","message":"d","stream":"stdout","line":1,"text":false},)"
            R"({"level":"INFO","message":"plain text","stream":"stdout","line":2,"text":true},)"
            R"({"level":"ERROR","message":"Traceback","stream":"stderr","line":1,"text":true}])");
}

TEST(Summary, LongMessagesAreStoredInPiecesOf15360Characters) {
  Summary s;
  s.line(std::string(40000, 'y'));
  s.line(R"(::{"logs":[{"level":"WARN","message":")" + std::string(15361, 'w') + R"("}]}::)");
  // an astral character counts two UTF-16 units and is never cut in half
  s.line(std::string(15359, 'a') + "\xF0\x9F\x98\x80" + "b");
  const std::string logs = s.part("logs");
  std::vector<std::size_t> lengths;
  for (std::size_t at = logs.find("\"message\":\""); at != std::string::npos;
       at = logs.find("\"message\":\"", at + 1))
    lengths.push_back(logs.find('"', at + 11) - (at + 11));
  // the escaped astral character is 12 bytes of \ud83d\ude00 in the JSON
  EXPECT_EQ(lengths, (std::vector<std::size_t>{15360, 15360, 9280, 15360, 1, 15359, 13}));
}

TEST(Summary, AssetsAreKeptAsSent) {
  Summary s;
  s.line(R"(::{"assets":{"outputs":[{"id":"t","type":"io.kestra.core.models.assets.Table"}]}}::)");
  EXPECT_EQ(s.part("assets"), R"([{"outputs":[{"id":"t","type":"io.kestra.core.models.assets.Table"}]}])");
}

TEST(Summary, RejectedLinesAndNearMissesAreProblemsWithTheCheckersReason) {
  Summary s;
  const std::string bad = R"(::{"metrics":[{"name":"x","type":"counter","value":NaN}]}::)";
  const std::string near = R"( ::{"outputs":{"a":1}}::)";
  EXPECT_EQ(s.line(bad), KESTRA_LINE_REJECTED);
  EXPECT_EQ(s.line(near), KESTRA_LINE_NEAR_MISS);
  char reason[512];
  kestra_check_line(bad.data(), bad.size(), reason, sizeof reason, nullptr);
  EXPECT_NE(s.part("problems").find(std::string("\"verdict\":\"rejected\",\"reason\":\"") + reason + "\""),
            std::string::npos)
      << s.part("problems");
  EXPECT_NE(s.part("problems").find(R"("stream":"stdout","line":2,"verdict":"near_miss")"),
            std::string::npos);
  EXPECT_EQ(kestra_summary_problems(s.s), 2u);
  // a near miss is also logged as text; a rejected line records nothing
  EXPECT_EQ(s.part("outputs"), "{}");
  EXPECT_NE(s.part("logs").find(R"("message":" ::{\"outputs\":{\"a\":1}}::")"), std::string::npos);
  EXPECT_EQ(s.part("lines"), R"({"recorded":0,"rejected":1,"near_miss":1,"text":0})");
}

TEST(Summary, FeedSplitsLinesAsTheServerDoesAcrossChunks) {
  Summary s;
  s.feed("first\r");
  s.feed("\n::{\"outputs\":{\"a\":");
  s.feed("1}}::\rthird\n\nunfinished");
  EXPECT_EQ(s.part("lines"), R"({"recorded":1,"rejected":0,"near_miss":0,"text":3})");
  EXPECT_EQ(kestra_summary_end(s.s, KESTRA_STREAM_STDOUT), KESTRA_OK);
  EXPECT_EQ(s.part("outputs"), R"({"a":1})");
  EXPECT_EQ(s.part("logs"),
            R"([{"level":"INFO","message":"first","stream":"stdout","line":1,"text":true},)"
            R"({"level":"INFO","message":"third","stream":"stdout","line":3,"text":true},)"
            R"({"level":"INFO","message":"","stream":"stdout","line":4,"text":true},)"
            R"({"level":"INFO","message":"unfinished","stream":"stdout","line":5,"text":true}])");
}

TEST(Summary, InvalidUtf8IsReplacedAsTheServerDecodesAndTheJsonStaysAscii) {
  Summary s;
  EXPECT_EQ(s.line("::{\"outputs\":{\"s\":\"caf\xff\"}}::"), KESTRA_LINE_RECORDED);
  s.line("caf\xc3\xa9 \xfe");
  EXPECT_EQ(s.part("outputs"), R"({"s":"caf\ufffd"})");
  EXPECT_NE(s.json().find(R"("message":"caf\u00e9 \ufffd")"), std::string::npos);
  for (unsigned char c : s.json()) EXPECT_LT(c, 0x80);
}

TEST(Summary, TextShowsTablesAndEscapesControlCharactersOfTheScript) {
  Summary s;
  s.line(R"(::{"outputs":{"rows":823}}::)");
  s.line(R"(::{"metrics":[{"name":"load","type":"timer","value":1.5,"tags":{"step":"2"}}]}::)");
  s.line("evil \x1b[2J text");
  const std::string text = s.text();
  EXPECT_NE(text.find("Outputs (1)\n  rows  Integer  823\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  timer  load  step=2  1.5 s = 1500 ms  1 line\n"), std::string::npos) << text;
  EXPECT_NE(text.find("evil \\u001b[2J text"), std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_NE(s.text(KESTRA_SUMMARY_COLOR).find("\x1b[1mOutputs (1)\x1b[0m"), std::string::npos);
}

TEST(Summary, RowsAreKeptOnlyWhenAskedAndTakenOnce) {
  Summary totals;
  totals.line(R"(::{"outputs":{"a":1}}::)");
  EXPECT_EQ(totals.rows(), "");
  Summary live(KESTRA_SUMMARY_ROWS);
  live.line(R"(::{"outputs":{"a":1}}::)");
  live.line(R"(::{"metrics":[{"name":"n","type":"counter","value":2,"tags":{"k":"v"}}]}::)");
  EXPECT_EQ(live.rows(),
            "stdout:1    output    a = 1  (Integer)\n"
            "stdout:2    counter   n{k=v} 2  (total 2.0)\n");
  EXPECT_EQ(live.rows(), "");
}

TEST(Summary, BadArgumentsAreUsageErrors) {
  Summary s;
  EXPECT_EQ(kestra_summary_add_line(nullptr, KESTRA_STREAM_STDOUT, "x", 1, nullptr), KESTRA_ERROR_USAGE);
  EXPECT_EQ(kestra_summary_add_line(s.s, 3, "x", 1, nullptr), KESTRA_ERROR_USAGE);
  EXPECT_EQ(kestra_summary_feed(s.s, 0, "x", 1), KESTRA_ERROR_USAGE);
  EXPECT_EQ(kestra_summary_end(nullptr, KESTRA_STREAM_STDERR), KESTRA_ERROR_USAGE);
  EXPECT_EQ(kestra_summary_add_line(s.s, KESTRA_STREAM_STDOUT, "plain", KESTRA_CSTR, nullptr), KESTRA_OK);
  size_t len = 7;
  EXPECT_EQ(kestra_summary_json(nullptr, &len), nullptr);
  EXPECT_EQ(len, 0u);
  EXPECT_EQ(kestra_summary_problems(nullptr), 0u);
  kestra_summary_free(nullptr);
}

}  // namespace

// KESTRA_CSTR is a length like any other here (kestra.h conventions): the bytes
// up to the first NUL. It used to be taken as a length, reading far past them.
TEST(SummaryCstr, FeedTakesANulTerminatedBuffer) {
  Summary sum;
  const char data[] = "::{\"outputs\":{\"a\":1}}::\nhello\0never read";
  ASSERT_EQ(kestra_summary_feed(sum.s, KESTRA_STREAM_STDOUT, data, KESTRA_CSTR), KESTRA_OK);
  ASSERT_EQ(kestra_summary_end(sum.s, KESTRA_STREAM_STDOUT), KESTRA_OK);
  EXPECT_EQ(sum.part("outputs"), "{\"a\":1}");
  EXPECT_EQ(sum.part("lines"), "{\"recorded\":1,\"rejected\":0,\"near_miss\":0,\"text\":1}");
  EXPECT_NE(sum.json().find("\"message\":\"hello\""), std::string::npos) << sum.json();
  EXPECT_EQ(sum.json().find("never"), std::string::npos);
  EXPECT_EQ(kestra_summary_feed(sum.s, KESTRA_STREAM_STDOUT, nullptr, KESTRA_CSTR), KESTRA_OK);
}
