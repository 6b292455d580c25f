// Out of memory through the C ABI: each handle (record, context, summary, Ion
// reader) fails like on any other error, with KESTRA_ERROR_NO_MEMORY as its status
// and "out of memory" as its message, and refuses to go on half-changed.
//
// This program replaces the global operator new with one that can be told to
// throw std::bad_alloc at the Nth allocation from now; the core, linked
// statically, allocates through it. Each test runs its calls with N = 0, 1, 2, ...
// until they get through without a failure, so every allocation in them fails
// once, deterministically.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <string>

#include "kestra/ion.h"
#include "kestra/kestra.h"

namespace {
thread_local long g_allocations_left = -1;  // -1: never fail
thread_local bool g_failed = false;
}  // namespace

void *operator new(std::size_t n) {
  if (g_allocations_left >= 0 && g_allocations_left-- == 0) {
    g_failed = true;
    throw std::bad_alloc();
  }
  if (void *p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void *operator new[](std::size_t n) { return ::operator new(n); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }
// The nothrow forms too (kestra_record_new uses one): left to the runtime they
// would bypass the counter, and under ASan allocate from its own operator new
// while the replaced delete frees with free().
void *operator new(std::size_t n, const std::nothrow_t &) noexcept {
  try {
    return ::operator new(n);
  } catch (const std::bad_alloc &) {
    return nullptr;
  }
}
void *operator new[](std::size_t n, const std::nothrow_t &tag) noexcept { return ::operator new(n, tag); }
void operator delete(void *p, const std::nothrow_t &) noexcept { std::free(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { std::free(p); }

namespace {

// Makes the allocation `after` allocations from now fail, until destroyed.
struct FailAllocation {
  explicit FailAllocation(long after) {
    g_failed = false;
    g_allocations_left = after;
  }
  ~FailAllocation() { g_allocations_left = -1; }
};

const std::string kLong(300, 'x');  // long enough that copying it allocates

// Builds {"k":"xxx…","a":[1,{"b":"xxx…"}]} and returns the first failing result.
kestra_result build_outputs(kestra_record *r) {
  const kestra_result results[] = {
      kestra_record_begin_outputs(r),
      kestra_record_begin_object(r, nullptr),
      kestra_record_key(r, "k", KESTRA_CSTR),
      kestra_record_string(r, kLong.data(), kLong.size()),
      kestra_record_key(r, "a", KESTRA_CSTR),
      kestra_record_begin_array(r, nullptr),
      kestra_record_int64(r, 1),
      kestra_record_begin_object(r, nullptr),
      kestra_record_key(r, "b", KESTRA_CSTR),
      kestra_record_string(r, kLong.data(), kLong.size()),
      kestra_record_end_object(r),
      kestra_record_end_array(r),
      kestra_record_end_object(r),
      kestra_record_finish(r),
  };
  for (kestra_result result : results)
    if (result != KESTRA_OK) return result;
  return KESTRA_OK;
}

const std::string kOutputsLine =
    "::{\"outputs\":{\"k\":\"" + kLong + "\",\"a\":[1,{\"b\":\"" + kLong + "\"}]}}::\n";

std::string line_of(const kestra_record *r) {
  size_t len = 0;
  const char *line = kestra_record_line(r, &len);
  return line ? std::string(line, len) : std::string();
}

TEST(NoMemory, EveryAllocationOfARecordFailsTheRecord) {
  int failures = 0;
  for (long n = 0;; ++n) {
    kestra_record *r = kestra_record_new();
    ASSERT_NE(r, nullptr);
    kestra_result result;
    {
      FailAllocation fail(n);
      result = build_outputs(r);
    }
    if (!g_failed) {
      ASSERT_EQ(result, KESTRA_OK) << kestra_record_error(r);
      EXPECT_EQ(line_of(r), kOutputsLine);
      kestra_record_free(r);
      break;
    }
    ++failures;
    EXPECT_EQ(result, KESTRA_ERROR_NO_MEMORY) << "allocation " << n;
    EXPECT_EQ(kestra_record_status(r), KESTRA_ERROR_NO_MEMORY) << "allocation " << n;
    EXPECT_STREQ(kestra_record_error(r), "out of memory") << "allocation " << n;
    EXPECT_EQ(kestra_record_line(r, nullptr), nullptr) << "nothing half-built is ever lent";
    // A failed record refuses what follows, writes nothing, and starts over with a begin.
    EXPECT_EQ(kestra_record_string(r, "v", KESTRA_CSTR), KESTRA_ERROR_NO_MEMORY);
    EXPECT_EQ(kestra_record_finish(r), KESTRA_ERROR_NO_MEMORY);
    EXPECT_EQ(kestra_record_write(r, -1), KESTRA_ERROR_NO_MEMORY);
    EXPECT_EQ(build_outputs(r), KESTRA_OK) << kestra_record_error(r);
    EXPECT_EQ(line_of(r), kOutputsLine);
    EXPECT_EQ(kestra_record_status(r), KESTRA_OK);
    EXPECT_STREQ(kestra_record_error(r), "");
    kestra_record_free(r);
  }
  EXPECT_GT(failures, 5) << "the calls above must allocate";
}

TEST(NoMemory, AResetAfterNoMemoryClearsIt) {
  kestra_record *r = kestra_record_new();
  ASSERT_EQ(kestra_record_begin_outputs(r), KESTRA_OK);
  ASSERT_EQ(kestra_record_begin_object(r, nullptr), KESTRA_OK);
  ASSERT_EQ(kestra_record_key(r, "k", KESTRA_CSTR), KESTRA_OK);
  {
    FailAllocation fail(0);
    EXPECT_EQ(kestra_record_string(r, kLong.data(), kLong.size()), KESTRA_ERROR_NO_MEMORY);
  }
  ASSERT_TRUE(g_failed);
  EXPECT_EQ(kestra_record_status(r), KESTRA_ERROR_NO_MEMORY);
  kestra_record_reset(r);
  EXPECT_EQ(kestra_record_status(r), KESTRA_OK);
  EXPECT_STREQ(kestra_record_error(r), "");
  kestra_record_free(r);
}

// {"inputs":{"user":"xxx…"},"labels":[{"key":"team","value":"data"}]} in base64.
std::string base64(const std::string &in) {
  static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(digits[(v >> shift) & 63]);
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out.push_back(digits[(v >> 18) & 63]);
    out.push_back(digits[(v >> 12) & 63]);
    if (i + 1 < in.size()) out.push_back(digits[(v >> 6) & 63]);
  }
  return out;
}

const std::string kContext =
    "{\"inputs\":{\"user\":\"" + kLong + "\"},\"labels\":[{\"key\":\"team\",\"value\":\"data\"}]}";

class NoMemoryContext : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("KESTRA_EXECUTION_CONTEXT_FILE", "/nonexistent/kestra-no-memory-test.json", 1);
    setenv("KESTRA_CONTEXT", base64(kContext).c_str(), 1);
  }
  void TearDown() override {
    unsetenv("KESTRA_EXECUTION_CONTEXT_FILE");
    unsetenv("KESTRA_CONTEXT");
  }
};

TEST_F(NoMemoryContext, ALoadThatRunsOutOfMemorySaysSo) {
  int failures = 0;
  for (long n = 0;; ++n) {
    kestra_context *c = kestra_context_new();
    ASSERT_NE(c, nullptr);
    kestra_result result;
    {
      FailAllocation fail(n);
      result = kestra_context_load(c, nullptr, 0);
    }
    if (!g_failed) {
      ASSERT_EQ(result, KESTRA_OK) << kestra_context_error(c);
      kestra_context_free(c);
      break;
    }
    ++failures;
    EXPECT_EQ(result, KESTRA_ERROR_NO_MEMORY) << "allocation " << n;
    EXPECT_STREQ(kestra_context_error(c), "out of memory") << "allocation " << n;
    EXPECT_STREQ(kestra_context_json(c, nullptr), "") << "a failed load leaves the handle empty";
    EXPECT_STREQ(kestra_context_source(c), "");
    EXPECT_EQ(kestra_context_get(c, "inputs.user", KESTRA_CSTR, nullptr, nullptr, nullptr),
              KESTRA_ERROR_USAGE)
        << "nothing is loaded";
    kestra_context_free(c);
  }
  EXPECT_GT(failures, 3);
}

TEST_F(NoMemoryContext, AGetThatRunsOutOfMemorySaysSoAndKeepsTheContext) {
  kestra_context *c = kestra_context_new();
  ASSERT_EQ(kestra_context_load(c, nullptr, 0), KESTRA_OK) << kestra_context_error(c);
  int failures = 0;
  for (long n = 0;; ++n) {
    const char *value = "unset";
    size_t len = 99;
    int is_string = 7;
    kestra_result result;
    {
      FailAllocation fail(n);
      result = kestra_context_get(c, "labels[0]", KESTRA_CSTR, &value, &len, &is_string);
    }
    if (!g_failed) {
      ASSERT_EQ(result, KESTRA_OK) << kestra_context_error(c);
      EXPECT_EQ(std::string(value, len), "{\"key\":\"team\",\"value\":\"data\"}");
      break;
    }
    ++failures;
    EXPECT_EQ(result, KESTRA_ERROR_NO_MEMORY) << "allocation " << n;
    EXPECT_STREQ(kestra_context_error(c), "out of memory");
    EXPECT_EQ(value, nullptr);
    EXPECT_EQ(len, 0u);
    EXPECT_EQ(is_string, 0);
  }
  EXPECT_GT(failures, 0);
  kestra_context_free(c);
}

const std::string kMetricLine =
    "::{\"metrics\":[{\"name\":\"" + kLong + "\",\"type\":\"counter\",\"value\":1,\"tags\":{}}]}::";

TEST(NoMemory, ASummaryThatLostALineRefusesTheNext) {
  int failures = 0;
  for (long n = 0;; ++n) {
    kestra_summary *s = kestra_summary_new(KESTRA_SUMMARY_TOTALS);
    ASSERT_NE(s, nullptr);
    kestra_result result;
    {
      FailAllocation fail(n);
      result =
          kestra_summary_add_line(s, KESTRA_STREAM_STDOUT, kMetricLine.data(), kMetricLine.size(), nullptr);
    }
    if (!g_failed) {
      ASSERT_EQ(result, KESTRA_OK);
      kestra_summary_free(s);
      break;
    }
    ++failures;
    EXPECT_EQ(result, KESTRA_ERROR_NO_MEMORY) << "allocation " << n;
    // The summary may hold part of that line: it takes no more lines.
    EXPECT_EQ(kestra_summary_add_line(s, KESTRA_STREAM_STDOUT, "text", KESTRA_CSTR, nullptr),
              KESTRA_ERROR_NO_MEMORY);
    EXPECT_EQ(kestra_summary_feed(s, KESTRA_STREAM_STDOUT, "text\n", 5), KESTRA_ERROR_NO_MEMORY);
    EXPECT_EQ(kestra_summary_end(s, KESTRA_STREAM_STDOUT), KESTRA_ERROR_NO_MEMORY);
    EXPECT_EQ(kestra_summary_add_line(s, 3, "text", KESTRA_CSTR, nullptr), KESTRA_ERROR_USAGE);
    kestra_summary_free(s);
  }
  EXPECT_GT(failures, 3);
}

TEST(NoMemory, AnIonReaderThatRunsOutOfMemoryFails) {
  const std::string ion = "{user: \"" + kLong + "\", tags: [a, b, c]} {n: 2}";
  int failures = 0;
  for (long n = 0;; ++n) {
    kestra_ion_reader *r = kestra_ion_reader_new();
    ASSERT_NE(r, nullptr);
    kestra_result result = KESTRA_OK;
    std::string rows;
    rows.reserve(4096);  // this test's own appends allocate nothing
    {
      FailAllocation fail(n);
      result = kestra_ion_reader_open_buffer(r, ion.data(), ion.size(), KESTRA_ION_ROWS);
      const char *line;
      size_t len = 0;
      while (result == KESTRA_OK && (result = kestra_ion_reader_next_json(r, &line, &len)) == KESTRA_OK &&
             len)
        rows.append(line, len);
    }
    if (!g_failed) {
      ASSERT_EQ(result, KESTRA_OK) << kestra_ion_reader_error(r);
      EXPECT_EQ(rows, "{\"user\":\"" + kLong + "\",\"tags\":[\"a\",\"b\",\"c\"]}\n{\"n\":2}\n");
      kestra_ion_reader_free(r);
      break;
    }
    ++failures;
    EXPECT_EQ(result, KESTRA_ERROR_NO_MEMORY) << "allocation " << n;
    EXPECT_EQ(kestra_ion_reader_status(r), KESTRA_ERROR_NO_MEMORY) << "allocation " << n;
    EXPECT_STREQ(kestra_ion_reader_error(r), "out of memory") << "allocation " << n;
    kestra_ion_event event;
    EXPECT_EQ(kestra_ion_reader_next(r, &event), KESTRA_ERROR_NO_MEMORY);
    kestra_ion_reader_free(r);
  }
  EXPECT_GT(failures, 3);
}

}  // namespace
