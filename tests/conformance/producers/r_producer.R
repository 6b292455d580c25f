# R producer: every shared vector through library(kestra), with the call mapping
# of the R suite (r/tests/testthat/helper-vectors.R, sourced here).
#
#   Rscript r_producer.R LIBRARY    one JSON line per vector on stdout (see ../README.md):
#   {"file": ..., "index": ..., "line": ...} | {..., "error": {...}} | {..., "not_expressible": ...}
#
# LIBRARY is the R library holding the package (tests/r/run.sh leaves one in
# build-r/kestra.Rcheck). An error carries the core's kind from its condition.
args <- commandArgs(trailingOnly = TRUE)
library(kestra, lib.loc = args[[1L]])
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE)[[1L]])))
root <- normalizePath(file.path(here, "..", "..", ".."))
source(file.path(root, "r", "tests", "testthat", "helper-vectors.R"))

out <- character(0)
for (v in load_vectors(file.path(root, "tests", "vectors"))) {
  r <- run_vector(v)
  record <- list(file = v$file, index = v$index)
  if (!is.null(r$not_expressible)) {
    record$not_expressible <- r$not_expressible
  } else if (!is.null(r$error)) {
    record$error <- list(kind = if (inherits(r$error, "kestra_error")) r$error$kind,
                         class = class(r$error)[[1L]], message = conditionMessage(r$error))
    if (nzchar(r$written)) record$problem <- paste("failed but wrote", substr(r$written, 1L, 200L))
  } else if (v$call == "format") {
    record$line <- r$value
    if (nzchar(r$written)) record$problem <- paste("format also wrote", substr(r$written, 1L, 200L))
  } else {
    record$line <- sub("\n$", "", r$written)
    if (!endsWith(r$written, "\n") || grepl("\n", record$line, fixed = TRUE))
      record$problem <- "did not write exactly one line"
  }
  out[[length(out) + 1L]] <- jsonlite::toJSON(record, auto_unbox = TRUE, null = "null", digits = NA)
}
writeLines(out)
