#!/usr/bin/env node
// npm "install" script: builds kestra.node from the CMake project (core +
// bindings/node) into node/build, then copies it next to index.js. The project is
// the published tarball's src/ (core, bindings/node, fmt and node-addon-api's
// headers), or the repository around node/. When the tarball's prebuilt addon
// loads in this runtime, nothing is built (KESTRA_BUILD_FROM_SOURCE=1 builds anyway).
// The Node headers are the ones installed with the running node, never
// downloaded; node-addon-api is headers only.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const pkgDir = path.resolve(__dirname, '..');
const packedSources = path.join(pkgDir, 'src');
const repoRoot = fs.existsSync(path.join(packedSources, 'core')) ? packedSources : path.resolve(pkgDir, '..');
const prebuilt = path.join(pkgDir, 'prebuilds', `${process.platform}-${process.arch}`, 'kestra.node');
const buildDir = path.join(pkgDir, 'build');
const nodeInclude = path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node');

function fail(msg) {
  console.error(`@kestra-io/libs: ${msg}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  console.log(`@kestra-io/libs: ${cmd} ${args.join(' ')}`);
  // Build output goes to stderr so that it never pollutes a script's stdout.
  execFileSync(cmd, args, { stdio: ['ignore', process.stderr, process.stderr], ...options });
}

if (fs.existsSync(prebuilt) && !process.env.KESTRA_BUILD_FROM_SOURCE) {
  try {
    require(prebuilt);
    console.log(`@kestra-io/libs: using the prebuilt ${path.relative(pkgDir, prebuilt)}`);
    process.exit(0);
  } catch (e) {
    console.log(`@kestra-io/libs: the prebuilt addon does not load here (${e.message}); building it`);
  }
}
if (!fs.existsSync(path.join(nodeInclude, 'node_api.h'))) {
  fail(`no Node headers in ${nodeInclude} (install the package that ships node_api.h for this node)`);
}
if (!fs.existsSync(path.join(repoRoot, 'core', 'include', 'kestra', 'kestra.h'))) {
  // Neither the tarball's src/ nor a repository checkout (e.g. a bare copy of node/).
  fail(`no core sources in ${repoRoot} (neither a packed src/ nor the repository around node/)`);
}
// node-addon-api, our one dependency (headers only). Installed from another
// project (`npm install /path/to/node`), npm links this folder but installs none
// of its dependencies anywhere this script can see; then we install them here,
// with the same npm client, without scripts (so without coming back here).
function findAddonApi() {
  const packed = path.join(packedSources, 'third_party', 'node-addon-api', 'napi.h');
  if (fs.existsSync(packed)) return packed;
  try {
    return require.resolve('node-addon-api', { paths: [pkgDir] });
  } catch {
    return null;
  }
}
let addonApiMain = findAddonApi();
if (!addonApiMain) {
  const npmCli = process.env.npm_execpath;
  const [cmd, pre] = npmCli && npmCli.endsWith('.js') ? [process.execPath, [npmCli]] : ['npm', []];
  run(cmd, [...pre, 'install', '--omit=dev', '--ignore-scripts', '--no-save', '--no-package-lock',
    '--no-audit', '--no-fund'], { cwd: pkgDir });
  addonApiMain = findAddonApi();
  if (!addonApiMain) fail('could not install node-addon-api');
}
// napi.h sits at the package's root (its include_dir is relative to the cwd).
const addonApiDir = path.dirname(addonApiMain);
if (!fs.existsSync(path.join(addonApiDir, 'napi.h'))) fail(`no napi.h in ${addonApiDir}`);

try {
  run('cmake', [
    '-S', repoRoot, '-B', buildDir,
    '-DCMAKE_BUILD_TYPE=Release',
    '-DKESTRA_BUILD_NODE=ON', '-DKESTRA_BUILD_TESTS=OFF', '-DKESTRA_BUILD_SHELL=OFF', '-DKESTRA_INSTALL=OFF',
    `-DNODE_INCLUDE_DIR=${nodeInclude}`, `-DNODE_ADDON_API_DIR=${addonApiDir}`,
  ]);
  // -j2: the build machines are small and shared.
  run('cmake', ['--build', buildDir, '--target', 'kestra_node', '-j', process.env.KESTRA_BUILD_JOBS || '2']);
} catch (e) {
  fail(`the addon build failed (needs cmake, a C++17 compiler and libfmt-dev): ${e.message}`);
}

const built = path.join(buildDir, 'bindings', 'node', 'kestra.node');
if (!fs.existsSync(built)) fail(`the build did not produce ${built}`);
fs.copyFileSync(built, path.join(pkgDir, 'kestra.node'));
console.log('@kestra-io/libs: kestra.node built');
