"""Kestra script demo in Python: outputs, metrics and logs with `from kestra import Kestra`.

Run it anywhere (the ::{...}:: lines are what Kestra reads):
    pip install ./python        # from the repository root
    python examples/scripts/demo.py
"""
import time

from kestra import Kestra

log = Kestra.logger()
print("Importing orders for 2026-11-20")  # an ordinary line: an INFO log in Kestra

rows = [{"id": i, "amount": 10.5 * i, "region": "eu" if i % 3 else "us"} for i in range(1, 1235)]
log.debug("read %d rows from orders.csv", len(rows))

with Kestra.timer("load_seconds", tags={"table": "orders"}):  # seconds, monotonic clock
    time.sleep(0.05)

eu = sum(1 for r in rows if r["region"] == "eu")
Kestra.counter("rows_loaded", eu, {"table": "orders", "region": "eu"})
Kestra.counter("rows_loaded", len(rows) - eu, {"table": "orders", "region": "us"})
Kestra.gauge("batch_mb", 12.5, {"host": "worker-1"})

Kestra.outputs({
    "status": "ok",
    "rows": len(rows),
    "total_amount": sum(r["amount"] for r in rows),
    "regions": {"eu": eu, "us": len(rows) - eu},
    "files": ["orders.csv"],
    "warehouse": "Zürich",  # non-ASCII is escaped on the wire, read back as is
})

log.info("loaded %d rows", len(rows))
log.warning("3 rows had no customer id; kept them")
log.error("1 row had a negative amount; skipped it")

# A bad call: NaN is not JSON, so the line would be dropped by Kestra. It raises, writes nothing.
try:
    Kestra.gauge("error_rate", float("nan"))
except ValueError as err:
    print(f"refused as expected: {err}")
else:
    raise SystemExit("BUG: NaN was accepted")

print("done")
