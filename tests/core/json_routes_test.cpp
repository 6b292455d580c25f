// kestra_record_json has two routes (DESIGN.md): a whole outputs object is
// copied in one pass (json_copy.cpp); any other place, and any text the copy
// does not take, goes through the record's checks (json_reader.cpp). They must
// give the same bytes and the same errors. The fuzz target fuzz_reader compares
// them on random texts; these are the cases chosen by hand, at the edges of the
// copy's 8-byte string scan and of its number and depth handling.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "kestra/kestra.h"

namespace {

struct Outcome {
  kestra_result result;
  std::string text;  // the line, or the error message
};

Outcome finish(kestra_record *r, kestra_result result) {
  if (result == KESTRA_OK) result = kestra_record_finish(r);
  Outcome out{result, {}};
  if (result == KESTRA_OK) {
    size_t len = 0;
    const char *line = kestra_record_line(r, &len);
    out.text.assign(line, len);
  } else {
    out.text = kestra_record_error(r);
  }
  return out;
}

// {"k": value} as one text at the top of an outputs record: the copy route.
Outcome top(const std::string &value, unsigned flags = KESTRA_JSON_DEFAULT) {
  kestra_record *r = kestra_record_new();
  kestra_record_begin_outputs(r);
  const std::string text = "{\"k\":" + value + "}";
  Outcome out = finish(r, kestra_record_json_flags(r, text.data(), text.size(), flags));
  kestra_record_free(r);
  return out;
}

// The same value as a text under the key "k": the record's own checks.
Outcome nested(const std::string &value, unsigned flags = KESTRA_JSON_DEFAULT) {
  kestra_record *r = kestra_record_new();
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "k", KESTRA_CSTR);
  kestra_result result = kestra_record_json_flags(r, value.data(), value.size(), flags);
  if (result == KESTRA_OK) result = kestra_record_end_object(r);
  Outcome out = finish(r, result);
  kestra_record_free(r);
  return out;
}

// The same line, or the same error. A syntax error is named where the text was
// given and counts bytes from its start, so only its code is compared.
void expect_same(const std::string &value, unsigned flags = KESTRA_JSON_DEFAULT) {
  const Outcome a = top(value, flags);
  const Outcome b = nested(value, flags);
  EXPECT_EQ(a.result, b.result) << value;
  if (a.result != KESTRA_ERROR_SYNTAX) EXPECT_EQ(a.text, b.text) << value;
}

