/* R values -> the core's value calls. The mapping follows jsonlite's habits
 * (auto_unbox = TRUE), so R users get what they already expect:
 *
 *   NULL, NA of any type        null
 *   logical / character         true, false / text
 *   integer, bit64's integer64  an integer (integer64 NA is null)
 *   double                      an integer when integral and |x| <= 2^53 - 1, else a
 *                               double (the core's kestra_record_javascript_number rule);
 *                               NaN and Inf are refused by the core
 *   length 1 (not I(x))         a scalar; any other length (or I(x)) an array
 *   named list / named vector   an object, in order (so tags = c(env = "prod") work)
 *   unnamed list                an array
 *   factor                      its labels
 *   Date, POSIXct, POSIXlt      ISO-8601 text ("2026-11-21", "2026-11-21T10:30:00Z", UTC)
 *   data.frame                  an array of row objects
 *   matrix                      an array of rows
 *   anything else               refused through kestra_record_unsupported (the core words it)
 */
#include "glue.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* How the elements of an atomic vector read, from its class. */
typedef enum { PLAIN, FACTOR, DATE, POSIXCT, INTEGER64 } atomic_class;

static kestra_result value(kestra_record *r, SEXP x);

const char *kr_utf8(SEXP s, size_t *len) {
  cetype_t ce = Rf_getCharCE(s);
  if (ce == CE_UTF8 || ce == CE_BYTES) { /* as they are: the core checks UTF-8 */
    *len = (size_t)LENGTH(s);
    return CHAR(s);
  }
  const char *utf8 = Rf_translateCharUTF8(s); /* no copy for native text in a UTF-8 locale */
  *len = strlen(utf8);
  return utf8;
}

const char *kr_type_name(SEXP x) {
  SEXP cls = Rf_getAttrib(x, R_ClassSymbol);
  if (TYPEOF(cls) == STRSXP && XLENGTH(cls) > 0) return CHAR(STRING_ELT(cls, 0));
  switch (TYPEOF(x)) { /* the names class() shows */
    case CLOSXP:
    case BUILTINSXP:
    case SPECIALSXP: return "function";
    case SYMSXP: return "name";
    case LANGSXP: return "call";
    default: return Rf_type2char(TYPEOF(x));
  }
}

