// The C++ header API (kestra.hpp): same bytes as the C ABI, errors as exceptions.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cmath>
#include <string>
#include <thread>

#include "kestra/kestra.hpp"

namespace {

// Runs `fn` with fd 1 redirected into a pipe and returns what it wrote there.
template <typename Fn>
std::string capture_stdout(Fn fn) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  const int saved = dup(1);
  dup2(fds[1], 1);
  close(fds[1]);
  std::string out;
  std::thread reader([&] {
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  });
  try {
    fn();
  } catch (...) {
    dup2(saved, 1);
    close(saved);
    reader.join();
    close(fds[0]);
    throw;
  }
  dup2(saved, 1);
  close(saved);
  reader.join();
  close(fds[0]);
  return out;
}

TEST(CppApi, MetricsKeepIntegersAndFloats) {
  const std::string out = capture_stdout([] {
    kestra::counter("rows", 42, {{"table", "users"}, {"shard", std::int64_t{3}}, {"hot", true}});
    kestra::gauge("ratio", 0.5f);
    kestra::timer("load", 1.5);
  });
  EXPECT_EQ(out,
            "::{\"metrics\":[{\"name\":\"rows\",\"type\":\"counter\",\"value\":42,\"tags\":{\"table\":"
            "\"users\",\"shard\":3,\"hot\":true}}]}::\n"
            "::{\"metrics\":[{\"name\":\"ratio\",\"type\":\"gauge\",\"value\":0.5,\"tags\":{}}]}::\n"
            "::{\"metrics\":[{\"name\":\"load\",\"type\":\"timer\",\"value\":1.5,\"tags\":{}}]}::\n");
}

TEST(CppApi, UnsignedIntegersPastInt64StayPositive) {
  const std::string out =
      capture_stdout([] { kestra::counter("big", std::uint64_t{18446744073709551615u}); });
  EXPECT_EQ(out,
            "::{\"metrics\":[{\"name\":\"big\",\"type\":\"counter\",\"value\":18446744073709551615,\"tags\":{"
            "}}]}::\n");
  kestra::Outputs outputs;
  outputs.set("n", std::uint64_t{9223372036854775808u});
  EXPECT_EQ(outputs.line(), "::{\"outputs\":{\"n\":9223372036854775808}}::\n");
}

TEST(CppApi, TimerOfACallableIsInSecondsAndReturnsItsResult) {
  int result = 0;
  const std::string out = capture_stdout([&] {
    result = kestra::timer("sleep", [] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      return 7;
    });
  });
  EXPECT_EQ(result, 7);
  const auto at = out.find("\"value\":");
  ASSERT_NE(at, std::string::npos);
  const double seconds = std::stod(out.substr(at + 8));
  EXPECT_GE(seconds, 0.02);
  EXPECT_LT(seconds, 5.0) << "seconds, not milliseconds";
}

TEST(CppApi, TimerOfCodeThatThrowsIsWrittenThenTheExceptionPropagatesUnchanged) {
  struct Boom {
    int code;
  };
  int caught = 0;
  const std::string out = capture_stdout([&] {
    try {
      kestra::timer("load", []() -> int { throw Boom{42}; });
    } catch (const Boom &b) {
      caught = b.code;
    }
  });
  EXPECT_EQ(caught, 42) << "the same exception, unchanged";
  EXPECT_EQ(out.rfind("::{\"metrics\":[{\"name\":\"load\",\"type\":\"timer\",\"value\":", 0), 0u) << out;
  // A timer that cannot be written (an empty name) does not replace the exception.
  const std::string none =
      capture_stdout([&] { EXPECT_THROW(kestra::timer("", [] { throw Boom{1}; }), Boom); });
  EXPECT_EQ(none, "");
}

TEST(CppApi, OutputsBuilder) {
  kestra::Outputs outputs;
  outputs.set("status", "ok")
      .set("count", 3)
      .set("ratio", 1.0)
      .set("none", nullptr)
      .set_json("ids", "[1, 2]");
  EXPECT_EQ(outputs.line(),
            "::{\"outputs\":{\"status\":\"ok\",\"count\":3,\"ratio\":1.0,\"none\":null,\"ids\":[1,2]}}::\n");
}

TEST(CppApi, EncryptedOutputsBuilder) {
  kestra::EncryptedOutputs secrets;
  secrets.set("token", "s3cr3t").set("tries", 2);
  EXPECT_EQ(secrets.line(), "::{\"encryptedOutputs\":{\"token\":\"s3cr3t\",\"tries\":2}}::\n");
  // The outputs' rules, with errors named after the record's key.
  kestra::EncryptedOutputs bad;
  try {
    bad.set("ratio", std::nan(""));
    ADD_FAILURE() << "NaN was accepted";
  } catch (const kestra::Error &e) {
    EXPECT_EQ(e.code(), KESTRA_ERROR_VALUE);
    EXPECT_EQ(std::string(e.what()).rfind("encryptedOutputs['ratio']: NaN is not allowed", 0), 0u)
        << e.what();
  }
  const std::string out = capture_stdout([] { kestra::EncryptedOutputs().set("k", true).emit(); });
  EXPECT_EQ(out, "::{\"encryptedOutputs\":{\"k\":true}}::\n");
}

TEST(CppApi, RefusedInputThrowsAndWritesNothing) {
  std::string message;
  kestra_result code = KESTRA_OK;
  const std::string out = capture_stdout([&] {
    try {
      kestra::gauge("g", std::nan(""));
    } catch (const kestra::Error &e) {
      code = e.code();
      message = e.what();
    }
  });
  EXPECT_EQ(code, KESTRA_ERROR_VALUE);
  EXPECT_EQ(message.rfind("gauge 'g' value: NaN", 0), 0u) << message;
  EXPECT_EQ(out, "");
  // The thread's record recovers for the next call.
  EXPECT_EQ(capture_stdout([] { kestra::log(kestra::Level::warn, "after"); }),
            "::{\"logs\":[{\"level\":\"WARN\",\"message\":\"after\"}]}::\n");
}

}  // namespace
