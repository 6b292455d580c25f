/*
 * kestra.h: the C ABI of the Kestra script SDK core.
 *
 * A script that Kestra runs reports outputs, metrics, logs and assets by printing
 * one line per record on stdout: "::" + compact JSON + "::" + "\n". This library
 * builds those lines, validates them against what the Kestra server accepts
 * (see docs/PROTOCOL.md), and writes each one with a single write call.
 *
 * Shape of the API
 *   A kestra_record is an opaque, reusable handle holding one line under
 *   construction. Start it with one kestra_record_begin_* call, feed it values,
 *   then kestra_record_write() it to a file descriptor, or take the bytes with
 *   kestra_record_line() / kestra_record_copy_line().
 *
 *       kestra_record *r = kestra_record_new();
 *       kestra_record_begin_metric(r, KESTRA_METRIC_COUNTER, "rows", KESTRA_CSTR);
 *       kestra_record_int64(r, 42);                    // the metric value
 *       kestra_record_key(r, "table", KESTRA_CSTR);    // then tags, key by value
 *       kestra_record_string(r, "users", KESTRA_CSTR);
 *       if (kestra_record_write(r, 1) != KESTRA_OK)
 *           fprintf(stderr, "%s\n", kestra_record_error(r));
 *       kestra_record_free(r);
 *
 * Errors
 *   Every fallible function returns a kestra_result. On failure the record keeps
 *   a message naming the field and the reason (kestra_record_error), refuses every
 *   further value call with the same result, and writes nothing. Any begin_* call
 *   starts over. No C++ exception ever crosses this header. Running out of memory
 *   is such a failure too: the call returns KESTRA_ERROR_NO_MEMORY, the record's
 *   status is KESTRA_ERROR_NO_MEMORY and its message "out of memory" (the same on
 *   every handle: context, summary, Ion reader), and whatever the call had
 *   half-written is never lent or written; begin_* or kestra_record_reset starts over.
 *
 * Conventions shared by the functions below, stated once (as libgit2 does); each
 * function's own comment repeats what applies to it and says where it differs:
 *   record   the kestra_record being built, owned by the caller; NULL gives
 *            KESTRA_ERROR_USAGE and is never dereferenced.
 *   text, len  a borrowed string and its length (bytes for UTF-8, 16-bit units
 *            for UTF-16), or KESTRA_CSTR for a NUL-terminated one; NULL with
 *            length 0 (or KESTRA_CSTR) is the empty string. Every pointer and
 *            length pair of this header and of ion.h takes KESTRA_CSTR, raw byte
 *            buffers too (kestra_summary_feed, kestra_ion_reader_open_buffer: then
 *            the bytes up to the first NUL).
 *   Returns  KESTRA_OK, or the kestra_result of the failure, whose message is
 *            then kestra_record_error(record). A record that already failed
 *            returns its first failure again and changes nothing (begin_*,
 *            kestra_record_reset and kestra_record_not_text for a metric name
 *            start over instead).
 *
 * Ownership
 *   Each function states what it borrows and what the caller owns. Strings passed
 *   in are borrowed for the duration of the call only. Strings returned are owned
 *   by the library, as stated on each function.
 *
 * Threads
 *   A kestra_record (as a kestra_context, kestra_summary or kestra_ion_reader) must
 *   be used by one thread at a time; different handles may be used by different
 *   threads at once. Writes of finished lines (kestra_record_write, kestra_write_line)
 *   are serialised by one process-wide lock, so lines from several threads never
 *   interleave. Functions that take no handle (names, level parsing, quoting,
 *   kestra_datetime_parse) keep no state and may be called from any thread.
 *
 * Text
 *   Every parameter that carries a script's text into a line (keys, strings, JSON
 *   text, level names, messages, timestamps, descriptions, and the line given to
 *   kestra_check_line) comes in two forms: UTF-8 (`const char *`, length in
 *   bytes) and UTF-16 (the *_utf16 twin, `const uint16_t *`, length in 16-bit
 *   units). UTF-8 only, by what they are: bytes as they arrive or leave
 *   (kestra_write_line, kestra_summary_add_line and _feed, a script's output;
 *   kestra_ion_reader_open_buffer, a file's content), file system paths (the
 *   operating system's bytes), text that is ASCII by its grammar (integer digits,
 *   ISO-8601 for kestra_datetime_parse), names a binding passes about itself (a
 *   type's name for kestra_record_unsupported and _not_text), kestra_context_get's
 *   path and kestra_quote_for_message (used by tools on UTF-8 text); each says so.
 *   Twins rather than one encoding parameter: a binding calls the one that
 *   matches its language's strings without a branch per call, and the C prototypes
 *   stay type-checked (a uint16_t * cannot be passed as UTF-8 by mistake). Pass
 *   KESTRA_CSTR as the length for a NUL-terminated string. Invalid UTF-8 and lone
 *   surrogates are errors (KESTRA_ERROR_UNICODE), never replaced, so a binding
 *   hands its strings over as they are and the core words the error, the same
 *   for every text parameter (level names and timestamps included) and worded
 *   the same: "<field>: invalid UTF-8", "<field>: lone UTF-16 surrogate (not
 *   valid Unicode)". The one exception is the line checker (kestra_check_line
 *   and its twin), which never fails: it reads such text as the server would
 *   receive it.
 *
 * Errors, as bindings raise them
 *   The result's name (kestra_result_name: "type", "value", ...) is the error's
 *   kind and kestra_record_error its message; bindings raise both unchanged
 *   (Python: kestra.KestraTypeError(TypeError) ..., Node: TypeError/RangeError/
 *   SyntaxError with `kind`). A binding never words a protocol error itself: for
 *   a value it cannot convert it calls kestra_record_unsupported, for an argument
 *   that is not text kestra_record_not_text.
 *
 * Behaviour every language shares (decided here, checked by tests/vectors)
 *   - Timing code that throws: the timer IS written, with the time until the
 *     throw, then the error propagates unchanged (Python, Node sync and async,
 *     C++ kestra::timer, and every later language). A timer that cannot be
 *     written then (an empty name) is not reported over the timed code's error.
 *   - A log level given as a number anywhere in a public API is a kestra_level
 *     (0 TRACE, 1 DEBUG, 2 INFO, 3 WARN, 4 ERROR); any other number is an error
 *     from the core. A language's logging framework maps its own levels (Python's
 *     logging severities through kestra_level_from_severity).
 *   - A value of a type the language cannot convert (a function, a symbol, a
 *     set...) fails with KESTRA_ERROR_TYPE naming its path, worded by
 *     kestra_record_unsupported; it is never skipped silently.
 *
 * Calls for bindings
 *   Functions marked KESTRA_FOR_BINDINGS exist for language bindings and tools
 *   that convert foreign values (a JavaScript number, a big integer's words, a
 *   type name, a command-line number); a C program writing its own records does
 *   not need them. They are as stable as the rest of this header.
 *
 * The protocol itself is described in docs/PROTOCOL.md.
 */
#ifndef KESTRA_KESTRA_H
#define KESTRA_KESTRA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Versions ---------------------------------------------------------- */

#define KESTRA_VERSION_MAJOR 0
#define KESTRA_VERSION_MINOR 1
#define KESTRA_VERSION_PATCH 0
#define KESTRA_VERSION_NUMBER \
  (KESTRA_VERSION_MAJOR * 10000 + KESTRA_VERSION_MINOR * 100 + KESTRA_VERSION_PATCH)
#define KESTRA_VERSION_STRING "0.1.0"

/*
 * The ABI version: raised whenever a function signature, an enum value or the
 * meaning of a call changes incompatibly. A binding compiled against one ABI
 * version must refuse a library reporting another (see kestra_abi_version).
 */
#define KESTRA_ABI_VERSION 2

/*
 * Non-zero when a library reporting the ABI version `loaded` (kestra_abi_version)
 * is the one this code was compiled against. Bindings call it when they load and
 * refuse to load otherwise. It takes the loaded version as an argument so that a
 * binding's check can be called with a wrong one in its tests, to see it refuse.
 */
#define KESTRA_ABI_MATCHES(loaded) ((unsigned)(loaded) == (unsigned)KESTRA_ABI_VERSION)

/* ---- Visibility -------------------------------------------------------- */

#if defined(KESTRA_STATIC)
#  define KESTRA_API
#elif defined(_WIN32)
#  ifdef KESTRA_BUILDING
#    define KESTRA_API __declspec(dllexport)
#  else
#    define KESTRA_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define KESTRA_API __attribute__((visibility("default")))
#else
#  define KESTRA_API
#endif

