# kestra_capture() and expect_kestra_output(): the records the core's summary
# keeps from what the code wrote (issue 19's test helper, in testthat's idiom).
capture_quietly <- function(code) {
  shown <- utils::capture.output(records <- kestra_capture(code))
  attr(records, "shown") <- shown
  records
}

test_that("outputs merge, counters add up, text lines become INFO logs", {
  records <- capture_quietly({
    Kestra$outputs(list(rows = 800L, status = "partial"))
    Kestra$outputs(list(rows = 823L))
    Kestra$counter("rows_loaded", 800L, tags = c(region = "eu", n = "1"))
    Kestra$counter("rows_loaded", 23L, tags = list(n = "1", region = "eu"))
    Kestra$gauge("mem", 1.5)
    Kestra$gauge("mem", 2.5)
    Kestra$timer("load", 1.25, tags = list(step = 2L))
    Kestra$logger()$warn("disk almost full")
    cat("a plain line\n")
    Kestra$encrypted_outputs(list(secret = "s"))
  })
  expect_s3_class(records, "kestra_records")
  expect_identical(records$outputs, list(rows = 823L, status = "partial"))
  expect_identical(records$output_types, list(rows = "Integer", status = "String"))
  expect_identical(records$counter("rows_loaded", tags = c(region = "eu", n = "1")), 823)
  expect_identical(records$gauge("mem"), 2.5)
  expect_identical(records$timer("load", tags = list(step = 2L)), 1.25)
  expect_identical(records$timer_ms("load", c(step = 2)), 1250L)
  expect_identical(records$messages("WARN"), "disk almost full")
  expect_identical(records$messages("INFO"), "a plain line")
  expect_identical(records$lines$recorded, 9L)
  expect_length(records$problems, 0L)
  # what the code wrote is still shown (the capture is a split sink)
  expect_identical(attr(records, "shown")[[9L]], "a plain line")
})

test_that("rejected lines are problems with the core's reason", {
  records <- capture_quietly(cat('::{"outputs":{"a":1}}::\n::{bad}::\n'))
  expect_identical(records$outputs, list(a = 1L))
  expect_length(records$problems, 1L)
  expect_identical(records$problems[[1L]]$verdict, "rejected")
  expect_identical(records$problems[[1L]]$line, 2L)
  expect_match(records$problems[[1L]]$reason, "^not strict JSON")
})

test_that("a metric not recorded, and a failing expectation, show what was recorded", {
  records <- capture_quietly(Kestra$outputs(list(rows = 823L)))
  expect_error(records$counter("rows_loaded"), "no counter 'rows_loaded' with tags \\(none\\) was recorded\nOutputs \\(1\\)")
  expect_success(expect_kestra_output(records, "rows", 823L))
  expect_failure(expect_kestra_output(records, "rows", 824L), "output 'rows' is not 824L\nOutputs \\(1\\)\n  rows  Integer  823")
  expect_failure(expect_kestra_output(records, "missing", NULL), "output 'missing' is not NULL")
  expect_output(print(records), "^Outputs \\(1\\)")
})

test_that("an error in the code ends the capture and goes on", {
  sinks <- sink.number()
  expect_error(capture_quietly({
    Kestra$outputs(list(a = 1L))
    stop("inner failure")
  }), "inner failure")
  expect_identical(sink.number(), sinks)
  nested <- capture_quietly({
    inner <- kestra_capture(Kestra$outputs(list(inner = 1L)))
    Kestra$outputs(list(outer = 2L))
  })
  expect_identical(nested$outputs, list(inner = 1L, outer = 2L))  # the inner capture's output is shown, so seen
  expect_identical(inner$outputs, list(inner = 1L))
})
