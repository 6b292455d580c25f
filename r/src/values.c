/* R values from the core's Ion reader (kestra/ion.h), for Kestra$read() and
 * Kestra$context(). The context's JSON text goes through the same reader, as
 * JSON text is Ion text: so the package needs no JSON parser of its own and no
 * R dependency. Every rule (grammar, conversions, errors) is the core's; here
 * are only the R objects:
 *
 *   struct              a named list (in order; an empty one has names character(0));
 *                       a repeated field name is kept once, at its first place
 *                       with its last value (as a Python dict keeps it)
 *   list, s-expression  an unnamed list
 *   null of any type    NA (rows) or NULL (the context, as jsonlite reads null)
 *   bool                logical
 *   int                 integer, or double past R's integer range
 *   float, decimal      double (nan, +inf, -inf as NaN, Inf, -Inf)
 *   timestamp           POSIXct in UTC (a time without an offset read as UTC)
 *   string              character; in rows, a POSIXct when the core's
 *                       kestra_datetime_parse says it is a date-time (as the
 *                       official Kestra.read turns such strings into datetimes)
 *   symbol, blob, clob  character (lobs as UTF-8 text: KESTRA_ION_TEXT_LOBS)
 *
 * Nesting is held on an explicit stack (the reader allows 10,000 levels), never
 * on the C stack.
 */
#include "glue.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Days from 1970-01-01 to a civil date (proleptic Gregorian), the inverse of
 * convert.c's civil_from_days. */
