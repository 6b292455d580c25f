# The core's kestra_metric_type values.
COUNTER <- 0L
TIMER <- 1L
GAUGE <- 2L

#' Send a metric to Kestra
#'
#' `kestra_counter()` adds `value` to a counter, `kestra_gauge()` sends the
#' current value of a gauge. Tags are a named list or a named vector of strings,
#' numbers or logicals (`tags = c(table = "users")`).
#'
#' @param name The metric's name, a non-empty character string.
#' @param value A number. `NA`, `NaN` and `Inf` raise an error.
#' @param tags `NULL`, or a named list or named vector of tag values.
#' @param timestamp `NULL`, or the time of the measure: a `POSIXct` or ISO-8601
#'   text with a zone (`"2026-11-21T10:30:00Z"`).
#' @param description `NULL`, or a description of the metric.
#' @return `value`, invisibly.
#' @examples
#' kestra_counter("rows", 42L, tags = c(table = "users"))
#' kestra_gauge("memory_mb", 512.5)
#' @export
kestra_counter <- function(name, value, tags = NULL, timestamp = NULL, description = NULL) {
  .Call(kr_metric, COUNTER, name, value, tags, timestamp, description)
  invisible(value)
}

#' @rdname kestra_counter
#' @export
kestra_gauge <- function(name, value, tags = NULL, timestamp = NULL, description = NULL) {
  .Call(kr_metric, GAUGE, name, value, tags, timestamp, description)
  invisible(value)
}

#' Send a timer to Kestra, or time code
#'
#' * `duration` a number (or a `difftime`): that many **seconds** are sent.
#' * `duration` a block, `{ ... }`: the code is timed with a monotonic clock
#'   while it runs; its value is returned.
#' * `duration` a function: it is called without arguments and timed; its value
#'   is returned.
#'
#' Anything else is given to the core as the value, which refuses what is not
#' a number (so `Kestra$timer("load", "PT1S")` is a `kestra_type_error`).
#'
#' When the timed code raises an error, the time until the error is sent, then
#' the error goes on unchanged.
#'
#' @inheritParams kestra_counter
#' @param duration Seconds, code in `{ }` to time, or a function (see Details).
#' @return The timed code's value, or `duration` invisibly when it is seconds.
#' @examples
#' kestra_timer("load", 1.5)
#' n <- Kestra$timer("count", { nrow(mtcars) })
#' df <- Kestra$timer("head", function() head(mtcars))
#' @export
kestra_timer <- function(name, duration, tags = NULL, timestamp = NULL, description = NULL) {
  if (missing(duration)) stop("kestra_timer(): `duration` is missing: give seconds, a function or code")
  expr <- substitute(duration)
  block <- is.call(expr) && identical(expr[[1L]], as.name("{"))
  send <- function(seconds) .Call(kr_metric, TIMER, name, seconds, tags, timestamp, description)
  start <- .Call(kr_clock)
  sent <- FALSE
  on.exit(if (!sent) try(send(.Call(kr_clock) - start), silent = TRUE))
  value <- duration  # runs the code of a block
  if (!block && is.function(value)) {
    start <- .Call(kr_clock)
    value <- value()
  } else if (!block) {
    sent <- TRUE
    send(if (inherits(value, "difftime")) as.double(value, units = "secs") else value)
    return(invisible(value))
  }
  elapsed <- .Call(kr_clock) - start
  sent <- TRUE
  send(elapsed)
  value
}
