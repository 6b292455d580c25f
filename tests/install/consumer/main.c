/* A script-like C program that knows only <kestra/kestra.h> and the installed
 * library: it emits a counter and an outputs object on stdout. */
#include <kestra/kestra.h>
#include <stdio.h>

static int emit(kestra_record *r) {
  if (kestra_record_write(r, 1) != KESTRA_OK) {
    fprintf(stderr, "kestra: %s\n", kestra_record_error(r));
    return 1;
  }
  return 0;
}

int main(void) {
  int failed = 0;
  kestra_record *r = kestra_record_new();
  if (!r) return 1;

  kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "rows", KESTRA_CSTR);
  kestra_record_int64(r, 42);
  kestra_record_key(r, "table", KESTRA_CSTR);
  kestra_record_string(r, "users", KESTRA_CSTR);
  failed |= emit(r);

  kestra_record_begin_outputs(r);
  kestra_record_begin_object(r, NULL);
  kestra_record_key(r, "status", KESTRA_CSTR);
  kestra_record_string(r, "ok", KESTRA_CSTR);
  kestra_record_key(r, "ratio", KESTRA_CSTR);
  kestra_record_double(r, 0.5);
  kestra_record_end_object(r);
  failed |= emit(r);

  kestra_record_free(r);
  return failed;
}