/* Marks a call meant for language bindings and tools (see "Calls for bindings"). */
#define KESTRA_FOR_BINDINGS KESTRA_API

/* Pass as a length to mean "the string is NUL-terminated". */
#define KESTRA_CSTR ((size_t)-1)

/* ---- Limits ------------------------------------------------------------ */
/*
 * What the Kestra server reads (its Jackson StreamReadConstraints). The core
 * refuses anything past them with KESTRA_ERROR_LIMIT or KESTRA_ERROR_DEPTH;
 * they are published so a binding can size buffers, never to check on its own.
 */
/* Nesting of a whole line; the {"outputs":...} wrapper is level 1. */
#define KESTRA_MAX_DEPTH 1000
/* Digits of an integer (the sign not counted). */
#define KESTRA_MAX_INTEGER_DIGITS 1000
/* Characters of a number with a fraction or an exponent. */
#define KESTRA_MAX_NUMBER_CHARS 1000
/* Length of one string, in UTF-16 code units. */
#define KESTRA_MAX_STRING_UNITS 20000000
/* 64-bit words of an integer given to kestra_record_integer_words that can
 * still fit KESTRA_MAX_INTEGER_DIGITS (10^1000 < 2^(64*52)); more fail at once. */
#define KESTRA_MAX_INTEGER_WORDS 53

/* ---- Result codes ------------------------------------------------------ */

typedef enum kestra_result {
  KESTRA_OK = 0,
  /* A value of the wrong kind for its place: a boolean metric value, an object
   * as a tag value, outputs that are not an object, a type a binding cannot
   * convert. Languages raise TypeError. */
  KESTRA_ERROR_TYPE = 1,
  /* A value of the right kind that is not allowed: NaN or Infinity, a negative
   * timer, an empty metric name or tag key, an unknown log level, null in a
   * metric, a malformed timestamp. */
  KESTRA_ERROR_VALUE = 2,
  /* Invalid UTF-8, or a lone UTF-16 surrogate. */
  KESTRA_ERROR_UNICODE = 3,
  /* Nesting deeper than the server reads (1,000 levels for the whole line). */
  KESTRA_ERROR_DEPTH = 4,
  /* A container that contains itself (see the identity of begin_object). */
  KESTRA_ERROR_CYCLE = 5,
  /* A JSON text given to kestra_record_json is not strict JSON. */
  KESTRA_ERROR_SYNTAX = 6,
  /* Past a server limit: a number of more than 1,000 digits, a string of more
   * than 20,000,000 characters. */
  KESTRA_ERROR_LIMIT = 7,
  /* Calls in the wrong order, a NULL handle, a record not finished. A bug in
   * the caller rather than bad data. */
  KESTRA_ERROR_USAGE = 8,
  /* Memory ran out (std::bad_alloc inside, or a string past its largest size).
   * The handle has failed, with "out of memory" as its message. */
  KESTRA_ERROR_NO_MEMORY = 9,
  /* kestra_record_copy_line: the caller's buffer is smaller than the line. */
  KESTRA_ERROR_BUFFER_TOO_SMALL = 10,
  /* The write failed: closed descriptor (EBADF), reader gone (EPIPE), ... */
  KESTRA_ERROR_IO = 11,
  /* Never returned by the library: reserved for a binding's own failures (a
   * language exception raised during conversion, by a getter or toJSON), as
   * libgit2 reserves GIT_EUSER, so a binding needs no invented code. */
  KESTRA_ERROR_USER = 12,
  /* What was looked for is not there: no execution context (see
   * kestra_context_load), or no value at a path of it. */
  KESTRA_ERROR_NOT_FOUND = 13,
  /* Not results: these two keep every enum of this header the size of an int
   * and make any int a valid value, so a bad number from a caller is rejected
   * rather than undefined behaviour. */
  KESTRA_RESULT_MIN_ = -0x7fffffff - 1,
  KESTRA_RESULT_MAX_ = 0x7fffffff
} kestra_result;

/*
 * Whether `result` is an error.
 *
 * result:  any number.
 * Returns: 0 for KESTRA_OK, non-zero for any other number (unknown ones included).
 */
KESTRA_API int kestra_is_error(kestra_result result);

/*
 * A short stable name for `result`: "ok", "type", "value", "unicode", "depth",
 * "cycle", "syntax", "limit", "usage", "no_memory", "buffer_too_small", "io",
 * "user", "not_found"; "unknown" for any other number. Bindings use it as the error's kind.
 *
 * result:  any number.
 * Returns: static storage, never NULL; never free it.
 */
KESTRA_API const char *kestra_result_name(kestra_result result);

/* ---- Versions at run time ---------------------------------------------- */

/*
 * The version of the library actually loaded, which may differ from the
 * KESTRA_VERSION_* macros the caller was compiled with.
 *
 * Returns: its KESTRA_VERSION_NUMBER (major * 10000 + minor * 100 + patch).
 */
KESTRA_API unsigned kestra_version_number(void);

/*
 * The version of the library actually loaded, as text.
 *
 * Returns: its KESTRA_VERSION_STRING: static storage, never NULL; never free it.
 */
KESTRA_API const char *kestra_version_string(void);

/*
 * The ABI version of the library actually loaded. A binding passes it to
 * KESTRA_ABI_MATCHES when it loads and refuses to load when that is 0.
 *
 * Returns: its KESTRA_ABI_VERSION.
 */
KESTRA_API unsigned kestra_abi_version(void);

/* ---- Enumerations ------------------------------------------------------ */

typedef enum kestra_metric_type {
  KESTRA_METRIC_COUNTER = 0,
  KESTRA_METRIC_TIMER = 1, /* value in seconds, >= 0 */
  KESTRA_METRIC_GAUGE = 2,
  KESTRA_METRIC_MIN_ = -0x7fffffff - 1, /* not types: see KESTRA_RESULT_MIN_ */
  KESTRA_METRIC_MAX_ = 0x7fffffff
} kestra_metric_type;

typedef enum kestra_level {
  KESTRA_LEVEL_TRACE = 0,
  KESTRA_LEVEL_DEBUG = 1,
  KESTRA_LEVEL_INFO = 2,
  KESTRA_LEVEL_WARN = 3,
  KESTRA_LEVEL_ERROR = 4,
  KESTRA_LEVEL_MIN_ = -0x7fffffff - 1, /* not levels: see KESTRA_RESULT_MIN_ */
  KESTRA_LEVEL_MAX_ = 0x7fffffff
} kestra_level;

/*
 * The name the server reads for a metric type: "counter", "timer", "gauge".
 *
 * type:    any number.
 * Returns: static storage (never free it); NULL for a number outside the enum.
 */
KESTRA_API const char *kestra_metric_type_name(kestra_metric_type type);

/*
 * The name the server reads for a level: "TRACE", "DEBUG", "INFO", "WARN", "ERROR".
 *
 * level:   any number.
 * Returns: static storage (never free it); NULL for a number outside the enum.
 */
KESTRA_API const char *kestra_level_name(kestra_level level);

/*
 * Reads a level name, ignoring ASCII case: the five server names, and the common
 * aliases WARNING (WARN), CRITICAL and FATAL (ERROR). Nothing else is trimmed or
 * accepted. No handle, so no message: kestra_record_log_named words the error.
 *
 * name:     the name, borrowed, UTF-8; must not be NULL, even with length 0.
 * name_len: its length in bytes, or KESTRA_CSTR when it is NUL-terminated.
 * level:    where the level is stored on success (left as it was otherwise);
 *           must not be NULL.
 * Returns:  KESTRA_OK; KESTRA_ERROR_UNICODE for text that is not valid UTF-8;
 *           KESTRA_ERROR_VALUE for any other text; KESTRA_ERROR_USAGE for a NULL
 *           `name` or `level`.
 */
KESTRA_API kestra_result kestra_level_parse(const char *name, size_t name_len, kestra_level *level);

/*
 * As kestra_level_parse, with the name in UTF-16 (`name_len` in 16-bit units, or
 * KESTRA_CSTR). A lone surrogate gives KESTRA_ERROR_UNICODE; any other unit
 * outside ASCII makes it no level: KESTRA_ERROR_VALUE.
 */
KESTRA_API kestra_result kestra_level_parse_utf16(const uint16_t *name, size_t name_len, kestra_level *level);

