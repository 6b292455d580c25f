/* Compiled as strict C99 with -Wpedantic -Werror: the public header is C, and the
 * C ABI works from C without any C++ around it. Exit status 0 = pass. */
#include <kestra/kestra.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

static void expect_line(kestra_record *r, const char *expected) {
  size_t len = 0;
  const char *line;
  if (kestra_record_finish(r) != KESTRA_OK) {
    printf("FAIL: finish: %s\n", kestra_record_error(r));
    ++failures;
    return;
  }
  line = kestra_record_line(r, &len);
  if (len != strlen(expected) || memcmp(line, expected, len) != 0) {
    printf("FAIL: got %.*s expected %s", (int)len, line, expected);
    ++failures;
  }
}

int main(void) {
  kestra_record *r = kestra_record_new();
  kestra_level level;
  if (!r) return 1;
  if (kestra_abi_version() != KESTRA_ABI_VERSION) {
    printf("FAIL: ABI %u != %d\n", kestra_abi_version(), KESTRA_ABI_VERSION);
    return 1;
  }

  kestra_record_begin_metric(r, KESTRA_METRIC_TIMER, "load", KESTRA_CSTR);
  kestra_record_double(r, 1.5);
  kestra_record_key(r, "table", KESTRA_CSTR);
  kestra_record_string(r, "users", KESTRA_CSTR);
  expect_line(r,
              "::{\"metrics\":[{\"name\":\"load\",\"type\":\"timer\",\"value\":1.5,\"tags\":{\"table\":"
              "\"users\"}}]}::\n");

  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, NULL);
  kestra_record_key(r, "ids", KESTRA_CSTR);
  kestra_record_begin_array(r, NULL);
  kestra_record_int64(r, 1);
  kestra_record_null(r);
  kestra_record_bool(r, 1);
  kestra_record_end_array(r);
  kestra_record_end_object(r);
  expect_line(r, "::{\"outputs\":{\"ids\":[1,null,true]}}::\n");

  if (kestra_level_parse("warning", KESTRA_CSTR, &level) != KESTRA_OK || level != KESTRA_LEVEL_WARN) {
    printf("FAIL: level parse\n");
    ++failures;
  }
  kestra_record_begin_logs(r);
  kestra_record_log(r, level, "disk almost full", KESTRA_CSTR);
  expect_line(r, "::{\"logs\":[{\"level\":\"WARN\",\"message\":\"disk almost full\"}]}::\n");

  kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "rows", KESTRA_CSTR);
  if (kestra_record_bool(r, 1) != KESTRA_ERROR_TYPE ||
      strcmp(kestra_record_error(r), "counter 'rows' value: must be a number, got a boolean") != 0) {
    printf("FAIL: error message: %s\n", kestra_record_error(r));
    ++failures;
  }
  kestra_record_free(r);
  printf("%d passed, %d failed\n", 4 - failures, failures);
  return failures == 0 ? 0 : 1;
}
