/*
 * kestra_ext.c: the Ruby glue of the Kestra script SDK. Converts Ruby values into
 * calls of the core's C ABI (kestra.h) and hands finished lines to $stdout. Every
 * rule and every error message comes from the core; this file only converts.
 *
 * Kestra::Native (used by lib/kestra.rb, not a public API):
 *   outputs(value) / outputs_json(text) / encrypted_outputs(value) / assets(value) / metric(type, name,
 * value, tags, timestamp, description) / log(level, message) / logs(entries): build one record and write it;
 * format(message): the line, returned; context(path): the execution context's JSON text; context_get(file,
 * path): [text, string?] of one value of it (kestra_context_get). Values the glue does
 * not know are passed to Kestra.plain_value (lib/kestra.rb), which returns a plain value (Time -> ISO-8601
 * text, BigDecimal -> a number...) or Kestra::UNSUPPORTED.
 */
#include <limits.h>
#include <ruby.h>
#include <ruby/encoding.h>
#include <string.h>

#include "kestra_ext.h"

static VALUE m_kestra, c_type_error, c_argument_error, c_not_found_error, unsupported_marker;
static ID id_write, id_flush, id_plain_value;
static VALUE write_lock; /* a Mutex: one record written (and flushed) at a time */

/* ---- records ------------------------------------------------------------ */

/* Handles are reused, since a warm one builds a line without allocating. The GVL
 * serialises these two functions; a conversion may run Ruby code (and so switch
 * threads), which is why each call leases its own handle. */
#define POOL_SIZE 8
static kestra_record *pool[POOL_SIZE];
static int pool_count;

static kestra_record *lease(void) {
  kestra_record *r = pool_count ? pool[--pool_count] : kestra_record_new();
  if (!r) rb_raise(rb_eNoMemError, "kestra: out of memory");
  return r;
}

static VALUE release(VALUE arg) {
  kestra_record *r = (kestra_record *)arg;
  if (pool_count < POOL_SIZE)
    pool[pool_count++] = r;
  else
    kestra_record_free(r);
  return Qnil;
}

void kestra_rb_raise_result(kestra_result res, const char *message) {
  VALUE cls = res == KESTRA_ERROR_TYPE        ? c_type_error
              : res == KESTRA_ERROR_NOT_FOUND ? c_not_found_error
                                              : c_argument_error;
  VALUE error = rb_exc_new_cstr(cls, message);
  rb_iv_set(error, "@kind", ID2SYM(rb_intern(kestra_result_name(res))));
  rb_exc_raise(error);
}

/* The record's failure, raised. (Lines are written by $stdout.write, whose
 * failures are its own: Errno::EPIPE, IOError.) */
static void raise_failure(kestra_record *r, kestra_result res) {
  kestra_rb_raise_result(res, kestra_record_error(r));
}

/* ---- values ------------------------------------------------------------- */

static kestra_result put_value(kestra_record *r, VALUE v, int hooked);

static int utf16le_index; /* rb_enc_find_index("UTF-16LE"), looked up once */

/* A String as the core takes it: UTF-16LE as code units (lone surrogates reach the
 * core, which refuses them), UTF-8, US-ASCII and binary as bytes (the core checks
 * the UTF-8), any other encoding transcoded to UTF-8 first. Give the text to the
 * core before anything else allocates: a transcoded copy is referenced by nothing
 * else, so a garbage collection could free it. */
struct text {
  const char *utf8;      /* NULL when the text is UTF-16 */
  const uint16_t *utf16; /* NULL when the text is UTF-8 */
  size_t len;            /* bytes, or 16-bit units */
};

static VALUE to_utf8(VALUE s) { return rb_str_encode(s, rb_enc_from_encoding(rb_utf8_encoding()), 0, Qnil); }

static struct text text_of(VALUE s) {
  int index = rb_enc_get_index(s);
  struct text t = {NULL, NULL, 0};
  if (index == utf16le_index) {
    t.utf16 = (const uint16_t *)RSTRING_PTR(s);
    t.len = (size_t)RSTRING_LEN(s) / 2;
    return t;
  }
  if (index != rb_utf8_encindex() && index != rb_usascii_encindex() && index != rb_ascii8bit_encindex())
    s = to_utf8(s);
  t.utf8 = RSTRING_PTR(s);
  t.len = (size_t)RSTRING_LEN(s);
  return t;
}

/* Text the core takes for `argument`: a String, else the core's "must be a
 * string" error (the record must be where that argument goes). */
