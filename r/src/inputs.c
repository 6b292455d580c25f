/* The functions R calls that read what Kestra gives a script: the rows of a
 * file of its internal storage (Kestra$read, Kestra$iter_read) and the
 * execution context (Kestra$context, Kestra$context_value). The core finds,
 * reads and checks both; values.c makes the R values; the errors are the
 * core's. */
#include "glue.h"

#include <stdlib.h>
#include <string.h>

static kestra_ion_reader *session_reader(void) {
  static kestra_ion_reader *reader;
  if (reader == NULL && (reader = kestra_ion_reader_new()) == NULL)
    kr_raise_message(kestra_result_name(KESTRA_ERROR_NO_MEMORY), "");
  return reader;
}

/* Raises the reader's failure after closing what it read (copied first). */
static void __attribute__((noreturn)) raise_reader(kestra_ion_reader *r) {
  SEXP kind = PROTECT(Rf_mkString(kestra_result_name(kestra_ion_reader_status(r))));
  SEXP message = PROTECT(Rf_mkString(kestra_ion_reader_error(r)));
  kestra_ion_reader_open_buffer(r, "", 0, KESTRA_ION_DEFAULT); /* closes a file */
  kr_raise_message(CHAR(STRING_ELT(kind, 0)), CHAR(STRING_ELT(message, 0)));
}

/* read(path, a character string checked by the R function): every row of the
 * Ion file, as a list of named lists, or the core's error before any row. */
SEXP kr_read(SEXP path) {
  kestra_ion_reader *reader = session_reader();
  const char *file = R_ExpandFileName(Rf_translateChar(STRING_ELT(path, 0)));
  if (kestra_ion_reader_open_file(reader, file, KESTRA_ION_KESTRA_READ) != KESTRA_OK) raise_reader(reader);
  SEXP rows = Rf_allocVector(VECSXP, 0);
  PROTECT_INDEX index;
  PROTECT_WITH_INDEX(rows, &index);
  R_xlen_t count = 0;
  for (;;) {
    SEXP row;
    int at_end;
    if (kr_ion_next(reader, 1, &row, &at_end) != KESTRA_OK) raise_reader(reader);
    if (at_end) break;
    PROTECT(row);
    if (count == XLENGTH(rows)) {
      rows = Rf_lengthgets(rows, count ? count * 2 : 16);
      REPROTECT(rows, index);
    }
    SET_VECTOR_ELT(rows, count++, row);
    UNPROTECT(1);
  }
  kestra_ion_reader_open_buffer(reader, "", 0, KESTRA_ION_DEFAULT); /* closes the file */
  rows = Rf_lengthgets(rows, count);
  UNPROTECT(1);
  return rows;
}

/* An iterator's reader, held by an external pointer (freed with it, or at the end). */
typedef struct {
  kestra_ion_reader *reader;
  int busy; /* inside kr_iter_next: still set when R left it by an error or an interrupt */
} rows_iterator;

static void iterator_close(SEXP handle) {
  rows_iterator *it = (rows_iterator *)R_ExternalPtrAddr(handle);
  if (it == NULL) return;
  kestra_ion_reader_free(it->reader); /* closes the file */
  free(it);
  R_ClearExternalPtr(handle);
}

/* iter_open(path, checked by the R function): a handle on the opened file, or
 * the core's error (kestra_io_error) when it cannot be opened. */
SEXP kr_iter_open(SEXP path) {
  const char *file = R_ExpandFileName(Rf_translateChar(STRING_ELT(path, 0)));
  rows_iterator *it = (rows_iterator *)calloc(1, sizeof *it);
  if (it == NULL || (it->reader = kestra_ion_reader_new()) == NULL) {
    free(it);
    kr_raise_message(kestra_result_name(KESTRA_ERROR_NO_MEMORY), "");
  }
  SEXP handle = PROTECT(R_MakeExternalPtr(it, R_NilValue, R_NilValue));
  R_RegisterCFinalizerEx(handle, iterator_close, TRUE);
  if (kestra_ion_reader_open_file(it->reader, file, KESTRA_ION_KESTRA_READ) != KESTRA_OK)
    raise_reader(it->reader);
  UNPROTECT(1);
  return handle;
}

