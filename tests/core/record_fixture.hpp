// A GoogleTest fixture holding one record, with its line and error as strings.
#ifndef KESTRA_TESTS_RECORD_FIXTURE_HPP
#define KESTRA_TESTS_RECORD_FIXTURE_HPP

#include <gtest/gtest.h>

#include <string>

#include "kestra/kestra.h"

class RecordFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    r = kestra_record_new();
    ASSERT_NE(r, nullptr);
  }
  void TearDown() override { kestra_record_free(r); }

  std::string line() {
    size_t len = 0;
    const char *text = kestra_record_line(r, &len);
    return text ? std::string(text, len) : std::string();
  }
  std::string error() { return kestra_record_error(r); }

  kestra_record *r = nullptr;
};

#endif
