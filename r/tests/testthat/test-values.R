# R values as jsonlite users expect them (see ?kestra_outputs).

test_that("scalars, vectors and lists follow jsonlite's auto_unbox habits", {
  expect_identical(outputs_of(list(i = 42L, d = 0.5, s = "x", b = TRUE)), '{"i":42,"d":0.5,"s":"x","b":true}')
  expect_identical(outputs_of(list(ids = 1:3, empty = integer(0), words = c("a", "b"))),
                   '{"ids":[1,2,3],"empty":[],"words":["a","b"]}')
  expect_identical(outputs_of(list(one = I(1L), l = list(1L), nested = list(a = list(b = "c")))),
                   '{"one":[1],"l":[1],"nested":{"a":{"b":"c"}}}')
  expect_identical(outputs_of(setNames(list(), character(0))), "{}")
  expect_identical(outputs_of(list(v = c(a = 1L, b = 2L))), '{"v":{"a":1,"b":2}}')
})

test_that("an integral double is written as an integer, as jsonlite writes it", {
  expect_identical(outputs_of(list(a = 42, b = -0, c = 1e15, d = 2^53, e = 1.5, f = 1e300)),
                   '{"a":42,"b":0,"c":1000000000000000,"d":9007199254740992.0,"e":1.5,"f":1e+300}')
})

test_that("bit64's integer64 is an integer, its NA null", {
  big <- integer64("9223372036854775807")  # tests' helper: the bits bit64 keeps, without bit64
  na_bits <- readBin(as.raw(c(0, 0, 0, 0, 0, 0, 0, 0x80)), "double", size = 8L, endian = "little")  # -2^63
  expect_identical(outputs_of(list(max = big, min = integer64("-9223372036854775807"),
                                   v = structure(c(unclass(integer64("-5")), na_bits), class = "integer64"))),
                   '{"max":9223372036854775807,"min":-9223372036854775807,"v":[-5,null]}')
})

test_that("NULL and NA of any type are null in outputs", {
  expect_identical(outputs_of(list(n = NULL, l = NA, i = NA_integer_, d = NA_real_, s = NA_character_)),
                   '{"n":null,"l":null,"i":null,"d":null,"s":null}')
  expect_identical(outputs_of(list(v = c(1L, NA))), '{"v":[1,null]}')
})

test_that("factors, dates and times are text", {
  expect_identical(outputs_of(list(f = factor("b", levels = c("a", "b")), g = factor(c("x", NA)))),
                   '{"f":"b","g":["x",null]}')
  expect_identical(outputs_of(list(d = as.Date("2026-11-21"), old = as.Date("1969-12-31"))),
                   '{"d":"2026-11-21","old":"1969-12-31"}')
  t <- as.POSIXct("2026-11-21 10:30:00", tz = "Europe/Paris")
  expect_identical(outputs_of(list(t = t, frac = t + 0.25, lt = as.POSIXlt(t))),
                   '{"t":"2026-11-21T09:30:00Z","frac":"2026-11-21T09:30:00.25Z","lt":"2026-11-21T09:30:00Z"}')
})

test_that("a data.frame is an array of row objects, a matrix an array of rows", {
  df <- data.frame(id = 1:2, name = c("a", NA), day = as.Date(c("2026-01-01", "2026-01-02")))
  expect_identical(outputs_of(list(rows = df)),
                   '{"rows":[{"id":1,"name":"a","day":"2026-01-01"},{"id":2,"name":null,"day":"2026-01-02"}]}')
  expect_identical(outputs_of(list(m = matrix(1:6, nrow = 2))), '{"m":[[1,3,5],[2,4,6]]}')
  expect_identical(outputs_of(list(empty = df[0, ])), '{"empty":[]}')
})

test_that("text is written as ASCII escapes, whatever its declared encoding", {
  latin1 <- iconv("caf\u00e9", "UTF-8", "latin1")
  expect_identical(Encoding(latin1), "latin1")
  expect_identical(outputs_of(list(u = "caf\u00e9", l = latin1, "cl\u00e9" = 1L)),
                   '{"u":"caf\\u00e9","l":"caf\\u00e9","cl\\u00e9":1}')
})

test_that("NaN, Inf and types R cannot convert are errors naming the place", {
  expect_error(Kestra$outputs(list(rows = c(1, 2, NaN))), class = "kestra_value_error",
               regexp = "^outputs\\['rows'\\]\\[2\\]: ")
  expect_error(Kestra$outputs(list(x = list(Inf))), class = "kestra_value_error", regexp = "^outputs\\['x'\\]\\[0\\]: ")
  expect_error(Kestra$outputs(list(f = mean)), class = "kestra_type_error",
               regexp = "^outputs\\['f'\\]: unsupported type function$")
  expect_error(Kestra$outputs(list(e = new.env())), class = "kestra_type_error", regexp = "unsupported type environment")
  expect_error(Kestra$outputs(list(z = 1i)), class = "kestra_type_error", regexp = "unsupported type complex")
  expect_error(Kestra$outputs(list(a = array(1:8, c(2, 2, 2)))), class = "kestra_type_error", regexp = "unsupported type array")
  expect_error(Kestra$outputs(1:3), class = "kestra_type_error", regexp = "^outputs: ")
})

test_that("a bad value writes nothing and the session goes on", {
  expect_identical(written(try(Kestra$outputs(list(a = 1, b = NaN)), silent = TRUE)), "")
  expect_identical(written(Kestra$outputs(list(a = 1L))), '::{"outputs":{"a":1}}::\n')
})

test_that("the error is a classed condition carrying the core's kind", {
  e <- tryCatch(Kestra$counter("rows", NA), error = identity)
  expect_s3_class(e, c("kestra_value_error", "kestra_error", "error", "condition"), exact = TRUE)
  expect_identical(e$kind, "value")
  expect_match(conditionMessage(e), "^counter 'rows' value: null is not allowed")
})

test_that("NA is an error in a metric, as its value or a tag", {
  expect_error(Kestra$counter("rows", NA_integer_), class = "kestra_value_error", regexp = "^counter 'rows' value: ")
  expect_error(Kestra$gauge("mem", 1, tags = c(host = NA)), class = "kestra_value_error",
               regexp = "^gauge 'mem' tags\\['host'\\]: ")
})

test_that("deep nesting is a depth error, not a crash", {
  deep <- 1L
  for (i in 1:5000) deep <- list(deep)
  expect_error(Kestra$outputs(list(a = deep)), class = "kestra_depth_error")
})