static kestra_result check_text(kestra_record *r, VALUE v, kestra_text_argument argument,
                                kestra_metric_type type) {
  if (RB_TYPE_P(v, T_STRING)) return KESTRA_OK;
  return kestra_record_not_text(r, argument, type, rb_obj_classname(v));
}

static kestra_result put_string(kestra_record *r, VALUE s) {
  struct text t = text_of(s);
  return t.utf16 ? kestra_record_string_utf16(r, t.utf16, t.len) : kestra_record_string(r, t.utf8, t.len);
}

static kestra_result put_key(kestra_record *r, VALUE key) {
  if (SYMBOL_P(key)) key = rb_sym2str(key);
  if (!RB_TYPE_P(key, T_STRING)) return kestra_record_unsupported(r, rb_obj_classname(key));
  struct text t = text_of(key);
  return t.utf16 ? kestra_record_key_utf16(r, t.utf16, t.len) : kestra_record_key(r, t.utf8, t.len);
}

struct members {
  kestra_record *r;
  kestra_result res;
};

static int put_member(VALUE key, VALUE value, VALUE arg) {
  struct members *m = (struct members *)arg;
  m->res = put_key(m->r, key);
  if (m->res == KESTRA_OK) m->res = put_value(m->r, value, 0);
  return m->res == KESTRA_OK ? ST_CONTINUE : ST_STOP;
}

/* A Hash's members, in its order, without braces (an object's, or a metric's tags). */
static kestra_result put_members(kestra_record *r, VALUE hash) {
  struct members m = {r, KESTRA_OK};
  rb_hash_foreach(hash, put_member, (VALUE)&m);
  return m.res;
}

static kestra_result put_integer(kestra_record *r, VALUE v) {
  if (FIXNUM_P(v)) return kestra_record_int64(r, (int64_t)FIX2LONG(v));
  VALUE digits = rb_big2str(v, 10);
  return kestra_record_integer_text(r, RSTRING_PTR(digits), (size_t)RSTRING_LEN(digits));
}

static kestra_result put_value(kestra_record *r, VALUE v, int hooked) {
  kestra_result res;
  switch (TYPE(v)) {
    case T_NIL: return kestra_record_null(r);
    case T_TRUE: return kestra_record_bool(r, 1);
    case T_FALSE: return kestra_record_bool(r, 0);
    case T_FIXNUM:
    case T_BIGNUM: return put_integer(r, v);
    case T_FLOAT: return kestra_record_double(r, RFLOAT_VALUE(v));
    case T_STRING: return put_string(r, v);
    case T_SYMBOL: return put_string(r, rb_sym2str(v));
    case T_ARRAY:
      /* The array's address is its identity: the core refuses one inside itself. */
      if ((res = kestra_record_begin_array(r, (const void *)v)) != KESTRA_OK) return res;
      for (long i = 0; i < RARRAY_LEN(v); i++)
        if ((res = put_value(r, rb_ary_entry(v, i), 0)) != KESTRA_OK) return res;
      return kestra_record_end_array(r);
    case T_HASH:
      if ((res = kestra_record_begin_object(r, (const void *)v)) != KESTRA_OK) return res;
      if ((res = put_members(r, v)) != KESTRA_OK) return res;
      return kestra_record_end_object(r);
    default:
      if (!hooked) {
        VALUE plain = rb_funcall(m_kestra, id_plain_value, 1, v);
        if (plain != unsupported_marker) return put_value(r, plain, 1);
      }
      return kestra_record_unsupported(r, rb_obj_classname(v));
  }
}

/* ---- writing ------------------------------------------------------------ */

/* rb_stdout is where Ruby keeps $stdout, so a replaced $stdout is the one used. */
static VALUE write_to_stdout(VALUE line) {
  VALUE out = rb_stdout;
  rb_funcall(out, id_write, 1, line);
  rb_funcall(out, id_flush, 0);
  return Qnil;
}

/* Finishes the record; returns its line (with the newline when `newline`). */
static VALUE finished_line(kestra_record *r, kestra_result res, int newline) {
  if (res == KESTRA_OK) res = kestra_record_finish(r);
  if (res != KESTRA_OK) raise_failure(r, res);
  size_t len;
  const char *line = kestra_record_line(r, &len);
  return rb_usascii_str_new(line, (long)(newline ? len : len - 1));
}

/* ---- the record kinds --------------------------------------------------- */

