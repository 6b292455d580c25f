# Sourced by scripts/package.sh: a C/C++ cross toolchain for binaries that run on
# any x86_64 Linux with glibc >= 2.28 (manylinux_2_28) and need no libstdc++ from
# the target. zig (PyPI's `ziglang`) carries glibc 2.28 stubs and links LLVM's
# libc++ statically. Wrapper scripts make it look like one compiler to CMake.
KESTRA_GLIBC_TARGET=${KESTRA_GLIBC_TARGET:-2.28}

# make_zig_toolchain DIR PYTHON: writes DIR/{cc,c++,ar,ranlib}, prints CMake -D flags.
make_zig_toolchain() {
  local dir=$1 python=$2
  mkdir -p "$dir"
  "$python" -c 'import ziglang' 2>/dev/null \
    || "$python" -m pip install -q --disable-pip-version-check "ziglang==0.17.1" >&2
  local tool
  for tool in cc c++; do
    cat >"$dir/$tool" <<SH
#!/bin/sh
exec "$python" -m ziglang $tool -target x86_64-linux-gnu.$KESTRA_GLIBC_TARGET "\$@"
SH
  done
  for tool in ar ranlib; do
    printf '#!/bin/sh\nexec "%s" -m ziglang %s "$@"\n' "$python" "$tool" >"$dir/$tool"
  done
  chmod +x "$dir"/*
  # fmt from the release tree's third_party, never the host's /usr/include.
  printf '%s\n' "-DCMAKE_C_COMPILER=$dir/cc" "-DCMAKE_CXX_COMPILER=$dir/c++" \
    "-DCMAKE_AR=$dir/ar" "-DCMAKE_RANLIB=$dir/ranlib" "-DCMAKE_DISABLE_FIND_PACKAGE_fmt=ON" \
    "-DCMAKE_INTERPROCEDURAL_OPTIMIZATION=OFF" "-DCMAKE_MODULE_LINKER_FLAGS=-s" "-DCMAKE_SHARED_LINKER_FLAGS=-s"
}