/* iter_next(handle): the next row, or NULL after the last one. A row that fails
 * raises the core's error and closes the iterator, as does an R error inside a
 * row (a string holding NUL, an interrupt): every later call is NULL, as a
 * Python generator ends after it raised. */
SEXP kr_iter_next(SEXP handle) {
  rows_iterator *it = (rows_iterator *)R_ExternalPtrAddr(handle);
  if (it == NULL) return R_NilValue;
  if (it->busy) { /* the previous call did not return: the reader is inside a row */
    iterator_close(handle);
    return R_NilValue;
  }
  SEXP row;
  int at_end;
  it->busy = 1;
  kestra_result res = kr_ion_next(it->reader, 1, &row, &at_end);
  it->busy = 0;
  if (res != KESTRA_OK) {
    SEXP kind = PROTECT(Rf_mkString(kestra_result_name(kestra_ion_reader_status(it->reader))));
    SEXP message = PROTECT(Rf_mkString(kestra_ion_reader_error(it->reader)));
    iterator_close(handle);
    kr_raise_message(CHAR(STRING_ELT(kind, 0)), CHAR(STRING_ELT(message, 0)));
  }
  if (at_end) {
    iterator_close(handle);
    return R_NilValue;
  }
  return row;
}

static kestra_context *session_context(void) {
  static kestra_context *context;
  if (context == NULL && (context = kestra_context_new()) == NULL)
    kr_raise_message(kestra_result_name(KESTRA_ERROR_NO_MEMORY), "");
  return context;
}

/* Loads the context the core finds from `path` (NULL or a character string). */
static kestra_context *load_context(SEXP path) {
  kestra_context *context = session_context();
  const char *file = NULL;
  size_t file_len = 0;
  if (path != R_NilValue) {
    file = R_ExpandFileName(Rf_translateChar(STRING_ELT(path, 0)));
    file_len = strlen(file);
  }
  kestra_result res = kestra_context_load(context, file, file_len);
  if (res != KESTRA_OK) kr_raise_message(kestra_result_name(res), kestra_context_error(context));
  return context;
}

/* JSON text (checked by the core) as R values, by the Ion reader: JSON text is Ion text. */
static SEXP json_value(const char *json, size_t len) {
  kestra_ion_reader *reader = session_reader();
  SEXP value;
  int at_end;
  if (kestra_ion_reader_open_buffer(reader, json, len, KESTRA_ION_DEFAULT) != KESTRA_OK ||
      kr_ion_next(reader, 0, &value, &at_end) != KESTRA_OK)
    raise_reader(reader);
  return value;
}

/* context(path: NULL or a character string): the execution context the core
 * finds (kestra_context_load) as a named list. */
SEXP kr_context(SEXP path) {
  size_t len;
  const char *json = kestra_context_json(load_context(path), &len);
  return json_value(json, len);
}

/* context_value(key: a character string, path: NULL or a character string), both
 * checked by the R function: the value at `key` (kestra_context_get), a string as
 * character, anything else as Kestra$context() reads it; the core's error (a
 * missing key, a malformed key) otherwise. */
SEXP kr_context_value(SEXP key, SEXP path) {
  kestra_context *context = load_context(path);
  size_t key_len, len;
  const char *utf8 = kr_utf8(STRING_ELT(key, 0), &key_len);
  const char *value;
  int is_string;
  kestra_result res = kestra_context_get(context, utf8, key_len, &value, &len, &is_string);
  if (res != KESTRA_OK) kr_raise_message(kestra_result_name(res), kestra_context_error(context));
  if (is_string) return Rf_ScalarString(Rf_mkCharLenCE(value, (int)len, CE_UTF8));
  return json_value(value, len);
}
