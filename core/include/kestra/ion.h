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
 * and comments; symbol IDs ($4, $10) and local symbol tables. Nesting is held
 * on an explicit stack, limited to KESTRA_ION_MAX_DEPTH levels (an error past
 * it, never a stack overflow).
 *
 * Symbols: an unquoted $ followed by digits is a symbol ID, given by its text
 * (as a value, a field name or an annotation; '$4' and "$4" are text). $1-$9 are
 * Ion 1.0's system symbols ($ion, $ion_1_0, $ion_symbol_table, name, version,
 * imports, symbols, max_id, $ion_shared_symbol_table). A top-level struct whose
 * first annotation is $ion_symbol_table is a local symbol table: not an event,
 * it defines $10, $11, ... for the rest of the stream from `symbols` (a list: a
 * string's text, or a slot of unknown text for any other entry) after
 * `imports`: $ion_symbol_table keeps the table in effect and adds to it; a list
 * of shared imports {name, version, max_id} takes max_id IDs each, of unknown
 * text (no catalog of shared tables is read; "$ion" is the system table), a
 * name (a string) and a max_id (an int >= 0) required; anything else starts
 * from the system table alone. The unquoted top-level $ion_1_0 (the version
 * marker) resets to the system table; '$ion_1_0' and $2 there are skipped and
 * change nothing; a marker of another version ($ion_1_1) fails. An ID past the
 * table in effect fails, and so does one without text ($0, an unknown slot) as
 * a value or a field name; as an annotation it is read with no text
 * (kestra_ion_reader_annotation gives NULL).
 *
 * Errors: a failing call returns a kestra_result (syntax for text that is not
 * Ion, unicode for bytes that are not UTF-8, depth, limit, type, io) and the
 * reader keeps a message "line L, column C: reason" (kestra_ion_reader_error).
 * Running out of memory fails the reader too, in any call that takes it:
 * KESTRA_ERROR_NO_MEMORY, with "out of memory" as its message and its current
 * value cleared. A failed reader stays failed until it is opened again. The conventions of
 * kestra.h hold: a NULL reader gives KESTRA_ERROR_USAGE, strings passed in are
 * borrowed, strings handed out are borrowed from the reader as each call says.
 *
 * Threads: a reader must be used by one thread at a time (a read callback runs
 * on the thread that called _next); different readers may be used at once.
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

/*
 * The Ion name of a type: "null", "bool", "int", "float", "decimal", "timestamp",
 * "symbol", "string", "clob", "blob", "list", "sexp", "struct"; "none" for
 * KESTRA_ION_NONE.
 *
 * type:    any number.
 * Returns: static storage (never free it); NULL for a number outside the enum.
 */
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

/*
 * A new reader with nothing open (it reads as an empty input until opened).
 *
 * Returns: the reader, owned by the caller, who frees it with
 *          kestra_ion_reader_free; NULL when memory is exhausted.
 */
KESTRA_API kestra_ion_reader *kestra_ion_reader_new(void);

/*
 * Frees a reader, closing a file that kestra_ion_reader_open_file opened (never
 * a descriptor given to kestra_ion_reader_open_fd). Every pointer it lent is
 * invalid afterwards.
 *
 * reader: the reader, or NULL (then nothing happens).
 */
KESTRA_API void kestra_ion_reader_free(kestra_ion_reader *reader);

/*
 * Opens a buffer: the reader reads `len` bytes at `data`. Whatever the reader
 * had open is closed and its failure, if any, cleared.
 *
 * reader:  the reader (caller's); NULL gives KESTRA_ERROR_USAGE.
 * data:    the Ion text, borrowed until the reader is opened again or freed (it
 *          is not copied); may be NULL when len is 0.
 * len:     its length in bytes, or KESTRA_CSTR for the bytes up to the first NUL
 *          (NULL data with KESTRA_CSTR is an empty buffer).
 * flags:   KESTRA_ION_DEFAULT, or KESTRA_ION_ROWS and/or KESTRA_ION_TEXT_LOBS.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE for a NULL reader, or NULL data with a
 *          length; KESTRA_ERROR_NO_MEMORY. Errors in the text come from _next.
 */
KESTRA_API kestra_result kestra_ion_reader_open_buffer(kestra_ion_reader *reader, const char *data,
                                                       size_t len, unsigned flags);

/*
 * Opens a descriptor: the reader reads it in chunks of 64 KiB, from its current
 * position to its end (read(2) retried on EINTR). Whatever the reader had open
 * is closed and its failure, if any, cleared.
 *
 * reader:  the reader (caller's); NULL gives KESTRA_ERROR_USAGE.
 * fd:      an open descriptor, borrowed: never closed by the reader; it must stay
 *          open until the reader is opened again or freed.
 * flags:   as for kestra_ion_reader_open_buffer.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE for a NULL reader or a negative fd;
 *          KESTRA_ERROR_NO_MEMORY. Nothing is read yet: a bad descriptor or a read
 *          error is KESTRA_ERROR_IO from _next.
 */
KESTRA_API kestra_result kestra_ion_reader_open_fd(kestra_ion_reader *reader, int fd, unsigned flags);

/*
 * Where a reader opened with kestra_ion_reader_open_callback gets its bytes:
 * fills up to `capacity` bytes at `buffer` and returns how many (0 at the end
 * of the input, after which it is not called again), or -1 with errno set on an
 * error (EINTR makes the reader call again; any other errno fails it with
 * KESTRA_ERROR_IO). It must never return more than `capacity`. A binding uses it
 * to release its interpreter's lock while it waits for input. `context` is the
 * caller's, passed as given; it is called on the thread that calls _next.
 */
typedef ptrdiff_t (*kestra_ion_read_fn)(void *context, char *buffer, size_t capacity);

/*
 * Opens a callback: the reader reads what `read` gives. Whatever the reader had
 * open is closed and its failure, if any, cleared.
 *
 * reader:  the reader (caller's); NULL gives KESTRA_ERROR_USAGE.
 * read:    the function that gives the bytes (see kestra_ion_read_fn); must not
 *          be NULL. Borrowed: it must stay valid until the reader is opened again
 *          or freed.
 * context: passed to `read` as it is (may be NULL); borrowed as `read` is.
 * flags:   as for kestra_ion_reader_open_buffer.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE for a NULL reader or `read`;
 *          KESTRA_ERROR_NO_MEMORY. Nothing is read yet.
 */
KESTRA_API kestra_result kestra_ion_reader_open_callback(kestra_ion_reader *reader, kestra_ion_read_fn read,
                                                         void *context, unsigned flags);

/*
 * Opens the file at `path` for reading; the reader owns the descriptor and closes
 * it when opened again or freed. Whatever the reader had open is closed first.
 *
 * reader:  the reader (caller's); NULL gives KESTRA_ERROR_USAGE.
 * path:    the file's path, borrowed, NUL-terminated; must not be NULL.
 * flags:   as for kestra_ion_reader_open_buffer.
 * Returns: KESTRA_OK; KESTRA_ERROR_IO when the file cannot be opened (the reader
 *          then has failed, with "cannot open '<path>': <strerror>");
 *          KESTRA_ERROR_USAGE for a NULL reader or path; KESTRA_ERROR_NO_MEMORY.
 */
KESTRA_API kestra_result kestra_ion_reader_open_file(kestra_ion_reader *reader, const char *path,
                                                     unsigned flags);

/*
 * Moves to the next event. After a container's VALUE event the next call enters
 * it (its children, then KESTRA_ION_EVENT_CONTAINER_END); there is no skipping a
 * container. The version marker and local symbol tables at the top level are
 * not events (a table is read whole by the call that meets it).
 *
 * reader:  the reader (caller's); NULL gives KESTRA_ERROR_USAGE.
 * event:   receives the event; KESTRA_ION_EVENT_END at the end of the stream
 *          (and on every later call) and on failure. May be NULL.
 * Returns: KESTRA_OK; KESTRA_ERROR_SYNTAX for text that is not Ion, a symbol ID
 *          not defined or without text (see "Symbols" above), a malformed
 *          local symbol table or a version marker other than $ion_1_0;
 *          KESTRA_ERROR_UNICODE for a string, symbol or escape that is not valid
 *          Unicode (or, with KESTRA_ION_TEXT_LOBS, a lob that is not UTF-8);
 *          KESTRA_ERROR_DEPTH past KESTRA_ION_MAX_DEPTH levels; KESTRA_ERROR_LIMIT
 *          for a number or timestamp token too long or a symbol table past
 *          symbol ID $2147483647; KESTRA_ERROR_TYPE with
 *          KESTRA_ION_ROWS for a top-level value that is not a struct;
 *          KESTRA_ERROR_IO when reading fails; KESTRA_ERROR_NO_MEMORY; a failed
 *          reader's failure again. The message is kestra_ion_reader_error's.
 */
KESTRA_API kestra_result kestra_ion_reader_next(kestra_ion_reader *reader, kestra_ion_event *event);

/*
 * The type of the current value. For a typed null, its type (null.int is
 * KESTRA_ION_INT with kestra_ion_reader_is_null non-zero; null and null.null are
 * KESTRA_ION_NULL).
 *
 * reader:  the reader, or NULL.
 * Returns: the type after a VALUE event; KESTRA_ION_NONE after any other event,
 *          on failure, and for a NULL reader.
 */
KESTRA_API kestra_ion_type kestra_ion_reader_type(const kestra_ion_reader *reader);

/*
 * Whether the current value is a null of any type.
 *
 * reader:  the reader, or NULL.
 * Returns: non-zero for a null; 0 otherwise, with no current value, and for a
 *          NULL reader.
 */
KESTRA_API int kestra_ion_reader_is_null(const kestra_ion_reader *reader);

/*
 * The number of open containers around the current position.
 *
 * reader:  the reader, or NULL.
 * Returns: 0 at the top level and for a NULL reader; a container's own VALUE
 *          event is at the depth around it.
 */
KESTRA_API size_t kestra_ion_reader_depth(const kestra_ion_reader *reader);

/*
 * The field name of the current value inside a struct.
 *
 * reader:  the reader, or NULL.
 * len:     receives the name's length in bytes (0 when there is none); may be NULL.
 * Returns: the name, UTF-8, NUL-terminated, borrowed: valid until the next
 *          _next or _next_json call. NULL outside a struct, with no current value,
 *          and for a NULL reader.
 */
KESTRA_API const char *kestra_ion_reader_field_name(const kestra_ion_reader *reader, size_t *len);

/*
 * The number of annotations of the current value (a::b::1 has two).
 *
 * reader:  the reader, or NULL.
 * Returns: the count; 0 with no current value and for a NULL reader.
 */
KESTRA_API size_t kestra_ion_reader_annotation_count(const kestra_ion_reader *reader);

/*
 * One annotation of the current value, in the order written.
 *
 * reader:  the reader, or NULL.
 * index:   0 to kestra_ion_reader_annotation_count() - 1.
 * len:     receives its length in bytes (0 when there is none); may be NULL.
 * Returns: the annotation, UTF-8, NUL-terminated, borrowed: valid until the next
 *          _next or _next_json call. NULL for an annotation whose symbol has no
 *          text ($0::, or a slot of unknown text), past the count and for a
 *          NULL reader.
 */
KESTRA_API const char *kestra_ion_reader_annotation(const kestra_ion_reader *reader, size_t index,
                                                    size_t *len);

/*
 * The current scalar as text: a string or symbol's UTF-8 text; an int as
 * canonical decimal digits ("-255" for -0xff); a decimal or float as text strtod
 * reads ("1.5e3" for 1.5d3; "nan", "+inf", "-inf"); a timestamp as written; a
 * blob or clob as its bytes (which may hold NULs); a bool as "true" or "false".
 *
 * reader:  the reader, or NULL.
 * len:     receives the text's length in bytes (0 when there is none); may be NULL.
 * Returns: the text, NUL-terminated (use *len: it may hold NULs), borrowed: valid
 *          until the next _next or _next_json call. NULL for a null, a container,
 *          no current value, and a NULL reader.
 */
KESTRA_API const char *kestra_ion_reader_text(const kestra_ion_reader *reader, size_t *len);

/*
 * The current int as an int64_t.
 *
 * reader:  the reader; NULL gives KESTRA_ERROR_USAGE.
 * value:   receives the int, on success only; must not be NULL.
 * Returns: KESTRA_OK; KESTRA_ERROR_LIMIT when it does not fit 64 bits (use
 *          kestra_ion_reader_text); KESTRA_ERROR_TYPE when the current value is not
 *          a non-null int; KESTRA_ERROR_USAGE for a NULL `reader` or `value`. The
 *          reader does not fail: it reads on.
 */
KESTRA_API kestra_result kestra_ion_reader_int64(const kestra_ion_reader *reader, int64_t *value);

/*
 * The current float, decimal or int as the nearest double (a decimal or int past
 * the range is an infinity, as Python's float(Decimal) makes it; nan, +inf and
 * -inf as they are).
 *
 * reader:  the reader; NULL gives KESTRA_ERROR_USAGE.
 * value:   receives the double, on success only; must not be NULL.
 * Returns: KESTRA_OK; KESTRA_ERROR_TYPE for another type or a null;
 *          KESTRA_ERROR_USAGE for a NULL `reader` or `value`. The reader does not fail.
 */
KESTRA_API kestra_result kestra_ion_reader_double(const kestra_ion_reader *reader, double *value);

/*
 * The current bool.
 *
 * reader:  the reader; NULL gives KESTRA_ERROR_USAGE.
 * value:   receives 0 or 1, on success only; must not be NULL.
 * Returns: KESTRA_OK; KESTRA_ERROR_TYPE for another type or a null;
 *          KESTRA_ERROR_USAGE for a NULL `reader` or `value`. The reader does not fail.
 */
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

/*
 * The current timestamp's fields, at the precision written.
 *
 * reader:  the reader; NULL gives KESTRA_ERROR_USAGE.
 * out:     receives the fields, on success only; must not be NULL.
 * Returns: KESTRA_OK; KESTRA_ERROR_TYPE for another type or a null;
 *          KESTRA_ERROR_USAGE for a NULL `reader` or `out`. The reader does not fail.
 */
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
 * No handle, so no message.
 *
 * text:    the text, borrowed, UTF-8; must not be NULL.
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * out:     receives the fields (precision SECOND or DAY); meaningful only on
 *          KESTRA_OK. Must not be NULL.
 * Returns: KESTRA_OK; KESTRA_ERROR_VALUE when the text is not such a date-time or
 *          names no real date or time ("2023-02-30T00:00:00", second 60, offset
 *          +24:00): then it stays a string; KESTRA_ERROR_USAGE for a NULL `text`
 *          or `out`.
 * Threads: any thread.
 */
KESTRA_API kestra_result kestra_datetime_parse(const char *text, size_t len, kestra_datetime *out);

/*
 * Reads the next top-level value whole and gives it as one line of compact JSON
 * text with its "\n", converted as Kestra.read converts it: decimals as doubles,
 * typed nulls as null, blobs and clobs as UTF-8 strings, symbols as strings,
 * s-expressions as arrays, timestamps as ISO-8601 strings, NaN and infinities as
 * the strings "NaN", "Infinity", "-Infinity" (as Jackson writes them);
 * annotations are dropped. Not to be mixed with _next inside a value.
 *
 * reader:  the reader (caller's); NULL gives KESTRA_ERROR_USAGE.
 * line:    receives the line, NUL-terminated, borrowed: valid until the next call
 *          on the reader; "" at the end of the stream and on failure. Must not
 *          be NULL.
 * len:     receives its length in bytes, "\n" included; 0 at the end of the
 *          stream and on failure. Must not be NULL.
 * Returns: KESTRA_OK (also at the end of the stream: then *len is 0);
 *          KESTRA_ERROR_UNICODE for a lob or field name that is not UTF-8; the
 *          results of kestra_ion_reader_next; KESTRA_ERROR_USAGE for a NULL
 *          `reader`, `line` or `len`. An error in the input fails the reader.
 */
KESTRA_API kestra_result kestra_ion_reader_next_json(kestra_ion_reader *reader, const char **line,
                                                     size_t *len);

/*
 * The message of the reader's failure ("line 3, column 14: ...").
 *
 * reader:  the reader, or NULL.
 * Returns: the message, NUL-terminated, borrowed: valid until the next call on
 *          the reader or its free; "" when it has not failed since it was opened,
 *          and for a NULL reader.
 */
KESTRA_API const char *kestra_ion_reader_error(const kestra_ion_reader *reader);

/*
 * The result of the reader's failure, the one kestra_ion_reader_error words.
 *
 * reader:  the reader, or NULL.
 * Returns: KESTRA_OK when it has not failed since it was opened;
 *          KESTRA_ERROR_USAGE for a NULL reader.
 */
KESTRA_API kestra_result kestra_ion_reader_status(const kestra_ion_reader *reader);

#ifdef __cplusplus
}
#endif

#endif /* KESTRA_ION_H */