static long long days_from_civil(long long y, int m, int d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static SEXP posixct(const kestra_datetime *dt) {
  double seconds = (double)days_from_civil(dt->year, dt->month, dt->day) * 86400.0 + dt->hour * 3600.0 +
                   dt->minute * 60.0 + dt->second + dt->nanosecond * 1e-9;
  if (dt->has_offset) seconds -= dt->offset_minutes * 60.0;
  SEXP out = PROTECT(Rf_ScalarReal(seconds));
  SEXP cls = PROTECT(Rf_allocVector(STRSXP, 2));
  SET_STRING_ELT(cls, 0, Rf_mkChar("POSIXct"));
  SET_STRING_ELT(cls, 1, Rf_mkChar("POSIXt"));
  Rf_setAttrib(out, R_ClassSymbol, cls);
  Rf_setAttrib(out, Rf_install("tzone"), Rf_mkString("UTC"));
  UNPROTECT(2);
  return out;
}

static SEXP text(const char *s, size_t len) { return Rf_ScalarString(Rf_mkCharLenCE(s, (int)len, CE_UTF8)); }

typedef struct {
  kestra_ion_reader *reader;
  int rows; /* reading Kestra$read()'s rows: nulls as NA, date-time strings as POSIXct */
} walk;

static kestra_result scalar(const walk *w, SEXP *out) {
  kestra_ion_reader *r = w->reader;
  if (kestra_ion_reader_is_null(r)) {
    *out = w->rows ? Rf_ScalarLogical(NA_LOGICAL) : R_NilValue;
    return KESTRA_OK;
  }
  size_t len = 0;
  const char *s = kestra_ion_reader_text(r, &len);
  kestra_result res = KESTRA_OK;
  switch (kestra_ion_reader_type(r)) {
    case KESTRA_ION_BOOL: {
      int b = 0;
      res = kestra_ion_reader_bool(r, &b);
      *out = Rf_ScalarLogical(b);
      break;
    }
    case KESTRA_ION_INT: {
      int64_t v = 0;
      if (kestra_ion_reader_int64(r, &v) == KESTRA_OK && v > INT_MIN && v <= INT_MAX) {
        *out = Rf_ScalarInteger((int)v);
        break;
      }
    } /* fall through: past R's integers, the nearest double */
    case KESTRA_ION_FLOAT:
    case KESTRA_ION_DECIMAL: {
      double v = 0;
      res = kestra_ion_reader_double(r, &v);
      *out = Rf_ScalarReal(v);
      break;
    }
    case KESTRA_ION_TIMESTAMP: {
      kestra_datetime dt;
      res = kestra_ion_reader_timestamp(r, &dt);
      *out = res == KESTRA_OK ? posixct(&dt) : R_NilValue;
      break;
    }
    case KESTRA_ION_STRING: {
      kestra_datetime dt;
      *out = w->rows && kestra_datetime_parse(s, len, &dt) == KESTRA_OK ? posixct(&dt) : text(s, len);
      break;
    }
    default: /* symbols, lobs */ *out = text(s, len);
  }
  return res;
}

/* An open container: its values so far, and their names for a struct. */
typedef struct {
  SEXP values, names; /* protected through the walk's frames list */
  R_xlen_t count;
} frame;

/* Appends to f, whose values and names are kept in frames[slot], frames[slot + 1]. */
static void append(frame *f, SEXP frames, R_xlen_t slot, SEXP value, const char *name, size_t name_len) {
  R_xlen_t cap = XLENGTH(f->values);
  if (f->count == cap) {
    R_xlen_t bigger = cap ? cap * 2 : 8;
    SET_VECTOR_ELT(frames, slot, f->values = Rf_lengthgets(f->values, bigger));
    if (f->names != R_NilValue) SET_VECTOR_ELT(frames, slot + 1, f->names = Rf_lengthgets(f->names, bigger));
  }
  SET_VECTOR_ELT(f->values, f->count, value);
  if (f->names != R_NilValue)
    SET_STRING_ELT(f->names, f->count, Rf_mkCharLenCE(name ? name : "", (int)name_len, CE_UTF8));
  f->count++;
}

/* A field name and where it is in its struct, sorted to find repeated names. */
typedef struct {
  uintptr_t name; /* the CHARSXP: R caches them, so equal names are one object */
  R_xlen_t at;
} field;

static int by_name_then_place(const void *a, const void *b) {
  const field *x = (const field *)a, *y = (const field *)b;
  if (x->name != y->name) return x->name < y->name ? -1 : 1;
  return x->at < y->at ? -1 : x->at > y->at;
}

/* A struct that repeats a field name keeps it once, at its first place with its
 * last value, as a Python dict and a JS object do (so row$dup is what
 * Kestra.read gives in Python and Node). */
static void fold_repeated_names(frame *f) {
  R_xlen_t n = f->count;
  if (n < 2) return;
  field small[32];
  const void *mark = vmaxget(); /* R_alloc's memory is given back below, not at the .Call's end */
  field *fields = n <= 32 ? small : (field *)R_alloc((size_t)n, sizeof *fields);
  for (R_xlen_t i = 0; i < n; i++) fields[i] = (field){(uintptr_t)STRING_ELT(f->names, i), i};
  qsort(fields, (size_t)n, sizeof *fields, by_name_then_place);
  int repeated = 0;
  for (R_xlen_t i = 1; i < n && !repeated; i++) repeated = fields[i].name == fields[i - 1].name;
  if (!repeated) {
    vmaxset(mark);
    return;
  }
  char *dropped = R_alloc((size_t)n, 1);
  memset(dropped, 0, (size_t)n);
  for (R_xlen_t i = 0, end; i < n; i = end) { /* each run of one name: first place, last value */
    for (end = i + 1; end < n && fields[end].name == fields[i].name; end++) dropped[fields[end].at] = 1;
    if (end - i > 1) SET_VECTOR_ELT(f->values, fields[i].at, VECTOR_ELT(f->values, fields[end - 1].at));
  }
  R_xlen_t kept = 0;
  for (R_xlen_t i = 0; i < n; i++) {
    if (dropped[i]) continue;
    SET_VECTOR_ELT(f->values, kept, VECTOR_ELT(f->values, i));
    SET_STRING_ELT(f->names, kept, STRING_ELT(f->names, i));
    kept++;
  }
  f->count = kept;
  vmaxset(mark);
}

/* The container of f, cut to its length, named when a struct. */
static SEXP close_frame(frame *f) {
  if (f->names != R_NilValue) fold_repeated_names(f);
  SEXP values = PROTECT(Rf_lengthgets(f->values, f->count));
  if (f->names != R_NilValue) Rf_setAttrib(values, R_NamesSymbol, Rf_lengthgets(f->names, f->count));
  UNPROTECT(1);
  return values;
}

kestra_result kr_ion_next(kestra_ion_reader *reader, int rows, SEXP *out, int *at_end) {
  const walk walk_ = {reader, rows}, *w = &walk_;
  frame *stack = NULL;
  size_t depth = 0, cap = 0;
  /* frames[2i], frames[2i + 1]: the values and names of stack[i], kept from R's collector */
  SEXP frames = PROTECT(Rf_allocVector(VECSXP, 0));
  PROTECT_INDEX frames_index;
  PROTECT_WITH_INDEX(frames, &frames_index);
  kestra_result res = KESTRA_OK;
  *out = R_NilValue;
  *at_end = 0;
  for (;;) {
    kestra_ion_event event;
    if ((res = kestra_ion_reader_next(w->reader, &event)) != KESTRA_OK) break;
    if (event == KESTRA_ION_EVENT_END) {
      *at_end = 1;
      break;
    }
    SEXP value;
    if (event == KESTRA_ION_EVENT_CONTAINER_END) {
      value = PROTECT(close_frame(&stack[--depth]));
    } else {
      kestra_ion_type type = kestra_ion_reader_type(w->reader);
      int container = !kestra_ion_reader_is_null(w->reader) &&
                      (type == KESTRA_ION_LIST || type == KESTRA_ION_SEXP || type == KESTRA_ION_STRUCT);
      if (container) {
        /* a container is appended to its parent when it closes: its children come first */
        if (depth == cap) { /* R_alloc: freed when the .Call returns, or raises */
          cap = cap ? cap * 2 : 16;
          frame *grown = (frame *)R_alloc(cap, sizeof *stack);
          if (depth) memcpy(grown, stack, depth * sizeof *stack);
          stack = grown;
        }
        if ((size_t)XLENGTH(frames) < 3 * (depth + 1)) {
          frames = Rf_lengthgets(frames, (R_xlen_t)(3 * cap));
          REPROTECT(frames, frames_index);
        }
        frame *f = &stack[depth];
        size_t name_len = 0;
        const char *name = kestra_ion_reader_field_name(w->reader, &name_len);
        /* the name this container has in its parent, kept until it closes */
        SET_VECTOR_ELT(frames, (R_xlen_t)(3 * depth + 2), name ? text(name, name_len) : R_NilValue);
        f->values = Rf_allocVector(VECSXP, 0);
        SET_VECTOR_ELT(frames, (R_xlen_t)(3 * depth), f->values);
        f->names = type == KESTRA_ION_STRUCT ? Rf_allocVector(STRSXP, 0) : R_NilValue;
        SET_VECTOR_ELT(frames, (R_xlen_t)(3 * depth + 1), f->names);
        f->count = 0;
        depth++;
        continue;
      }
      if ((res = scalar(w, &value)) != KESTRA_OK) break;
      PROTECT(value);
    }
    /* the name of the value just finished: a scalar's is the reader's, a container's was kept */
    const char *name = NULL;
    size_t name_len = 0;
    if (event == KESTRA_ION_EVENT_CONTAINER_END) {
      SEXP kept = VECTOR_ELT(frames, (R_xlen_t)(3 * depth + 2));
      if (kept != R_NilValue) {
        name = CHAR(STRING_ELT(kept, 0));
        name_len = (size_t)LENGTH(STRING_ELT(kept, 0));
      }
    } else {
      name = kestra_ion_reader_field_name(w->reader, &name_len);
    }
    if (depth == 0) {
      *out = value;
      UNPROTECT(1);
      break;
    }
    frame *parent = &stack[depth - 1];
    append(parent, frames, (R_xlen_t)(3 * (depth - 1)), value, name, name_len);
    UNPROTECT(1);
  }
  UNPROTECT(2);
  return res;
}
