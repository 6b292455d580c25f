#' Kestra: outputs, metrics, logs and assets for Kestra's R script tasks
#'
#' `Kestra` holds the calls of the official Python and Node libraries, in R's
#' idiom: `Kestra$outputs()`, `Kestra$encrypted_outputs()`, `Kestra$counter()`, `Kestra$timer()`,
#' `Kestra$gauge()`, `Kestra$assets()`, `Kestra$log()`, `Kestra$logs()`,
#' `Kestra$logger()`, `Kestra$format()`, `Kestra$outputs_json()`,
#' `Kestra$context()`, `Kestra$context_value()`, `Kestra$read()` and
#' `Kestra$iter_read()`. Each is also
#' a plain function (`kestra_outputs()`, `kestra_counter()`, ...).
#'
#' Each call writes one line, `::{json}::`, on standard output, which Kestra
#' reads as the task's outputs, metrics, logs or assets. Every rule and every
#' error message comes from the SDK's C core, shared with Python, Node and the
#' other languages, so every language writes the same bytes for the same call.
#'
#' @format A list of functions.
#' @examples
#' Kestra$outputs(list(rows = 42L, name = "x"))
#' Kestra$counter("rows", 42L, tags = c(table = "users"))
#' Kestra$timer("load", 1.5)
#' Kestra$logger()$info("done")
#' @include send.R metrics.R logs.R read.R capture.R
#' @export
Kestra <- structure(
  list(
    outputs = kestra_outputs, outputs_json = kestra_outputs_json,
    encrypted_outputs = kestra_encrypted_outputs,
    counter = kestra_counter, timer = kestra_timer, gauge = kestra_gauge,
    assets = kestra_assets, log = kestra_log, logs = kestra_logs,
    logger = kestra_logger, format = kestra_format,
    context = kestra_context, context_value = kestra_context_value,
    read = kestra_read, iter_read = kestra_iter_read),
  class = "kestra_api")

#' @export
print.kestra_api <- function(x, ...) {
  cat("<Kestra> ", paste0("$", names(x), "()", collapse = " "), "\n", sep = "")
  invisible(x)
}

#' Errors raised by kestra
#'
#' A bad value raises a condition of class `kestra_<kind>_error`, then
#' `kestra_error`, `error` and `condition`, and nothing is written. `<kind>` is
#' the core's kind (`conditionObject$kind`): `type` (a value of the wrong kind
#' for its place, a type R cannot convert), `value` (`NaN`, `Inf`, a negative
#' timer, `NA` in a metric, an unknown level, ...), `unicode`, `depth`, `cycle`,
#' `syntax` (a bad JSON text) or `limit`. The message starts with the place:
#' `outputs['rows'][2]: NaN is not allowed ...`.
#'
#' @name kestra_error
#' @examples
#' tryCatch(kestra_counter("rows", NaN), kestra_value_error = function(e) conditionMessage(e))
NULL

#' @useDynLib kestra, .registration = TRUE
NULL

#' The version of the SDK's core
#' @return The version, a character string ("0.1.0").
#' @examples
#' kestra_version()
#' @export
kestra_version <- function() .Call(kr_version)
