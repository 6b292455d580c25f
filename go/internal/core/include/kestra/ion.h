/*
 * kestra/ion.h: reading the files of Kestra's internal storage.
 *
 * Kestra stores a task's rows (a query's result, a file of records) as Amazon
 * Ion text, one value per row, as its FileSerde writes them. This part of the C
 * ABI reads that text, streaming: a kestra_ion_reader is a pull parser that
 * hands out one event at a time (a value, the end of a container, the end of
 * the stream) and holds only the current value and the containers around it,
 * so a file larger than memory can be iterated row by row.
 *
 *     kestra_ion_reader *r = kestra_ion_reader_new();
 *     kestra_ion_reader_open_fd(r, fd, KESTRA_ION_ROWS);
 *     const char *line; size_t len;
 *     while (kestra_ion_reader_next_json(r, &line, &len) == KESTRA_OK && len)
 *         fwrite(line, 1, len, stdout);          // one JSON object per row
 *     if (kestra_ion_reader_status(r) != KESTRA_OK)
 *         fprintf(stderr, "%s\n", kestra_ion_reader_error(r));
 *     kestra_ion_reader_free(r);
 *
 * The grammar read is the whole of Ion 1.0 text: structs, lists, s-expressions,
 * strings and long strings ('''...''' pieces concatenated), symbols (identifiers,
 * quoted, operators in s-expressions), ints of any size (decimal, hex, binary,
 * underscores), decimals (d exponents), floats (nan, +inf, -inf), bools, typed
 * nulls, timestamps of every precision and offset, annotations, blobs, clobs,
 * and comments. The version marker $ion_1_0 and local symbol tables
 * ($ion_symbol_table::{...}) at the top level are skipped. Nesting is held on an
 * explicit stack, limited to KESTRA_ION_MAX_DEPTH levels (an error past it,
 * never a stack overflow).
 *
 * Errors: a failing call returns a kestra_result (syntax for text that is not
 * Ion, unicode for bytes that are not UTF-8, depth, limit, type, io) and the
 * reader keeps a message "line L, column C: reason" (kestra_ion_reader_error).
 * A failed reader stays failed until it is opened again.
 *
 * The conversions of Kestra's official Python package (kestra 2.0.0,
 * Kestra.read) that every language shares are here too: decimals read as
 * doubles (kestra_ion_reader_double), blobs and clobs as UTF-8 text, and which
 * strings are date-times (kestra_datetime_parse).
 */
#ifndef KESTRA_ION_H
#define KESTRA_ION_H

#include "kestra/kestra.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The deepest nesting read (containers inside containers). */
#define KESTRA_ION_MAX_DEPTH 10000

typedef struct kestra_ion_reader kestra_ion_reader;

typedef enum kestra_ion_event {
  /* Nothing more: the end of the input at the top level. */
  KESTRA_ION_EVENT_END = 0,
  /* A value: a scalar, or the start of a container, whose children come
   * next, then KESTRA_ION_EVENT_CONTAINER_END. */
  KESTRA_ION_EVENT_VALUE = 1,
  /* The end of the innermost open container. */
  KESTRA_ION_EVENT_CONTAINER_END = 2,
  KESTRA_ION_EVENT_MIN_ = -0x7fffffff - 1, /* not events: see KESTRA_RESULT_MIN_ */
  KESTRA_ION_EVENT_MAX_ = 0x7fffffff
} kestra_ion_event;

typedef enum kestra_ion_type {
  KESTRA_ION_NONE = 0, /* no current value */
  KESTRA_ION_NULL = 1, /* null and null.null */
  KESTRA_ION_BOOL = 2,
  KESTRA_ION_INT = 3,
  KESTRA_ION_FLOAT = 4,
  KESTRA_ION_DECIMAL = 5,
  KESTRA_ION_TIMESTAMP = 6,
  KESTRA_ION_SYMBOL = 7,
  KESTRA_ION_STRING = 8,
  KESTRA_ION_CLOB = 9,
  KESTRA_ION_BLOB = 10,
  KESTRA_ION_LIST = 11,
  KESTRA_ION_SEXP = 12,
  KESTRA_ION_STRUCT = 13,
  KESTRA_ION_TYPE_MIN_ = -0x7fffffff - 1, /* not types: see KESTRA_RESULT_MIN_ */
  KESTRA_ION_TYPE_MAX_ = 0x7fffffff
} kestra_ion_type;

/* The Ion name of a type ("null", "bool", "int", ..., "struct"); "none" for
 * KESTRA_ION_NONE, NULL outside the enum. Static storage. */
KESTRA_API const char *kestra_ion_type_name(kestra_ion_type type);

/* Flags of the open calls. */
#define KESTRA_ION_DEFAULT 0u
/* Every top-level value must be a struct (a row); another value fails with
 * KESTRA_ERROR_TYPE. What Kestra.read expects. */
