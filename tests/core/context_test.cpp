// The execution context through the C ABI (kestra_context_*): what the shared
// vectors (tests/vectors/context, run by the Python, Node and kestra-emit suites)
// cannot reach from a language: NULL handles and out-pointers, calls out of order,
// the base64 forms, the value kinds, strings with NUL, duplicate keys, huge indexes.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "kestra/kestra.h"

namespace {

// A context handle with the lookup variables cleared for each test, and the
// context given as KESTRA_CONTEXT (base64) so no file is needed.
class Context : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("KESTRA_EXECUTION_CONTEXT_FILE");
    unsetenv("KESTRA_CONTEXT");
    setenv("KESTRA_EXECUTION_CONTEXT_FILE", "/nonexistent/kestra-context-test.json", 1);
    ctx_ = kestra_context_new();
    ASSERT_NE(ctx_, nullptr);
  }
  void TearDown() override {
    kestra_context_free(ctx_);
    unsetenv("KESTRA_EXECUTION_CONTEXT_FILE");
    unsetenv("KESTRA_CONTEXT");
  }
  kestra_result load_base64(const char *encoded) {
    setenv("KESTRA_CONTEXT", encoded, 1);
    return kestra_context_load(ctx_, nullptr, 0);
  }
  std::string get(const char *path, kestra_result want = KESTRA_OK, int *is_string = nullptr) {
    const char *value = nullptr;
    size_t len = 99;
    EXPECT_EQ(kestra_context_get(ctx_, path, KESTRA_CSTR, &value, &len, is_string), want)
        << kestra_context_error(ctx_);
    if (want != KESTRA_OK) {
      EXPECT_EQ(value, nullptr);
      EXPECT_EQ(len, 0u);
      return kestra_context_error(ctx_);
    }
    return std::string(value, len);
  }
  kestra_context *ctx_ = nullptr;
};

TEST(ContextHandle, NullHandlesAreRefusedNotDereferenced) {
  EXPECT_EQ(kestra_context_load(nullptr, nullptr, 0), KESTRA_ERROR_USAGE);
  EXPECT_EQ(kestra_context_get(nullptr, "a", KESTRA_CSTR, nullptr, nullptr, nullptr), KESTRA_ERROR_USAGE);
  size_t len = 7;
  EXPECT_EQ(kestra_context_json(nullptr, &len), nullptr);
  EXPECT_EQ(len, 0u);
  EXPECT_STREQ(kestra_context_error(nullptr), "");
  EXPECT_STREQ(kestra_context_source(nullptr), "");
  kestra_context_free(nullptr);
  EXPECT_STREQ(kestra_result_name(KESTRA_ERROR_NOT_FOUND), "not_found");
}

TEST_F(Context, GetBeforeLoadIsAUsageError) {
  EXPECT_EQ(get("inputs", KESTRA_ERROR_USAGE),
            "execution context: not loaded (call kestra_context_load first)");
  size_t len = 7;
  EXPECT_STREQ(kestra_context_json(ctx_, &len), "");
  EXPECT_EQ(len, 0u);
}

TEST_F(Context, Base64WithPaddingWithoutItUrlSafeAndWrapped) {
  // {"a":"?>"} has '+' and '/' in standard base64, '-' and '_' in the URL-safe one.
  for (const char *encoded : {"eyJhIjoiPz4ifQ==", "eyJhIjoiPz4ifQ", "eyJhIjoi\nPz4ifQ==\n"}) {
    ASSERT_EQ(load_base64(encoded), KESTRA_OK) << encoded << ": " << kestra_context_error(ctx_);
    EXPECT_EQ(get("a"), "?>");
    EXPECT_STREQ(kestra_context_source(ctx_), "KESTRA_CONTEXT");
  }
  ASSERT_EQ(load_base64("eyJ4Ijoi+/8ifQ=="), KESTRA_ERROR_UNICODE);  // "\xfb\xff": valid base64, not UTF-8
  ASSERT_EQ(load_base64("eyJ4Ijoi-_8ifQ"), KESTRA_ERROR_UNICODE);    // the same in the URL-safe alphabet
  for (const char *bad : {"e", "eyJ=hIjoxfQ", "eyJhIjoxfQ===", "eyJ*"})
    EXPECT_EQ(load_base64(bad), KESTRA_ERROR_VALUE) << bad;
  EXPECT_STREQ(kestra_context_error(ctx_), "execution context KESTRA_CONTEXT: not valid base64");
}

TEST_F(Context, JsonTextIsReturnedAsGivenAndNulTerminated) {
  ASSERT_EQ(load_base64("IHsiYSI6IDF9IAo="), KESTRA_OK);  // ' {"a": 1} \n'
  size_t len = 0;
  const char *text = kestra_context_json(ctx_, &len);
  EXPECT_EQ(std::string(text, len), " {\"a\": 1} \n");
  EXPECT_EQ(text[len], '\0');
  EXPECT_EQ(kestra_context_json(ctx_, nullptr), text);
}

