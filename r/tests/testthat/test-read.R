# Kestra$read(): the core's Ion reader, converted to R as the official
# Kestra.read converts (tests/python's read tests hold the same rules).
ion_file <- function(...) {
  path <- tempfile(fileext = ".ion")
  writeBin(charToRaw(enc2utf8(paste(c(...), collapse = "\n"))), path)
  path
}
utc <- function(text) as.POSIXct(text, tz = "UTC", format = "%Y-%m-%dT%H:%M:%OS")

test_that("rows of one shape are a data.frame with typed columns", {
  path <- ion_file("$ion_1_0",
                   '{id: 1, name: "a", ratio: 1.5d0, ok: true, at: 2024-04-21T10:00:00+02:00}',
                   "{id: 2, name: null, ratio: 2, ok: null.bool, at: null.timestamp} // a comment",
                   "{id: 3, name: 'sym', ratio: 2.5e0, ok: false, at: 2024-04-21T10:00:00.250Z}")
  got <- Kestra$read(path)
  expect_s3_class(got, "data.frame")
  expect_identical(names(got), c("id", "name", "ratio", "ok", "at"))
  expect_identical(got$id, 1:3)
  expect_identical(got$name, c("a", NA, "sym"))
  expect_identical(got$ratio, c(1.5, 2, 2.5))
  expect_identical(got$ok, c(TRUE, NA, FALSE))
  expect_s3_class(got$at, "POSIXct")
  expect_identical(attr(got$at, "tzone"), "UTC")
  expect_equal(unclass(got$at), unclass(c(utc("2024-04-21T08:00:00"), NA, utc("2024-04-21T10:00:00.25"))),
               ignore_attr = TRUE)
  expect_identical(kestra_read, Kestra$read)
})

test_that("date-time strings become POSIXct as the official Kestra.read reads them", {
  got <- kestra_read(ion_file('{a: "2024-04-21T10:00:00Z", b: "2024-04-21T10:00:00-01:30", ',
                              'c: "LocalDateTime::\\"2024-04-21T10:00\\"", d: "2023-02-30T00:00:00", e: "2024-04-21"}'))
  expect_equal(as.numeric(got$a), as.numeric(utc("2024-04-21T10:00:00")))
  expect_equal(as.numeric(got$b), as.numeric(utc("2024-04-21T11:30:00")))
  expect_equal(as.numeric(got$c), as.numeric(utc("2024-04-21T10:00:00")))
  expect_identical(got$d, "2023-02-30T00:00:00")  # no such day: stays text
  expect_identical(got$e, "2024-04-21")            # a date alone stays text
})

test_that("rows of other shapes, or with containers, are a list of named lists", {
  got <- kestra_read(ion_file("{a: 1, tags: [x, \"y\"], inner: {k: (1 2)}}", "{b: 9999999999, big: 123456789012345678901234}"))
  expect_false(is.data.frame(got))
  expect_identical(got[[1L]], list(a = 1L, tags = list("x", "y"), inner = list(k = list(1L, 2L))))
  expect_identical(got[[2L]], list(b = 9999999999, big = 123456789012345678901234))
  mixed <- kestra_read(ion_file("{a: 1}", "{a: \"one\"}"))
  expect_identical(mixed, list(list(a = 1L), list(a = "one")))
})

test_that("lobs read as text, floats keep their specials, an empty file has no rows", {
  got <- kestra_read(ion_file("{b: {{aGk=}}, c: {{\"clob\"}}, n: nan, p: +inf, m: -inf}"))
  expect_identical(got$b, "hi")
  expect_identical(got$c, "clob")
  expect_true(is.nan(got$n))
  expect_identical(c(got$p, got$m), c(Inf, -Inf))
  expect_identical(kestra_read(ion_file("")), data.frame())
})

test_that("deep nesting is walked on an explicit stack, up to the core's limit", {
  deep <- kestra_read(ion_file(paste0("{a: ", strrep("[", 9000), "1", strrep("]", 9000), "}")))
  value <- deep[[1L]]$a
  levels <- 0L
  while (is.list(value)) {
    value <- value[[1L]]
    levels <- levels + 1L
  }
  expect_identical(c(levels, value), c(9000L, 1L))
  expect_error(kestra_read(ion_file(paste0("{a: ", strrep("[", 10001), strrep("]", 10001), "}"))),
               class = "kestra_depth_error")
})

test_that("the core's errors are classed conditions and nothing is returned", {
  err <- expect_error(kestra_read(ion_file("{a: 1}", "{a: }")), class = "kestra_syntax_error")
  expect_identical(err$kind, "syntax")
  expect_match(conditionMessage(err), "^line 2, column ")
  expect_error(kestra_read(ion_file("{a: 1}", "42")), class = "kestra_type_error")
  expect_error(kestra_read(ion_file("{b: {{/w==}}}")), class = "kestra_unicode_error")
  expect_error(kestra_read(file.path(tempdir(), "no such file.ion")), class = "kestra_io_error",
               regexp = "no such file.ion")
  expect_error(kestra_read(1), "is.character")
  expect_error(kestra_read(ion_file('{a: "x\\0y"}')), "nul")  # R strings cannot hold NUL: R's own error
  # the reader is usable again after a failure
  expect_identical(kestra_read(ion_file("{a: 1}"))$a, 1L)
})