/* One call: which record to begin, and its arguments. */
struct call {
  kestra_record *r;
  kestra_result (*build)(struct call *);
  VALUE args[6];
};

static VALUE run_call(VALUE arg) {
  struct call *c = (struct call *)arg;
  return finished_line(c->r, c->build(c), 1);
}

/* Builds the record of `build` on a leased handle; returns its line. */
static VALUE build_line(kestra_result (*build)(struct call *), int argc, const VALUE *argv) {
  struct call c = {lease(), build, {Qnil, Qnil, Qnil, Qnil, Qnil, Qnil}};
  for (int i = 0; i < argc && i < 6; i++) c.args[i] = argv[i];
  return rb_ensure(run_call, (VALUE)&c, release, (VALUE)c.r);
}

/* Builds, then writes the line to $stdout (write then flush, under one lock). */
static VALUE emit(kestra_result (*build)(struct call *), int argc, const VALUE *argv) {
  VALUE line = build_line(build, argc, argv);
  rb_mutex_synchronize(write_lock, write_to_stdout, line);
  return Qnil;
}

static kestra_result build_outputs(struct call *c) {
  kestra_result res = kestra_record_begin_outputs(c->r);
  return res == KESTRA_OK ? put_value(c->r, c->args[0], 0) : res;
}

static kestra_result build_outputs_json(struct call *c) {
  kestra_result res = kestra_record_begin_outputs(c->r);
  VALUE text = c->args[0];
  if (res != KESTRA_OK) return res;
  if ((res = check_text(c->r, text, KESTRA_ARGUMENT_JSON, KESTRA_METRIC_COUNTER)) != KESTRA_OK) return res;
  struct text t = text_of(text);
  return t.utf16 ? kestra_record_json_utf16(c->r, t.utf16, t.len, KESTRA_JSON_DEFAULT)
                 : kestra_record_json(c->r, t.utf8, t.len);
}

static kestra_result build_encrypted_outputs(struct call *c) {
  kestra_result res = kestra_record_begin_encrypted_outputs(c->r);
  return res == KESTRA_OK ? put_value(c->r, c->args[0], 0) : res;
}

static kestra_result build_assets(struct call *c) {
  kestra_result res = kestra_record_begin_assets(c->r);
  return res == KESTRA_OK ? put_value(c->r, c->args[0], 0) : res;
}

static kestra_result build_message(struct call *c) {
  kestra_result res = kestra_record_begin_message(c->r);
  return res == KESTRA_OK ? put_value(c->r, c->args[0], 0) : res;
}

/* args: type (0 counter, 1 timer, 2 gauge), name, value, tags, timestamp, description.
 * native_metric has made a Symbol name and a Time timestamp Strings. */
static kestra_result build_metric(struct call *c) {
  kestra_record *r = c->r;
  VALUE tags = c->args[3];
  kestra_metric_type type = (kestra_metric_type)NUM2INT(c->args[0]);
  kestra_result res = check_text(r, c->args[1], KESTRA_ARGUMENT_METRIC_NAME, type);
  if (res != KESTRA_OK) return res;
  struct text name = text_of(c->args[1]);
  res = name.utf16 ? kestra_record_begin_metric_utf16(r, type, name.utf16, name.len)
                   : kestra_record_begin_metric(r, type, name.utf8, name.len);
  if (res == KESTRA_OK) res = put_value(r, c->args[2], 0);
  if (res == KESTRA_OK && !NIL_P(tags))
    res =
        RB_TYPE_P(tags, T_HASH) ? put_members(r, tags) : kestra_record_unsupported(r, rb_obj_classname(tags));
  if (res == KESTRA_OK && !NIL_P(c->args[4])) {
    if ((res = check_text(r, c->args[4], KESTRA_ARGUMENT_METRIC_TIMESTAMP, type)) != KESTRA_OK) return res;
    struct text ts = text_of(c->args[4]);
    res = ts.utf16 ? kestra_record_metric_timestamp_utf16(r, ts.utf16, ts.len)
                   : kestra_record_metric_timestamp(r, ts.utf8, ts.len);
  }
  if (res == KESTRA_OK && !NIL_P(c->args[5])) {
    if ((res = check_text(r, c->args[5], KESTRA_ARGUMENT_METRIC_DESCRIPTION, type)) != KESTRA_OK) return res;
    struct text d = text_of(c->args[5]);
    res = d.utf16 ? kestra_record_metric_description_utf16(r, d.utf16, d.len)
                  : kestra_record_metric_description(r, d.utf8, d.len);
  }
  return res;
}

