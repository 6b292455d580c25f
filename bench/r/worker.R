# One benchmark run: makes one kind of call in a loop for about SECONDS.
#
#   Rscript worker.R LIBRARY WAY CASE SECONDS
#
# WAY: "kestra" (this package), "sprintf" (cat(sprintf()) by hand) or "jsonlite"
# (jsonlite::toJSON() plus cat()), what R scripts in Kestra do today. CASE:
# "counter" or "small outputs". The lines go to stdout (a pipe read by another
# process); the result, "calls seconds cpu_seconds", goes to stderr.
args <- commandArgs(trailingOnly = TRUE)
way <- args[[2L]]
case <- args[[3L]]
seconds <- as.numeric(args[[4L]])
if (way == "kestra") library(kestra, lib.loc = args[[1L]])
if (way == "jsonlite") library(jsonlite)

calls <- list(
  kestra = list(
    counter = function(i) Kestra$counter("rows", i, tags = c(table = "users")),
    "small outputs" = function(i) Kestra$outputs(list(rows = i, status = "ok", ratio = 0.5))),
  sprintf = list(
    counter = function(i) cat(sprintf('::{"metrics":[{"name":"rows","type":"counter","value":%d,"tags":{"table":"users"}}]}::\n', i)),
    "small outputs" = function(i) cat(sprintf('::{"outputs":{"rows":%d,"status":"ok","ratio":0.5}}::\n', i))),
  jsonlite = list(
    counter = function(i) cat("::", toJSON(list(metrics = list(list(name = "rows", type = "counter", value = i,
                                                                     tags = list(table = "users")))),
                                           auto_unbox = TRUE), "::\n", sep = ""),
    "small outputs" = function(i) cat("::", toJSON(list(outputs = list(rows = i, status = "ok", ratio = 0.5)),
                                                   auto_unbox = TRUE), "::\n", sep = "")))
call <- calls[[way]][[case]]

n <- 0L
cpu <- proc.time()[["user.self"]] + proc.time()[["sys.self"]]
start <- Sys.time()
deadline <- start + seconds
repeat {
  for (i in n + seq_len(200L)) call(i)
  n <- n + 200L
  if (Sys.time() >= deadline) break
}
elapsed <- as.double(Sys.time() - start, units = "secs")
cpu <- proc.time()[["user.self"]] + proc.time()[["sys.self"]] - cpu
cat(n, elapsed, cpu, "\n", file = stderr())