TEST_F(Context, ValueKindsAndTheStringFlag) {
  // {"s":"a\u0000b","n":-1.5e3,"t":true,"z":null,"o":{"k":[1,{}]},"e":"\u00e9"}
  ASSERT_EQ(load_base64("eyJzIjoiYVx1MDAwMGIiLCJuIjotMS41ZTMsInQiOnRydWUsInoiOm51bGwsIm8iOnsiayI6WzEse31dfSwi"
                        "ZSI6Ilx1MDBlOSJ9"),
            KESTRA_OK)
      << kestra_context_error(ctx_);
  int is_string = -1;
  EXPECT_EQ(get("s", KESTRA_OK, &is_string), std::string("a\0b", 3));
  EXPECT_EQ(is_string, 1);
  EXPECT_EQ(get("n", KESTRA_OK, &is_string), "-1.5e3");  // a number keeps its text
  EXPECT_EQ(is_string, 0);
  EXPECT_EQ(get("t"), "true");
  EXPECT_EQ(get("z"), "null");
  EXPECT_EQ(get("o"), "{\"k\":[1,{}]}");
  EXPECT_EQ(get("o.k[1]"), "{}");
  EXPECT_EQ(get("e"), "\xc3\xa9");  // the string's own UTF-8
  EXPECT_EQ(
      get(""),
      "{\"s\":\"a\\u0000b\",\"n\":-1.5e3,\"t\":true,\"z\":null,\"o\":{\"k\":[1,{}]},\"e\":\"\\u00e9\"}");
  // All out-pointers may be NULL.
  EXPECT_EQ(kestra_context_get(ctx_, "t", KESTRA_CSTR, nullptr, nullptr, nullptr), KESTRA_OK);
}

TEST_F(Context, DuplicateKeysTheLastCountsAsInJsonModules) {
  ASSERT_EQ(load_base64("eyJhIjoxLCJhIjoyfQ=="), KESTRA_OK);  // {"a":1,"a":2}
  EXPECT_EQ(get("a"), "2");
}

TEST_F(Context, IndexesPastAnyArrayAndPathsWithALengthAreMissing) {
  ASSERT_EQ(load_base64("eyJsIjpbMV19"), KESTRA_OK);  // {"l":[1]}
  EXPECT_EQ(get("l[99999999999999999999999]", KESTRA_ERROR_NOT_FOUND),
            "l[99999999999999999999999]: no index 99999999999999999999999 in l (1 items)");
  EXPECT_EQ(get("l.0.x", KESTRA_ERROR_NOT_FOUND), "l.0.x: l.0 is a number");
  EXPECT_EQ(get("l.", KESTRA_ERROR_VALUE), "l.: empty key in the path");
  // A path with an explicit length is not read past it.
  const char *value = nullptr;
  size_t len = 0;
  EXPECT_EQ(kestra_context_get(ctx_, "l[0]garbage", 4, &value, &len, nullptr), KESTRA_OK);
  EXPECT_EQ(std::string(value, len), "1");
}

TEST_F(Context, AGivenPathWithItsLength) {
  const char path[] = "/nonexistent/a.jsonXYZ";
  setenv("KESTRA_CONTEXT", "e30=", 1);  // {}
  ASSERT_EQ(kestra_context_load(ctx_, path, std::strlen(path) - 3), KESTRA_OK);
  EXPECT_STREQ(kestra_context_source(ctx_), "KESTRA_CONTEXT");
  unsetenv("KESTRA_CONTEXT");
  EXPECT_EQ(kestra_context_load(ctx_, path, std::strlen(path) - 3), KESTRA_ERROR_NOT_FOUND);
  EXPECT_EQ(std::string(kestra_context_error(ctx_))
                .rfind("no Kestra execution context: '/nonexistent/a.json' does", 0),
            0u)
      << kestra_context_error(ctx_);
  // A failed load leaves nothing loaded.
  EXPECT_EQ(get("a", KESTRA_ERROR_USAGE).rfind("execution context: not loaded", 0), 0u);
  EXPECT_STREQ(kestra_context_source(ctx_), "");
  EXPECT_EQ(kestra_context_load(ctx_, "a\0b", 3), KESTRA_ERROR_VALUE);
  EXPECT_STREQ(kestra_context_error(ctx_), "execution context 'a\\u0000b': a path cannot hold a NUL byte");
}

// A failed load leaves the handle as before any load: no JSON text and no source
// (it used to keep the text it had read, and its source), only the message.
TEST_F(Context, AFailedLoadLeavesTheHandleEmpty) {
  ASSERT_EQ(load_base64("eyJhIjoxfQ=="), KESTRA_OK);  // {"a":1}
  ASSERT_STRNE(kestra_context_json(ctx_, nullptr), "");
  // Each kind of failure after something was read: not JSON, not an object, not
  // UTF-8, and after the source was found.
  for (const char *bad : {"eyJhIjox", "WzFd", "eyJ4Ijoi+/8ifQ==", "e"}) {
    ASSERT_NE(load_base64(bad), KESTRA_OK) << bad;
    size_t len = 99;
    EXPECT_STREQ(kestra_context_json(ctx_, &len), "") << bad;
    EXPECT_EQ(len, 0u) << bad;
    EXPECT_STREQ(kestra_context_source(ctx_), "") << bad;
    EXPECT_STRNE(kestra_context_error(ctx_), "") << bad;
    EXPECT_EQ(get("a", KESTRA_ERROR_USAGE).rfind("execution context: not loaded", 0), 0u) << bad;
  }
  // A file read whole, then refused.
  char path[] = "/tmp/kestra-context-test-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, "{\"a\": [1,", 9), 9);
  close(fd);
  EXPECT_EQ(kestra_context_load(ctx_, path, KESTRA_CSTR), KESTRA_ERROR_SYNTAX);
  EXPECT_STREQ(kestra_context_json(ctx_, nullptr), "");
  EXPECT_STREQ(kestra_context_source(ctx_), "");
  unlink(path);
}

}  // namespace