/* One entry: level an Integer (the core's kestra_level: 0 TRACE .. 4 ERROR) or a
 * String (a name as kestra_level_parse reads it); message a String. */
static kestra_result put_log(kestra_record *r, VALUE level, VALUE message) {
  kestra_level value;
  if (RB_INTEGER_TYPE_P(level)) {
    /* Out of an int's range: -1, which the core refuses like any unknown level. */
    long number = FIXNUM_P(level) ? FIX2LONG(level) : -1;
    value = (kestra_level)(number < INT_MIN || number > INT_MAX ? -1 : number);
  } else {
    kestra_result res = check_text(r, level, KESTRA_ARGUMENT_LOG_LEVEL, KESTRA_METRIC_COUNTER);
    if (res != KESTRA_OK) return res;
    struct text name = text_of(level);
    /* An unknown name or bad text: the core's own error ("logs[N] level: ..."). */
    if (name.utf16) {
      static const uint16_t empty = 0;
      if (kestra_level_parse_utf16(name.utf16, name.len, &value) != KESTRA_OK)
        return kestra_record_log_named_utf16(r, name.utf16, name.len, &empty, 0);
    } else if (kestra_level_parse(name.utf8, name.len, &value) != KESTRA_OK) {
      return kestra_record_log_named(r, name.utf8, name.len, "", 0);
    }
  }
  struct text m = text_of(message);
  return m.utf16 ? kestra_record_log_utf16(r, value, m.utf16, m.len)
                 : kestra_record_log(r, value, m.utf8, m.len);
}

static kestra_result build_log(struct call *c) {
  kestra_result res = kestra_record_begin_logs(c->r);
  return res == KESTRA_OK ? put_log(c->r, c->args[0], c->args[1]) : res;
}

/* args[0]: an Array of [level, message] pairs (checked by lib/kestra.rb). */
static kestra_result build_logs(struct call *c) {
  kestra_result res = kestra_record_begin_logs(c->r);
  for (long i = 0; res == KESTRA_OK && i < RARRAY_LEN(c->args[0]); i++) {
    VALUE entry = rb_ary_entry(c->args[0], i);
    res = put_log(c->r, rb_ary_entry(entry, 0), rb_ary_entry(entry, 1));
  }
  return res;
}

static VALUE native_outputs(VALUE self, VALUE v) { return emit(build_outputs, 1, &v); }
static VALUE native_outputs_json(VALUE self, VALUE text) { return emit(build_outputs_json, 1, &text); }
static VALUE native_encrypted_outputs(VALUE self, VALUE v) { return emit(build_encrypted_outputs, 1, &v); }
static VALUE native_assets(VALUE self, VALUE v) { return emit(build_assets, 1, &v); }
static VALUE native_format(VALUE self, VALUE v) {
  VALUE line = build_line(build_message, 1, &v);
  rb_str_set_len(line, RSTRING_LEN(line) - 1); /* without the newline */
  return line;
}
/* A Symbol name as its text, a Time timestamp as ISO-8601 text; anything else is
 * given to the core as it is, which refuses what is not a String. */
static VALUE metric_name(VALUE v) { return SYMBOL_P(v) ? rb_sym2str(v) : v; }
static VALUE metric_timestamp(VALUE v) {
  return rb_obj_is_kind_of(v, rb_cTime) ? rb_funcall(m_kestra, id_plain_value, 1, v) : v;
}

static VALUE native_metric(VALUE self, VALUE type, VALUE name, VALUE value, VALUE tags, VALUE timestamp,
                           VALUE description) {
  int t = NUM2INT(type);
  if (t < 0 || t > 2) rb_raise(rb_eArgError, "metric type %d", t);
  VALUE argv[6] = {type, metric_name(name), value, tags, metric_timestamp(timestamp), description};
  return emit(build_metric, 6, argv);
}
static VALUE native_log(VALUE self, VALUE level, VALUE message) {
  VALUE argv[2] = {level, message};
  return emit(build_log, 2, argv);
}
static VALUE native_logs(VALUE self, VALUE entries) { return emit(build_logs, 1, &entries); }

/* Native.context(path): the execution context's JSON text, found and checked by
 * kestra_context_load (path nil or "" for the default places). */
