# Kestra$context() on the shared context cases (tests/vectors/context/cases.json,
# format in its README.md), which the Python, Node and kestra-emit suites run too.
context_dir <- normalizePath(file.path(vector_dir(), "context"))  # absolute: cases change directory
cases <- jsonlite::read_json(file.path(context_dir, "cases.json"), simplifyVector = FALSE)
context_file <- function(name) file.path(context_dir, "files", name)
expected_context <- function(name) jsonlite::read_json(context_file(name), simplifyVector = FALSE)
VARIABLES <- c("KESTRA_EXECUTION_CONTEXT_FILE", "KESTRA_CONTEXT")

# Runs `code` in a fresh directory holding the case's files, with only its variables set.
in_case <- function(case, code) {
  dir <- tempfile("context")
  dir.create(dir)
  for (target in names(case$files)) {
    dir.create(dirname(file.path(dir, target)), recursive = TRUE, showWarnings = FALSE)
    file.copy(context_file(case$files[[target]]), file.path(dir, target))
  }
  for (d in unlist(case$dirs)) dir.create(file.path(dir, d), recursive = TRUE)
  saved <- Sys.getenv(VARIABLES, unset = NA)
  old <- setwd(dir)
  on.exit({
    setwd(old)
    for (name in VARIABLES) if (is.na(saved[[name]])) Sys.unsetenv(name) else do.call(Sys.setenv, as.list(saved[name]))
    unlink(dir, recursive = TRUE)
  })
  Sys.unsetenv(VARIABLES)
  for (name in names(case$env)) {
    value <- case$env[[name]]
    if (is.list(value)) {
      path <- context_file(value$base64_of)
      value <- jsonlite::base64_enc(readBin(path, "raw", file.size(path)))
    }
    do.call(Sys.setenv, stats::setNames(list(value), name))
  }
  force(code)
}

test_that("every load case is there", {
  expect_gt(length(cases$loads), 15L)
})

for (case in cases$loads) {
  test_that(paste("context:", case$name), {
    in_case(case, {
      if (is.null(case$error)) {
        expect_identical(Kestra$context(case$path), expected_context(case$context))
      } else {
        err <- expect_error(Kestra$context(case$path), class = paste0("kestra_", case$error$kind, "_error"))
        expect_s3_class(err, c("kestra_error", "error", "condition"))
        expect_identical(err$kind, case$error$kind)
        expect_true(startsWith(conditionMessage(err), case$error$message), label = conditionMessage(err))
      }
    })
  })
}

# A path of a lookup, followed through the R lists as a script would: ctx$a$b[[i + 1]].
walk <- function(value, path) {
  for (step in strsplit(gsub("\\]", "", gsub("\\[", ".", path)), ".", fixed = TRUE)[[1L]]) {
    value <- if (is.null(names(value))) value[[as.integer(step) + 1L]] else value[[step]]
  }
  value
}

# The lookups that fail in kestra-emit (a missing key, a bad path) have no R
# counterpart: a missing name of an R list is NULL, as for any R list.
full <- Kestra$context(context_file(cases$lookups_in))
for (lookup in Filter(function(l) is.null(l$error), cases$lookups)) {
  test_that(paste("context lookup:", lookup$path), {
    got <- walk(full, lookup$path)
    if (isTRUE(lookup$string)) {
      expect_identical(got, lookup$text)
    } else {
      expect_identical(got, jsonlite::parse_json(lookup$text, simplifyVector = FALSE))
    }
  })
}

test_that("a context is plain lists, and the path argument is checked by R", {
  ctx <- kestra_context(context_file("full.json"))
  expect_identical(ctx$inputs$count, 42L)
  expect_identical(ctx$inputs$nested$empty, stats::setNames(list(), character(0)))
  expect_null(ctx$taskrun$value)
  expect_error(kestra_context(1), "is.character")
})
