/* The C glue between R values and the core's C ABI (kestra.h): shared declarations.
 * The glue converts and calls; every rule and every protocol error message is the core's. */
#ifndef KESTRA_R_GLUE_H
#define KESTRA_R_GLUE_H

#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>

#include <kestra/ion.h>
#include <kestra/kestra.h>

/* The one record of the session, made on first use and reused for every line
 * (R runs package code on one thread). */
kestra_record *kr_record(void);

/* Feeds the R value `x` to `r` as the next JSON value (see convert.c for the
 * mapping). Returns the core's result: on failure the record holds the message. */
kestra_result kr_value(kestra_record *r, SEXP x);

/* Feeds the elements of a named list or named atomic vector as key/value pairs
 * (metric tags); anything else is refused by the core as an unsupported type. */
kestra_result kr_entries(kestra_record *r, SEXP x);

/* The bytes of a CHARSXP as UTF-8 (latin1 and native text translated, "bytes"
 * strings passed as they are for the core to judge). Stores the length. */
const char *kr_utf8(SEXP s, size_t *len);

/* Writes `seconds` since the epoch as ISO-8601 UTC text ("2026-11-21T10:30:00Z",
 * microseconds when not whole) into `text` (capacity `cap`); returns its length. */
int kr_iso_time(double seconds, char *text, size_t cap);

/* The R class name shown in "unsupported type ..." messages. */
const char *kr_type_name(SEXP x);

/* Raises a condition of classes kestra_<kind>_error, kestra_error, error,
 * condition with the core's `kind` (kestra_result_name) and `message`, both
 * copied first. Does not return. */
void kr_raise_message(const char *kind, const char *message) __attribute__((noreturn));

/* Raises the record's failure as an R condition of classes
 * kestra_<kind>_error, kestra_error, error, condition. Does not return. */
void kr_raise(kestra_record *r) __attribute__((noreturn));

/* Raises the core's kestra_type_error for a text argument (`argument`, of a
 * metric of `type` when it is one) given the R value `got`, which is not a
 * string: the core words it ("counter name: must be a string, got list"). */
void kr_raise_not_text(kestra_record *r, kestra_text_argument argument, kestra_metric_type type, SEXP got)
    __attribute__((noreturn));

/* Reads the next top-level value of `reader` whole into *out as R values (see
 * values.c), `rows` non-zero for Kestra$read()'s conversions (nulls as NA,
 * date-time strings as POSIXct), zero for plain JSON (nulls as NULL). At the
 * end of the stream *out is R_NilValue and *at_end non-zero. Returns the
 * reader's result: on failure the reader holds the message. *out is not
 * protected: protect it before the next allocation. */
kestra_result kr_ion_next(kestra_ion_reader *reader, int rows, SEXP *out, int *at_end);

#endif
