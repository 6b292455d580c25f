# The calls, their arguments and where their lines go.

test_that("lines go through R's output connection: sink() and capture.output() see them", {
  expect_identical(capture.output(Kestra$counter("rows", 3L, tags = c(table = "users"))),
                   '::{"metrics":[{"name":"rows","type":"counter","value":3,"tags":{"table":"users"}}]}::')
  expect_identical(written(Kestra$gauge("mem", 1.5, list(host = "a", n = 2L, ok = TRUE))),
                   '::{"metrics":[{"name":"mem","type":"gauge","value":1.5,"tags":{"host":"a","n":2,"ok":true}}]}::\n')
})

test_that("each plain function is the Kestra$ call and returns its input for pipes", {
  expect_identical(Kestra$outputs, kestra_outputs)
  expect_identical(Kestra$counter, kestra_counter)
  rows <- list(n = 1L)
  out <- NULL
  expect_identical(written(out <- kestra_outputs(rows)), '::{"outputs":{"n":1}}::\n')
  expect_identical(out, rows)
  expect_identical(written(out <- kestra_counter("rows", 7L)), '::{"metrics":[{"name":"rows","type":"counter","value":7,"tags":{}}]}::\n')
  expect_identical(out, 7L)
})

test_that("metric timestamp and description, a POSIXct timestamp in UTC", {
  t <- as.POSIXct("2026-11-21 10:30:00", tz = "UTC")
  expect_identical(written(Kestra$counter("rows", 1L, timestamp = t, description = "rows read")),
                   paste0('::{"metrics":[{"name":"rows","type":"counter","value":1,"tags":{},',
                          '"timestamp":"2026-11-21T10:30:00Z","description":"rows read"}]}::\n'))
})

test_that("argument errors are classed too and write nothing", {
  expect_identical(written(expect_error(Kestra$counter(1, 2), class = "kestra_type_error",
                                        regexp = "^counter name: ")), "")
  expect_error(Kestra$counter("rows", 1L, tags = list(1L)), class = "kestra_type_error",
               regexp = "^counter 'rows' tags: unsupported type list$")
  expect_error(Kestra$counter("rows", "3"), class = "kestra_type_error")
  expect_error(Kestra$gauge("mem", c(1, 2)), class = "kestra_type_error")
})

test_that("a text argument that is not a string is worded by the core", {
  expect_error(Kestra$counter(1L, 2), class = "kestra_type_error",
               regexp = "^counter name: must be a string, got integer$")
  expect_error(Kestra$timer("load", 1, timestamp = 5), class = "kestra_type_error",
               regexp = "^timer 'load' timestamp: must be an ISO-8601 string, got double$")
  expect_error(Kestra$gauge("mem", 1, description = list()), class = "kestra_type_error",
               regexp = "^gauge 'mem' description: must be a string, got list$")
  expect_error(Kestra$log("INFO", list("x")), class = "kestra_type_error",
               regexp = "^logs\\[0\\] message: must be a string, got list$")
  expect_error(Kestra$logs(list(list("INFO", "a"), list("INFO", NA_character_))), class = "kestra_type_error",
               regexp = "^logs\\[1\\] message: must be a string")
  expect_error(Kestra$log(list(), "m"), class = "kestra_type_error",
               regexp = "^logs\\[0\\] level: must be a level name or a level number \\(0 TRACE to 4 ERROR\\), got list$")
  expect_error(Kestra$outputs_json(1), class = "kestra_type_error", regexp = "^outputs: a JSON text must be a string, got double$")
})

test_that("a core of another ABI version is refused", {
  expect_null(.Call(kestra:::kr_check_abi, 2L))
  expect_error(.Call(kestra:::kr_check_abi, 1L), "ABI version 1, this package was built for [0-9]+$")
})

test_that("encrypted outputs convert as outputs and name their place", {
  expect_identical(written(Kestra$encrypted_outputs(list(token = "s3cr3t", n = 2L))),
                   '::{"encryptedOutputs":{"token":"s3cr3t","n":2}}::\n')
  expect_identical(Kestra$encrypted_outputs, kestra_encrypted_outputs)
  expect_identical(written(expect_error(kestra_encrypted_outputs(list(x = NaN)), class = "kestra_value_error",
                                        regexp = "^encryptedOutputs\\['x'\\]: ")), "")
})