/* Days since 1970-01-01 -> civil date (proleptic Gregorian). */
static void civil_from_days(long long days, long long *y, int *m, int *d) {
  days += 719468; /* shift the epoch to 0000-03-01, so leap days end each cycle */
  long long era = (days >= 0 ? days : days - 146096) / 146097;
  long long doe = days - era * 146097;                                   /* [0, 146096] */
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
  long long mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static kestra_result date_text(kestra_record *r, double days) {
  long long y;
  int m, d;
  char text[48];
  civil_from_days((long long)floor(days), &y, &m, &d);
  int n = snprintf(text, sizeof text, "%04lld-%02d-%02d", y, m, d);
  return kestra_record_string(r, text, (size_t)n);
}

int kr_iso_time(double seconds, char *text, size_t cap) {
  double whole = floor(seconds);
  long long micros = llround((seconds - whole) * 1e6);
  long long secs = (long long)whole;
  if (micros == 1000000) {
    secs += 1;
    micros = 0;
  }
  long long days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  long long in_day = secs - days * 86400;
  long long y;
  int m, d;
  civil_from_days(days, &y, &m, &d);
  int n = snprintf(text, cap, "%04lld-%02d-%02dT%02d:%02d:%02d", y, m, d, (int)(in_day / 3600),
                   (int)(in_day / 60 % 60), (int)(in_day % 60));
  if (micros) { /* fractional seconds, trailing zeros dropped */
    int digits = 6;
    while (micros % 10 == 0) {
      micros /= 10;
      digits--;
    }
    n += snprintf(text + n, cap - (size_t)n, ".%0*lld", digits, micros);
  }
  n += snprintf(text + n, cap - (size_t)n, "Z");
  return n;
}

static kestra_result time_text(kestra_record *r, double seconds) {
  char text[64];
  int n = kr_iso_time(seconds, text, sizeof text);
  return kestra_record_string(r, text, (size_t)n);
}

static atomic_class class_of(SEXP x) {
  if (!OBJECT(x)) return PLAIN;
  if (Rf_inherits(x, "factor")) return FACTOR;
  if (Rf_inherits(x, "Date")) return DATE;
  if (Rf_inherits(x, "POSIXct")) return POSIXCT;
  if (TYPEOF(x) == REALSXP && Rf_inherits(x, "integer64")) return INTEGER64;
  return PLAIN;
}

static kestra_result string(kestra_record *r, SEXP s) {
  if (s == NA_STRING) return kestra_record_null(r);
  size_t len;
  const char *utf8 = kr_utf8(s, &len);
  return kestra_record_string(r, utf8, len);
}

/* Element i of vector x (atomic with class `cls`, or a list). */
static kestra_result element(kestra_record *r, SEXP x, atomic_class cls, R_xlen_t i) {
  switch (TYPEOF(x)) {
    case VECSXP: return value(r, VECTOR_ELT(x, i));
    case STRSXP: return string(r, STRING_ELT(x, i));
    case LGLSXP: {
      int v = LOGICAL(x)[i];
      return v == NA_LOGICAL ? kestra_record_null(r) : kestra_record_bool(r, v);
    }
    case INTSXP: {
      int v = INTEGER(x)[i];
      if (v == NA_INTEGER) return kestra_record_null(r);
      if (cls == FACTOR) {
        SEXP levels = Rf_getAttrib(x, R_LevelsSymbol);
        if (TYPEOF(levels) == STRSXP && v >= 1 && v <= XLENGTH(levels))
          return string(r, STRING_ELT(levels, v - 1));
        return kestra_record_null(r); /* a code without a level reads as NA */
      }
      if (cls == DATE) return date_text(r, v);
      if (cls == POSIXCT) return time_text(r, v);
      return kestra_record_int64(r, v);
    }
    case REALSXP: {
      if (cls == INTEGER64) { /* bit64 keeps an int64_t in the bits of each double */
        int64_t n;
        memcpy(&n, &REAL(x)[i], sizeof n);
        return n == INT64_MIN ? kestra_record_null(r) : kestra_record_int64(r, n);
      }
      double v = REAL(x)[i];
      if (ISNA(v)) return kestra_record_null(r); /* NA_real_; NaN goes on to the core */
      if (isfinite(v) && cls == DATE) return date_text(r, v);
      if (isfinite(v) && cls == POSIXCT) return time_text(r, v);
      return kestra_record_javascript_number(r, v);
    }
    default: return kestra_record_unsupported(r, kr_type_name(x));
  }
}

static kestra_result key(kestra_record *r, SEXP name) {
  size_t len;
  const char *utf8 = kr_utf8(name, &len);
  return kestra_record_key(r, utf8, len);
}

kestra_result kr_entries(kestra_record *r, SEXP x) {
  SEXP names = Rf_getAttrib(x, R_NamesSymbol);
  if (TYPEOF(names) != STRSXP || !Rf_isVector(x) || Rf_isFrame(x))
    return kestra_record_unsupported(r, kr_type_name(x));
  atomic_class cls = class_of(x);
  kestra_result res = KESTRA_OK;
  for (R_xlen_t i = 0, n = XLENGTH(x); i < n && res == KESTRA_OK; i++) {
    res = key(r, STRING_ELT(names, i));
    if (res == KESTRA_OK) res = element(r, x, cls, i);
  }
  return res;
}

static kestra_result object(kestra_record *r, SEXP x) {
  kestra_result res = kestra_record_begin_object(r, x);
  if (res == KESTRA_OK) res = kr_entries(r, x);
  return res == KESTRA_OK ? kestra_record_end_object(r) : res;
}

static kestra_result array(kestra_record *r, SEXP x, atomic_class cls) {
  kestra_result res = kestra_record_begin_array(r, x);
  for (R_xlen_t i = 0, n = XLENGTH(x); i < n && res == KESTRA_OK; i++) res = element(r, x, cls, i);
  return res == KESTRA_OK ? kestra_record_end_array(r) : res;
}

/* A matrix: one array per row (R stores it by column). */
static kestra_result matrix(kestra_record *r, SEXP x, atomic_class cls, const int *dim) {
  kestra_result res = kestra_record_begin_array(r, x);
  for (int row = 0; row < dim[0] && res == KESTRA_OK; row++) {
    res = kestra_record_begin_array(r, NULL);
    for (int col = 0; col < dim[1] && res == KESTRA_OK; col++)
      res = element(r, x, cls, row + (R_xlen_t)col * dim[0]);
    if (res == KESTRA_OK) res = kestra_record_end_array(r);
  }
  return res == KESTRA_OK ? kestra_record_end_array(r) : res;
}

/* A data.frame: one object per row, its columns as keys. */
static kestra_result data_frame(kestra_record *r, SEXP x) {
  SEXP names = Rf_getAttrib(x, R_NamesSymbol);
  R_xlen_t rows = XLENGTH(Rf_getAttrib(x, R_RowNamesSymbol)), cols = XLENGTH(x);
  kestra_result res = kestra_record_begin_array(r, x);
  for (R_xlen_t row = 0; row < rows && res == KESTRA_OK; row++) {
    res = kestra_record_begin_object(r, NULL);
    for (R_xlen_t col = 0; col < cols && res == KESTRA_OK; col++) {
      SEXP column = VECTOR_ELT(x, col);
      res = key(r, STRING_ELT(names, col));
      if (res != KESTRA_OK) break;
      if (Rf_isVector(column) && XLENGTH(column) > row)
        res = element(r, column, class_of(column), row);
      else
        res = kestra_record_unsupported(r, kr_type_name(column));
    }
    if (res == KESTRA_OK) res = kestra_record_end_object(r);
  }
  return res == KESTRA_OK ? kestra_record_end_array(r) : res;
}

/* POSIXlt (a list of fields) is read as the POSIXct it stands for. */
static kestra_result posixlt(kestra_record *r, SEXP x) {
  SEXP call = PROTECT(Rf_lang2(Rf_install("as.POSIXct"), x));
  SEXP ct = PROTECT(Rf_eval(call, R_BaseEnv));
  kestra_result res = value(r, ct);
  UNPROTECT(2);
  return res;
}

static kestra_result value(kestra_record *r, SEXP x) {
  switch (TYPEOF(x)) {
    case NILSXP: return kestra_record_null(r);
    case VECSXP:
      if (OBJECT(x) && Rf_isFrame(x)) return data_frame(r, x);
      if (OBJECT(x) && Rf_inherits(x, "POSIXlt")) return posixlt(r, x);
      /* fall through: a list is a vector whose elements are values */
    case LGLSXP:
    case INTSXP:
    case REALSXP:
    case STRSXP: {
      atomic_class cls = class_of(x);
      SEXP dim = Rf_getAttrib(x, R_DimSymbol);
      if (TYPEOF(dim) == INTSXP && XLENGTH(dim) == 2) return matrix(r, x, cls, INTEGER(dim));
      if (TYPEOF(dim) == INTSXP && XLENGTH(dim) > 2) return kestra_record_unsupported(r, "array");
      if (TYPEOF(Rf_getAttrib(x, R_NamesSymbol)) == STRSXP) return object(r, x);
      if (TYPEOF(x) != VECSXP && XLENGTH(x) == 1 && !(OBJECT(x) && Rf_inherits(x, "AsIs")))
        return element(r, x, cls, 0);
      return array(r, x, cls);
    }
    default: return kestra_record_unsupported(r, kr_type_name(x));
  }
}

kestra_result kr_value(kestra_record *r, SEXP x) { return value(r, x); }