/*
 * Maps a numeric severity on the scale of Python's logging module (DEBUG 10,
 * INFO 20, WARNING 30, ERROR 40, CRITICAL 50) to the nearest server level at or
 * below it.
 *
 * severity: any int.
 * Returns:  KESTRA_LEVEL_ERROR from 40 up, WARN for 30 to 39, INFO for 20 to 29,
 *           DEBUG for 10 to 19, TRACE below 10 (negative numbers included). Never fails.
 */
KESTRA_API kestra_level kestra_level_from_severity(int severity);

/* ---- Records ----------------------------------------------------------- */

typedef struct kestra_record kestra_record;

/*
 * A new empty record, ready for a begin_* call.
 *
 * Returns: the record, owned by the caller, who frees it with kestra_record_free;
 *          NULL when memory is exhausted.
 * Threads: a record may move between threads, but only one may use it at a time.
 */
KESTRA_API kestra_record *kestra_record_new(void);

/*
 * Frees a record and everything it holds. Every pointer it lent
 * (kestra_record_line, kestra_record_error) is invalid afterwards.
 *
 * record: the record, or NULL (then nothing happens).
 */
KESTRA_API void kestra_record_free(kestra_record *record);

/*
 * Empties a record and clears its error: no line is under construction,
 * kestra_record_error gives "" and kestra_record_status KESTRA_OK; the memory is
 * kept for the next line. Not needed before a begin_* call, which starts over by
 * itself.
 *
 * record: the record, or NULL (then nothing happens).
 */
KESTRA_API void kestra_record_reset(kestra_record *record);

/*
 * Starting a record. Each begin_* empties the record first (whatever state it was
 * in, a failure included), so one handle serves any number of lines in turn.
 */

/*
 * Starts an outputs record, {"outputs":{...}}. Next give exactly one object
 * value (kestra_record_begin_object, key/value pairs, kestra_record_end_object),
 * or one kestra_record_json text holding an object. Error paths read
 * "outputs['key'][2]".
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE for a NULL record; KESTRA_ERROR_NO_MEMORY.
 */
KESTRA_API kestra_result kestra_record_begin_outputs(kestra_record *record);

/*
 * Starts an encryptedOutputs record, {"encryptedOutputs":{...}}: outputs that
 * Kestra Enterprise stores encrypted (the open-source worker ignores the key and
 * keeps the other records of the line). Takes what begin_outputs takes, with the
 * same rules; error paths read "encryptedOutputs['key']".
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE for a NULL record; KESTRA_ERROR_NO_MEMORY.
 */
KESTRA_API kestra_result kestra_record_begin_encrypted_outputs(kestra_record *record);

/*
 * Starts an assets record, {"assets":{...}}. Next give one object whose keys are
 * "inputs" and/or "outputs", each an array of objects. Error paths read
 * "assets['inputs'][0]".
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE for a NULL record; KESTRA_ERROR_NO_MEMORY.
 */
KESTRA_API kestra_result kestra_record_begin_assets(kestra_record *record);

/*
 * Starts a metric record. Next give exactly one number as the value (int64,
 * uint64, integer_text, double, ...; a timer in seconds, >= 0), then zero or more
 * tags as key/value pairs, where a tag value is a string, a number or a boolean.
 * Then, optionally, metric_timestamp and metric_description, once each. The line
 * reads {"metrics":[{"name":…,"type":…,"value":…,"tags":{…}}]}, with
 * "description" and "timestamp" after "tags" in the order they were given.
 *
 * record:   the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * type:     KESTRA_METRIC_COUNTER, KESTRA_METRIC_TIMER or KESTRA_METRIC_GAUGE.
 * name:     the metric's name, borrowed, UTF-8; must not be empty.
 * name_len: its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns:  KESTRA_OK; KESTRA_ERROR_VALUE for a type outside the enum or an empty
 *           name; KESTRA_ERROR_UNICODE for invalid UTF-8; KESTRA_ERROR_LIMIT for a
 *           name longer than KESTRA_MAX_STRING_UNITS; KESTRA_ERROR_USAGE for a NULL
 *           record; KESTRA_ERROR_NO_MEMORY. On an error the record has failed.
 */
KESTRA_API kestra_result kestra_record_begin_metric(kestra_record *record, kestra_metric_type type,
                                                    const char *name, size_t name_len);

/*
 * As kestra_record_begin_metric, with the name in UTF-16 (`name_len` in 16-bit
 * units, or KESTRA_CSTR); a lone surrogate gives KESTRA_ERROR_UNICODE.
 */
KESTRA_API kestra_result kestra_record_begin_metric_utf16(kestra_record *record, kestra_metric_type type,
                                                          const uint16_t *name, size_t name_len);

/*
 * Optional, once, after the metric's value and tags: the time of the measure, as
 * YYYY-MM-DDThh:mm:ss, an optional fraction of 1 to 9 digits, then Z or +hh:mm /
 * -hh:mm ("2026-11-21T10:30:00Z", "2026-11-21T10:30:00.5+01:00"); a real date and
 * time of day, an offset of at most 18 hours.
 *
 * record:  a metric record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * iso8601: the time, borrowed, UTF-8.
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns: KESTRA_OK; KESTRA_ERROR_UNICODE for invalid UTF-8 ("... timestamp:
 *          invalid UTF-8"); KESTRA_ERROR_VALUE for any other text;
 *          KESTRA_ERROR_USAGE when the record is not a metric, its value is not
 *          given yet, a tag key waits for its value, or a timestamp was given
 *          already; the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_metric_timestamp(kestra_record *record, const char *iso8601,
                                                        size_t len);

/*
 * As kestra_record_metric_timestamp, with the time in UTF-16 (`len` in 16-bit
 * units, or KESTRA_CSTR); a lone surrogate gives KESTRA_ERROR_UNICODE.
 */
KESTRA_API kestra_result kestra_record_metric_timestamp_utf16(kestra_record *record, const uint16_t *iso8601,
                                                              size_t len);

/*
 * Optional, once, after the metric's value and tags: a description of the
 * metric (any text).
 *
 * record:  a metric record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * text:    the description, borrowed, UTF-8.
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns: KESTRA_OK; KESTRA_ERROR_UNICODE for invalid UTF-8; KESTRA_ERROR_LIMIT
 *          past KESTRA_MAX_STRING_UNITS; KESTRA_ERROR_USAGE when the record is not a
 *          metric, its value is not given yet, a tag key waits for its value, or a
 *          description was given already; the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_metric_description(kestra_record *record, const char *text,
                                                          size_t len);

/*
 * As kestra_record_metric_description, with the text in UTF-16 (`len` in 16-bit
 * units, or KESTRA_CSTR); a lone surrogate gives KESTRA_ERROR_UNICODE.
 */
KESTRA_API kestra_result kestra_record_metric_description_utf16(kestra_record *record, const uint16_t *text,
                                                                size_t len);

/*
 * Starts a logs record, {"logs":[...]}. Next one or more kestra_record_log (or
 * kestra_record_log_named) calls, one entry each; no value calls.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE for a NULL record; KESTRA_ERROR_NO_MEMORY.
 */
KESTRA_API kestra_result kestra_record_begin_logs(kestra_record *record);

/*
 * Adds one entry to a logs record. The server splits a long message into
 * several entries (at 10,240 characters by its source, at 15,360 as Kestra 2.0.0
 * was seen to do: docs/PROTOCOL.md Part 1.6); this call does not.
 *
 * record:  a logs record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * level:   a kestra_level.
 * message: the message, borrowed, UTF-8; any text.
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns: KESTRA_OK; KESTRA_ERROR_VALUE for a level outside the enum ("logs[N]
 *          level: unknown level"); KESTRA_ERROR_UNICODE for invalid UTF-8;
 *          KESTRA_ERROR_LIMIT past KESTRA_MAX_STRING_UNITS; KESTRA_ERROR_USAGE when
 *          the record is not a logs record being built; the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_log(kestra_record *record, kestra_level level, const char *message,
                                           size_t len);

/*
 * As kestra_record_log, with the message in UTF-16 (`len` in 16-bit units, or
 * KESTRA_CSTR); a lone surrogate gives KESTRA_ERROR_UNICODE.
 */
KESTRA_API kestra_result kestra_record_log_utf16(kestra_record *record, kestra_level level,
                                                 const uint16_t *message, size_t len);

