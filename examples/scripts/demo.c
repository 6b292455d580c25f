/* Kestra script demo in C, with kestra.h only: outputs, metrics and logs.
 *   cc demo.c -I core/include <build>/core/libkestra.a -lsimdjson -lpthread -lstdc++ -lm
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, nanosleep */
#include <kestra/kestra.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static kestra_record *rec;
static int failures;

/* Reports an unexpected failure on stderr; returns 0 when the call failed. */
static int ok(kestra_result result) {
  if (result == KESTRA_OK) return 1;
  fprintf(stderr, "kestra: %s error: %s\n", kestra_result_name(result), kestra_record_error(rec));
  failures++;
  return 0;
}

static void log_at(kestra_level level, const char *message) {
  if (ok(kestra_record_begin_logs(rec)) && ok(kestra_record_log(rec, level, message, KESTRA_CSTR)))
    ok(kestra_record_write(rec, 1));
}

/* A metric with one string tag. */
static void metric(kestra_metric_type type, const char *name, double value, const char *tag,
                   const char *tag_value) {
  if (ok(kestra_record_begin_metric(rec, type, name, KESTRA_CSTR)) && ok(kestra_record_double(rec, value)) &&
      ok(kestra_record_key(rec, tag, KESTRA_CSTR)) && ok(kestra_record_string(rec, tag_value, KESTRA_CSTR)))
    ok(kestra_record_write(rec, 1));
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void) {
  /* printf goes through stdio's buffer, records are written straight to fd 1:
   * line buffering keeps them in the order they were made. */
  setvbuf(stdout, NULL, _IOLBF, 0);
  rec = kestra_record_new();
  if (!rec) return 1;

  printf("Importing orders with libkestra %s\n", kestra_version_string());
  log_at(KESTRA_LEVEL_DEBUG, "reading orders.csv");

  double start = now_seconds();
  struct timespec pause = {0, 50 * 1000 * 1000};
  nanosleep(&pause, NULL);
  metric(KESTRA_METRIC_TIMER, "load_seconds", now_seconds() - start, "table", "orders");

  /* A counter with two tags: integers stay integers. */
  if (ok(kestra_record_begin_metric(rec, KESTRA_METRIC_COUNTER, "rows_loaded", KESTRA_CSTR)) &&
      ok(kestra_record_int64(rec, 823)) && ok(kestra_record_key(rec, "table", KESTRA_CSTR)) &&
      ok(kestra_record_string(rec, "orders", KESTRA_CSTR)) &&
      ok(kestra_record_key(rec, "region", KESTRA_CSTR)) && ok(kestra_record_string(rec, "eu", KESTRA_CSTR)))
    ok(kestra_record_write(rec, 1));
  metric(KESTRA_METRIC_GAUGE, "batch_mb", 12.5, "host", "worker-1");

  /* Outputs: an object built key by key; a nested value can be given as JSON text. */
  if (ok(kestra_record_begin_outputs(rec)) && ok(kestra_record_begin_object(rec, NULL)) &&
      ok(kestra_record_key(rec, "status", KESTRA_CSTR)) && ok(kestra_record_string(rec, "ok", KESTRA_CSTR)) &&
      ok(kestra_record_key(rec, "rows", KESTRA_CSTR)) && ok(kestra_record_int64(rec, 1234)) &&
      ok(kestra_record_key(rec, "ratio", KESTRA_CSTR)) && ok(kestra_record_double(rec, 0.667)) &&
      ok(kestra_record_key(rec, "regions", KESTRA_CSTR)) &&
      ok(kestra_record_json(rec, "{\"eu\": 823, \"us\": 411}", KESTRA_CSTR)) &&
      ok(kestra_record_end_object(rec)))
    ok(kestra_record_write(rec, 1));

  log_at(KESTRA_LEVEL_INFO, "loaded 1234 rows");
  log_at(KESTRA_LEVEL_WARN, "3 rows had no customer id; kept them");
  log_at(KESTRA_LEVEL_ERROR, "1 row had a negative amount; skipped it");

  /* A bad call: NaN is not JSON. The record fails with a message; nothing is written. */
  if (ok(kestra_record_begin_metric(rec, KESTRA_METRIC_GAUGE, "error_rate", KESTRA_CSTR))) {
    if (kestra_record_double(rec, NAN) == KESTRA_ERROR_VALUE)
      printf("refused as expected: %s\n", kestra_record_error(rec));
    else
      failures++;
  }

  puts("done");
  kestra_record_free(rec);
  return failures ? 1 : 0;
}