TEST(JsonRoutes, StringsAroundTheEightByteScan) {
  for (const std::string plain : {"", "a", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnopq"}) {
    for (const std::string odd : {"", "\\\"", "\\\\", "\\/", "\\u0041", "\\u00E9", "\xc3\xa9", "\x7f",
                                  "\\ud83d\\ude00", "\xf0\x9f\x98\x80", "\\n"}) {
      expect_same("\"" + plain + odd + "\"");
      expect_same("\"" + odd + plain + "\"");
      expect_same("\"" + plain + odd + plain + "\"");
    }
  }
  EXPECT_EQ(top("\"abcdefgh\\u00E9\"").text, "::{\"outputs\":{\"k\":\"abcdefgh\\u00e9\"}}::\n");
}

TEST(JsonRoutes, BadStringsFailTheSameWay) {
  for (const std::string bad : {"\"abcdefgh\x01\"", "\"\xc3\"", "\"abcdefghij\xed\xa0\x80\"", "\"\\ud800\"",
                                "\"\\x\"", "\"abcdefgh", "\"\\u12\"", "\"ab\\\"", "\"\xff\""}) {
    const Outcome a = top(bad);
    EXPECT_NE(a.result, KESTRA_OK) << bad;
    expect_same(bad);
  }
  // The message names the field, as on the record's own route.
  EXPECT_EQ(top("[1,\"\xc3\"]").text, "outputs['k'][1]: invalid UTF-8");
}

TEST(JsonRoutes, Numbers) {
  for (const std::string n : {"0", "-0", "7", "-12", "123456789012345678901234567890", "0.5", "-0.0", "1.50",
                              "1e5", "1E-7", "2.5e+300", "1e400", "-1e400", "1e-400", "0.1e1", "5e-324",
                              "100000000000000000000.0", "9007199254740993", "1.7976931348623157e308"})
    expect_same(n);
  for (const std::string bad :
       {"01", "-", "1.", ".5", "1e", "1e+", "+1", "--1", "0x10", "1.5.2", "Infinity", "NaN"}) {
    EXPECT_NE(top(bad).result, KESTRA_OK) << bad;
    expect_same(bad);
  }
  EXPECT_EQ(top("-0").text, "::{\"outputs\":{\"k\":0}}::\n");
  EXPECT_EQ(top("1e5").text, "::{\"outputs\":{\"k\":100000.0}}::\n");
  EXPECT_EQ(top(std::string(1001, '7')).result, KESTRA_ERROR_LIMIT);
}

TEST(JsonRoutes, StructureAndWhiteSpace) {
  for (const std::string v : {"[]", "{}", " [ 1 , [ ] , { } , { \"a\" : null } ] ", "{\"\":true,\"b\":false}",
                              "[[[[\"x\"]]]]", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":\"e\"}]}}}", "\t\r\n[1]\n"})
    expect_same(v);
  for (const std::string bad : {"[1,]", "[1 2]", "{\"a\"}", "{\"a\":}", "{a:1}", "[", "]", "{\"a\":1,}",
                                "[1]]", "nul", "tru", "[true false]", "{\"a\":1}{}"}) {
    EXPECT_NE(top(bad).result, KESTRA_OK) << bad;
    expect_same(bad);
  }
}

TEST(JsonRoutes, DepthLimitIsTheSame) {
  // The line's depth: {"outputs": {"k": ...}} holds two levels before the value,
  // and the server reads 1,000.
  for (int levels : {996, 997, 998, 999}) {
    const std::string v = std::string(levels, '[') + std::string(levels, ']');
    expect_same(v);
  }
  EXPECT_EQ(top(std::string(998, '[') + std::string(998, ']')).result, KESTRA_OK);
  EXPECT_EQ(top(std::string(999, '[') + std::string(999, ']')).result, KESTRA_ERROR_DEPTH);
}

TEST(JsonRoutes, OnlyAnObjectAtTheTop) {
  kestra_record *r = kestra_record_new();
  kestra_record_begin_outputs(r);
  EXPECT_EQ(kestra_record_json(r, "[1]", 3), KESTRA_ERROR_TYPE);
  EXPECT_STREQ(kestra_record_error(r), "outputs: must be an object with string keys, got an array");
  kestra_record_free(r);
}

TEST(JsonRoutes, JavaScriptNumbersAreDoubles) {
  const unsigned js = KESTRA_JSON_JAVASCRIPT;
  EXPECT_EQ(top("9007199254740991", js).text, "::{\"outputs\":{\"k\":9007199254740991}}::\n");
  EXPECT_EQ(top("9007199254740993", js).text, "::{\"outputs\":{\"k\":9007199254740992.0}}::\n");
  EXPECT_EQ(top("100000000000000000000", js).text, "::{\"outputs\":{\"k\":1e+20}}::\n");
  EXPECT_EQ(top("1e21", js).text, "::{\"outputs\":{\"k\":1e+21}}::\n");
  EXPECT_EQ(top("5.0", js).text, "::{\"outputs\":{\"k\":5}}::\n");
  EXPECT_EQ(top("-0", js).text, "::{\"outputs\":{\"k\":0}}::\n");
  EXPECT_EQ(top("0.5", js).text, "::{\"outputs\":{\"k\":0.5}}::\n");
  EXPECT_EQ(top("1e-400", js).text, "::{\"outputs\":{\"k\":0}}::\n");
  for (const std::string n :
       {"9007199254740991", "-9007199254740992", "123456789012345", "1234567890123456", "1e400",
        "[1, 2.25, -3e2]", "0.001", "0.0001", "0.00001", "1234567890123456.5", "0.10000000000000001"})
    expect_same(n, js);
}

TEST(JsonRoutes, JavaScriptFractionsAreTakenAsWritten) {
  // JavaScript's shortest digits in plain notation, where repr is plain too.
  const unsigned js = KESTRA_JSON_JAVASCRIPT;
  for (const std::string n :
       {"0.14285714285714285", "-2.5", "0.0001", "123456789012345.6", "0.30000000000000004"})
    EXPECT_EQ(top(n, js).text, "::{\"outputs\":{\"k\":" + n + "}}::\n") << n;
  // Beyond repr's plain range, or not as JavaScript writes: read and written anew.
  EXPECT_EQ(top("0.00001", js).text, "::{\"outputs\":{\"k\":1e-05}}::\n");
  EXPECT_EQ(top("1.50", js).text, "::{\"outputs\":{\"k\":1.5}}::\n");
  EXPECT_EQ(top("1e-7", js).text, "::{\"outputs\":{\"k\":1e-07}}::\n");
}

// The value walk's call for a JavaScript number writes what the dialect writes.
TEST(JsonRoutes, JavaScriptNumberCallMatchesTheDialect) {
  const struct {
    double value;
    const char *literal;  // as JSON.stringify writes the value
    const char *written;
  } cases[] = {{9007199254740991.0, "9007199254740991", "9007199254740991"},
               {9007199254740992.0, "9007199254740992", "9007199254740992.0"},
               {-0.0, "0", "0"},
               {5.0, "5", "5"},
               {0.5, "0.5", "0.5"},
               {1e21, "1e+21", "1e+21"},
               {1e-7, "1e-7", "1e-07"},
               {1.0 / 3, "0.3333333333333333", "0.3333333333333333"}};
  for (const auto &c : cases) {
    kestra_record *r = kestra_record_new();
    kestra_record_begin_outputs(r);
    kestra_record_begin_object(r, nullptr);
    kestra_record_key(r, "k", KESTRA_CSTR);
    ASSERT_EQ(kestra_record_javascript_number(r, c.value), KESTRA_OK);
    kestra_record_end_object(r);
    const Outcome walked = finish(r, KESTRA_OK);
    kestra_record_free(r);
    const std::string expected = std::string("::{\"outputs\":{\"k\":") + c.written + "}}::\n";
    EXPECT_EQ(walked.text, expected) << c.literal;
    EXPECT_EQ(top(c.literal, KESTRA_JSON_JAVASCRIPT).text, expected) << c.literal;
  }
  kestra_record *r = kestra_record_new();
  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, nullptr);
  kestra_record_key(r, "k", KESTRA_CSTR);
  EXPECT_EQ(kestra_record_javascript_number(r, std::nan("")), KESTRA_ERROR_VALUE);
  kestra_record_free(r);
}

TEST(JsonRoutes, JavaScriptNullFailsNamingTheField) {
  const Outcome a = top("[1,null]", KESTRA_JSON_JAVASCRIPT);
  EXPECT_EQ(a.result, KESTRA_ERROR_VALUE);
  EXPECT_EQ(
      a.text,
      "outputs['k'][1]: null in JSON.stringify text (it stands for NaN, Infinity or a function as well)");
  expect_same("[1,null]", KESTRA_JSON_JAVASCRIPT);
  EXPECT_EQ(top("[1,null]").result, KESTRA_OK);  // the standard dialect takes null
}

}  // namespace