/*
 * As kestra_record_log, with the level given by name, read as kestra_level_parse
 * reads it (ignoring ASCII case, with its aliases).
 *
 * record:    a logs record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * level:     the level's name, borrowed, UTF-8; NULL with length 0 reads as "".
 * level_len: its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * message:   the message, borrowed, UTF-8; any text.
 * len:       its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns:   KESTRA_OK; KESTRA_ERROR_UNICODE for a name that is not valid UTF-8
 *            ("logs[N] level: invalid UTF-8"); KESTRA_ERROR_VALUE for a name that is
 *            no level ("logs[N] level: 'x' is not a level ..."); the other results
 *            of kestra_record_log.
 */
KESTRA_API kestra_result kestra_record_log_named(kestra_record *record, const char *level, size_t level_len,
                                                 const char *message, size_t len);

/*
 * As kestra_record_log_named, with the level's name and the message in UTF-16
 * (`level_len` and `len` in 16-bit units, or KESTRA_CSTR); a lone surrogate in
 * either gives KESTRA_ERROR_UNICODE.
 */
KESTRA_API kestra_result kestra_record_log_named_utf16(kestra_record *record, const uint16_t *level,
                                                       size_t level_len, const uint16_t *message, size_t len);

/*
 * Starts a whole protocol message, as the official libraries' format(map) takes
 * it: next give one object whose keys are among "outputs", "metrics", "logs",
 * "assets", with the value calls or kestra_record_json. Every part is checked
 * against the server's rules once the object is complete, at
 * kestra_record_finish (which then fails with KESTRA_ERROR_TYPE or
 * KESTRA_ERROR_VALUE). Prefer the typed begin_* calls, which check as they go.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE for a NULL record; KESTRA_ERROR_NO_MEMORY.
 */
KESTRA_API kestra_result kestra_record_begin_message(kestra_record *record);

/* ---- Values ------------------------------------------------------------ */
/*
 * The value calls build the JSON value that the current record expects next:
 * the outputs or assets object, a metric value or tag, a message. Inside an
 * object, a key call must come before each value.
 *
 * Where a value cannot go, every value call below fails alike:
 *   KESTRA_ERROR_USAGE  no value can come next: no record begun, the record
 *                       finished (a call after kestra_record_finish or a write
 *                       fails the record and drops its line), the root value
 *                       complete already, an object waiting for a key, a logs
 *                       record, a metric's tags after its timestamp or description.
 *   KESTRA_ERROR_TYPE   a value of this kind cannot go here: the root of an outputs,
 *                       encryptedOutputs, assets or message record is an object; a
 *                       metric's value is a number; a tag value is a string, a
 *                       number or a boolean; an assets list is an array of objects.
 *   KESTRA_ERROR_VALUE  null in a metric (as its value or a tag value).
 * and a record that failed already returns its earlier failure.
 */

/*
 * Opens an object as the next value; kestra_record_end_object closes it. Inside,
 * each value comes after its kestra_record_key.
 *
 * record:   the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * identity: the address of the language object being converted, or NULL; borrowed
 *           and never dereferenced. Opening a container whose identity is already
 *           open further up fails with KESTRA_ERROR_CYCLE, so bindings get cycle
 *           detection without a set of their own.
 * Returns:  KESTRA_OK; KESTRA_ERROR_CYCLE; KESTRA_ERROR_DEPTH past KESTRA_MAX_DEPTH
 *           levels in the line; KESTRA_ERROR_USAGE or KESTRA_ERROR_TYPE where an
 *           object cannot go (see "Values"); the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_begin_object(kestra_record *record, const void *identity);

/*
 * Closes the innermost open object.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE when the innermost open container is not
 *          an object, a key waits for its value, or nothing is open (a metric's
 *          tags are closed by kestra_record_finish); the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_end_object(kestra_record *record);

/*
 * Opens an array as the next value; kestra_record_end_array closes it.
 *
 * record:   the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * identity: as for kestra_record_begin_object.
 * Returns:  as kestra_record_begin_object, for an array.
 */
KESTRA_API kestra_result kestra_record_begin_array(kestra_record *record, const void *identity);

/*
 * Closes the innermost open array.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE when the innermost open container is not
 *          an array or nothing is open; the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_end_array(kestra_record *record);

/*
 * The key of the next value in the open object, or, in a metric record after
 * its value, the key of the next tag. Keys are not checked for repeats.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * utf8:    the key, borrowed, UTF-8; "" is a valid key, except as a tag key.
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns: KESTRA_OK; KESTRA_ERROR_VALUE for an empty tag key, or a key other
 *          than "inputs" and "outputs" at the top of an assets record;
 *          KESTRA_ERROR_UNICODE for invalid UTF-8; KESTRA_ERROR_LIMIT past
 *          KESTRA_MAX_STRING_UNITS; KESTRA_ERROR_USAGE when no object is open, a
 *          key waits for its value already, or in a metric before its value or
 *          after its timestamp or description; the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_key(kestra_record *record, const char *utf8, size_t len);

/*
 * As kestra_record_key, with the key in UTF-16 (`len` in 16-bit units, or
 * KESTRA_CSTR); a lone surrogate gives KESTRA_ERROR_UNICODE.
 */
KESTRA_API kestra_result kestra_record_key_utf16(kestra_record *record, const uint16_t *utf16, size_t len);

/*
 * A string as the next value. NUL bytes inside `len` are text like any other
 * (written \u0000).
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * utf8:    the string, borrowed, UTF-8.
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns: KESTRA_OK; KESTRA_ERROR_UNICODE for invalid UTF-8; KESTRA_ERROR_LIMIT
 *          past KESTRA_MAX_STRING_UNITS; KESTRA_ERROR_USAGE or KESTRA_ERROR_TYPE
 *          where a string cannot go (see "Values"); the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_string(kestra_record *record, const char *utf8, size_t len);

/*
 * As kestra_record_string, with the string in UTF-16 (`len` in 16-bit units, or
 * KESTRA_CSTR); a lone surrogate gives KESTRA_ERROR_UNICODE.
 */
KESTRA_API kestra_result kestra_record_string_utf16(kestra_record *record, const uint16_t *utf16, size_t len);

/*
 * An integer as the next value.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * value:   any int64_t.
 * Returns: KESTRA_OK; KESTRA_ERROR_VALUE for a negative timer value;
 *          KESTRA_ERROR_USAGE or KESTRA_ERROR_TYPE where a number cannot go (see
 *          "Values"); the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_int64(kestra_record *record, int64_t value);

/*
 * An unsigned integer as the next value, written as the same integer (above
 * INT64_MAX too).
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * value:   any uint64_t.
 * Returns: KESTRA_OK; KESTRA_ERROR_VALUE for a timer value above INT64_MAX (the
 *          server reads a timer's seconds as a Java long); KESTRA_ERROR_USAGE or
 *          KESTRA_ERROR_TYPE where a number cannot go (see "Values"); the record's
 *          earlier failure.
 */
KESTRA_API kestra_result kestra_record_uint64(kestra_record *record, uint64_t value);

/*
 * An integer of any size as decimal text, as the next value: written as the same
 * integer ("-0" as 0, leading zeros dropped).
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * digits:  the text, borrowed: an optional '-' then one or more ASCII digits,
 *          nothing else (no '+', no white space).
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns: KESTRA_OK; KESTRA_ERROR_VALUE for any other text, and for a negative
 *          timer value or one past a Java long; KESTRA_ERROR_LIMIT for more than
 *          KESTRA_MAX_INTEGER_DIGITS digits (leading zeros not counted);
 *          KESTRA_ERROR_USAGE or KESTRA_ERROR_TYPE where a number cannot go (see
 *          "Values"); the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_integer_text(kestra_record *record, const char *digits, size_t len);

/*
 * A double as the next value, written as the shortest text that reads back to
 * it, always with a '.' or an exponent (1.0, 0.1, 1e+16, -0.0).
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * value:   any finite double.
 * Returns: KESTRA_OK; KESTRA_ERROR_VALUE for NaN or an infinity (strict JSON has
 *          neither), and for a negative timer value or one of 9.2e18 seconds or
 *          more; KESTRA_ERROR_USAGE or KESTRA_ERROR_TYPE where a number cannot go
 *          (see "Values"); the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_double(kestra_record *record, double value);

/*
 * A JavaScript number (a double) as the next value, as JavaScript's
 * JSON.stringify means it: a safe integer (|n| <= 2^53 - 1) written as an
 * integer (-0 as 0), any other as kestra_record_double writes it. The rule of
 * KESTRA_JSON_JAVASCRIPT too, so a binding that walks a value and one that sends
 * its JSON.stringify text agree.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * value:   any finite double.
 * Returns: as kestra_record_double (a safe integer counts as an integer where
 *          messages name the kind).
 */
