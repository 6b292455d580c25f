/* C glue of package kestra: kestra.h, and the few conversions cgo cannot make. */
#ifndef KESTRA_GO_GLUE_H
#define KESTRA_GO_GLUE_H
#include <stdint.h>
#include "internal/core/include/kestra/kestra.h"

/* A container's identity for cycle detection comes from Go as an integer: the
 * core never dereferences it, and cgo forbids passing such Go pointers as pointers. */
static inline kestra_result kestra_go_begin_object(kestra_record *r, uintptr_t identity) {
  return kestra_record_begin_object(r, (const void *)identity);
}
static inline kestra_result kestra_go_begin_array(kestra_record *r, uintptr_t identity) {
  return kestra_record_begin_array(r, (const void *)identity);
}
/* KESTRA_ABI_MATCHES as a function: cgo cannot call a macro. */
static inline int kestra_go_abi_matches(unsigned loaded) { return KESTRA_ABI_MATCHES(loaded); }
#endif
