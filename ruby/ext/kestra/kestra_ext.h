/* kestra_ext.h: what the extension's C files share. */
#ifndef KESTRA_RUBY_EXT_H
#define KESTRA_RUBY_EXT_H
#include <ruby.h>

#include "kestra/kestra.h"

/* Raises a failure of the core as Kestra::TypeError (kind "type"),
 * Kestra::NotFoundError ("not_found") or Kestra::ArgumentError (any other kind),
 * with the core's kind and `message` (copied). Does not return. */
void kestra_rb_raise_result(kestra_result res, const char *message);

/* Defines Native.each_row(path) (ion_rows.c). */
void kestra_rb_init_ion_rows(VALUE native);
/* Defines Native::Summary (summary.c). */
void kestra_rb_init_summary(VALUE native);
#endif