KESTRA_API kestra_result kestra_record_javascript_number(kestra_record *record, double value);

/*
 * A boolean as the next value.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * value:   0 for false, any other number for true.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE or KESTRA_ERROR_TYPE where a boolean
 *          cannot go (a metric's value among others: see "Values"); the record's
 *          earlier failure.
 */
KESTRA_API kestra_result kestra_record_bool(kestra_record *record, int value);

/*
 * null as the next value.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * Returns: KESTRA_OK; KESTRA_ERROR_VALUE as a metric's value or tag value;
 *          KESTRA_ERROR_USAGE or KESTRA_ERROR_TYPE where null cannot go (see
 *          "Values"); the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_null(kestra_record *record);

/*
 * A whole JSON text as the next value: parsed strictly (one value, nothing but
 * white space around it), checked with the same rules as the calls above, and
 * written in this library's canonical bytes (compact, ASCII, same key order).
 * The same as kestra_record_json_flags with KESTRA_JSON_DEFAULT.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * json:    the text, borrowed, UTF-8.
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns: KESTRA_OK; KESTRA_ERROR_SYNTAX when it is not strict JSON (the message
 *          gives the byte offset); KESTRA_ERROR_VALUE for a number beyond a
 *          double's range (1e400); and any result of the value calls it amounts
 *          to (KESTRA_ERROR_TYPE, _VALUE, _UNICODE, _DEPTH, _LIMIT, _USAGE) at the
 *          path where it happens; the record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_json(kestra_record *record, const char *json, size_t len);

/* Flags of kestra_record_json_flags. */
#define KESTRA_JSON_DEFAULT 0u
/* The text is JavaScript's JSON.stringify of a value, read as that value: every
 * number is a double, written as kestra_record_javascript_number writes it, and null fails with
 * KESTRA_ERROR_VALUE, since JSON.stringify also writes null for NaN, infinities
 * and functions: a binding then converts the value itself to tell which.
 * Numbers are trusted to have JavaScript's shortest digits: a fraction in plain
 * notation that kestra_record_double would also write plainly is copied as it is. */
#define KESTRA_JSON_JAVASCRIPT 1u

/*
 * kestra_record_json, read as `flags` say.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * json:    the text, borrowed, UTF-8.
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * flags:   KESTRA_JSON_DEFAULT or KESTRA_JSON_JAVASCRIPT; other bits are ignored.
 * Returns: as kestra_record_json; with KESTRA_JSON_JAVASCRIPT, also
 *          KESTRA_ERROR_VALUE for a null anywhere in the text.
 */
KESTRA_API kestra_result kestra_record_json_flags(kestra_record *record, const char *json, size_t len,
                                                  unsigned flags);

/*
 * As kestra_record_json_flags, with the text in UTF-16 (`len` in 16-bit units, or
 * KESTRA_CSTR): a JavaScript or Java string as it is. A lone surrogate inside a
 * JSON string fails with KESTRA_ERROR_UNICODE at that string's path, as an
 * escaped one (\ud800) does; elsewhere the text is not JSON (KESTRA_ERROR_SYNTAX).
 */
KESTRA_API kestra_result kestra_record_json_utf16(kestra_record *record, const uint16_t *json, size_t len,
                                                  unsigned flags);

/*
 * The language value at the current position cannot be converted (a function,
 * a symbol, a set...). Fails the record with KESTRA_ERROR_TYPE and the message
 * "<path>: unsupported type <type_name>", the path being where the value was to
 * go ("outputs['f']", "counter 'rows' tags['k']", "counter 'rows' value").
 *
 * record:    the record being built (caller's); NULL gives KESTRA_ERROR_USAGE.
 * type_name: the language's name of the type ("function", "set"), borrowed,
 *            NUL-terminated UTF-8; shown with each byte outside printable ASCII
 *            as '?'. NULL reads "(unnamed)".
 * Returns:   KESTRA_ERROR_TYPE; KESTRA_ERROR_USAGE for a NULL record, or one not
 *            begun or finished already; the record's earlier failure.
 */
KESTRA_FOR_BINDINGS kestra_result kestra_record_unsupported(kestra_record *record, const char *type_name);

/* The text arguments of the calls above, for kestra_record_not_text. */
typedef enum kestra_text_argument {
  KESTRA_ARGUMENT_METRIC_NAME = 0,        /* "<type> name": give the metric type */
  KESTRA_ARGUMENT_METRIC_TIMESTAMP = 1,   /* "<type> '<name>' timestamp" */
  KESTRA_ARGUMENT_METRIC_DESCRIPTION = 2, /* "<type> '<name>' description" */
  KESTRA_ARGUMENT_LOG_LEVEL = 3,          /* "logs[N] level" (a name or a kestra_level) */
  KESTRA_ARGUMENT_LOG_MESSAGE = 4,        /* "logs[N] message" */
  KESTRA_ARGUMENT_JSON = 5,               /* the record's root: "outputs" */
  KESTRA_ARGUMENT_MIN_ = -0x7fffffff - 1, /* not arguments: see KESTRA_RESULT_MIN_ */
  KESTRA_ARGUMENT_MAX_ = 0x7fffffff
} kestra_text_argument;

/*
 * A text argument (a metric name, a timestamp, a log message, a JSON text) was
 * given a language value that is not a string. Fails the record with
 * KESTRA_ERROR_TYPE and "<field>: must be a string, got <type_name>"
 * ("counter name: must be a string, got int"; "logs[0] level: must be a level
 * name or a level number (0 TRACE to 4 ERROR), got list").
 *
 * record:      the record (caller's); NULL gives KESTRA_ERROR_USAGE. For
 *              KESTRA_ARGUMENT_METRIC_NAME this call begins a metric of
 *              `metric_type` (no other begin_* is needed; any earlier state is
 *              dropped); for the others the record must be where that argument
 *              goes: a metric (timestamp, description), a logs record (level,
 *              message), or the root, not yet given, of an outputs,
 *              encryptedOutputs, assets or message record (JSON).
 * argument:    which argument.
 * metric_type: the metric's type for KESTRA_ARGUMENT_METRIC_NAME, else ignored.
 * type_name:   the language's name of the value's type, borrowed; as in
 *              kestra_record_unsupported.
 * Returns:     KESTRA_ERROR_TYPE; KESTRA_ERROR_VALUE for a metric_type outside the
 *              enum (METRIC_NAME); KESTRA_ERROR_USAGE for a NULL record, an unknown
 *              argument or a record that is elsewhere; the record's earlier failure
 *              (for the arguments other than METRIC_NAME).
 */
KESTRA_FOR_BINDINGS kestra_result kestra_record_not_text(kestra_record *record, kestra_text_argument argument,
                                                         kestra_metric_type metric_type,
                                                         const char *type_name);

/*
 * An integer of any size as the next value, from its magnitude's 64-bit words,
 * least significant first (as V8's BigInt, Go's big.Int and GMP give them),
 * written as decimal digits, with the limit of kestra_record_integer_text. More
 * than KESTRA_MAX_INTEGER_WORDS words (zero high words not counted) fail with
 * KESTRA_ERROR_LIMIT before any conversion, so a binding never needs to judge a
 * number's size itself.
 *
 * record:   the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * negative: non-zero for a negative number (zero is written 0 either way).
 * words:    `count` words, borrowed; may be NULL only when `count` is 0 (no
 *           words: the number 0).
 * count:    the number of words.
 * Returns:  KESTRA_OK; KESTRA_ERROR_LIMIT past KESTRA_MAX_INTEGER_DIGITS digits;
 *           KESTRA_ERROR_USAGE for NULL `words` with a `count` above 0 (the
 *           record fails); otherwise as kestra_record_integer_text.
 */
KESTRA_FOR_BINDINGS kestra_result kestra_record_integer_words(kestra_record *record, int negative,
                                                              const uint64_t *words, size_t count);

