/*
 * ion_rows.c: Native.each_row(path) { |row| }, the rows of a file of Kestra's
 * internal storage (Ion text, one struct per row) read by the core's Ion reader
 * (kestra/ion.h), one row in memory at a time. Values as the official
 * Kestra.read gives them (lib/kestra.rb documents them); every rule and error is
 * the core's, here are only the Ruby objects. Nesting uses an explicit stack.
 */
#include <ruby.h>
#include <ruby/encoding.h>

#include "kestra/ion.h"
#include "kestra_ext.h"

static ID id_new, id_utc;

static void fail_if(kestra_ion_reader *r, kestra_result res) {
  if (res != KESTRA_OK) kestra_rb_raise_result(res, kestra_ion_reader_error(r));
}

static VALUE utf8(const char *text, size_t len) { return rb_utf8_str_new(text, (long)len); }

/* A Time at the date-time's offset; one without an offset (a local time) in UTC. */
static VALUE ruby_time(const kestra_datetime *dt) {
  VALUE seconds =
      rb_rational_new(LL2NUM((long long)dt->second * 1000000000LL + dt->nanosecond), LL2NUM(1000000000LL));
  VALUE args[7] = {INT2NUM(dt->year),
                   INT2NUM(dt->month),
                   INT2NUM(dt->day),
                   INT2NUM(dt->hour),
                   INT2NUM(dt->minute),
                   seconds,
                   INT2NUM(dt->has_offset ? dt->offset_minutes * 60 : 0)};
  if (!dt->has_offset || dt->offset_minutes == 0) return rb_funcallv(rb_cTime, id_utc, 6, args);
  return rb_funcallv(rb_cTime, id_new, 7, args);
}

static VALUE scalar(kestra_ion_reader *r, kestra_ion_type type) {
  if (kestra_ion_reader_is_null(r)) return Qnil;
  size_t len = 0;
  const char *text = kestra_ion_reader_text(r, &len);
  kestra_datetime dt;
  switch (type) {
    case KESTRA_ION_BOOL: {
      int b = 0;
      fail_if(r, kestra_ion_reader_bool(r, &b));
      return b ? Qtrue : Qfalse;
    }
    case KESTRA_ION_INT: {
      int64_t v = 0;
      if (kestra_ion_reader_int64(r, &v) == KESTRA_OK) return LL2NUM(v);
      return rb_cstr2inum(text, 10); /* canonical digits, NUL-terminated */
    }
    case KESTRA_ION_FLOAT:
    case KESTRA_ION_DECIMAL: {
      double v = 0;
      fail_if(r, kestra_ion_reader_double(r, &v));
      return DBL2NUM(v);
    }
    case KESTRA_ION_TIMESTAMP: fail_if(r, kestra_ion_reader_timestamp(r, &dt)); return ruby_time(&dt);
    case KESTRA_ION_STRING:
      if (kestra_datetime_parse(text, len, &dt) == KESTRA_OK) return ruby_time(&dt);
      return utf8(text, len);
    default: /* symbols, and lobs (UTF-8 text: KESTRA_ION_TEXT_LOBS) */ return utf8(text, len);
  }
}

/* The next row as a Hash, or nil at the end. */
static VALUE next_row(kestra_ion_reader *r) {
  VALUE stack = rb_ary_new(); /* the open containers, innermost last */
  VALUE row = Qnil;
  do {
    kestra_ion_event event;
    fail_if(r, kestra_ion_reader_next(r, &event));
    if (event == KESTRA_ION_EVENT_END) return Qnil;
    if (event == KESTRA_ION_EVENT_CONTAINER_END) {
      rb_ary_pop(stack);
      continue;
    }
    kestra_ion_type type = kestra_ion_reader_type(r);
    int container = !kestra_ion_reader_is_null(r) &&
                    (type == KESTRA_ION_LIST || type == KESTRA_ION_SEXP || type == KESTRA_ION_STRUCT);
    VALUE value = container ? (type == KESTRA_ION_STRUCT ? rb_hash_new() : rb_ary_new()) : scalar(r, type);
    if (RARRAY_LEN(stack) == 0) {
      row = value; /* a struct: KESTRA_ION_ROWS refuses anything else */
    } else {
      VALUE parent = rb_ary_entry(stack, -1);
      if (RB_TYPE_P(parent, T_HASH)) {
        size_t len = 0;
        const char *name = kestra_ion_reader_field_name(r, &len);
        rb_hash_aset(parent, utf8(name, len), value);
      } else {
        rb_ary_push(parent, value);
      }
    }
    if (container) rb_ary_push(stack, value);
  } while (RARRAY_LEN(stack) > 0);
  return row;
}

struct reading {
  kestra_ion_reader *reader;
  VALUE path;
};

static VALUE yield_rows(VALUE arg) {
  struct reading *reading = (struct reading *)arg;
  fail_if(reading->reader, kestra_ion_reader_open_file(reading->reader, StringValueCStr(reading->path),
                                                       KESTRA_ION_KESTRA_READ));
  for (VALUE row; !NIL_P(row = next_row(reading->reader));) rb_yield(row);
  return Qnil;
}

static VALUE free_reader(VALUE arg) {
  kestra_ion_reader_free(((struct reading *)arg)->reader);
  return Qnil;
}

/* Native.each_row(path) { |row| }: the reader is freed however the block ends. */
static VALUE native_each_row(VALUE self, VALUE path) {
  struct reading reading = {kestra_ion_reader_new(), rb_get_path(path)};
  if (!reading.reader) rb_raise(rb_eNoMemError, "kestra: out of memory");
  return rb_ensure(yield_rows, (VALUE)&reading, free_reader, (VALUE)&reading);
}

void kestra_rb_init_ion_rows(VALUE native) {
  id_new = rb_intern("new");
  id_utc = rb_intern("utc");
  rb_define_module_function(native, "each_row", native_each_row, 1);
}
