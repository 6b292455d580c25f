// The byte rules of docs/PROTOCOL.md Part 2 items 4 and 5, checked one by one.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "json_text.hpp"

using namespace kestra::detail;

namespace {

std::string utf8(std::string_view text, TextError expected = TextError::none) {
  std::string out;
  EXPECT_EQ(append_string_utf8(out, text), expected) << text;
  return out;
}

std::string utf16(std::u16string_view text, TextError expected = TextError::none) {
  std::string out;
  EXPECT_EQ(append_string_utf16(out, reinterpret_cast<const std::uint16_t *>(text.data()), text.size()),
            expected);
  return out;
}

std::string escaped(std::string_view body, TextError expected = TextError::none) {
  std::string out;
  EXPECT_EQ(append_string_json_escaped(out, body), expected) << body;
  return out;
}

std::string dbl(double v) {
  std::string out;
  append_double(out, v);
  return out;
}

}  // namespace

TEST(Strings, PrintableAsciiIsCopied) {
  EXPECT_EQ(utf8("hello world ~!#$%&'()*+,-./:;<=>?@[]^_`{|}"),
            "\"hello world ~!#$%&'()*+,-./:;<=>?@[]^_`{|}\"");
  EXPECT_EQ(utf8(""), "\"\"");
}

TEST(Strings, QuoteAndBackslashAreEscaped) { EXPECT_EQ(utf8("a\"b\\c"), "\"a\\\"b\\\\c\""); }