#define KESTRA_ION_ROWS 1u
/* Blobs and clobs must hold UTF-8 text (what Kestra.read makes of them); other
 * bytes fail with KESTRA_ERROR_UNICODE at the lob's position. */
#define KESTRA_ION_TEXT_LOBS 2u
/* Both: how Kestra.read reads a file in every language. */
#define KESTRA_ION_KESTRA_READ (KESTRA_ION_ROWS | KESTRA_ION_TEXT_LOBS)

/* A new reader with nothing open. The caller owns it (kestra_ion_reader_free).
 * NULL when memory is exhausted. */
KESTRA_API kestra_ion_reader *kestra_ion_reader_new(void);

/* Frees a reader, closing a file it opened. NULL is accepted and ignored. */
KESTRA_API void kestra_ion_reader_free(kestra_ion_reader *reader);

/* Reads `len` bytes at `data`, borrowed until the reader is opened again or
 * freed (the reader does not copy them). */
KESTRA_API kestra_result kestra_ion_reader_open_buffer(kestra_ion_reader *reader, const char *data,
                                                       size_t len, unsigned flags);

/* Reads from the descriptor `fd` (borrowed: never closed by the reader) in
 * chunks of 64 KiB, from its current position to its end. */
KESTRA_API kestra_result kestra_ion_reader_open_fd(kestra_ion_reader *reader, int fd, unsigned flags);

/*
 * Where a reader opened with kestra_ion_reader_open_callback gets its bytes:
 * fills up to `capacity` bytes at `buffer` and returns how many (0 at the end
 * of the input), or -1 with errno set on an error (the reader then fails with
 * KESTRA_ERROR_IO). A binding uses it to release its interpreter's lock while
 * it waits for input. `context` is the caller's.
 */
typedef ptrdiff_t (*kestra_ion_read_fn)(void *context, char *buffer, size_t capacity);

/* Reads what `read` gives. `read` and `context` (borrowed) must stay valid
 * until the reader is opened again or freed. */
KESTRA_API kestra_result kestra_ion_reader_open_callback(kestra_ion_reader *reader, kestra_ion_read_fn read,
                                                         void *context, unsigned flags);

/* Opens the file at `path` (borrowed, NUL-terminated) for reading; the reader
 * owns the descriptor and closes it when opened again or freed.
 * KESTRA_ERROR_IO with "cannot open '<path>': <strerror>" when it cannot. */
KESTRA_API kestra_result kestra_ion_reader_open_file(kestra_ion_reader *reader, const char *path,
                                                     unsigned flags);

/*
 * Moves to the next event and stores it in *event. After a container's VALUE
 * event the next call enters it. At the end of the stream *event is
 * KESTRA_ION_EVENT_END and stays so. On failure *event is KESTRA_ION_EVENT_END.
 */
KESTRA_API kestra_result kestra_ion_reader_next(kestra_ion_reader *reader, kestra_ion_event *event);

/* The current value (after a VALUE event; KESTRA_ION_NONE otherwise). For a
 * typed null, its type (null.int is KESTRA_ION_INT with is_null set). */
KESTRA_API kestra_ion_type kestra_ion_reader_type(const kestra_ion_reader *reader);
/* Non-zero when the current value is a null of any type. */
KESTRA_API int kestra_ion_reader_is_null(const kestra_ion_reader *reader);
/* The number of open containers around the current position (0 at the top). */
KESTRA_API size_t kestra_ion_reader_depth(const kestra_ion_reader *reader);

/* The field name of the current value inside a struct (UTF-8, length in *len),
 * NULL outside a struct. Borrowed: valid until the next call of _next. */
KESTRA_API const char *kestra_ion_reader_field_name(const kestra_ion_reader *reader, size_t *len);

/* The number of annotations of the current value, and the `index`th of them
 * (UTF-8, length in *len; NULL past the count). Borrowed until the next _next. */
KESTRA_API size_t kestra_ion_reader_annotation_count(const kestra_ion_reader *reader);
KESTRA_API const char *kestra_ion_reader_annotation(const kestra_ion_reader *reader, size_t index,
                                                    size_t *len);

/*
 * The current scalar as text (length in *len; borrowed until the next _next):
 * a string or symbol's UTF-8 text; an int as canonical decimal digits ("-255"
 * for -0xff); a decimal or float as text strtod reads ("1.5e3" for 1.5d3;
 * "nan", "+inf", "-inf"); a timestamp as written; a blob or clob as its bytes
 * (which may hold NULs); a bool as "true" or "false". NULL for a null or a
 * container.
 */
KESTRA_API const char *kestra_ion_reader_text(const kestra_ion_reader *reader, size_t *len);

