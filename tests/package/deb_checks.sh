#!/bin/sh
# Run inside a root after `dpkg -i kestra-sdk_<v>_amd64.deb`: what the package must
# have put in place, and libkestra.so driven through Python's ctypes (no compiler).
#   deb_checks.sh VERSION
set -eu
v=$1
test "$(kestra-emit --version)" = "kestra-emit $v"
grep -qx "Version: $v" /usr/lib/pkgconfig/kestra.pc
test -f /usr/lib/cmake/kestra/kestraConfig.cmake
test -f /usr/lib/cmake/kestra/kestraConfigVersion.cmake
test -f /usr/lib/libkestra.a
test -f /usr/include/kestra/kestra.h
test -f /usr/include/kestra/kestra.hpp
test -f /usr/share/doc/kestra/LICENSE
# The soname carries the ABI version that the installed kestra.h states.
abi=$(sed -n 's/^#define KESTRA_ABI_VERSION \([0-9]*\)$/\1/p' /usr/include/kestra/kestra.h)
test -n "$abi"
line=$(python3 - "$v" "$abi" <<'PY'
import ctypes, sys
lib = ctypes.CDLL("libkestra.so." + sys.argv[2])  # found by the loader in /usr/lib
lib.kestra_version_string.restype = ctypes.c_char_p
assert lib.kestra_version_string().decode() == sys.argv[1], lib.kestra_version_string()
lib.kestra_record_new.restype = ctypes.c_void_p
record = ctypes.c_void_p(lib.kestra_record_new())
KESTRA_CSTR = ctypes.c_size_t(-1)
assert lib.kestra_record_begin_metric(record, 0, b"rows", KESTRA_CSTR) == 0   # 0: counter
assert lib.kestra_record_int64(record, ctypes.c_int64(42)) == 0
assert lib.kestra_record_write(record, 1) == 0
PY
)
test "$line" = '::{"metrics":[{"name":"rows","type":"counter","value":42,"tags":{}}]}::' || {
  echo "libkestra.so wrote: $line" >&2; exit 1; }