/*
 * A number as a person types it (kestra-emit's command line), as the next value:
 * the JSON number grammar, except that leading zeros are allowed ("007" is 7); an
 * integer is written as kestra_record_integer_text writes it, any other number as
 * kestra_record_double; "nan", "inf", "infinity" (any case, with a sign) read as
 * the doubles they name, and so fail as kestra_record_double fails them. With
 * `allow_bool` non-zero, "true" and "false" are booleans (a tag value typed on a
 * command line).
 *
 * record:     the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * text:       the text, borrowed, UTF-8; no '+' and no white space.
 * len:        its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * allow_bool: non-zero to read "true" and "false" as booleans.
 * Returns:    KESTRA_OK; KESTRA_ERROR_VALUE "... is not a number" (or "is not a
 *             number or a boolean") for other text, "... is beyond the range of a
 *             double" past a double's range (the message a JSON text's 1e400
 *             gets); otherwise as kestra_record_integer_text, kestra_record_double
 *             or kestra_record_bool.
 */
KESTRA_FOR_BINDINGS kestra_result kestra_record_number_text(kestra_record *record, const char *text,
                                                            size_t len, int allow_bool);

/*
 * `text` quoted for a one-line message, as the core quotes keys and names in
 * its own messages: between single quotes, with \ and ' escaped and everything
 * else as in the JSON strings it writes (\n, \u00e9). Text that is not valid
 * UTF-8 gives the 15 characters (invalid UTF-8), unquoted. For tools that echo
 * user text in their own errors (kestra-emit's command-line checks).
 *
 * text:    `len` bytes (or KESTRA_CSTR when NUL-terminated), borrowed; NULL reads
 *          as "".
 * len:     the length of `text` in bytes, or KESTRA_CSTR.
 * buffer:  where the quoted text and a NUL go (capacity `cap`, owned by the
 *          caller); may be NULL when cap is 0.
 * cap:     the capacity of `buffer` in bytes, NUL included.
 * Returns: the length of the quoted text without its NUL; when it is >= cap,
 *          the text was cut (as snprintf does), so call again with more room.
 *          0 when memory is exhausted (buffer then holds "").
 */
KESTRA_FOR_BINDINGS size_t kestra_quote_for_message(const char *text, size_t len, char *buffer, size_t cap);

/* ---- Finishing and writing --------------------------------------------- */

/*
 * Closes the record and checks it is complete: every container closed, a
 * metric has its value and no tag key waits for a value, a logs record has an
 * entry; a record begun with begin_message is checked against the server's
 * rules here. Then kestra_record_line gives its line. Idempotent once it
 * succeeded.
 *
 * record:  the record (caller's); NULL gives KESTRA_ERROR_USAGE.
 * Returns: KESTRA_OK (also when finished already); KESTRA_ERROR_USAGE when it is
 *          not complete or no record was begun; KESTRA_ERROR_TYPE or
 *          KESTRA_ERROR_VALUE for a message that breaks the server's rules; the
 *          record's earlier failure.
 */
KESTRA_API kestra_result kestra_record_finish(kestra_record *record);

/*
 * The finished line, "::{…}::\n" (with the newline). Does not finish the record:
 * call kestra_record_finish first.
 *
 * record:  the record, or NULL.
 * len:     receives the line's length in bytes (0 when there is none); may be NULL.
 * Returns: the line, NUL-terminated, borrowed: valid until the next call that
 *          changes the record or its free. NULL (and *len 0) when the record is
 *          NULL or not finished.
 */
KESTRA_API const char *kestra_record_line(const kestra_record *record, size_t *len);

/*
 * Copies the finished line (with its newline) into the caller's buffer. Does not
 * finish the record, and does not change it (a failure here is not recorded).
 *
 * record:  a finished record.
 * buffer:  where the line goes, owned by the caller; no NUL is added. May be NULL
 *          to ask for the length.
 * cap:     the capacity of `buffer` in bytes.
 * len:     receives the line's length (also when it does not fit); may be NULL.
 * Returns: KESTRA_OK; KESTRA_ERROR_BUFFER_TOO_SMALL when `buffer` is NULL or
 *          smaller than the line (*len says how much is needed);
 *          KESTRA_ERROR_USAGE for a NULL record (*len untouched) or one not
 *          finished (*len 0).
 */
KESTRA_API kestra_result kestra_record_copy_line(const kestra_record *record, char *buffer, size_t cap,
                                                 size_t *len);

/*
 * Finishes the record if needed, then writes its line to `fd` with one write
 * call under the process-wide lock, retrying on EINTR and on partial writes, and
 * waiting (poll) on a full non-blocking pipe. SIGPIPE is not raised: a gone reader
 * gives KESTRA_ERROR_IO ("EPIPE"). The record keeps its line, so a failed write
 * can be tried again; begin_* or reset starts the next one. The same as
 * kestra_record_write_flags(record, fd, KESTRA_WRITE_DEFAULT).
 *
 * record:  the record (caller's; finished here if needed); NULL gives
 *          KESTRA_ERROR_USAGE.
 * fd:      an open descriptor, written to and never closed.
 * Returns: KESTRA_OK; the results of kestra_record_finish; KESTRA_ERROR_IO when
 *          the write fails, with "write to fd N: <strerror> (<ERRNO>)" as the
 *          record's error and status. That fails only the write: the line stays,
 *          and a later write that succeeds clears them (status KESTRA_OK, error
 *          ""), as begin_* and kestra_record_reset do.
 * Threads: lines written from several threads at once never interleave.
 */
KESTRA_API kestra_result kestra_record_write(kestra_record *record, int fd);

/*
 * kestra_record_write with the flags of kestra_write_line (KESTRA_WRITE_*):
 * KESTRA_WRITE_SIGPIPE_IGNORED skips the SIGPIPE guard in a process that ignores
 * SIGPIPE already. kestra_record_write(r, fd) is kestra_record_write_flags(r,
 * fd, KESTRA_WRITE_DEFAULT).
 *
 * record:  the record (finished here if needed); NULL gives KESTRA_ERROR_USAGE.
 * fd:      an open descriptor, written to and not closed.
 * flags:   KESTRA_WRITE_DEFAULT or KESTRA_WRITE_SIGPIPE_IGNORED; other bits are ignored.
 * Returns: as kestra_record_write.
 */
KESTRA_API kestra_result kestra_record_write_flags(kestra_record *record, int fd, unsigned flags);

/*
 * The message of the record's failure ("counter 'rows' value: NaN is not
 * allowed ..."), or "" when nothing failed since the last begin_* or reset (or,
 * after a failed write, since a write that succeeded).
 *
 * record:  the record, or NULL.
 * Returns: the message, NUL-terminated, borrowed: valid until the next call that
 *          changes the record or its free. For a NULL record, the static text
 *          "no record (NULL handle)". Never NULL.
 */
KESTRA_API const char *kestra_record_error(const kestra_record *record);

/*
 * The result of the record's failure, the one kestra_record_error words.
 *
 * record:  the record, or NULL.
 * Returns: KESTRA_OK when nothing failed since the last begin_* or reset (a
 *          failed write: until a write succeeds);
 *          KESTRA_ERROR_USAGE for a NULL record.
 */
KESTRA_API kestra_result kestra_record_status(const kestra_record *record);

/* ---- Lines from elsewhere ---------------------------------------------- */

/* Flags of kestra_write_line. */
#define KESTRA_WRITE_DEFAULT 0u
/* The process ignores SIGPIPE already (CPython and Node do): skip the three
 * system calls per line that keep a gone reader from killing a C program. */
#define KESTRA_WRITE_SIGPIPE_IGNORED 1u

/*
 * Writes bytes to `fd` as kestra_record_write does: one write call under the
 * same process-wide lock, EINTR, partial writes and full non-blocking pipes
 * handled, no SIGPIPE (unless KESTRA_WRITE_SIGPIPE_IGNORED). For bindings that
 * hold a line made by kestra_record_line.
 *
 * fd:      an open descriptor, written to and never closed.
 * data:    the bytes, borrowed; written as they are, nothing is checked or added.
 *          NULL reads as no bytes.
 * len:     their length in bytes, or KESTRA_CSTR when NUL-terminated.
 * flags:   KESTRA_WRITE_DEFAULT or KESTRA_WRITE_SIGPIPE_IGNORED; other bits are ignored.
 * Returns: KESTRA_OK (nothing written for 0 bytes); KESTRA_ERROR_IO when the
 *          write fails, with errno set to its error.
 * Threads: any thread; lines never interleave.
 */
KESTRA_API kestra_result kestra_write_line(int fd, const char *data, size_t len, unsigned flags);

