#' Send log entries to Kestra
#'
#' Every level goes to standard output as a protocol log line.
#'
#' @param level A level name (`"TRACE"`, `"DEBUG"`, `"INFO"`, `"WARN"`,
#'   `"ERROR"`, any case, or `"WARNING"`, `"CRITICAL"`, `"FATAL"`), or a number
#'   from 0 (TRACE) to 4 (ERROR).
#' @param message The message, a character string (a longer character vector
#'   sends one entry per element, in one line).
#' @return `message`, invisibly.
#' @examples
#' kestra_log("INFO", "loaded 42 rows")
#' kestra_log(3, "disk almost full")  # WARN
#' @export
kestra_log <- function(level, message) {
  .Call(kr_logs, list(level), message)
  invisible(message)
}

#' @rdname kestra_log
#' @param entries A list of `list(level, message)` pairs, or a data.frame with
#'   columns `level` and `message`: sent as one line.
#' @export
kestra_logs <- function(entries) {
  if (is.data.frame(entries)) {
    levels <- as.list(if (is.factor(entries$level)) as.character(entries$level) else entries$level)
    messages <- as.character(entries$message)
  } else {
    levels <- lapply(entries, `[[`, 1L)
    messages <- vapply(entries, function(e) as.character(e[[2L]]), "")
  }
  .Call(kr_logs, levels, messages)
  invisible(entries)
}

# The text of a logger call, as R users write it: a condition's message;
# sprintf() when the first argument holds a "%" and more follow; else the
# arguments pasted together as message() pastes them.
log_text <- function(...) {
  args <- list(...)
  if (length(args) == 1L && inherits(args[[1L]], "condition")) return(conditionMessage(args[[1L]]))
  if (length(args) > 1L && is.character(args[[1L]]) && grepl("%", args[[1L]][1L], fixed = TRUE)) {
    return(paste(do.call(sprintf, args), collapse = "\n"))
  }
  paste(unlist(lapply(args, as.character)), collapse = "")
}

#' A logger for Kestra
#'
#' An object with one function per level, `$trace()`, `$debug()`, `$info()`,
#' `$warn()` (also `$warning()`) and `$error()`, each sending one log entry. Each
#' takes `...`: `sprintf()` arguments when the first holds a `%`
#' (`log$info("%d rows", n)`), else pieces pasted as [message()] pastes them
#' (`log$info("loaded ", n, " rows")`); a condition gives its message
#' (`tryCatch(..., error = log$error)`).
#'
#' @return A `kestra_logger`, the same on every call.
#' @examples
#' log <- kestra_logger()
#' log$info("%d rows in %.1f s", 42L, 1.5)
#' log$warn("disk ", "almost full")
#' @export
kestra_logger <- function() logger

level_function <- function(level) {
  force(level)
  function(...) invisible(.Call(kr_logs, list(level), log_text(...)))
}

logger <- structure(
  list(trace = level_function("TRACE"), debug = level_function("DEBUG"),
       info = level_function("INFO"), warn = level_function("WARN"),
       warning = level_function("WARN"), error = level_function("ERROR")),
  class = "kestra_logger")

#' @export
print.kestra_logger <- function(x, ...) {
  cat("<kestra_logger> $trace() $debug() $info() $warn() $error()\n")
  invisible(x)
}