static VALUE native_context(VALUE self, VALUE path) {
  kestra_context *c = kestra_context_new();
  if (!c) rb_raise(rb_eNoMemError, "kestra: out of memory");
  const char *p = NIL_P(path) ? NULL : StringValueCStr(path);
  kestra_result res = kestra_context_load(c, p, KESTRA_CSTR);
  VALUE out = Qnil;
  size_t len = 0;
  if (res == KESTRA_OK) {
    const char *json = kestra_context_json(c, &len);
    out = rb_utf8_str_new(json, (long)len);
  } else {
    /* Copied before the handle is freed: raising does not return. */
    out = rb_utf8_str_new_cstr(kestra_context_error(c));
  }
  kestra_context_free(c);
  if (res != KESTRA_OK) kestra_rb_raise_result(res, StringValueCStr(out));
  return out;
}

/* Native.context_get(file, path): [text, string?], one value of the execution
 * context found as Native.context(file) finds it, by `path` (kestra_context_get):
 * a string's text (UTF-8) and true, or compact ASCII JSON and false. */
static VALUE native_context_get(VALUE self, VALUE file, VALUE path) {
  const char *f = NIL_P(file) ? NULL : StringValueCStr(file);
  StringValue(path);
  kestra_context *c = kestra_context_new();
  if (!c) rb_raise(rb_eNoMemError, "kestra: out of memory");
  kestra_result res = kestra_context_load(c, f, KESTRA_CSTR);
  const char *value = NULL;
  size_t len = 0;
  int is_string = 0;
  if (res == KESTRA_OK)
    res = kestra_context_get(c, RSTRING_PTR(path), (size_t)RSTRING_LEN(path), &value, &len, &is_string);
  /* Copied before the handle is freed: raising does not return. */
  VALUE out =
      res == KESTRA_OK ? rb_utf8_str_new(value, (long)len) : rb_utf8_str_new_cstr(kestra_context_error(c));
  kestra_context_free(c);
  if (res != KESTRA_OK) kestra_rb_raise_result(res, StringValueCStr(out));
  return rb_assoc_new(out, is_string ? Qtrue : Qfalse);
}

/* Native.abi_matches?(version): is a core of ABI `version` the one this extension
 * was compiled against (KESTRA_ABI_MATCHES)? The check Init makes, callable with
 * another version by the tests. */
static VALUE native_abi_matches(VALUE self, VALUE version) {
  return KESTRA_ABI_MATCHES(NUM2UINT(version)) ? Qtrue : Qfalse;
}

void Init_kestra_ext(void) {
  /* The core is compiled into the extension, so a mismatch means a stale build. */
  if (!KESTRA_ABI_MATCHES(kestra_abi_version()))
    rb_raise(rb_eLoadError, "kestra: the core has ABI version %u, this extension was built for %d",
             kestra_abi_version(), KESTRA_ABI_VERSION);
  m_kestra = rb_define_module("Kestra");
  c_type_error = rb_const_get(m_kestra, rb_intern("TypeError"));
  c_argument_error = rb_const_get(m_kestra, rb_intern("ArgumentError"));
  c_not_found_error = rb_const_get(m_kestra, rb_intern("NotFoundError"));
  unsupported_marker = rb_const_get(m_kestra, rb_intern("UNSUPPORTED"));
  id_write = rb_intern("write");
  id_flush = rb_intern("flush");
  id_plain_value = rb_intern("plain_value");
  utf16le_index = rb_enc_find_index("UTF-16LE");
  write_lock = rb_mutex_new();
  rb_gc_register_address(&write_lock);

  VALUE native = rb_define_module_under(m_kestra, "Native");
  rb_define_module_function(native, "outputs", native_outputs, 1);
  rb_define_module_function(native, "outputs_json", native_outputs_json, 1);
  rb_define_module_function(native, "encrypted_outputs", native_encrypted_outputs, 1);
  rb_define_module_function(native, "assets", native_assets, 1);
  rb_define_module_function(native, "format", native_format, 1);
  rb_define_module_function(native, "metric", native_metric, 6);
  rb_define_module_function(native, "log", native_log, 2);
  rb_define_module_function(native, "logs", native_logs, 1);
  rb_define_module_function(native, "abi_matches?", native_abi_matches, 1);
  rb_define_module_function(native, "context", native_context, 1);
  rb_define_module_function(native, "context_get", native_context_get, 2);
  kestra_rb_init_ion_rows(native);
  kestra_rb_init_summary(native);
  rb_define_const(native, "ABI_VERSION", UINT2NUM(kestra_abi_version()));
}
