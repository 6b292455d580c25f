# Sourced by tests/stress/run.sh and tests/faults/run.sh: builds the C/C++
# programs they share and finds each language's SDK. Needs $root.
bash "$root/tests/stress/build_programs.sh" || { echo "build of the reliability programs failed"; exit 1; }
python=$root/.venv/bin/python
node_pkg=${KESTRA_NODE:-$root/node}
emit=${KESTRA_EMIT:-}
for candidate in "$root/build/shell/kestra-emit" "$root/build-shell/shell/kestra-emit" "$(command -v kestra-emit)"; do
  [ -z "$emit" ] && [ -n "$candidate" ] && [ -x "$candidate" ] && emit=$candidate
done