TEST(Strings, ShortEscapesForTheFiveNamedControls) { EXPECT_EQ(utf8("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\""); }

TEST(Strings, EveryOtherControlAsLowercaseUnicodeEscape) {
  const std::string named = "\b\f\n\r\t";
  for (int c = 0; c < 0x20; ++c) {
    if (named.find(static_cast<char>(c)) != std::string::npos) continue;
    char expected[16];
    std::snprintf(expected, sizeof expected, "\"\\u%04x\"", c);
    EXPECT_EQ(utf8(std::string(1, static_cast<char>(c))), expected) << c;
  }
  EXPECT_EQ(utf8("\x7f"), "\"\\u007f\"");
}

TEST(Strings, LineBreakingCodePointsAreEscaped) {
  // U+0085, U+2028 and U+2029 end a line for Java's regex '.', so never raw.
  EXPECT_EQ(utf8("\xc2\x85\xe2\x80\xa8\xe2\x80\xa9"), "\"\\u0085\\u2028\\u2029\"");
}

TEST(Strings, NonAsciiAndAstral) {
  EXPECT_EQ(utf8("caf\xc3\xa9"), "\"caf\\u00e9\"");
  EXPECT_EQ(utf8("\xe6\x97\xa5"), "\"\\u65e5\"");
  EXPECT_EQ(utf8("\xf0\x9f\x98\x80"), "\"\\ud83d\\ude00\"");
  EXPECT_EQ(utf8("\xf4\x8f\xbf\xbf"), "\"\\udbff\\udfff\"");
  EXPECT_EQ(utf8("\xef\xbf\xbf"), "\"\\uffff\"");
}

TEST(Strings, InvalidUtf8IsRefused) {
  const char *bad[] = {
      "\x80",              // stray continuation byte
      "\xc3",              // truncated
      "\xc0\x80",          // overlong NUL
      "\xc1\xbf",          // overlong
      "\xe0\x80\x80",      // overlong 3-byte
      "\xed\xa0\x80",      // encoded surrogate U+D800
      "\xed\xbf\xbf",      // encoded surrogate U+DFFF
      "\xf0\x80\x80\x80",  // overlong 4-byte
      "\xf4\x90\x80\x80",  // past U+10FFFF
      "\xf5\x80\x80\x80",  // never valid lead byte
      "\xff",
      "a\xe2\x82",  // truncated at the end
  };
  for (const char *text : bad) utf8(text, TextError::invalid_utf8);
}

TEST(Strings, Utf16PairsAndLoneSurrogates) {
  EXPECT_EQ(utf16(u"caf\u00e9 \U0001F600"), "\"caf\\u00e9 \\ud83d\\ude00\"");
  EXPECT_EQ(utf16(u"\n\u2028"), "\"\\n\\u2028\"");
  const char16_t lone_high[] = {u'a', 0xd800};
  const char16_t lone_low[] = {0xdc00, u'a'};
  const char16_t reversed[] = {0xdc00, 0xd800};
  utf16(std::u16string_view(lone_high, 2), TextError::lone_surrogate);
  utf16(std::u16string_view(lone_low, 2), TextError::lone_surrogate);
  utf16(std::u16string_view(reversed, 2), TextError::lone_surrogate);
}

TEST(Strings, JsonEscapedBodiesAreReEscapedCanonically) {
  EXPECT_EQ(escaped("a\\/b"), "\"a/b\"");  // \/ is just '/'
  EXPECT_EQ(escaped("\\u00E9\\u0041"), "\"\\u00e9A\"");
  EXPECT_EQ(escaped("\\uD83D\\uDE00"), "\"\\ud83d\\ude00\"");
  EXPECT_EQ(escaped("\\u0000\\u001F\\u007F"), "\"\\u0000\\u001f\\u007f\"");
  EXPECT_EQ(escaped("\\\"\\\\\\b\\f\\n\\r\\t"), "\"\\\"\\\\\\b\\f\\n\\r\\t\"");
  EXPECT_EQ(escaped("caf\xc3\xa9"), "\"caf\\u00e9\"");
  escaped("\\ud800", TextError::lone_surrogate);
  escaped("\\udc00x", TextError::lone_surrogate);
  escaped("\\ud800\\u0041", TextError::lone_surrogate);
  escaped("\\x", TextError::bad_escape);
  escaped("\\u12", TextError::bad_escape);
  escaped("\\u12g4", TextError::bad_escape);
  escaped("a\nb", TextError::raw_control);
  escaped("\xc3", TextError::invalid_utf8);
}

TEST(Numbers, DoublesAreWrittenAsPythonRepr) {
  EXPECT_EQ(dbl(0.0), "0.0");
  EXPECT_EQ(dbl(-0.0), "-0.0");
  EXPECT_EQ(dbl(1.0), "1.0");
  EXPECT_EQ(dbl(0.1), "0.1");
  EXPECT_EQ(dbl(1.5), "1.5");
  EXPECT_EQ(dbl(100000.0), "100000.0");
  EXPECT_EQ(dbl(1e15), "1000000000000000.0");
  EXPECT_EQ(dbl(1e16), "1e+16");
  EXPECT_EQ(dbl(1e-4), "0.0001");
  EXPECT_EQ(dbl(1e-5), "1e-05");
  EXPECT_EQ(dbl(5e-324), "5e-324");
  EXPECT_EQ(dbl(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(dbl(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(dbl(-123.456), "-123.456");
}

TEST(Numbers, Integers) {
  std::string out;
  append_int64(out, std::numeric_limits<std::int64_t>::max());
  out.push_back(' ');
  append_int64(out, std::numeric_limits<std::int64_t>::min());
  out.push_back(' ');
  append_uint64(out, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(out, "9223372036854775807 -9223372036854775808 18446744073709551615");
}

TEST(Numbers, IntegerText) {
  const auto canon = [](std::string_view in) {
    std::string out;
    EXPECT_EQ(append_integer_text(out, in), IntegerTextError::none) << in;
    return out;
  };
  EXPECT_EQ(canon("1267650600228229401496703205376"), "1267650600228229401496703205376");
  EXPECT_EQ(canon("-0"), "0");
  EXPECT_EQ(canon("000"), "0");
  EXPECT_EQ(canon("-007"), "-7");
  EXPECT_EQ(canon(std::string(1000, '9')), std::string(1000, '9'));
  std::string out;
  EXPECT_EQ(append_integer_text(out, std::string(1001, '9')), IntegerTextError::too_long);
  for (const char *bad : {"", "-", "+1", "1.0", "1e3", " 1", "0x10", "--1"})
    EXPECT_EQ(append_integer_text(out, bad), IntegerTextError::syntax) << bad;
}

TEST(Messages, KeysAreQuotedReadably) {
  EXPECT_EQ(quote_for_message("rows"), "'rows'");
  EXPECT_EQ(quote_for_message("it's"), "'it\\'s'");
  EXPECT_EQ(quote_for_message("a\"b\\c\n\xc3\xa9"), "'a\"b\\\\c\\n\\u00e9'");
  EXPECT_EQ(quote_for_message("\xc3"), "(invalid UTF-8)");
}

// What Java's decoder replaces by one U+FFFD: the maximal invalid subpart.
TEST(Utf8, InvalidLengthIsTheMaximalSubpart) {
  EXPECT_EQ(utf8_invalid_length("\xc3\xa9", 0), 0u);       // valid
  EXPECT_EQ(utf8_invalid_length("\xe2\x82", 0), 2u);       // cut short at the end
  EXPECT_EQ(utf8_invalid_length("\xf0\x9f\x98x", 0), 3u);  // three bytes of four, then ASCII
  EXPECT_EQ(utf8_invalid_length("\xed\xa0\x80", 0), 1u);   // an encoded surrogate
  EXPECT_EQ(utf8_invalid_length("\xc3x", 0), 1u);
  EXPECT_EQ(utf8_invalid_length("\xff", 0), 1u);
  EXPECT_EQ(utf8_invalid_length("\xc0\x80", 0), 1u);          // overlong
  EXPECT_EQ(utf8_invalid_length("\xf4\x90\x80\x80", 0), 1u);  // past U+10FFFF
}

TEST(Utf8, Utf16UnitsAndExcerpts) {
  EXPECT_EQ(utf16_units("a\xc3\xa9\xf0\x9f\x98\x80"), 4u);  // a, e-acute, then a surrogate pair
  EXPECT_EQ(quote_excerpt_for_message("abc", 3), "'abc'");
  EXPECT_EQ(quote_excerpt_for_message("ab\xc3\xa9", 3), "'ab'...");  // never inside a character
}
