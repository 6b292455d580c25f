# A real Rscript process, as Kestra runs R scripts: lines on its stdout, and what
# happens when stdout is gone.

run_rscript <- function(code, redirect) {
  script <- tempfile(fileext = ".R")
  on.exit(unlink(script))
  writeLines(c("library(kestra)", code), script)
  cmd <- sprintf("R_LIBS=%s %s --vanilla %s %s", shQuote(paste(.libPaths(), collapse = ":")),
                 shQuote(file.path(R.home("bin"), "Rscript")), shQuote(script), redirect)
  out <- suppressWarnings(system(cmd, intern = TRUE))
  list(out = out, status = attr(out, "status") %||% 0L)
}
`%||%` <- function(a, b) if (is.null(a)) b else a

test_that("an Rscript's lines reach a pipe whole, in order, between print() output", {
  res <- run_rscript(c('print("before")', 'Kestra$counter("rows", 1L)', 'cat("plain\\n")',
                       'Kestra$outputs(list(a = strrep("x", 10000)))'), "| cat")
  expect_identical(res$status, 0L)
  expect_identical(res$out, c('[1] "before"', '::{"metrics":[{"name":"rows","type":"counter","value":1,"tags":{}}]}::',
                              "plain", paste0('::{"outputs":{"a":"', strrep("x", 10000), '"}}::')))
})

test_that("with stdout closed, the script goes on", {
  res <- run_rscript(c('Kestra$counter("rows", 1L)', 'cat("went on\\n", file = stderr())'), "2>&1 >&-")
  expect_identical(res$status, 0L)
  expect_identical(res$out, "went on")
})
