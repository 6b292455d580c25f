#!/usr/bin/env bash
# Kestra script demo in shell: outputs, metrics and logs with kestra-emit (no JSON by hand).
#   PATH=<build>/shell:$PATH bash demo.sh
set -euo pipefail

echo "Importing orders for 2026-11-20"          # an ordinary line: an INFO log in Kestra
kestra-emit log DEBUG "working directory: $PWD"

# Time a command: its output passes through untouched, then a timer in seconds is written.
kestra-emit time load_seconds --tag table=orders -- sleep 0.05

rows=1234 eu=823
kestra-emit counter rows_loaded "$eu" --tag table=orders --tag region=eu
kestra-emit counter rows_loaded $((rows - eu)) --tag table=orders --tag region=us
kestra-emit gauge disk_free_pct 41.5 --tag mount=/data
kestra-emit timer upload_seconds 1.25 --tag target=s3

# KEY=VALUE is a string; KEY:=JSON is a number, boolean, list or object.
kestra-emit outputs status=ok rows:=$rows 'regions:={"eu":823,"us":411}' 'files:=["orders.csv"]'

kestra-emit log INFO "loaded $rows rows"
# Every line of a command's output as its own WARN log, streamed as it comes.
printf 'row 17: no customer id\nrow 42: no customer id\n' | kestra-emit log WARN -
kestra-emit log ERROR "1 row had a negative amount; skipped it"

# A bad call: NaN is not JSON. kestra-emit exits 2, explains on stderr and writes nothing.
if err=$(kestra-emit gauge error_rate NaN 2>&1); then
  echo "BUG: NaN was accepted: $err"; exit 1
else
  echo "refused as expected: $err"
fi
