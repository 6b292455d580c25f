#!/usr/bin/env bash
# Checks the dynamic symbol table of built binaries (nm -D --defined-only).
#   check_exports.sh only-kestra LIB       LIB exports kestra_* and nothing else
#   check_exports.sh no-kestra MODULE...   no MODULE re-exports a kestra_* symbol
#                                          (Python and Node modules that link the
#                                          static core keep the C ABI inside)
set -euo pipefail
mode=$1; shift
status=0
for file in "$@"; do
  symbols=$(nm -D --defined-only "$file" | awk '{print $NF}')
  case "$mode" in
    only-kestra)
      bad=$(grep -v '^kestra_' <<<"$symbols" || true)
      count=$(grep -c '^kestra_' <<<"$symbols" || true)
      [ "$count" -gt 0 ] || { echo "$file: exports no kestra_* symbol"; status=1; } ;;
    no-kestra)
      bad=$(grep '^kestra_' <<<"$symbols" || true) ;;
    *) echo "unknown mode $mode" >&2; exit 2 ;;
  esac
  if [ -n "$bad" ]; then
    echo "$file: exports $(wc -l <<<"$bad") symbol(s) it should not ($mode):"
    head -20 <<<"$bad" | sed 's/^/  /'
    status=1
  else
    echo "$file: ok ($mode)"
  fi
done
exit $status
