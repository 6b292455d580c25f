#' The execution context of the running Kestra task
#'
#' Kestra 2.x gives a script task that sets `executionContext: true` its
#' context (`inputs`, `outputs`, `labels`, `vars`, `trigger`, `flow`,
#' `execution`, `task`, `taskrun`, ...). It is looked for, in the order of the
#' official Python package: the file `path`, else the file named by
#' `$KESTRA_EXECUTION_CONTEXT_FILE`, else `.kestra-execution-context.json` in
#' the working directory; when that file does not exist, the base64 JSON of
#' `$KESTRA_CONTEXT`.
#'
#' The JSON becomes R lists as `jsonlite::parse_json(simplifyVector = FALSE)`
#' makes them: an object is a named list (`ctx$inputs$user`), an array an
#' unnamed list, `null` is `NULL`, numbers are integers when integral within
#' R's integer range, else doubles.
#'
#' @param path `NULL`, or the path of a context file.
#' @return A named list.
#' @section Errors: A condition of class `kestra_<kind>_error` (see
#'   [kestra_error]): `kestra_not_found_error` when there is no context (the
#'   message names the file tried), `kestra_io_error`, and `value`, `syntax`,
#'   `unicode`, `depth` or `type` for a context that is not one strict JSON
#'   object in UTF-8.
#' @examples
#' path <- tempfile(fileext = ".json")
#' writeLines('{"inputs": {"user": "alice"}, "labels": [{"key": "team", "value": "data"}]}', path)
#' ctx <- kestra_context(path)
#' ctx$inputs$user
#' ctx$labels[[1]]$value
#' @export
kestra_context <- function(path = NULL) {
  if (!is.null(path)) stopifnot(is.character(path), length(path) == 1L, !is.na(path))
  .Call(kr_context, path)
}

#' Read the rows of a file of Kestra's internal storage
#'
#' Kestra stores rows (a query's result, a file of records) as Amazon Ion text,
#' one struct per row. The rows convert as the official Python package's
#' `Kestra.read` converts them, in R's types: ints are integers (doubles past
#' R's integer range), floats and decimals doubles, bools logicals, nulls `NA`,
#' strings character, timestamps and strings that are ISO-8601 date-times (also
#' `LocalDateTime::"..."`) `POSIXct` in UTC (a time without an offset is read as
#' UTC), symbols, blobs and clobs character; a nested struct is a named list,
#' a list an unnamed list. A field name repeated in a struct is kept once, at
#' its first place with its last value (as Python's dict keeps it). Ints past
#' R's integer range are the nearest double, exact up to 2^53 only.
#'
#' When every row has the same fields in the same order and every value is a
#' scalar whose type is the same down each column (integers and doubles mix as
#' doubles, `NA` anywhere), the result is a data.frame with one row per row;
#' otherwise the list of rows (each a named list).
#'
#' @param path The path of an Ion file.
#' @return A data.frame, or a list of named lists (see Details).
#' @section Errors: A condition of class `kestra_<kind>_error` (see
#'   [kestra_error]): `kestra_syntax_error` naming the line and column of text
#'   that is not Ion, `kestra_type_error` for a row that is not a struct,
#'   `kestra_unicode_error`, `kestra_io_error` when the file cannot be read.
#'   Nothing is returned on error.
#' @examples
#' path <- tempfile(fileext = ".ion")
#' writeLines(c('{id: 1, name: "a", at: 2024-04-21T10:00:00Z}', '{id: 2, name: null, at: null}'), path)
#' kestra_read(path)
#' @export
kestra_read <- function(path) {
  stopifnot(is.character(path), length(path) == 1L, !is.na(path))
  rows_frame(.Call(kr_read, path))
}