typedef enum kestra_line_verdict {
  /* Not a protocol line: Kestra logs it as text (INFO on stdout). */
  KESTRA_LINE_TEXT = 0,
  /* A protocol line the server decodes and records. */
  KESTRA_LINE_RECORDED = 1,
  /* A protocol line the server drops whole ("Invalid outputs"), or that
   * endangers the worker (a null metric value). */
  KESTRA_LINE_REJECTED = 2,
  /* Looks meant as a protocol line (starts with "::{" or ends with "}::") but
   * does not match ^::(\{.*\})::$, so Kestra logs it as text. */
  KESTRA_LINE_NEAR_MISS = 3,
  KESTRA_LINE_MIN_ = -0x7fffffff - 1, /* not verdicts: see KESTRA_RESULT_MIN_ */
  KESTRA_LINE_MAX_ = 0x7fffffff
} kestra_line_verdict;

/*
 * Says what the Kestra server would do with one line of a script's output (the
 * rules of docs/PROTOCOL.md Part 1, which are looser than what this library
 * writes).
 *
 * line:       the line without its terminator, borrowed; invalid UTF-8 is read as
 *             the server reads it (U+FFFD). NULL reads as an empty line.
 * len:        its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * reason:     where a one-line, pure ASCII explanation is written, NUL-terminated
 *             and cut to fit; owned by the caller. May be NULL.
 * reason_cap: the capacity of `reason` in bytes, NUL included.
 * reason_len: when not NULL, receives the length of the whole explanation (without
 *             its NUL) even when it was cut: a second call with a buffer of
 *             *reason_len + 1 bytes gets it whole.
 * Returns:    the verdict. Never fails: any bytes get one.
 * Threads:    keeps no state; any thread may call it at any time.
 */
KESTRA_API kestra_line_verdict kestra_check_line(const char *line, size_t len, char *reason,
                                                 size_t reason_cap, size_t *reason_len);

/*
 * As kestra_check_line, with the line as UTF-16 (a JavaScript, Java or Python
 * string as it is), read as the UTF-8 a script would write for it.
 *
 * line:       the line without its terminator, `len` 16-bit units, borrowed. NULL
 *             reads as an empty line.
 * len:        its length in 16-bit units, or KESTRA_CSTR when it ends with a 0 unit.
 * reason, reason_cap, reason_len:
 *             as for kestra_check_line (the reason is ASCII, counted in bytes).
 * Returns:    the verdict. Never fails.
 *
 * Well-formed UTF-16 gets exactly the verdict and the reason kestra_check_line
 * gives its UTF-8 (a column in a reason counts bytes of that UTF-8).
 * A lone surrogate has no UTF-8 form, so no script's stdout carries one: a
 * replacing encoder writes U+FFFD (EF BF BD) for it, as Node's process.stdout
 * and .NET's UTF8Encoding do, and this call reads it so. The verdict is then
 * kestra_check_line's for the line with each lone surrogate replaced by U+FFFD,
 * as the server would store that line; the reason is that line's, with a note
 * naming the first lone surrogate ("a lone surrogate (U+D800) has no UTF-8 form:
 * the server gets U+FFFD, ...") on a recorded line, and " (after a lone
 * surrogate was replaced by U+FFFD)" after a rejection, as kestra_check_line
 * notes invalid UTF-8 it reads as U+FFFD. (Bytes a runtime might write instead,
 * such as Python's 'surrogatepass' ED A0 80, are invalid UTF-8, which the server
 * also reads as U+FFFD: kestra_check_line judges those bytes.)
 */
KESTRA_API kestra_line_verdict kestra_check_line_utf16(const uint16_t *line, size_t len, char *reason,
                                                       size_t reason_cap, size_t *reason_len);

/* ---- Execution context ------------------------------------------------ */
/*
 * The execution context Kestra 2.x gives a script task that sets
 * `executionContext: true` (keys such as inputs, outputs, labels, vars, trigger,
 * flow, execution, task, taskrun). One rule for every language: bindings take
 * the JSON text and parse it with their own JSON module.
 */

typedef struct kestra_context kestra_context;

/*
 * A new empty context handle, with nothing loaded.
 *
 * Returns: the handle, owned by the caller, who frees it with kestra_context_free;
 *          NULL when memory is exhausted.
 * Threads: one thread at a time per handle.
 */
KESTRA_API kestra_context *kestra_context_new(void);

/*
 * Frees a context handle; every pointer it lent is invalid afterwards.
 *
 * context: the handle, or NULL (then nothing happens).
 */
KESTRA_API void kestra_context_free(kestra_context *context);

/*
 * Finds and reads the execution context, in the order of the official Python
 * package 2.0.0: the file `path`, else the file named by
 * $KESTRA_EXECUTION_CONTEXT_FILE, else ".kestra-execution-context.json" in the
 * working directory; when that file does not exist, the base64 JSON (standard or
 * URL-safe alphabet, padding optional) in $KESTRA_CONTEXT. Empty variables count
 * as unset. The text must be one strict JSON object in valid UTF-8, nested at
 * most KESTRA_MAX_DEPTH levels. Each call starts over, dropping what an earlier
 * load read; a load that fails leaves the handle as before any load (no JSON
 * text, no source), with only its message.
 *
 * context:  the handle (caller's); NULL gives KESTRA_ERROR_USAGE.
 * path:     the file to read, borrowed; NULL or "" for none (then the variables
 *           above decide).
 * path_len: its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * Returns:  KESTRA_OK; KESTRA_ERROR_NOT_FOUND when the file does not exist and
 *           $KESTRA_CONTEXT is unset (the message names the file tried); KESTRA_ERROR_IO
 *           when the file cannot be read (a directory, no permission, ...);
 *           KESTRA_ERROR_VALUE for a path holding a NUL byte or bad base64;
 *           KESTRA_ERROR_UNICODE, KESTRA_ERROR_SYNTAX (with the byte offset),
 *           KESTRA_ERROR_DEPTH or KESTRA_ERROR_TYPE (not an object) for bad
 *           content; KESTRA_ERROR_NO_MEMORY ("out of memory"). The message is kestra_context_error's.
 * Threads:  reads the environment (getenv): not at the same time as a setenv.
 */
KESTRA_API kestra_result kestra_context_load(kestra_context *context, const char *path, size_t path_len);

/*
 * The loaded context's JSON text, as read (before any parse).
 *
 * context: the handle, or NULL.
 * len:     receives the text's length in bytes; may be NULL.
 * Returns: the text, NUL-terminated, borrowed: valid until the next load or the
 *          free. "" before any load and after a failed one. NULL (and *len 0) for
 *          a NULL handle.
 */
KESTRA_API const char *kestra_context_json(const kestra_context *context, size_t *len);

/*
 * Where the loaded context came from.
 *
 * context: the handle, or NULL.
 * Returns: the file's path, or "KESTRA_CONTEXT"; "" before a load, after a
 *          failed one, and for a NULL handle. Borrowed, NUL-terminated, valid until
 *          the next load or the free.
 */
KESTRA_API const char *kestra_context_source(const kestra_context *context);

/*
 * One value of the loaded context by path.
 *
 * context:   a handle with a context loaded (caller's); NULL gives
 *            KESTRA_ERROR_USAGE.
 * path:      borrowed, UTF-8: keys joined by '.', array indexes as [N] or .N
 *            ("inputs.user", "labels[0].key", "labels.0.key"); "" (or NULL) is the
 *            whole context. A key that repeats in an object means its last value.
 * path_len:  its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * value:     receives the value (NULL on failure), borrowed, NUL-terminated, valid
 *            until the next call on the handle: a string's text as it is (UTF-8;
 *            it may hold NUL bytes, so use *value_len), anything else as compact
 *            ASCII JSON (a number keeps its text). May be NULL.
 * value_len: receives its length in bytes (0 on failure); may be NULL.
 * is_string: receives 1 for a string, 0 for anything else or on failure; may be NULL.
 * Returns:   KESTRA_OK; KESTRA_ERROR_NOT_FOUND when a key or index is missing or
 *            the path goes through a value that has none (a string, an array
 *            taken by key, an object taken by [N]); the message names the path and
 *            what is there; KESTRA_ERROR_VALUE for a malformed path (an empty key,
 *            a '[' without digits and ']'); KESTRA_ERROR_USAGE for a NULL handle,
 *            or unless the last kestra_context_load succeeded; KESTRA_ERROR_NO_MEMORY
 *            ("out of memory"; the loaded context stays usable). The message is
 *            kestra_context_error's.
 */
KESTRA_API kestra_result kestra_context_get(kestra_context *context, const char *path, size_t path_len,
                                            const char **value, size_t *value_len, int *is_string);

