/* The functions R calls (.Call): each starts a record, feeds it the converted
 * arguments, and writes the finished line through R's stdout connection, or
 * raises the core's error as a classed condition. Nothing is written on error. */
#include "glue.h"

#include <R_ext/Rdynload.h>
#include <R_ext/Visibility.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static kestra_record *record;

kestra_record *kr_record(void) {
  if (record == NULL && (record = kestra_record_new()) == NULL)
    Rf_error("%s", kestra_result_name(KESTRA_ERROR_NO_MEMORY));
  return record;
}

static SEXP condition(const char *kind, const char *message) {
  char cls[64];
  snprintf(cls, sizeof cls, "kestra_%s_error", kind);
  SEXP cond = PROTECT(Rf_allocVector(VECSXP, 3));
  SET_VECTOR_ELT(cond, 0, Rf_mkString(message));
  SET_VECTOR_ELT(cond, 2, Rf_mkString(kind));
  SEXP names = PROTECT(Rf_allocVector(STRSXP, 3));
  SET_STRING_ELT(names, 0, Rf_mkChar("message"));
  SET_STRING_ELT(names, 1, Rf_mkChar("call"));
  SET_STRING_ELT(names, 2, Rf_mkChar("kind"));
  Rf_setAttrib(cond, R_NamesSymbol, names);
  SEXP classes = PROTECT(Rf_allocVector(STRSXP, 4));
  SET_STRING_ELT(classes, 0, Rf_mkChar(cls));
  SET_STRING_ELT(classes, 1, Rf_mkChar("kestra_error"));
  SET_STRING_ELT(classes, 2, Rf_mkChar("error"));
  SET_STRING_ELT(classes, 3, Rf_mkChar("condition"));
  Rf_setAttrib(cond, R_ClassSymbol, classes);
  UNPROTECT(3);
  return cond;
}

static void __attribute__((noreturn)) stop(SEXP cond) {
  PROTECT(cond);
  SEXP call = PROTECT(Rf_lang2(Rf_install("stop"), cond));
  Rf_eval(call, R_BaseEnv);
  UNPROTECT(2);
  Rf_error("kestra: stop() returned"); /* never reached */
}

void kr_raise_message(const char *kind, const char *message) { stop(condition(kind, message)); }

void kr_raise(kestra_record *r) {
  kr_raise_message(kestra_result_name(kestra_record_status(r)), kestra_record_error(r));
}

void kr_raise_not_text(kestra_record *r, kestra_text_argument argument, kestra_metric_type type, SEXP got) {
  kestra_record_not_text(r, argument, type, got == R_NilValue ? "NULL" : kr_type_name(got));
  kr_raise(r);
}

static void check(kestra_record *r, kestra_result res) {
  if (res != KESTRA_OK) kr_raise(r);
}

static int is_string(SEXP x) {
  return TYPEOF(x) == STRSXP && XLENGTH(x) == 1 && STRING_ELT(x, 0) != NA_STRING;
}

/* One record, one call on R's current output connection (the console, a sink(),
 * capture.output()'s text connection), which Rprintf flushes right after. */
static SEXP emit(kestra_record *r) {
  check(r, kestra_record_finish(r));
  size_t len;
  const char *line = kestra_record_line(r, &len);
  Rprintf("%.*s", (int)len, line);
  return R_NilValue;
}

static SEXP kr_outputs(SEXP x) {
  kestra_record *r = kr_record();
  check(r, kestra_record_begin_outputs(r));
  check(r, kr_value(r, x));
  return emit(r);
}

static SEXP kr_encrypted_outputs(SEXP x) {
  kestra_record *r = kr_record();
  check(r, kestra_record_begin_encrypted_outputs(r));
  check(r, kr_value(r, x));
  return emit(r);
}

static SEXP kr_outputs_json(SEXP text) {
  kestra_record *r = kr_record();
  check(r, kestra_record_begin_outputs(r));
  if (!is_string(text)) kr_raise_not_text(r, KESTRA_ARGUMENT_JSON, KESTRA_METRIC_COUNTER, text);
  size_t len;
  const char *utf8 = kr_utf8(STRING_ELT(text, 0), &len);
  check(r, kestra_record_json(r, utf8, len));
  return emit(r);
}