#' Read the rows of a file of Kestra's internal storage one at a time
#'
#' The streaming form of [kestra_read()], as `Kestra.iter_read` in Python: the
#' file is read as the rows are asked for, so one larger than memory can be
#' processed row by row. Each row is a named list converted as
#' [kestra_read()] converts it (never a data.frame).
#'
#' @param path The path of an Ion file.
#' @return A function of no arguments: each call returns the next row, then
#'   `NULL` after the last one (and on every later call). The file is closed at
#'   the end, or when the function is garbage-collected.
#' @section Errors: A file that cannot be opened raises `kestra_io_error` at
#'   once. A row that fails raises its error (the same condition as
#'   [kestra_read()]'s) when it is asked for, after the rows before it; the
#'   function then returns `NULL`, as it does after an R error inside a row (a
#'   string holding NUL, which R strings cannot).
#' @examples
#' path <- tempfile(fileext = ".ion")
#' writeLines(c('{id: 1, name: "a"}', '{id: 2, tags: [x, y]}'), path)
#' rows <- kestra_iter_read(path)
#' while (!is.null(row <- rows())) print(row$id)
#' @export
kestra_iter_read <- function(path) {
  stopifnot(is.character(path), length(path) == 1L, !is.na(path))
  handle <- .Call(kr_iter_open, path)
  function() .Call(kr_iter_next, handle)
}

#' One value of the execution context, by its path
#'
#' The lookup of `kestra-emit context PATH`, by the core (so every language finds
#' the same value and words the same error): `key` is keys joined by `.`, with
#' array indexes as `[N]` or `.N` (`"inputs.user"`, `"labels[0].value"`,
#' `"labels.0.value"`); `""` is the whole context. Unlike `ctx$inputs$nope`
#' on the list of [kestra_context()] (`NULL`), a key that is not there is an
#' error naming the keys that are.
#'
#' @param key The path of the value in the context, a character string.
#' @param path `NULL`, or the path of a context file (see [kestra_context()]).
#' @return A string as a character string; any other value as
#'   [kestra_context()] reads it (a named list, a list, a number, a logical,
#'   `NULL` for `null`).
#' @section Errors: [kestra_context()]'s, then `kestra_not_found_error` for a key
#'   or index that is not there ("inputs.nope: no key 'nope' in inputs (keys:
#'   'user', ...)") and `kestra_value_error` for a malformed key ("inputs..user:
#'   empty key in the path").
#' @examples
#' path <- tempfile(fileext = ".json")
#' writeLines('{"inputs": {"user": "alice"}, "labels": [{"key": "team", "value": "data"}]}', path)
#' kestra_context_value("inputs.user", path)
#' kestra_context_value("labels[0]", path)
#' tryCatch(kestra_context_value("inputs.nope", path), kestra_not_found_error = conditionMessage)
#' @export
kestra_context_value <- function(key, path = NULL) {
  stopifnot(is.character(key), length(key) == 1L, !is.na(key))
  if (!is.null(path)) stopifnot(is.character(path), length(path) == 1L, !is.na(path))
  .Call(kr_context_value, key, path)
}

# The rows as a data.frame when they make one (see kestra_read), else as they are.
rows_frame <- function(rows) {
  if (!length(rows)) return(data.frame())
  keys <- names(rows[[1L]])
  if (!all(vapply(rows, function(row) identical(names(row), keys), NA))) return(rows)
  columns <- lapply(seq_along(keys), function(k) column(lapply(rows, `[[`, k)))
  if (any(vapply(columns, is.null, NA))) return(rows)
  names(columns) <- keys
  structure(columns, class = "data.frame", row.names = c(NA_integer_, -length(rows)))
}

# One column from its values: NULL when they are not scalars of one type.
column <- function(values) {
  if (!all(vapply(values, function(v) is.atomic(v) && length(v) == 1L, NA))) return(NULL)
  missing <- vapply(values, function(v) is.logical(v) && is.na(v), NA)
  present <- values[!missing]
  if (!length(present)) return(rep(NA, length(values)))
  kinds <- unique(vapply(present, function(v) if (inherits(v, "POSIXct")) "POSIXct" else typeof(v), ""))
  if (setequal(kinds, c("integer", "double"))) kinds <- "double"
  if (length(kinds) != 1L) return(NULL)
  if (kinds == "POSIXct") {
    seconds <- rep(NA_real_, length(values))
    seconds[!missing] <- vapply(present, unclass, 0)
    return(.POSIXct(seconds, tz = "UTC"))
  }
  out <- rep(switch(kinds, logical = NA, integer = NA_integer_, double = NA_real_, character = NA_character_),
             length(values))
  out[!missing] <- unlist(present)
  out
}
