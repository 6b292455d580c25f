// Kestra script demo in Node (CommonJS): outputs, metrics and logs with @kestra-io/libs.
//   npm install <repository>/node   then   node demo.js
const Kestra = require("@kestra-io/libs");

const log = Kestra.logger();
console.log("Importing orders for 2026-11-20"); // an ordinary line: an INFO log in Kestra

const rows = Array.from({ length: 1234 }, (_, i) => ({ id: i + 1, region: (i + 1) % 3 ? "eu" : "us" }));
log.debug("read", rows.length, "rows from orders.csv");

const eu = rows.filter((r) => r.region === "eu").length;
Kestra.counter("rows_loaded", eu, { table: "orders", region: "eu" });
Kestra.counter("rows_loaded", rows.length - eu, { table: "orders", region: "us" });
Kestra.gauge("heap_mb", Math.round(process.memoryUsage().heapUsed / 1048576), { runtime: "node" });

// The official callback style: call done() when the work is over (seconds, monotonic clock).
Kestra.timer("load_seconds", (done) => setTimeout(done, 50), { table: "orders" });

Kestra.outputs({
  status: "ok",
  rows: rows.length,
  ratio_eu: eu / rows.length,
  regions: { eu, us: rows.length - eu },
  finishedAt: new Date("2026-11-20T23:59:00Z"), // a Date becomes its ISO string
});

log.trace("trace is written to stdout too, without a stack trace");
log.info("loaded %d rows", rows.length);
log.warn("3 rows had no customer id; kept them");
log.error("1 row had a negative amount; skipped it");

// A bad call: NaN is not JSON, Kestra would drop the line. It throws, writes nothing.
try {
  Kestra.gauge("error_rate", NaN);
  throw new Error("BUG: NaN was accepted");
} catch (err) {
  if (!(err instanceof RangeError)) throw err;
  console.log(`refused as expected: ${err.name}: ${err.message}`);
}
