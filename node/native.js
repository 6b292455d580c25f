'use strict';
// Loads the addon: kestra.node built from the sources at install time (npm's
// "install" script, scripts/build.js), else the prebuilt one the tarball carries
// for this platform (x86_64 Linux with glibc >= 2.28, any Node >= 18, Bun, Deno:
// Node-API's ABI is stable). `npm install --ignore-scripts` relies on the latter.
const path = require('node:path');

const candidates = [
  path.join(__dirname, 'kestra.node'),
  path.join(__dirname, 'prebuilds', `${process.platform}-${process.arch}`, 'kestra.node'),
];
const failures = [];
for (const file of candidates) {
  try {
    module.exports = require(file);
    break;
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') failures.push(`${file}: ${e.message}`);
  }
}
if (!module.exports || !Object.keys(module.exports).length) {
  throw new Error(`@kestra-io/libs: no usable addon for ${process.platform}-${process.arch} ` +
    `(run \`npm rebuild @kestra-io/libs\` with cmake and a C++17 compiler to build it)` +
    (failures.length ? `\n${failures.join('\n')}` : ''));
}
