// The Ion reader through the C ABI (kestra/ion.h): the shared vectors of
// tests/vectors/ion (JSON Lines and errors, read whole, from a descriptor, and
// one byte at a time through a callback), then the event API itself.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kestra/ion.h"

#ifndef KESTRA_ION_VECTORS_DIR
#  error "KESTRA_ION_VECTORS_DIR must name the tests/vectors/ion directory"
#endif

namespace {

struct Case {
  std::string file;
  std::string json_lines;
  std::string error_kind;  // empty when the file reads
  std::string error_message;
};

std::string slurp(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Case> load_cases() {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.load(std::string(KESTRA_ION_VECTORS_DIR) + "/expected.json");
  std::vector<Case> cases;
  for (simdjson::dom::element c : doc["cases"].get_array()) {
    Case k;
    k.file = std::string(std::string_view(c["file"]));
    k.json_lines = std::string(std::string_view(c["json_lines"]));
    simdjson::dom::element error;
    if (c["error"].get(error) == simdjson::SUCCESS) {
      k.error_kind = std::string(std::string_view(error["kind"]));
      k.error_message = std::string(std::string_view(error["message"]));
    }
    cases.push_back(k);
  }
  return cases;
}

struct Outcome {
  std::string lines;
  std::string kind = "ok";
  std::string message;
};

Outcome drain(kestra_ion_reader *r) {
  Outcome out;
  for (;;) {
    const char *line;
    size_t len;
    kestra_result res = kestra_ion_reader_next_json(r, &line, &len);
    if (res != KESTRA_OK) {
      out.kind = kestra_result_name(res);
      out.message = kestra_ion_reader_error(r);
      return out;
    }
    if (len == 0) return out;
    out.lines.append(line, len);
  }
}

// Gives one byte per call: every token crosses a chunk boundary.
struct OneByte {
  const std::string *data;
  size_t at = 0;
};
ptrdiff_t one_byte(void *context, char *buffer, size_t capacity) {
  auto *src = static_cast<OneByte *>(context);
  if (src->at == src->data->size() || capacity == 0) return 0;
  buffer[0] = (*src->data)[src->at++];
  return 1;
}

class IonVectors : public testing::TestWithParam<Case> {};

void expect_case(const Case &c, const Outcome &got) {
  EXPECT_EQ(got.kind, c.error_kind.empty() ? "ok" : c.error_kind);
  EXPECT_EQ(got.message, c.error_message);
  EXPECT_EQ(got.lines, c.json_lines);
}

TEST_P(IonVectors, FromFile) {
  const Case &c = GetParam();
  kestra_ion_reader *r = kestra_ion_reader_new();
  std::string path = std::string(KESTRA_ION_VECTORS_DIR) + "/" + c.file;
  ASSERT_EQ(kestra_ion_reader_open_file(r, path.c_str(), KESTRA_ION_KESTRA_READ), KESTRA_OK);
  expect_case(c, drain(r));
  kestra_ion_reader_free(r);
}

TEST_P(IonVectors, FromBufferAndOneByteAtATime) {
  const Case &c = GetParam();
  std::string data = slurp(std::string(KESTRA_ION_VECTORS_DIR) + "/" + c.file);
  kestra_ion_reader *r = kestra_ion_reader_new();
  ASSERT_EQ(kestra_ion_reader_open_buffer(r, data.data(), data.size(), KESTRA_ION_KESTRA_READ), KESTRA_OK);
  expect_case(c, drain(r));
  OneByte src{&data};
  ASSERT_EQ(kestra_ion_reader_open_callback(r, one_byte, &src, KESTRA_ION_KESTRA_READ), KESTRA_OK);
  expect_case(c, drain(r));
  kestra_ion_reader_free(r);
}

INSTANTIATE_TEST_SUITE_P(Shared, IonVectors, testing::ValuesIn(load_cases()),
                         [](const testing::TestParamInfo<Case> &info) {
                           std::string name = info.param.file;
                           for (char &ch : name)
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

// ---- the event API ---------------------------------------------------------------

class Reader {
 public:
  explicit Reader(const std::string &text, unsigned flags = KESTRA_ION_DEFAULT) : text_(text) {
    r_ = kestra_ion_reader_new();
    kestra_ion_reader_open_buffer(r_, text_.data(), text_.size(), flags);
  }
  ~Reader() { kestra_ion_reader_free(r_); }
  kestra_ion_event next() {
    kestra_ion_event e;
    last_ = kestra_ion_reader_next(r_, &e);
    return e;
  }
  std::string text() const {
    size_t len;
    const char *t = kestra_ion_reader_text(r_, &len);
    return t ? std::string(t, len) : "<null>";
  }
  std::string field() const {
    size_t len;
    const char *t = kestra_ion_reader_field_name(r_, &len);
    return t ? std::string(t, len) : "<none>";
  }
  kestra_ion_reader *get() { return r_; }
  kestra_result last() const { return last_; }

 private:
  std::string text_;
  kestra_ion_reader *r_;
  kestra_result last_ = KESTRA_OK;
};

TEST(IonEvents, StructFieldsAnnotationsAndEnds) {
  Reader r("a::'b c'::{x:1, 'y':[true], \"z\":null.int}");
  ASSERT_EQ(r.next(), KESTRA_ION_EVENT_VALUE);
  EXPECT_EQ(kestra_ion_reader_type(r.get()), KESTRA_ION_STRUCT);
  ASSERT_EQ(kestra_ion_reader_annotation_count(r.get()), 2u);
  size_t len;
  EXPECT_STREQ(kestra_ion_reader_annotation(r.get(), 1, &len), "b c");
  EXPECT_EQ(kestra_ion_reader_annotation(r.get(), 2, &len), nullptr);
  ASSERT_EQ(r.next(), KESTRA_ION_EVENT_VALUE);
  EXPECT_EQ(kestra_ion_reader_depth(r.get()), 1u);
  EXPECT_EQ(r.field(), "x");
  int64_t v = 0;
  EXPECT_EQ(kestra_ion_reader_int64(r.get(), &v), KESTRA_OK);
  EXPECT_EQ(v, 1);
  ASSERT_EQ(r.next(), KESTRA_ION_EVENT_VALUE);
  EXPECT_EQ(r.field(), "y");
  EXPECT_EQ(kestra_ion_reader_type(r.get()), KESTRA_ION_LIST);
  ASSERT_EQ(r.next(), KESTRA_ION_EVENT_VALUE);
  EXPECT_EQ(r.field(), "<none>");  // inside the list
  int b = 0;
  EXPECT_EQ(kestra_ion_reader_bool(r.get(), &b), KESTRA_OK);
  EXPECT_EQ(b, 1);
  EXPECT_EQ(r.next(), KESTRA_ION_EVENT_CONTAINER_END);
  ASSERT_EQ(r.next(), KESTRA_ION_EVENT_VALUE);
  EXPECT_EQ(r.field(), "z");
  EXPECT_EQ(kestra_ion_reader_type(r.get()), KESTRA_ION_INT);
  EXPECT_TRUE(kestra_ion_reader_is_null(r.get()));
  EXPECT_EQ(kestra_ion_reader_int64(r.get(), &v), KESTRA_ERROR_TYPE);
  EXPECT_EQ(r.next(), KESTRA_ION_EVENT_CONTAINER_END);
  EXPECT_EQ(r.next(), KESTRA_ION_EVENT_END);
  EXPECT_EQ(r.next(), KESTRA_ION_EVENT_END);
  EXPECT_EQ(r.last(), KESTRA_OK);
}

TEST(IonEvents, IntsBeyond64BitsKeepTheirText) {
  Reader r("9223372036854775807 -9223372036854775808 9223372036854775808 -0x8000_0000_0000_0001 -0");
  int64_t v;
  r.next();
  EXPECT_EQ(kestra_ion_reader_int64(r.get(), &v), KESTRA_OK);
  EXPECT_EQ(v, INT64_MAX);
  r.next();
  EXPECT_EQ(kestra_ion_reader_int64(r.get(), &v), KESTRA_OK);
  EXPECT_EQ(v, INT64_MIN);
  r.next();
  EXPECT_EQ(kestra_ion_reader_int64(r.get(), &v), KESTRA_ERROR_LIMIT);
  EXPECT_EQ(r.text(), "9223372036854775808");
  r.next();
  EXPECT_EQ(kestra_ion_reader_int64(r.get(), &v), KESTRA_ERROR_LIMIT);
  EXPECT_EQ(r.text(), "-9223372036854775809");
  r.next();
  EXPECT_EQ(r.text(), "0");
}

TEST(IonEvents, DecimalsAndFloatsAsDoubles) {
  Reader r("1.5d3 0.1 nan -inf 1d-400 -1d400");
  double d;
  r.next();
  EXPECT_EQ(kestra_ion_reader_double(r.get(), &d), KESTRA_OK);
  EXPECT_EQ(d, 1500.0);
  EXPECT_EQ(kestra_ion_reader_type(r.get()), KESTRA_ION_DECIMAL);
  r.next();
  kestra_ion_reader_double(r.get(), &d);
  EXPECT_EQ(d, 0.1);
  r.next();
  kestra_ion_reader_double(r.get(), &d);
  EXPECT_TRUE(std::isnan(d));
  EXPECT_EQ(kestra_ion_reader_type(r.get()), KESTRA_ION_FLOAT);
  r.next();
  kestra_ion_reader_double(r.get(), &d);
  EXPECT_EQ(d, -INFINITY);
  r.next();
  kestra_ion_reader_double(r.get(), &d);
  EXPECT_EQ(d, 0.0);
  r.next();
  kestra_ion_reader_double(r.get(), &d);
  EXPECT_EQ(d, -INFINITY);
}

TEST(IonEvents, TimestampFields) {
  Reader r("2007-02-23T12:14:33.1234567891-08:30 2007T 2007-02-23T12:14-00:00");
  kestra_datetime t;
  r.next();
  ASSERT_EQ(kestra_ion_reader_timestamp(r.get(), &t), KESTRA_OK);
  EXPECT_EQ(t.year, 2007);
  EXPECT_EQ(t.month, 2);
  EXPECT_EQ(t.day, 23);
  EXPECT_EQ(t.hour, 12);
  EXPECT_EQ(t.minute, 14);
  EXPECT_EQ(t.second, 33);
  EXPECT_EQ(t.nanosecond, 123456789);
  EXPECT_EQ(t.fraction_digits, 10);
  EXPECT_EQ(t.has_offset, 1);
  EXPECT_EQ(t.offset_minutes, -510);
  EXPECT_EQ(t.precision, KESTRA_DATETIME_SECOND);
  r.next();
  ASSERT_EQ(kestra_ion_reader_timestamp(r.get(), &t), KESTRA_OK);
  EXPECT_EQ(t.precision, KESTRA_DATETIME_YEAR);
  EXPECT_EQ(t.month, 1);
  EXPECT_EQ(t.has_offset, 0);
  r.next();
  ASSERT_EQ(kestra_ion_reader_timestamp(r.get(), &t), KESTRA_OK);
  EXPECT_EQ(t.precision, KESTRA_DATETIME_MINUTE);
  EXPECT_EQ(t.has_offset, 0);  // -00:00: unknown
}

TEST(IonEvents, SexpOperatorsAndSystemValues) {
  Reader r("$ion_1_0 $ion_symbol_table::{symbols:[\"a\"]} (a+-b 'c' <= 1)");
  ASSERT_EQ(r.next(), KESTRA_ION_EVENT_VALUE);
  EXPECT_EQ(kestra_ion_reader_type(r.get()), KESTRA_ION_SEXP);
  std::vector<std::string> got;
  while (r.next() == KESTRA_ION_EVENT_VALUE) got.push_back(r.text());
  EXPECT_EQ(got, (std::vector<std::string>{"a", "+-", "b", "c", "<=", "1"}));
  EXPECT_EQ(r.next(), KESTRA_ION_EVENT_END);
}

TEST(IonEvents, DepthIsLimitedWithoutRecursion) {
  std::string deep(200000, '[');
  Reader r(deep);
  kestra_ion_event e;
  kestra_result res;
  do res = kestra_ion_reader_next(r.get(), &e);
  while (res == KESTRA_OK && e == KESTRA_ION_EVENT_VALUE);
  EXPECT_EQ(res, KESTRA_ERROR_DEPTH);
  EXPECT_STREQ(kestra_ion_reader_error(r.get()), "line 1, column 10002: nesting deeper than 10000 levels");
  EXPECT_EQ(kestra_ion_reader_status(r.get()), KESTRA_ERROR_DEPTH);
  // A failed reader stays failed.
  EXPECT_EQ(kestra_ion_reader_next(r.get(), &e), KESTRA_ERROR_DEPTH);
  EXPECT_EQ(e, KESTRA_ION_EVENT_END);
}

TEST(IonEvents, JsonLinesOfAnyValueWithoutRows) {
  Reader r("1 [a, {{aGk=}}] {a:2007-02-23T12:14:33.50+01:00}");
  const char *line;
  size_t len;
  std::string all;
  while (kestra_ion_reader_next_json(r.get(), &line, &len) == KESTRA_OK && len) all.append(line, len);
  EXPECT_EQ(all, "1\n[\"a\",\"hi\"]\n{\"a\":\"2007-02-23T12:14:33.50+01:00\"}\n");
}

TEST(IonEvents, OpenFileFailureNamesThePath) {
  kestra_ion_reader *r = kestra_ion_reader_new();
  EXPECT_EQ(kestra_ion_reader_open_file(r, "/nonexistent/x.ion", 0), KESTRA_ERROR_IO);
  EXPECT_STREQ(kestra_ion_reader_error(r), "cannot open '/nonexistent/x.ion': No such file or directory");
  kestra_ion_event e;
  EXPECT_EQ(kestra_ion_reader_next(r, &e), KESTRA_ERROR_IO);
  kestra_ion_reader_free(r);
  kestra_ion_reader_free(nullptr);
  EXPECT_EQ(kestra_ion_reader_next(nullptr, &e), KESTRA_ERROR_USAGE);
}

TEST(IonEvents, TypeNames) {
  EXPECT_STREQ(kestra_ion_type_name(KESTRA_ION_NONE), "none");
  EXPECT_STREQ(kestra_ion_type_name(KESTRA_ION_DECIMAL), "decimal");
  EXPECT_STREQ(kestra_ion_type_name(KESTRA_ION_STRUCT), "struct");
  EXPECT_EQ(kestra_ion_type_name(static_cast<kestra_ion_type>(99)), nullptr);
}

// ---- the official package's date-time strings ------------------------------------

struct DateCase {
  const char *text;
  int ok;
  int year, month, day, hour, minute, second, nanosecond, has_offset, offset_minutes;
};

TEST(DatetimeParse, TheOfficialRegexAsIsoparseReadsIt) {
  const DateCase cases[] = {
      {"2023-12-31T23:59:59Z", 1, 2023, 12, 31, 23, 59, 59, 0, 1, 0},
      {"2023-10-04T15:30:00.123456789+02:00", 1, 2023, 10, 4, 15, 30, 0, 123456789, 1, 120},
      {"2024-04-21T13:43:24.34", 1, 2024, 4, 21, 13, 43, 24, 340000000, 0, 0},
      {"2024-04-21T13:43:24-00:00", 1, 2024, 4, 21, 13, 43, 24, 0, 1, 0},
      {"2023-12-31T24:00:00", 1, 2024, 1, 1, 0, 0, 0, 0, 0, 0},
      {"2024-02-29T00:00:00", 1, 2024, 2, 29, 0, 0, 0, 0, 0, 0},
      {"LocalDateTime::2024-04-21", 1, 2024, 4, 21, 0, 0, 0, 0, 0, 0},
      {"LocalDateTime::\"20240421T1000\"", 1, 2024, 4, 21, 10, 0, 0, 0, 0, 0},
      {"LocalDateTime::2024-04-21T10:00:00,5+0130", 1, 2024, 4, 21, 10, 0, 0, 500000000, 1, 90},
      {"2023-02-29T00:00:00", 0},
      {"2023-10-04T15:30:60", 0},
      {"2023-10-04T15:60:00", 0},
      {"2023-10-04T24:00:01", 0},
      {"2023-10-04T15:30:00+24:00", 0},
      {"2023-10-04T15:30:00+0200", 0},
      {"2023-10-04T15:30:00.", 0},
      {"2023-10-04T15:30", 0},
      {"2023-10-04 15:30:00", 0},
      {"0000-01-01T00:00:00", 0},
      {"2023-10-04T15:30:00\n", 0},
      {"LocalDateTime::garbage", 0},
      {"", 0},
  };
  for (const DateCase &c : cases) {
    kestra_datetime dt;
    kestra_result r = kestra_datetime_parse(c.text, KESTRA_CSTR, &dt);
    ASSERT_EQ(r == KESTRA_OK, c.ok == 1) << c.text;
    if (!c.ok) {
      EXPECT_EQ(r, KESTRA_ERROR_VALUE) << c.text;
      continue;
    }
    EXPECT_EQ(dt.year, c.year) << c.text;
    EXPECT_EQ(dt.month, c.month) << c.text;
    EXPECT_EQ(dt.day, c.day) << c.text;
    EXPECT_EQ(dt.hour, c.hour) << c.text;
    EXPECT_EQ(dt.minute, c.minute) << c.text;
    EXPECT_EQ(dt.second, c.second) << c.text;
    EXPECT_EQ(dt.nanosecond, c.nanosecond) << c.text;
    EXPECT_EQ(dt.has_offset, c.has_offset) << c.text;
    EXPECT_EQ(dt.offset_minutes, c.offset_minutes) << c.text;
  }
}

}  // namespace

// KESTRA_CSTR is a length like any other here (kestra.h conventions): the bytes
// up to the first NUL. It used to be taken as a length of SIZE_MAX bytes.
TEST(IonCstr, OpenBufferTakesANulTerminatedBuffer) {
  kestra_ion_reader *r = kestra_ion_reader_new();
  const char text[] = "{a:1} {b:\"x\"}\0{never:read}";
  ASSERT_EQ(kestra_ion_reader_open_buffer(r, text, KESTRA_CSTR, KESTRA_ION_ROWS), KESTRA_OK);
  const char *line;
  size_t len;
  std::string all;
  kestra_result result;
  while ((result = kestra_ion_reader_next_json(r, &line, &len)) == KESTRA_OK && len) all.append(line, len);
  EXPECT_EQ(result, KESTRA_OK) << kestra_ion_reader_error(r);
  EXPECT_EQ(all, "{\"a\":1}\n{\"b\":\"x\"}\n");
  // NULL with KESTRA_CSTR is an empty buffer, as NULL with 0.
  ASSERT_EQ(kestra_ion_reader_open_buffer(r, nullptr, KESTRA_CSTR, KESTRA_ION_ROWS), KESTRA_OK);
  ASSERT_EQ(kestra_ion_reader_next_json(r, &line, &len), KESTRA_OK);
  EXPECT_EQ(len, 0u);
  EXPECT_EQ(kestra_ion_reader_open_buffer(r, nullptr, 3, KESTRA_ION_ROWS), KESTRA_ERROR_USAGE);
  kestra_ion_reader_free(r);
}
