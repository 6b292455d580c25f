// Level names are read ignoring ASCII case only, whatever the C locale: under
// tr_TR.UTF-8, toupper('i') is 'i' (its capital is U+0130), so a reading through
// std::toupper refused "info"; under tr_TR.ISO-8859-9 it turned the dotless
// 0xFD into 'I'. CMake builds both locales into LOCPATH for this program.
#include <gtest/gtest.h>

#include <clocale>

#include "kestra/kestra.h"

namespace {

kestra_result parse(const char *name, kestra_level *level) {
  return kestra_level_parse(name, KESTRA_CSTR, level);
}

TEST(LevelLocale, TurkishUtf8LocaleStillReadsInfo) {
  ASSERT_NE(std::setlocale(LC_ALL, "tr_TR.UTF-8"), nullptr) << "the test's locale was not built";
  kestra_level level = KESTRA_LEVEL_TRACE;
  EXPECT_EQ(parse("info", &level), KESTRA_OK);
  EXPECT_EQ(level, KESTRA_LEVEL_INFO);
  EXPECT_EQ(parse("critical", &level), KESTRA_OK);
  EXPECT_EQ(level, KESTRA_LEVEL_ERROR);
  kestra_record *r = kestra_record_new();
  ASSERT_EQ(kestra_record_begin_logs(r), KESTRA_OK);
  EXPECT_EQ(kestra_record_log_named(r, "Warning", KESTRA_CSTR, "m", KESTRA_CSTR), KESTRA_OK)
      << kestra_record_error(r);
  EXPECT_EQ(kestra_record_log_named(r, "fatal", KESTRA_CSTR, "m", KESTRA_CSTR), KESTRA_OK)
      << kestra_record_error(r);
  ASSERT_EQ(kestra_record_finish(r), KESTRA_OK);
  EXPECT_STREQ(
      kestra_record_line(r, nullptr),
      "::{\"logs\":[{\"level\":\"WARN\",\"message\":\"m\"},{\"level\":\"ERROR\",\"message\":\"m\"}]}::\n");
  kestra_record_free(r);
  std::setlocale(LC_ALL, "C");
}

TEST(LevelLocale, NoByteOutsideAsciiMatchesALetter) {
  ASSERT_NE(std::setlocale(LC_ALL, "tr_TR.ISO-8859-9"), nullptr) << "the test's locale was not built";
  kestra_level level = KESTRA_LEVEL_TRACE;
  // 0xFD is the dotless i there, whose capital is 'I'; as UTF-8 it is no text at all.
  EXPECT_EQ(parse("\xfdnfo", &level), KESTRA_ERROR_UNICODE);
  EXPECT_EQ(parse("\xc4\xb1nfo", &level), KESTRA_ERROR_VALUE) << "U+0131 dotless i, valid UTF-8";
  EXPECT_EQ(level, KESTRA_LEVEL_TRACE);
  EXPECT_EQ(parse("iNfO", &level), KESTRA_OK);
  EXPECT_EQ(level, KESTRA_LEVEL_INFO);
  std::setlocale(LC_ALL, "C");
}

}  // namespace
