/* What Kestra would store from a script's output, for kestra_capture(): the
 * bytes written go to the core's kestra_summary, which applies every rule
 * (merging, adding up, rejections); its JSON summary becomes R lists through
 * the Ion reader (values.c), as the context's JSON does. */
#include "glue.h"

/* summarise(bytes: a raw vector of stdout): list(records = the summary as
 * lists, text = the summary as tables, kestra_summary_text). */
SEXP kr_summarise(SEXP bytes) {
  kestra_summary *summary = kestra_summary_new(KESTRA_SUMMARY_TOTALS);
  kestra_ion_reader *reader = kestra_ion_reader_new();
  kestra_result res = summary && reader ? KESTRA_OK : KESTRA_ERROR_NO_MEMORY;
  if (res == KESTRA_OK)
    res =
        kestra_summary_feed(summary, KESTRA_STREAM_STDOUT, (const char *)RAW(bytes), (size_t)XLENGTH(bytes));
  if (res == KESTRA_OK) res = kestra_summary_end(summary, KESTRA_STREAM_STDOUT);
  size_t len = 0, text_len = 0;
  const char *json = res == KESTRA_OK ? kestra_summary_json(summary, &len) : NULL;
  if (res == KESTRA_OK && json == NULL) res = KESTRA_ERROR_NO_MEMORY;
  SEXP records = R_NilValue;
  int at_end;
  if (res == KESTRA_OK) res = kestra_ion_reader_open_buffer(reader, json, len, KESTRA_ION_DEFAULT);
  if (res == KESTRA_OK) res = kr_ion_next(reader, 0, &records, &at_end);
  PROTECT(records);
  const char *text = res == KESTRA_OK ? kestra_summary_text(summary, KESTRA_SUMMARY_PLAIN, &text_len) : NULL;
  SEXP out = PROTECT(Rf_allocVector(VECSXP, 2));
  SET_VECTOR_ELT(out, 0, records);
  if (text) SET_VECTOR_ELT(out, 1, Rf_ScalarString(Rf_mkCharLenCE(text, (int)text_len, CE_UTF8)));
  kestra_summary_free(summary);
  kestra_ion_reader_free(reader);
  UNPROTECT(2);
  /* the summary's JSON is the core's own: only memory can fail here */
  if (res != KESTRA_OK || text == NULL)
    kr_raise_message(kestra_result_name(res ? res : KESTRA_ERROR_NO_MEMORY), "");
  return out;
}