static SEXP kr_assets(SEXP x) {
  kestra_record *r = kr_record();
  check(r, kestra_record_begin_assets(r));
  check(r, kr_value(r, x));
  return emit(r);
}

/* metric(type 0-2, name, value, tags or NULL, timestamp or NULL, description or NULL) */
static SEXP kr_metric(SEXP type_, SEXP name, SEXP value, SEXP tags, SEXP timestamp, SEXP description) {
  kestra_metric_type type = (kestra_metric_type)Rf_asInteger(type_);
  kestra_record *r = kr_record();
  if (!is_string(name)) kr_raise_not_text(r, KESTRA_ARGUMENT_METRIC_NAME, type, name);
  size_t len;
  const char *utf8 = kr_utf8(STRING_ELT(name, 0), &len);
  check(r, kestra_record_begin_metric(r, type, utf8, len));
  check(r, kr_value(r, value));
  if (tags != R_NilValue) check(r, kr_entries(r, tags));
  if (timestamp != R_NilValue) {
    char text[64];
    if (Rf_inherits(timestamp, "POSIXct") && XLENGTH(timestamp) == 1) {
      len = (size_t)kr_iso_time(Rf_asReal(timestamp), text, sizeof text);
      utf8 = text;
    } else if (is_string(timestamp)) {
      utf8 = kr_utf8(STRING_ELT(timestamp, 0), &len);
    } else {
      kr_raise_not_text(r, KESTRA_ARGUMENT_METRIC_TIMESTAMP, type, timestamp);
    }
    check(r, kestra_record_metric_timestamp(r, utf8, len));
  }
  if (description != R_NilValue) {
    if (!is_string(description)) kr_raise_not_text(r, KESTRA_ARGUMENT_METRIC_DESCRIPTION, type, description);
    utf8 = kr_utf8(STRING_ELT(description, 0), &len);
    check(r, kestra_record_metric_description(r, utf8, len));
  }
  return emit(r);
}

/* A level as R gives it: a name (read by the core), or a number of kestra_level.
 * A number outside the enum reaches the core as such, for it to refuse; any
 * other R value is not a level (the core words both errors). */
static kestra_result log_entry(kestra_record *r, SEXP level, const char *message, size_t len) {
  if (is_string(level)) {
    size_t name_len;
    const char *name = kr_utf8(STRING_ELT(level, 0), &name_len);
    return kestra_record_log_named(r, name, name_len, message, len);
  }
  if ((TYPEOF(level) != INTSXP && TYPEOF(level) != REALSXP) || XLENGTH(level) != 1 || OBJECT(level))
    kr_raise_not_text(r, KESTRA_ARGUMENT_LOG_LEVEL, KESTRA_METRIC_COUNTER, level);
  kestra_level value = KESTRA_LEVEL_MAX_;
  double n = Rf_asReal(level);
  if (n >= KESTRA_LEVEL_TRACE && n <= KESTRA_LEVEL_ERROR && n == (int)n) value = (kestra_level)(int)n;
  return kestra_record_log(r, value, message, len);
}

/* logs(levels: a list of one level or one per message, messages: a character
 * vector): one record, one entry per message. */
static SEXP kr_logs(SEXP levels, SEXP messages) {
  kestra_record *r = kr_record();
  check(r, kestra_record_begin_logs(r));
  if (TYPEOF(messages) != STRSXP)
    kr_raise_not_text(r, KESTRA_ARGUMENT_LOG_MESSAGE, KESTRA_METRIC_COUNTER, messages);
  R_xlen_t n = XLENGTH(messages), n_levels = XLENGTH(levels);
  for (R_xlen_t i = 0; i < n; i++) {
    SEXP message = STRING_ELT(messages, i);
    if (message == NA_STRING)
      kr_raise_not_text(r, KESTRA_ARGUMENT_LOG_MESSAGE, KESTRA_METRIC_COUNTER, Rf_ScalarString(message));
    size_t len;
    const char *utf8 = kr_utf8(message, &len);
    SEXP level = n_levels == 1 ? VECTOR_ELT(levels, 0) : i < n_levels ? VECTOR_ELT(levels, i) : R_NilValue;
    check(r, log_entry(r, level, utf8, len));
  }
  return emit(r);
}

