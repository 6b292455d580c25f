# The R column of tests/conformance/ion_check.py: reads Ion files (Kestra's
# FileSerde output) with Kestra$read and Kestra$iter_read and prints, for each
# FILE, one JSON line {"read": ..., "iter_read": ...}: what each gave in a
# tagged form that keeps R's types:
#
#   TRUE, FALSE, a string  true, false, the string (UTF-8)
#   NA                     {"na": typeof}  (a null is a logical NA)
#   an integer             {"integer": "<digits>"}
#   a double               {"double": sprintf("%.17g")} (NaN, Inf, -Inf, -0)
#   a POSIXct              {"posixct": seconds since the epoch as "%.17g", "tzone": its tzone}
#   an unnamed list        a JSON array
#   a named list           {"named": [[name, tagged], ...]} in order (an empty
#                          struct is a named list of length 0)
#   anything else          {"unexpected": its class and length}
#
# "read" is {"rows": [...]} (Kestra$read gave a list of rows), {"data.frame":
# ...} (it gave one: not expected for the corpus, whose rows differ in shape) or
# {"error": {"class", "kind", "message"}}; "iter_read" is {"rows": [...]}, with
# "error" after the rows before it, and then "after_error": whether the next
# call returned NULL, as ?kestra_iter_read says.
#
# Usage: Rscript ion_read.R LIBRARY FILE...   (LIBRARY holds the kestra package)
args <- commandArgs(trailingOnly = TRUE)
library(kestra, lib.loc = args[[1L]])

unexpected <- function(x) list(unexpected = paste(paste(class(x), collapse = "/"), length(x)))

tag <- function(x) {
  if (inherits(x, "POSIXct")) {
    if (length(x) != 1L) return(unexpected(x))
    tz <- attr(x, "tzone")
    return(list(posixct = sprintf("%.17g", unclass(x)[[1L]]), tzone = if (is.null(tz)) "" else tz))
  }
  if (is.list(x)) {
    if (is.object(x)) return(unexpected(x))
    items <- lapply(unname(x), tag)
    if (is.null(names(x))) return(items)
    return(list(named = Map(function(k, v) list(k, v), names(x), items, USE.NAMES = FALSE)))
  }
  if (is.object(x) || !is.atomic(x) || length(x) != 1L) return(unexpected(x))
  if (is.na(x) && !is.nan(x)) return(list(na = typeof(x)))
  switch(typeof(x),
    logical = x,
    character = enc2utf8(x),
    integer = list(integer = as.character(x)),
    double = list(double = sprintf("%.17g", x)),
    unexpected(x))
}

failure <- function(e) list(class = class(e)[[1L]], kind = if (is.null(e$kind)) NULL else e$kind,
                            message = conditionMessage(e))

read_all <- function(path) {
  tryCatch({
    got <- Kestra$read(path)
    if (is.data.frame(got)) list(data.frame = names(got)) else list(rows = lapply(got, tag))
  }, error = function(e) list(error = failure(e)))
}

iterate <- function(path) {
  rows <- Kestra$iter_read(path)
  out <- list(rows = list())
  repeat {
    row <- tryCatch(rows(), error = function(e) e)
    if (inherits(row, "error")) {
      out$error <- failure(row)
      out$after_error <- if (is.null(rows())) "NULL" else "a row"
      break
    }
    if (is.null(row)) break
    out$rows[[length(out$rows) + 1L]] <- tag(row)
  }
  out
}

for (path in args[-1L]) {
  json <- jsonlite::toJSON(list(read = read_all(path), iter_read = iterate(path)), auto_unbox = TRUE, null = "null")
  writeLines(enc2utf8(as.character(json)), useBytes = TRUE)
}
