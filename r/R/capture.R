#' What Kestra would record from code, for a script's own tests
#'
#' Runs `code` with R's standard output captured (and still shown: the capture
#' is a [sink()] with `split = TRUE`) and returns what Kestra would store from
#' it, read by the SDK's core by the same rules as `kestra-emit show`: outputs
#' merged across lines (the last write wins), counters and timers of the same
#' name and tags added up, a gauge's last value, logs with their levels (every
#' other line as the INFO log it becomes), assets, and the lines Kestra would
#' reject, with the reason. When `code` raises an error, the capture ends and
#' the error goes on. Only standard output is read: what [message()] writes
#' goes to standard error, which Kestra logs as ERROR lines and the capture
#' leaves out.
#'
#' The records are a `kestra_records` list: `outputs` (a named list),
#' `output_types` (the Java type Kestra reads for each output), `metrics`,
#' `logs`, `assets`, `problems` and `lines` (counts), as lists; and functions
#' `counter(name, tags = NULL)`, `timer(name, tags)` (seconds),
#' `timer_ms(name, tags)` (the whole milliseconds Kestra stores),
#' `gauge(name, tags)`: the value of the metric with exactly these tags, given
#' as to [kestra_counter()] (`tags = c(region = "eu")`); and
#' `messages(level = NULL)`, the log messages (of one level). A metric that was not
#' recorded raises an error that shows what was. Printing the records shows
#' them as tables.
#'
#' [expect_kestra_output()] is a testthat expectation whose failure shows the
#' records.
#'
#' @param code The code to run.
#' @return A `kestra_records` list (see Details).
#' @examples
#' records <- kestra_capture({
#'   Kestra$outputs(list(rows = 823L))
#'   Kestra$counter("rows_loaded", 800L, tags = c(region = "eu"))
#'   Kestra$counter("rows_loaded", 23L, tags = c(region = "eu"))
#'   cat("plain text\n")
#' })
#' records$outputs$rows
#' records$counter("rows_loaded", tags = c(region = "eu"))
#' records$messages("INFO")
#' records
#' @export
kestra_capture <- function(code) {
  path <- tempfile("kestra-capture")
  con <- file(path, open = "wb")
  sink(con, split = TRUE)
  on.exit({
    sink()
    close(con)
    unlink(path)
  })
  force(code)
  sink()
  close(con)
  on.exit(unlink(path))
  summary <- .Call(kr_summarise, readBin(path, "raw", file.size(path)))
  records(summary[[1L]], summary[[2L]])
}

records <- function(data, text) {
  metric <- function(type, name, tags) {
    tags <- lapply(as.list(tags), function(v) if (is.character(v)) v else tag_text(v))
    same_tags <- function(got) {
      length(got) == length(tags) && all(names(tags) %in% names(got)) &&
        all(vapply(names(tags), function(k) identical(got[[k]], tags[[k]]), NA))
    }
    for (m in data$metrics) {
      if (identical(m$type, type) && identical(m$name, name) && same_tags(m$tags)) return(m)
    }
    stop(sprintf("no %s '%s' with tags %s was recorded\n%s", type, name,
                 if (length(tags)) paste(names(tags), unlist(tags), sep = "=", collapse = ", ") else "(none)", text),
         call. = FALSE)
  }
  structure(
    c(data[c("outputs", "output_types", "metrics", "logs", "assets", "problems", "lines")],
      list(
        counter = function(name, tags = NULL) metric("counter", name, tags)$value,
        timer = function(name, tags = NULL) metric("timer", name, tags)$value,
        timer_ms = function(name, tags = NULL) metric("timer", name, tags)$stored_ms,
        gauge = function(name, tags = NULL) metric("gauge", name, tags)$value,
        messages = function(level = NULL) {
          entries <- Filter(function(e) is.null(level) || identical(e$level, level), data$logs)
          vapply(entries, `[[`, "", "message")
        },
        text = text)),
    class = "kestra_records")
}

# A tag value that is not a string as the server keeps it: its JSON text, as
# the core writes it (so 2L and 2 are both "2", TRUE is "true").
tag_text <- function(v) sub('^::\\{"outputs":\\{"v":(.*)\\}\\}::$', "\\1", kestra_format(list(outputs = list(v = v))))

#' @export
print.kestra_records <- function(x, ...) {
  cat(x$text)
  invisible(x)
}

#' A testthat expectation on captured records
#'
#' Succeeds when the output `name` was recorded with a value identical to
#' `value` (after the core's reading: integral numbers are integers); its
#' failure message shows every record, as `kestra-emit show` prints them.
#'
#' @param records What [kestra_capture()] returned.
#' @param name The output's key.
#' @param value The value expected.
#' @return `records`, invisibly.
#' @examples
#' if (requireNamespace("testthat", quietly = TRUE)) {
#'   records <- kestra_capture(Kestra$outputs(list(rows = 823L)))
#'   expect_kestra_output(records, "rows", 823L)
#' }
#' @export
expect_kestra_output <- function(records, name, value) {
  if (!requireNamespace("testthat", quietly = TRUE)) stop("expect_kestra_output() needs the testthat package")
  got <- records$outputs[[name]]
  ok <- name %in% names(records$outputs) && identical(got, value)
  testthat::expect(ok, sprintf("output '%s' is not %s\n%s", name,
                               paste(deparse(value), collapse = ""), records$text))
  invisible(records)
}
