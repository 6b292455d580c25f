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

# Every lookup through the core's path lookup (Kestra$context_value, as
# kestra-emit context PATH), and the ones that succeed also through the R lists
# (where a missing name is NULL, as for any R list: the failing lookups are the
# core's errors, by kind and exact message).
lookups_in <- context_file(cases$lookups_in)
full <- Kestra$context(lookups_in)
test_that("every lookup is there, the failing ones too", {
  expect_gt(length(cases$lookups), 20L)
  expect_gt(length(Filter(function(l) !is.null(l$error), cases$lookups)), 5L)
})
for (lookup in cases$lookups) {
  test_that(paste("context lookup:", lookup$path), {
    if (!is.null(lookup$error)) {
      err <- expect_error(Kestra$context_value(lookup$path, lookups_in),
                          class = paste0("kestra_", lookup$error$kind, "_error"))
      expect_s3_class(err, c("kestra_error", "error", "condition"))
      expect_identical(c(err$kind, conditionMessage(err)), c(lookup$error$kind, lookup$error$message))
      return()
    }
    want <- if (isTRUE(lookup$string)) lookup$text else jsonlite::parse_json(lookup$text, simplifyVector = FALSE)
    expect_identical(Kestra$context_value(lookup$path, lookups_in), want)
    expect_identical(walk(full, lookup$path), want)
  })
}

test_that("context_value finds the context as Kestra$context does, and checks its arguments", {
  in_case(list(env = list(KESTRA_EXECUTION_CONTEXT_FILE = lookups_in)), {
    expect_identical(kestra_context_value("inputs.user"), "alice")
    expect_identical(kestra_context_value(""), full)
  })
  in_case(list(), {
    expect_error(kestra_context_value("inputs.user"), class = "kestra_not_found_error")
  })
  expect_identical(kestra_context_value, Kestra$context_value)
  expect_error(kestra_context_value(1, lookups_in), "is.character")
  expect_error(kestra_context_value(NA_character_, lookups_in), "is.na")
  expect_error(kestra_context_value("inputs", 2), "is.character")
})

test_that("a context is plain lists, and the path argument is checked by R", {
  ctx <- kestra_context(context_file("full.json"))
  expect_identical(ctx$inputs$count, 42L)
  expect_identical(ctx$inputs$nested$empty, stats::setNames(list(), character(0)))
  expect_null(ctx$taskrun$value)
  expect_error(kestra_context(1), "is.character")
})
