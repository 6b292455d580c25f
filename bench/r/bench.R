# Calls per second of the kestra package against what R scripts do today, in one
# run: cat(sprintf()) by hand and jsonlite::toJSON() plus cat(). Every run is a
# fresh Rscript writing its lines into a pipe read by `wc -l` (which counts them:
# every call must give one line); the ways alternate within each round. Prints
# a Markdown table of the medians and the ratios.
#
#   Rscript bench.R LIBRARY [ROUNDS] [SECONDS]
args <- commandArgs(trailingOnly = TRUE)
library_dir <- args[[1L]]
rounds <- if (length(args) > 1L) as.integer(args[[2L]]) else 5L
seconds <- if (length(args) > 2L) args[[3L]] else "0.5"
worker <- file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE)[[1L]])), "worker.R")
ways <- c("kestra", "jsonlite", "sprintf")
cases <- c("counter", "small outputs")

one_run <- function(way, case) {
  stats <- tempfile()
  cmd <- sprintf("Rscript %s %s %s %s %s 2>%s | wc -l", shQuote(worker), shQuote(library_dir), way,
                 shQuote(case), seconds, shQuote(stats))
  lines <- as.numeric(system(cmd, intern = TRUE))
  result <- scan(stats, quiet = TRUE)
  unlink(stats)
  if (length(result) != 3L || lines != result[[1L]]) stop(way, " ", case, ": ", result[[1L]], " calls but ", lines, " lines")
  c(rate = result[[1L]] / result[[2L]], cpu_us = result[[3L]] / result[[1L]] * 1e6)
}

rates <- list()
for (round in seq_len(rounds)) {
  for (case in cases) {
    for (way in if (round %% 2L) ways else rev(ways)) {
      key <- paste(case, way)
      rates[[key]] <- rbind(rates[[key]], one_run(way, case))
    }
  }
}

cat(sprintf("R %s, %d rounds of %s s per way and case; medians\n\n", getRversion(), rounds, seconds))
cat("| case | kestra calls/s | jsonlite + cat calls/s | cat(sprintf()) calls/s | kestra / jsonlite | kestra / sprintf |\n")
cat("| --- | --- | --- | --- | --- | --- |\n")
for (case in cases) {
  med <- vapply(ways, function(w) median(rates[[paste(case, w)]][, "rate"]), 0)
  cat(sprintf("| %s | %.0f | %.0f | %.0f | %.1fx | %.2fx |\n", case, med[["kestra"]], med[["jsonlite"]],
              med[["sprintf"]], med[["kestra"]] / med[["jsonlite"]], med[["kestra"]] / med[["sprintf"]]))
}