/* The current int in *value. KESTRA_ERROR_LIMIT when it does not fit 64 bits
 * (use the text), KESTRA_ERROR_TYPE when the value is not a non-null int. */
KESTRA_API kestra_result kestra_ion_reader_int64(const kestra_ion_reader *reader, int64_t *value);

/* The current float, decimal or int as the nearest double (a decimal past the
 * range is an infinity, as Python's float(Decimal) makes it). KESTRA_ERROR_TYPE
 * for another type or a null. */
KESTRA_API kestra_result kestra_ion_reader_double(const kestra_ion_reader *reader, double *value);

/* The current bool (0 or 1); KESTRA_ERROR_TYPE for another type or a null. */
KESTRA_API kestra_result kestra_ion_reader_bool(const kestra_ion_reader *reader, int *value);

/* Precisions of a kestra_datetime. */
typedef enum kestra_datetime_precision {
  KESTRA_DATETIME_YEAR = 0,
  KESTRA_DATETIME_MONTH = 1,
  KESTRA_DATETIME_DAY = 2,
  KESTRA_DATETIME_MINUTE = 3,
  KESTRA_DATETIME_SECOND = 4,                       /* with or without a fraction */
  KESTRA_DATETIME_PRECISION_MIN_ = -0x7fffffff - 1, /* see KESTRA_RESULT_MIN_ */
  KESTRA_DATETIME_PRECISION_MAX_ = 0x7fffffff
} kestra_datetime_precision;

/* A calendar date and time, as written (local time at the offset). Fields
 * below the precision are their minimum (month 1, day 1, 0). */
typedef struct kestra_datetime {
  int32_t year;            /* 1..9999 */
  int32_t month;           /* 1..12 */
  int32_t day;             /* 1..31 */
  int32_t hour;            /* 0..23 */
  int32_t minute;          /* 0..59 */
  int32_t second;          /* 0..59 */
  int32_t nanosecond;      /* 0..999999999; digits past nanoseconds are dropped */
  int32_t fraction_digits; /* digits written after the '.' (0: none) */
  int32_t has_offset;      /* 0: a local time (no offset, or Ion's -00:00) */
  int32_t offset_minutes;  /* east of UTC, when has_offset */
  int32_t precision;       /* a kestra_datetime_precision */
} kestra_datetime;

/* The current timestamp's fields in *out. KESTRA_ERROR_TYPE for another type
 * or a null. */
KESTRA_API kestra_result kestra_ion_reader_timestamp(const kestra_ion_reader *reader, kestra_datetime *out);

/*
 * The string rule of the official Kestra.read: is `text` (UTF-8, borrowed) a
 * date-time it turns into a datetime, and which? Two forms:
 *   - ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$ (ASCII
 *     digits), read as dateutil's isoparse reads it: "-00:00" is UTC, hour 24
 *     (with zero minutes and seconds) is midnight of the next day;
 *   - text starting with "LocalDateTime::", whose part up to the next "::"
 *     (quotes stripped) is an ISO-8601 date, or date and time, basic or extended
 *     ("2024-04-21", "20240421T1000", "2024-04-21T10:00:00.123+01:00").
 * KESTRA_OK with the fields in *out (precision SECOND or DAY); KESTRA_ERROR_VALUE
 * when the text is not such a date-time or names no real date or time
 * ("2023-02-30T00:00:00", second 60, offset +24:00): then it stays a string.
 */
KESTRA_API kestra_result kestra_datetime_parse(const char *text, size_t len, kestra_datetime *out);

/*
 * Reads the next top-level value whole and gives it as one line of compact JSON
 * text with its "\n" (in *line, length in *len; borrowed until the next call on
 * the reader), converted as Kestra.read converts it: decimals as doubles, typed
 * nulls as null, blobs and clobs as UTF-8 strings (KESTRA_ERROR_UNICODE when
 * they are not UTF-8), symbols as strings, s-expressions as arrays, timestamps
 * as ISO-8601 strings, NaN and infinities as the strings "NaN", "Infinity",
 * "-Infinity" (as Jackson writes them); annotations are dropped. At the end of
 * the stream: KESTRA_OK with *len 0 and *line "". Not to be mixed with _next
 * inside a value.
 */
KESTRA_API kestra_result kestra_ion_reader_next_json(kestra_ion_reader *reader, const char **line,
                                                     size_t *len);

/* The message of the reader's failure ("line 3, column 14: ..."), "" when none.
 * Borrowed: valid until the next call on the reader. */
KESTRA_API const char *kestra_ion_reader_error(const kestra_ion_reader *reader);

/* The result of the reader's failure, KESTRA_OK when none. */
KESTRA_API kestra_result kestra_ion_reader_status(const kestra_ion_reader *reader);

#ifdef __cplusplus
}
#endif

#endif /* KESTRA_ION_H */
