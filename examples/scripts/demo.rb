# frozen_string_literal: true

# Kestra script demo in Ruby: outputs, metrics and logs with the `kestra` gem.
#
# Run it anywhere (the ::{...}:: lines are what Kestra reads):
#   bash ruby/package.sh && gem install --local dist/kestra-0.1.0.gem    # from the repository root
#   ruby examples/scripts/demo.rb
require "kestra"

$stdout.sync = true # keep puts and the records in order
log = Kestra.logger
puts "Importing orders for 2026-11-20" # an ordinary line: an INFO log in Kestra

rows = (1..1234).map { |i| { id: i, amount: 10.5 * i, region: (i % 3).zero? ? "us" : "eu" } }
log.debug("read #{rows.size} rows from orders.csv")

Kestra.timer("load_seconds", tags: { table: "orders" }) { sleep 0.05 } # seconds, monotonic clock

eu = rows.count { |r| r[:region] == "eu" }
Kestra.counter("rows_loaded", eu, tags: { table: "orders", region: "eu" })
Kestra.counter("rows_loaded", rows.size - eu, tags: { table: "orders", region: "us" })
Kestra.gauge("batch_mb", 12.5, tags: { host: "worker-1" })

Kestra.outputs({
  status: "ok",
  rows: rows.size,
  total_amount: rows.sum { |r| r[:amount] },
  regions: { eu: eu, us: rows.size - eu },
  files: ["orders.csv"],
  warehouse: "Zürich" # non-ASCII is escaped on the wire, read back as is
})

log.info("loaded #{rows.size} rows")
log.warn("3 rows had no customer id; kept them")
log.error("1 row had a negative amount; skipped it")

# A bad call: NaN is not JSON, so the line would be dropped by Kestra. It raises, writes nothing.
begin
  Kestra.gauge("error_rate", Float::NAN)
  abort "BUG: NaN was accepted"
rescue Kestra::ArgumentError => e
  puts "refused as expected: #{e.message}"
end

puts "done"
