# Sourced by scripts/package.sh: lays out the trees that the sdist and the npm
# tarball are made from, each holding everything it builds from (no path may
# lead back into the repository).

# stage_core_sources DIR [BINDING]: the root CMake project with the core, one
# binding, fmt's headers, VERSION and LICENSE.
stage_core_sources() {
  local dir=$1 binding=${2:-}
  mkdir -p "$dir/bindings" "$dir/third_party/fmt/include"
  cp "$root/CMakeLists.txt" "$root/VERSION" "$root/LICENSE" "$root/CHANGELOG.md" "$root/README.md" "$dir/"
  cp -r "$root/cmake" "$dir/cmake"
  cp -r "$root/core" "$dir/core"
  [ -z "$binding" ] || cp -r "$root/bindings/$binding" "$dir/bindings/$binding"
  # fmt, header-only (MIT-style licence, kept beside it); the core finds it in
  # third_party/fmt when libfmt-dev is missing (core/CMakeLists.txt).
  local fmt_include
  fmt_include=$(fmt_include_dir)
  cp -r "$fmt_include/fmt" "$dir/third_party/fmt/include/fmt"
  fmt_license >"$dir/third_party/fmt/LICENSE"
}

fmt_include_dir() {
  local d
  for d in /usr/include /usr/local/include; do
    [ -f "$d/fmt/format-inl.h" ] && { echo "$d"; return; }
  done
  echo "package: fmt's headers not found (libfmt-dev)" >&2; return 1
}

# fmt's licence text, from Debian's copyright file of libfmt-dev.
fmt_license() {
  local c=/usr/share/doc/libfmt-dev/copyright
  [ -f "$c" ] || { echo "package: $c not found (libfmt-dev)" >&2; return 1; }
  cat "$c"
}

# stage_python_sdist DIR: python/ at the top, sources beside it, paths in
# pyproject.toml pointed at them.
stage_python_sdist() {
  local dir=$1
  rm -rf "$dir"
  stage_core_sources "$dir" python
  cp -r "$root/python/src" "$root/python/README.md" "$dir/"
  sed -e 's|^cmake.source-dir = "\.\."$|cmake.source-dir = "."|' \
      -e 's|^metadata.version.input = "\.\./VERSION"|metadata.version.input = "VERSION"|' \
      "$root/python/pyproject.toml" >"$dir/pyproject.toml"
  grep -q '^cmake.source-dir = "."$' "$dir/pyproject.toml" \
    && grep -q '^metadata.version.input = "VERSION"' "$dir/pyproject.toml" \
    || { echo "package: python/pyproject.toml changed shape: fix stage_python_sdist" >&2; return 1; }
  find "$dir" -name __pycache__ -prune -exec rm -rf {} +
}

# stage_node_package DIR: node/ as published, with no npm dependency (node-addon-api's
# headers are in src/third_party, used only when building from the sources).
stage_node_package() {
  local dir=$1
  rm -rf "$dir"; mkdir -p "$dir"
  # Every module and type file of node/ (index, native, errors, context, flow, read,
  # testing...): a new one is published without a list to keep up to date.
  (cd "$root/node" && cp -r ./*.js ./*.mjs ./*.d.ts ./*.d.mts README.md scripts "$dir/")
  cp "$root/LICENSE" "$root/CHANGELOG.md" "$dir/"
  stage_core_sources "$dir/src" node
  local napi=$work/node-addon-api
  if [ ! -f "$napi/package/napi.h" ]; then
    rm -rf "$napi"; mkdir -p "$napi"
    (cd "$napi" && npm pack --silent "node-addon-api@$(node_addon_api_range)" >/dev/null && tar -xzf node-addon-api-*.tgz)
  fi
  mkdir -p "$dir/src/third_party/node-addon-api"
  cp "$napi"/package/*.h "$napi/package/LICENSE.md" "$dir/src/third_party/node-addon-api/"
  # package.json without the dependency (its headers are in the tarball) and
  # with the files to pack listed.
  node -e '
    const fs = require("fs");
    const pkg = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    delete pkg.dependencies;
    const modules = fs.readdirSync(process.argv[3]).filter((f) => /\.(js|mjs|d\.ts|d\.mts)$/.test(f));
    pkg.files = [...modules, "scripts/", "prebuilds/", "src/", "LICENSE", "CHANGELOG.md", "README.md"];
    fs.writeFileSync(process.argv[2], JSON.stringify(pkg, null, 2) + "\n");
  ' "$root/node/package.json" "$dir/package.json" "$dir"
}

node_addon_api_range() { node -p 'require(process.argv[1]).dependencies["node-addon-api"]' "$root/node/package.json"; }
