#!/usr/bin/env bash
# Wall time per invocation of `kestra-emit counter` against:
#   - /bin/echo of the same line              (target: kestra-emit within 1.5x)
#   - building the line with a `jq -nc` pipeline (target: kestra-emit 10x faster)
# Uses hyperfine when installed (apt install hyperfine), else a bash loop timed
# with $EPOCHREALTIME. Prints the median of each and the ratios. Not a test.
#
# Usage: bench/shell/run.sh [path/to/kestra-emit] [runs]
set -euo pipefail

EMIT=${1:-build/shell/kestra-emit}
RUNS=${2:-300}
[ -x "$EMIT" ] || { echo "run.sh: $EMIT is not an executable (build it first)" >&2; exit 2; }
EMIT=$(cd "$(dirname "$EMIT")" && pwd)/$(basename "$EMIT")

LINE='::{"metrics":[{"name":"rows","type":"counter","value":3,"tags":{"table":"users"}}]}::'
# The same line as a shell script writes it without kestra-emit.
JQ_PIPE='echo "::$(jq -nc --arg n rows --argjson v 3 --arg t users '"'"'{metrics:[{name:$n,type:"counter",value:$v,tags:{table:$t}}]}'"'"')::"'

# Every contender must print exactly the same bytes.
check_same() {
  local got
  got=$("$@")
  [ "$got" = "$LINE" ] || { echo "run.sh: '$*' printed '$got'" >&2; exit 1; }
}
check_same "$EMIT" counter rows 3 --tag table=users
check_same /bin/echo "$LINE"
command -v jq >/dev/null && check_same sh -c "$JQ_PIPE"

# Median in milliseconds of one command, measured $RUNS times.
median_ms() {
  if command -v hyperfine >/dev/null; then
    local json
    json=$(mktemp)
    # -N: no intermediate shell, so only the command itself is timed.
    hyperfine -N --warmup 20 --runs "$RUNS" --export-json "$json" --style none "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
    rm -f "$json"
  else
    local times=() start end i
    for ((i = 0; i < RUNS; i++)); do
      start=$EPOCHREALTIME
      eval "$1" >/dev/null
      end=$EPOCHREALTIME
      times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", (b - a) * 1000 }')")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
  fi
}

tool=loop; command -v hyperfine >/dev/null && tool=hyperfine
echo "kestra-emit bench: $RUNS runs each, medians by $tool"
emit_ms=$(median_ms "$EMIT counter rows 3 --tag table=users")
echo_ms=$(median_ms "/bin/echo '$LINE'")
printf '  %-34s %8.3f ms\n' "kestra-emit counter" "$emit_ms" "/bin/echo (same line)" "$echo_ms"
ratio_echo=$(awk -v a="$emit_ms" -v b="$echo_ms" 'BEGIN { printf "%.2f", a / b }')
verdict=$(awk -v r="$ratio_echo" 'BEGIN { print (r <= 1.5) ? "meets" : "misses" }')
if command -v jq >/dev/null; then
  jq_ms=$(median_ms "sh -c '${JQ_PIPE//\'/\'\\\'\'}'")
  printf '  %-34s %8.3f ms\n' "sh + jq -nc pipeline" "$jq_ms"
  ratio_jq=$(awk -v a="$jq_ms" -v b="$emit_ms" 'BEGIN { printf "%.1f", a / b }')
  verdict_jq=$(awk -v r="$ratio_jq" 'BEGIN { print (r >= 10) ? "meets" : "misses" }')
fi
echo "  kestra-emit / echo = ${ratio_echo}x ($verdict the 1.5x target)"
[ -n "${ratio_jq:-}" ] && echo "  jq pipeline / kestra-emit = ${ratio_jq}x ($verdict_jq the 10x target)"
exit 0
