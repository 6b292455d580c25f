# Sourced by scripts/package.sh: a C/C++ cross toolchain for binaries that run on
# any x86_64 Linux with glibc >= 2.28 (manylinux_2_28) and need no libstdc++ from
# the target. zig (PyPI's `ziglang`) carries glibc 2.28 stubs and links LLVM's
# libc++ statically. Wrapper scripts make it look like one compiler to CMake.
KESTRA_GLIBC_TARGET=${KESTRA_GLIBC_TARGET:-2.28}

# use_zig_toolchain DIR PYTHON: writes DIR/{cc,c++,ar,ranlib} and sets zig_flags
# (the CMake -D arguments that select them). PYTHON has ziglang installed.
use_zig_toolchain() {
  local dir=$1 python=$2 tool
  mkdir -p "$dir"
  for tool in cc c++; do
    printf '#!/bin/sh\nexec "%s" -m ziglang %s -target x86_64-linux-gnu.%s "$@"\n' \
      "$python" "$tool" "$KESTRA_GLIBC_TARGET" >"$dir/$tool"
  done
  for tool in ar ranlib; do
    printf '#!/bin/sh\nexec "%s" -m ziglang %s "$@"\n' "$python" "$tool" >"$dir/$tool"
  done
  chmod +x "$dir"/*
  # fmt from the release tree's third_party, never the host's /usr/include; -s strips.
  zig_flags=("-DCMAKE_C_COMPILER=$dir/cc" "-DCMAKE_CXX_COMPILER=$dir/c++"
    "-DCMAKE_AR=$dir/ar" "-DCMAKE_RANLIB=$dir/ranlib" "-DCMAKE_DISABLE_FIND_PACKAGE_fmt=ON"
    "-DCMAKE_INTERPROCEDURAL_OPTIMIZATION=OFF" "-DCMAKE_MODULE_LINKER_FLAGS=-s" "-DCMAKE_SHARED_LINKER_FLAGS=-s")
  zig_flags+=("${ccache_flags[@]}")
}

# ccache, when present, shares the core's objects between the wheels (they do not
# depend on the Python version) and between runs, also from another clone of the
# repository (paths are taken relative to it; the compiler is known by its
# --version, which for zig's wrappers names the glibc target). Sets ccache_flags.
use_ccache() {
  ccache_flags=()
  command -v ccache >/dev/null || return 0
  export CCACHE_DIR=${KESTRA_CCACHE_DIR:-/var/cache/kestra-sdk/ccache} CCACHE_BASEDIR=$root
  export CCACHE_COMPILERCHECK='%compiler% --version'
  ccache_flags=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
}