test_that("timer: seconds, a block, a function", {
  expect_identical(written(Kestra$timer("load", 1.5)),
                   '::{"metrics":[{"name":"load","type":"timer","value":1.5,"tags":{}}]}::\n')
  expect_identical(written(Kestra$timer("load", as.difftime(2, units = "mins"))),
                   '::{"metrics":[{"name":"load","type":"timer","value":120,"tags":{}}]}::\n')
  value <- NULL
  line <- written(value <- Kestra$timer("block", { x <- 40L; x + 2L }))
  expect_identical(value, 42L)
  expect_match(line, '^::\\{"metrics":\\[\\{"name":"block","type":"timer","value":[0-9.e-]+,"tags":\\{\\}\\}\\]\\}::\n$')
  line <- written(value <- Kestra$timer("fun", function() "done", tags = c(step = "2")))
  expect_identical(value, "done")
  expect_match(line, '"name":"fun","type":"timer","value":[0-9.e-]+,"tags":\\{"step":"2"\\}')
  expect_error(Kestra$timer("load", -1), class = "kestra_value_error")
  expect_error(Kestra$timer("load"), "duration")
})

test_that("timer of code that raises writes the time until the error, then the error goes on", {
  line <- written(expect_error(Kestra$timer("boom", { stop("inner failure") }), "inner failure"))
  expect_match(line, '^::\\{"metrics":\\[\\{"name":"boom","type":"timer","value":[0-9.e-]+')
  line <- written(expect_error(Kestra$timer("boom", function() stop("in a function")), "in a function"))
  expect_match(line, '"name":"boom"')
})

test_that("log levels: names, aliases and kestra_level numbers", {
  expect_identical(written(Kestra$log("warning", "disk")), '::{"logs":[{"level":"WARN","message":"disk"}]}::\n')
  expect_identical(written(Kestra$log(0L, "t")), '::{"logs":[{"level":"TRACE","message":"t"}]}::\n')
  expect_identical(written(Kestra$log(4, "e")), '::{"logs":[{"level":"ERROR","message":"e"}]}::\n')
  expect_error(Kestra$log(5, "x"), class = "kestra_value_error", regexp = "^logs\\[0\\] level: ")
  expect_error(Kestra$log(2.5, "x"), class = "kestra_value_error", regexp = "^logs\\[0\\] level: ")
  expect_error(Kestra$log("LOUD", "x"), class = "kestra_value_error", regexp = "^logs\\[0\\] level: ")
})

test_that("logs: several entries in one line, from a list or a data.frame", {
  want <- '::{"logs":[{"level":"INFO","message":"a"},{"level":"ERROR","message":"b"}]}::\n'
  expect_identical(written(Kestra$logs(list(list("INFO", "a"), list("error", "b")))), want)
  expect_identical(written(Kestra$logs(data.frame(level = c("INFO", "ERROR"), message = c("a", "b")))), want)
  expect_identical(written(Kestra$log("INFO", c("a", "b"))),
                   '::{"logs":[{"level":"INFO","message":"a"},{"level":"INFO","message":"b"}]}::\n')
})

test_that("logger: sprintf or pasted arguments, conditions, every level on stdout", {
  log <- Kestra$logger()
  expect_identical(log, kestra_logger())
  expect_identical(written(log$info("%d rows in %.1f s", 42L, 1.5)),
                   '::{"logs":[{"level":"INFO","message":"42 rows in 1.5 s"}]}::\n')
  expect_identical(written(log$warn("disk ", 95L, "% full")),
                   '::{"logs":[{"level":"WARN","message":"disk 95% full"}]}::\n')
  expect_identical(written(log$error(simpleError("it broke"))),
                   '::{"logs":[{"level":"ERROR","message":"it broke"}]}::\n')
  expect_identical(written(log$trace("t")), '::{"logs":[{"level":"TRACE","message":"t"}]}::\n')
  expect_identical(written(log$debug("d")), '::{"logs":[{"level":"DEBUG","message":"d"}]}::\n')
  expect_identical(written(log$warning("w")), '::{"logs":[{"level":"WARN","message":"w"}]}::\n')
})

test_that("format returns the line and writes nothing", {
  line <- NULL
  expect_identical(written(line <- Kestra$format(list(outputs = list(a = 1L)))), "")
  expect_identical(line, '::{"outputs":{"a":1}}::')
  expect_error(Kestra$format(list(foo = 1L)), class = "kestra_value_error", regexp = "^message\\['foo'\\]: ")
})

test_that("assets and outputs from JSON text", {
  expect_identical(written(Kestra$assets(list(outputs = list(list(id = "sales", type = "TABLE"))))),
                   '::{"assets":{"outputs":[{"id":"sales","type":"TABLE"}]}}::\n')
  expect_identical(written(Kestra$outputs_json('{"a": 1.0, "b": [1, 2]}')), '::{"outputs":{"a":1.0,"b":[1,2]}}::\n')
  expect_error(Kestra$outputs_json("{"), class = "kestra_syntax_error", regexp = "^outputs: ")
})

test_that("the core's version", {
  expect_match(kestra_version(), "^[0-9]+\\.[0-9]+\\.[0-9]+$")
})
