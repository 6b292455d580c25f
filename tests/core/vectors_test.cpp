// The shared vectors (tests/vectors/*.json, format in tests/vectors/README.md) run
// through the C ABI: one parameterised test per vector, named <area>_<index>.
//
// Build (tests/core/CMakeLists.txt):
//   add_executable(kestra_vectors_test vectors_test.cpp)
//   target_link_libraries(kestra_vectors_test PRIVATE
//     kestra::kestra_static GTest::gtest_main simdjson::simdjson)
//   target_compile_definitions(kestra_vectors_test PRIVATE
//     KESTRA_VECTORS_DIR="${PROJECT_SOURCE_DIR}/tests/vectors")
//   add_test(NAME kestra_vectors_test COMMAND kestra_vectors_test)
//
// How each call maps onto kestra.h (only the public header is used) is in
// vector_calls.hpp, shared with the conformance runner's C producer.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "kestra/kestra.h"
#include "vector_calls.hpp"

#ifndef KESTRA_VECTORS_DIR
#  error "KESTRA_VECTORS_DIR must name the tests/vectors directory"
#endif

namespace {

using namespace kestra_vectors;

// Every vector of every file, in file order.
const std::vector<Vector> &all_vectors() {
  static const VectorSet set = load_vectors(KESTRA_VECTORS_DIR);
  return set.vectors;
}

// ---- comparing ---------------------------------------------------------------------

// Equal strings, or a short report of where they first differ (lines can be 200 kB).
testing::AssertionResult same_bytes(std::string_view got, std::string_view want) {
  if (got == want) return testing::AssertionSuccess();
  std::size_t at = 0;
  while (at < got.size() && at < want.size() && got[at] == want[at]) ++at;
  const std::size_t from = at > 40 ? at - 40 : 0;
  return testing::AssertionFailure() << "lengths " << got.size() << " (got) and " << want.size()
                                     << " (want), first difference at byte " << at << "\n  got:  ..."
                                     << got.substr(from, 100) << "\n  want: ..." << want.substr(from, 100);
}

std::string shorten(std::string_view s) {
  return s.size() <= 240 ? std::string(s)
                         : std::string(s.substr(0, 120)) + "..." + std::string(s.substr(s.size() - 120));
}

void check_line(const Outcome &out, std::string_view line) {
  ASSERT_EQ(out.result, KESTRA_OK) << kestra_result_name(out.result) << ": " << shorten(out.message);
  const std::string want = std::string(line) + "\n";
  std::size_t len = 0;
  const char *got = kestra_record_line(out.record.get(), &len);
  ASSERT_NE(got, nullptr);
  EXPECT_TRUE(same_bytes(std::string_view(got, len), want)) << "kestra_record_line";

  std::string buffer(want.size(), '\0');
  std::size_t copied = 0;
  EXPECT_EQ(kestra_record_copy_line(out.record.get(), buffer.data(), buffer.size(), &copied), KESTRA_OK);
  EXPECT_EQ(copied, want.size());
  EXPECT_TRUE(same_bytes(buffer, want)) << "kestra_record_copy_line";
  EXPECT_EQ(kestra_record_copy_line(out.record.get(), buffer.data(), buffer.size() - 1, &copied),
            KESTRA_ERROR_BUFFER_TOO_SMALL);
  EXPECT_EQ(copied, want.size()) << "the needed length";
}

void check_error(const Outcome &out, dom::element error) {
  const std::string_view kind = must(error["kind"].get_string(), "error kind");
  const std::string_view field = must(error["field"].get_string(), "error field");
  if (out.result == KESTRA_OK) {
    std::size_t len = 0;
    const char *line = kestra_record_line(out.record.get(), &len);
    FAIL() << "expected a '" << kind << "' error at " << shorten(field) << ", but it wrote\n  "
           << (line ? shorten(std::string_view(line, len)) : "(no line)");
  }
  EXPECT_EQ(std::string_view(kestra_result_name(out.result)), kind) << "message: " << shorten(out.message);
  const std::string prefix = std::string(field) + ": ";
  EXPECT_EQ(out.message.compare(0, prefix.size(), prefix), 0)
      << "message should start with\n  " << shorten(prefix) << "\nbut is\n  " << shorten(out.message);
  const std::string_view message = must(error["message"].get_string(), "error message");
  EXPECT_EQ(out.message, message) << "the exact message of the vector";
  std::size_t len = 1;
  EXPECT_EQ(kestra_record_line(out.record.get(), &len), nullptr) << "a failed record has no line";
  EXPECT_EQ(len, 0u);
  EXPECT_EQ(kestra_record_status(out.record.get()), out.result) << "the record keeps its failure";
}

// ---- the tests ---------------------------------------------------------------------

class VectorTest : public testing::TestWithParam<std::size_t> {};

TEST_P(VectorTest, Runs) {
  const Vector &v = all_vectors()[GetParam()];
  ASSERT_TRUE(v.problem.empty()) << v.name << ": " << v.problem;
  SCOPED_TRACE(v.area + ".json #" + std::to_string(v.index) + " \"" + v.name + "\"");
  const Outcome out = run(v.json);
  std::string_view line;
  dom::element error;
  if (!v.json["line"].get(line))
    check_line(out, line);
  else if (!v.json["error"].get(error))
    check_error(out, error);
  else
    FAIL() << "a vector needs a line or an error";
}

std::vector<std::size_t> vector_indices() {
  std::vector<std::size_t> indices(all_vectors().size());
  for (std::size_t i = 0; i < indices.size(); ++i) indices[i] = i;
  return indices;
}

INSTANTIATE_TEST_SUITE_P(Shared, VectorTest, testing::ValuesIn(vector_indices()),
                         [](const testing::TestParamInfo<std::size_t> &info) {
                           const Vector &v = all_vectors()[info.param];
                           return v.area + "_" + std::to_string(v.index);
                         });

TEST(VectorFiles, AreFound) {
  EXPECT_GE(all_vectors().size(), 100u) << "vectors read from " KESTRA_VECTORS_DIR;
}

}  // namespace
