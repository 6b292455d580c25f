# Kestra script demo in R: outputs, metrics and logs with library(kestra).
#
# Run it anywhere (the ::{...}:: lines are what Kestra reads):
#   bash r/tools/build-tarball.sh build-r && R CMD INSTALL build-r/kestra_0.1.0.tar.gz
#   Rscript examples/scripts/demo.R
library(kestra)

log <- Kestra$logger()
cat("Importing orders for 2026-11-20\n")  # an ordinary line: an INFO log in Kestra

orders <- data.frame(id = 1:1234, amount = 10.5 * (1:1234), region = ifelse(1:1234 %% 3 == 0, "us", "eu"))
log$debug("read %d rows from orders.csv", nrow(orders))

by_region <- Kestra$timer("load_seconds", { aggregate(amount ~ region, data = orders, FUN = sum) },
                          tags = c(table = "orders"))  # seconds, monotonic clock

eu <- sum(orders$region == "eu")
Kestra$counter("rows_loaded", eu, tags = c(table = "orders", region = "eu"))
Kestra$counter("rows_loaded", nrow(orders) - eu, tags = c(table = "orders", region = "us"))
Kestra$gauge("batch_mb", 12.5, tags = c(host = "worker-1"))

Kestra$outputs(list(
  status = "ok",
  rows = nrow(orders),
  total_amount = sum(orders$amount),
  by_region = by_region,            # a data.frame: an array of row objects
  files = I("orders.csv"),          # I(): an array even of one
  day = as.Date("2026-11-20"),      # ISO-8601 text
  warehouse = "Z\u00fcrich"))       # non-ASCII is escaped on the wire, read back as is

log$info("loaded ", nrow(orders), " rows")
log$warn("3 rows had no customer id; kept them")
log$error("1 row had a negative amount; skipped it")

# A bad call: NaN is not JSON, so the line would be dropped by Kestra. It raises, writes nothing.
refused <- tryCatch({
  Kestra$gauge("error_rate", NaN)
  FALSE
}, kestra_value_error = function(e) {
  cat("refused as expected:", conditionMessage(e), "\n")
  TRUE
})
if (!refused) stop("BUG: NaN was accepted")

cat("done\n")