/* format(message): the whole message's line, without its newline; nothing written. */
static SEXP kr_format(SEXP x) {
  kestra_record *r = kr_record();
  check(r, kestra_record_begin_message(r));
  check(r, kr_value(r, x));
  check(r, kestra_record_finish(r));
  size_t len;
  const char *line = kestra_record_line(r, &len);
  return Rf_ScalarString(Rf_mkCharLenCE(line, (int)len - 1, CE_UTF8));
}

/* Seconds on a monotonic clock, for timers. */
static SEXP kr_clock(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return Rf_ScalarReal((double)now.tv_sec + (double)now.tv_nsec * 1e-9);
}

/* check_line(line): what the server does with one line, as list(verdict, reason). */
static SEXP kr_check_line(SEXP line) {
  char reason[512];
  size_t len = 0;
  const char *text = is_string(line) ? kr_utf8(STRING_ELT(line, 0), &len) : NULL; /* NULL: an empty line */
  static const char *const verdicts[] = {"text", "recorded", "rejected", "near_miss"};
  kestra_line_verdict verdict = kestra_check_line(text, len, reason, sizeof reason, NULL);
  SEXP out = PROTECT(Rf_allocVector(STRSXP, 2));
  SET_STRING_ELT(out, 0, Rf_mkChar(verdict >= 0 && verdict <= 3 ? verdicts[verdict] : "unknown"));
  SET_STRING_ELT(out, 1, Rf_mkChar(reason));
  UNPROTECT(1);
  return out;
}

/* The check at load: a core of another ABI version is refused (the core is
 * compiled into this library, so only a broken build can differ). A call of its
 * own so that tests can hand it a wrong version. */
static SEXP check_abi(SEXP loaded) {
  unsigned version = (unsigned)Rf_asInteger(loaded);
  if (!KESTRA_ABI_MATCHES(version))
    Rf_error("kestra: the kestra core has ABI version %u, this package was built for %d", version,
             KESTRA_ABI_VERSION);
  return R_NilValue;
}

static SEXP kr_version(void) { return Rf_mkString(kestra_version_string()); }

SEXP kr_read(SEXP path);
SEXP kr_context(SEXP path);
SEXP kr_context_value(SEXP key, SEXP path);
SEXP kr_iter_open(SEXP path);
SEXP kr_iter_next(SEXP handle);
SEXP kr_summarise(SEXP bytes);

static const R_CallMethodDef calls[] = {{"kr_outputs", (DL_FUNC)&kr_outputs, 1},
                                        {"kr_encrypted_outputs", (DL_FUNC)&kr_encrypted_outputs, 1},
                                        {"kr_outputs_json", (DL_FUNC)&kr_outputs_json, 1},
                                        {"kr_assets", (DL_FUNC)&kr_assets, 1},
                                        {"kr_metric", (DL_FUNC)&kr_metric, 6},
                                        {"kr_logs", (DL_FUNC)&kr_logs, 2},
                                        {"kr_format", (DL_FUNC)&kr_format, 1},
                                        {"kr_clock", (DL_FUNC)&kr_clock, 0},
                                        {"kr_check_line", (DL_FUNC)&kr_check_line, 1},
                                        {"kr_version", (DL_FUNC)&kr_version, 0},
                                        {"kr_check_abi", (DL_FUNC)&check_abi, 1},
                                        {"kr_read", (DL_FUNC)&kr_read, 1},
                                        {"kr_context", (DL_FUNC)&kr_context, 1},
                                        {"kr_context_value", (DL_FUNC)&kr_context_value, 2},
                                        {"kr_iter_open", (DL_FUNC)&kr_iter_open, 1},
                                        {"kr_iter_next", (DL_FUNC)&kr_iter_next, 1},
                                        {"kr_summarise", (DL_FUNC)&kr_summarise, 1},
                                        {NULL, NULL, 0}};

void attribute_visible R_init_kestra(DllInfo *dll) {
  check_abi(Rf_ScalarInteger((int)kestra_abi_version()));
  R_registerRoutines(dll, NULL, calls, NULL, NULL);
  R_useDynamicSymbols(dll, FALSE);
  R_forceSymbols(dll, TRUE);
}