/*
 * The message of the handle's last failing call.
 *
 * context: the handle, or NULL.
 * Returns: the message, NUL-terminated, borrowed: valid until the next call on the
 *          handle; "" when the last load or get succeeded, before any, and for a
 *          NULL handle.
 */
KESTRA_API const char *kestra_context_error(const kestra_context *context);

/* ---- Reading a script's output: what Kestra would store ---------------- */

/*
 * A kestra_summary reads a script's output, line by line as it arrives, and
 * keeps what the Kestra server would store from it: outputs merged shallowly
 * across lines (last write wins, with the Java type the server reads), metrics
 * (counters and timers with the same type, name and tags added up, a gauge
 * keeps its last value; timers in seconds and in milliseconds as stored), log
 * entries with their levels, assets, and every other line as the log line it
 * becomes (INFO from stdout, ERROR from stderr). Lines the server would drop
 * are listed as problems with the reason of kestra_check_line, which judges
 * every line. `kestra-emit show` and the test helpers of every language read
 * their records from here, so they agree.
 *
 * A summary must be used by one thread at a time. Memory grows with what it
 * keeps (every log line); outputs and metrics are merged as they come.
 */
typedef struct kestra_summary kestra_summary;

/* The streams a line can come from. */
#define KESTRA_STREAM_STDOUT 1
#define KESTRA_STREAM_STDERR 2

/* Options of kestra_summary_new. */
#define KESTRA_SUMMARY_TOTALS 0u
/* Also keep a row of text per record as it arrives, for kestra_summary_take_rows
 * (a live display); without it nothing is kept for rows. */
#define KESTRA_SUMMARY_ROWS 1u

/*
 * A new empty summary.
 *
 * options: KESTRA_SUMMARY_TOTALS or KESTRA_SUMMARY_ROWS; other bits are ignored.
 * Returns: the summary, owned by the caller, who frees it with
 *          kestra_summary_free; NULL when memory is exhausted.
 * Threads: one thread at a time per summary.
 */
KESTRA_API kestra_summary *kestra_summary_new(unsigned options);

/*
 * Frees a summary; every pointer it lent is invalid afterwards.
 *
 * summary: the summary, or NULL (then nothing happens).
 */
KESTRA_API void kestra_summary_free(kestra_summary *summary);

/*
 * Adds one whole line of the script's output and judges it as the server would.
 *
 * summary: the summary (caller's); NULL gives KESTRA_ERROR_USAGE.
 * stream:  KESTRA_STREAM_STDOUT or KESTRA_STREAM_STDERR.
 * line:    the line without its terminator, borrowed (any bytes); NULL reads as "".
 * len:     its length in bytes, or KESTRA_CSTR when NUL-terminated.
 * verdict: receives how the server reads the line, on success only; may be NULL.
 * Returns: KESTRA_OK; KESTRA_ERROR_USAGE for a NULL summary or another stream
 *          number; KESTRA_ERROR_NO_MEMORY when memory ran out, now or in an
 *          earlier call: the summary may hold part of that line, so it has
 *          failed, and every later add_line, feed and end returns
 *          KESTRA_ERROR_NO_MEMORY again without reading its input (what it stored
 *          before can still be read, but it is not all of the output).
 */
KESTRA_API kestra_result kestra_summary_add_line(kestra_summary *summary, int stream, const char *line,
                                                 size_t len, kestra_line_verdict *verdict);

/*
 * Adds raw output of `stream` as it arrives: lines end at \n, \r or \r\n, as the
 * server splits them (a \r\n split between two calls ends one line); an
 * unfinished line waits for the next call or kestra_summary_end.
 *
 * summary: the summary (caller's); NULL gives KESTRA_ERROR_USAGE.
 * stream:  KESTRA_STREAM_STDOUT or KESTRA_STREAM_STDERR.
 * data:    `len` bytes, borrowed (any bytes); NULL reads as none.
 * len:     their number, or KESTRA_CSTR for the bytes up to the first NUL.
 * Returns: as kestra_summary_add_line.
 */
KESTRA_API kestra_result kestra_summary_feed(kestra_summary *summary, int stream, const char *data,
                                             size_t len);

/*
 * The end of `stream`: adds its unfinished last line, if any (an empty one is
 * not a line). The stream may go on afterwards, with a new line.
 *
 * summary: the summary (caller's); NULL gives KESTRA_ERROR_USAGE.
 * stream:  KESTRA_STREAM_STDOUT or KESTRA_STREAM_STDERR.
 * Returns: as kestra_summary_add_line.
 */
KESTRA_API kestra_result kestra_summary_end(kestra_summary *summary, int stream);

/*
 * What is stored so far, as one JSON object (pure ASCII), with the keys:
 *   "outputs"       the merged outputs object, values as the script sent them
 *   "output_types"  key -> the type the server reads: "String", "Integer",
 *                   "Long", "BigInteger", "Double", "Boolean", "null", "List", "Map"
 *   "metrics"       [{"type","name","tags":{k: string},"value","lines"}] ("lines":
 *                   how many entries were added into it), in order
 *                   of first appearance; counters and timers added up, a gauge
 *                   its last value; a timer's value in seconds and "stored_ms",
 *                   the whole milliseconds the server stores
 *   "logs"          [{"level","message","stream","line","text"}], "text" true for
 *                   an ordinary line logged as text; a message longer than 15,360
 *                   UTF-16 units is several entries, as Kestra 2.0.0 stores it
 *   "assets"        [each assets object, as sent]
 *   "problems"      [{"stream","line","verdict","reason","excerpt"}]: lines
 *                   rejected, and near misses (which are also logged as text)
 *   "lines"         {"recorded","rejected","near_miss","text"}: counts
 * `stream` is "stdout" or "stderr", `line` its 1-based line number there. An
 * unfinished line given to kestra_summary_feed is not in it until it ends.
 *
 * summary: the summary, or NULL.
 * len:     receives the text's length in bytes (0 on failure); may be NULL.
 * Returns: the text, NUL-terminated, borrowed: valid until the next call on the
 *          summary or its free. NULL for a NULL summary or when memory is exhausted.
 */
KESTRA_API const char *kestra_summary_json(kestra_summary *summary, size_t *len);

/*
 * How many lines so far the server would drop (rejected) or log as text though
 * they look meant as records (near misses): the entries of "problems".
 *
 * summary: the summary, or NULL.
 * Returns: the count; 0 for a NULL summary.
 */
KESTRA_API size_t kestra_summary_problems(const kestra_summary *summary);

/* Flags of kestra_summary_text and kestra_summary_take_rows. */
#define KESTRA_SUMMARY_PLAIN 0u
/* ANSI colours for levels and verdicts (for a terminal). */
#define KESTRA_SUMMARY_COLOR 1u

/*
 * What is stored so far as text for a person: tables of outputs, metrics, the
 * logs by level (with the last 20 lines), assets, problems and the line counts,
 * ending with a newline. UTF-8; the script's control characters are shown as
 * \u escapes, so the text cannot drive a terminal. The same text is in every
 * language's failing-test message.
 *
 * summary: the summary, or NULL.
 * flags:   KESTRA_SUMMARY_PLAIN or KESTRA_SUMMARY_COLOR; other bits are ignored.
 * len:     receives the text's length in bytes (0 on failure); may be NULL.
 * Returns: the text, NUL-terminated, borrowed: valid until the next call on the
 *          summary or its free. NULL for a NULL summary or when memory is exhausted.
 */
KESTRA_API const char *kestra_summary_text(kestra_summary *summary, unsigned flags, size_t *len);

/*
 * One row of text (like kestra_summary_text's) per record or log line added
 * since the previous call, for showing a script's records as they arrive:
 * "STREAM:LINE KIND ...", KIND an output, a metric type, a level, "asset",
 * "rejected" or "near miss". The rows returned are not returned again.
 *
 * summary: the summary, or NULL.
 * flags:   KESTRA_SUMMARY_PLAIN or KESTRA_SUMMARY_COLOR; other bits are ignored.
 * len:     receives the text's length in bytes (0 on failure); may be NULL.
 * Returns: the rows, one per line, each ending with a newline, NUL-terminated,
 *          borrowed: valid until the next call on the
 *          summary or its free; "" when there are none, or when the summary was
 *          made without KESTRA_SUMMARY_ROWS. NULL for a NULL summary or when
 *          memory is exhausted.
 */
KESTRA_API const char *kestra_summary_take_rows(kestra_summary *summary, unsigned flags, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* KESTRA_KESTRA_H */
