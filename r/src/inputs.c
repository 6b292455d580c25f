/* The functions R calls that read what Kestra gives a script: the rows of a
 * file of its internal storage (Kestra$read) and the execution context
 * (Kestra$context). The core finds, reads and checks both; values.c makes the
 * R values; the errors are the core's. */
#include "glue.h"

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

/* context(path: NULL or a character string): the execution context the core
 * finds (kestra_context_load) as a named list. Its JSON text, already checked
 * by the core, is read by the same Ion reader: JSON text is Ion text. */
SEXP kr_context(SEXP path) {
  static kestra_context *context;
  if (context == NULL && (context = kestra_context_new()) == NULL)
    kr_raise_message(kestra_result_name(KESTRA_ERROR_NO_MEMORY), "");
  const char *file = NULL;
  size_t file_len = 0;
  if (path != R_NilValue) {
    file = R_ExpandFileName(Rf_translateChar(STRING_ELT(path, 0)));
    file_len = strlen(file);
  }
  kestra_result res = kestra_context_load(context, file, file_len);
  if (res != KESTRA_OK) kr_raise_message(kestra_result_name(res), kestra_context_error(context));
  size_t len;
  const char *json = kestra_context_json(context, &len);
  kestra_ion_reader *reader = session_reader();
  SEXP value;
  int at_end;
  if (kestra_ion_reader_open_buffer(reader, json, len, KESTRA_ION_DEFAULT) != KESTRA_OK ||
      kr_ion_next(reader, 0, &value, &at_end) != KESTRA_OK)
    raise_reader(reader);
  return value;
}
