#!/usr/bin/env bash
# Installs everything the build, the tests and the demo need on a fresh Debian
# machine: Debian packages (apt-get), Python packages (pip, in .venv) and npm
# packages. Idempotent: only what is missing is installed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

apt_packages=(
  build-essential cmake ninja-build pkg-config jq
  libfmt-dev        # number formatting in the core
  debootstrap ccache  # release artifacts: install-test roots, shared objects between wheels (scripts/package.sh)
  libsimdjson-dev   # reading the vector files in the C++ vector runner (tests only)
  libgtest-dev      # C/C++ test suites
  locales           # tr_TR locale sources: the core's level names are checked under a Turkish locale
  libbenchmark-dev  # core micro-benchmarks
  clang libclang-rt-14-dev  # libFuzzer targets and sanitizer runtimes
  maven default-jdk-headless  # the conformance harness on Kestra's own parser
  nodejs npm python3 python3-venv
  openssl           # a self-signed certificate for the Flow clients' HTTPS tests
  r-base-core r-base-dev r-cran-testthat r-cran-jsonlite r-cran-roxygen2  # the R package (r/), its tests and Rd pages
  ruby ruby-dev ruby-minitest ruby-ffi  # the Ruby gem (native extension), its tests, bench/ruby's ruby-ffi comparison
)
missing=()
for p in "${apt_packages[@]}"; do
  # nodejs/npm/python3 may come from elsewhere (nodesource, pyenv): a command is enough.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
    python3|python3-venv) command -v python3 >/dev/null && python3 -c 'import venv' 2>/dev/null && continue ;;
    maven) command -v mvn >/dev/null && continue ;;
    default-jdk-headless) command -v javac >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# One virtual environment for our Python package, its tests and build tools.
if [ ! -x "$root/.venv/bin/python" ]; then
  python3 -m venv "$root/.venv"
fi
"$root/.venv/bin/python" -m pip install -q --disable-pip-version-check \
  -r "$root/scripts/requirements-dev.txt"
echo "setup: done"
