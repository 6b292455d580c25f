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

test_that("a repeated field name is kept once, at its first place with its last value (as Python's dict)", {
  got <- kestra_read(ion_file("{a: 1, b: 2, a: 3, c: {x: 1, x: [4]}}"))
  expect_identical(got, list(list(a = 3L, b = 2L, c = list(x = list(4L)))))
  many <- paste0("f", c(1:40, 40:1, 5))  # past the 32 names sorted on the C stack
  got <- kestra_read(ion_file(paste0("{", paste0(many, ": ", seq_along(many), collapse = ", "), "}")))
  expect_identical(names(got), paste0("f", 1:40))
  expect_identical(unlist(got[1, ], use.names = FALSE), replace(81L - 1:40, 5L, 81L))  # f_k last at 81 - k, f5 at 81
  expect_identical(Kestra$context(ion_file('{"k": 1, "k": 2}')), list(k = 2L))
})

test_that("iter_read gives the rows one at a time, as they arrive", {
  rows <- Kestra$iter_read(ion_file("{id: 1, at: 2024-04-21T10:00:00Z}", "{id: 2, name: null}"))
  expect_identical(rows(), list(id = 1L, at = .POSIXct(utc("2024-04-21T10:00:00"), tz = "UTC")))
  expect_identical(rows(), list(id = 2L, name = NA))
  expect_null(rows())
  expect_null(rows())
  expect_identical(kestra_iter_read, Kestra$iter_read)
  expect_error(kestra_iter_read(file.path(tempdir(), "absent.ion")), class = "kestra_io_error", regexp = "absent.ion")
  expect_error(kestra_iter_read(c("a", "b")), "length")
  # a FIFO whose writer waits for the first row to be read before it writes the
  # second (or, after 10 s, writes a row that says it waited in vain)
  fifo <- tempfile(fileext = ".ion")
  flag <- tempfile()
  stopifnot(system2("mkfifo", fifo) == 0L)
  script <- sprintf(paste("{ printf '{n: 1}\\n'; i=0; while [ ! -e '%s' ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done;",
                          "if [ -e '%s' ]; then printf '{n: 2}\\n'; else printf '{n: 2, late: true}\\n'; fi; } > '%s'"),
                    flag, flag, fifo)
  system2("sh", c("-c", shQuote(script)), wait = FALSE)
  rows <- kestra_iter_read(fifo)
  expect_identical(rows(), list(n = 1L))
  file.create(flag)
  expect_identical(rows(), list(n = 2L))
  expect_null(rows())
  unlink(c(fifo, flag))
})

test_that("an iterator is closed by an error inside a row, and by the garbage collector", {
  rows <- kestra_iter_read(ion_file("{a: 1}", '{a: "x\\0y"}', "{a: 3}"))
  expect_identical(rows(), list(a = 1L))
  expect_error(rows(), "nul")
  expect_null(rows())
  fds <- function() length(list.files("/proc/self/fd"))
  before <- fds()
  for (i in 1:20) kestra_iter_read(ion_file("{a: 1}"))
  expect_gte(fds(), before + 20L)
  gc()
  expect_lte(fds(), before)
})
