/*
 * summary.c: Kestra::Native::Summary, the core's kestra_summary (what Kestra would
 * store from a script's output) for Kestra::Testing (lib/kestra/testing.rb):
 * feed(bytes), finish, json, text. Every rule is the core's.
 */
#include <ruby.h>

#include "kestra_ext.h"

static void summary_free(void *p) { kestra_summary_free((kestra_summary *)p); }

static const rb_data_type_t summary_type = {
    "Kestra::Native::Summary", {NULL, summary_free, NULL}, NULL, NULL, RUBY_TYPED_FREE_IMMEDIATELY};

static VALUE summary_alloc(VALUE cls) {
  kestra_summary *s = kestra_summary_new(KESTRA_SUMMARY_TOTALS);
  if (!s) rb_raise(rb_eNoMemError, "kestra: out of memory");
  return TypedData_Wrap_Struct(cls, &summary_type, s);
}

static kestra_summary *summary_of(VALUE self) {
  return (kestra_summary *)rb_check_typeddata(self, &summary_type);
}

static void check(kestra_result res) {
  if (res == KESTRA_ERROR_NO_MEMORY) rb_raise(rb_eNoMemError, "kestra: out of memory");
}

/* feed(string): bytes of stdout as they arrive. */
static VALUE summary_feed(VALUE self, VALUE bytes) {
  StringValue(bytes);
  check(kestra_summary_feed(summary_of(self), KESTRA_STREAM_STDOUT, RSTRING_PTR(bytes),
                            (size_t)RSTRING_LEN(bytes)));
  return self;
}

/* finish: the end of stdout (adds an unfinished last line). */
static VALUE summary_finish(VALUE self) {
  check(kestra_summary_end(summary_of(self), KESTRA_STREAM_STDOUT));
  return self;
}

static VALUE borrowed_text(const char *p, size_t len) {
  if (!p) rb_raise(rb_eNoMemError, "kestra: out of memory");
  return rb_utf8_str_new(p, (long)len);
}

/* json: what is stored, as the core's JSON text. */
static VALUE summary_json(VALUE self) {
  size_t len = 0;
  const char *p = kestra_summary_json(summary_of(self), &len);
  return borrowed_text(p, len);
}

/* text: the tables `kestra-emit show` prints (no colour). */
static VALUE summary_text(VALUE self) {
  size_t len = 0;
  const char *p = kestra_summary_text(summary_of(self), KESTRA_SUMMARY_PLAIN, &len);
  return borrowed_text(p, len);
}

void kestra_rb_init_summary(VALUE native) {
  VALUE cls = rb_define_class_under(native, "Summary", rb_cObject);
  rb_define_alloc_func(cls, summary_alloc);
  rb_define_method(cls, "feed", summary_feed, 1);
  rb_define_method(cls, "finish", summary_finish, 0);
  rb_define_method(cls, "json", summary_json, 0);
  rb_define_method(cls, "text", summary_text, 0);
}
