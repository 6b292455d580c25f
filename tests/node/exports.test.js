// The addon links the static core but must not re-export its C ABI: two addons
// (or an addon and libkestra.so) in one process would otherwise bind each
// other's kestra_* functions.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

test('the addon exports no kestra_* symbol', () => {
  const addon = path.join(path.dirname(require.resolve('@kestra-io/libs')), 'kestra.node');
  const check = path.join(__dirname, '..', 'build', 'check_exports.sh');
  const run = spawnSync('bash', [check, 'no-kestra', addon], { encoding: 'utf8' });
  assert.strictEqual(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /ok \(no-kestra\)\s*$/);
});
