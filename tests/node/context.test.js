'use strict';
// Kestra.context / loadExecutionContext on the shared context vectors
// (tests/vectors/context/cases.json): every load case in a fresh directory and
// environment (a child process each, since the lookup reads the process's own
// working directory and environment), then the lookups walked through the object.
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const Kestra = require('@kestra-io/libs');

const HERE = path.resolve(__dirname, '..', 'vectors', 'context');
const FILES = path.join(HERE, 'files');
const CASES = JSON.parse(fs.readFileSync(path.join(HERE, 'cases.json'), 'utf8'));
const VARIABLES = ['KESTRA_EXECUTION_CONTEXT_FILE', 'KESTRA_CONTEXT'];
const expected = (name) => JSON.parse(fs.readFileSync(path.join(FILES, name), 'utf8'));

// What cases.json's README says: files copied, directories made, variables set.
function prepare(testCase, dir) {
  for (const [target, source] of Object.entries(testCase.files || {})) {
    fs.mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
    fs.copyFileSync(path.join(FILES, source), path.join(dir, target));
  }
  for (const d of testCase.dirs || []) fs.mkdirSync(path.join(dir, d), { recursive: true });
  const env = { ...process.env };
  for (const name of VARIABLES) delete env[name];
  for (const [name, value] of Object.entries(testCase.env || {})) {
    env[name] = typeof value === 'object' ? fs.readFileSync(path.join(FILES, value.base64_of)).toString('base64') : value;
  }
  return env;
}

const CHILD = `
const Kestra = require(${JSON.stringify(require.resolve('@kestra-io/libs'))});
const given = process.argv[1] === '-' ? undefined : process.argv[1];
try {
  const ctx = Kestra.context(given);
  console.log(JSON.stringify({ context: ctx, frozen: Object.isFrozen(ctx) }));
} catch (e) {
  console.log(JSON.stringify({ error: { name: e.name, code: e.code, kind: e.kind, message: e.message } }));
}`;

describe('context load cases', () => {
  for (const testCase of CASES.loads) {
    it(testCase.name, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestra-context-'));
      try {
        const env = prepare(testCase, dir);
        const r = spawnSync(process.execPath, ['-e', CHILD, testCase.path ?? '-'], { cwd: dir, env, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        const out = JSON.parse(r.stdout);
        if (testCase.error) {
          assert.ok(out.error, `expected an error, got ${r.stdout}`);
          assert.equal(out.error.kind, testCase.error.kind);
          assert.equal(out.error.code, testCase.error.kind === 'not_found' ? 'ENOENT' : `ERR_KESTRA_${testCase.error.kind.toUpperCase()}`);
          assert.equal(out.error.name, testCase.error.kind === 'type' ? 'TypeError' : 'Error');
          assert.ok(out.error.message.startsWith(testCase.error.message), out.error.message);
        } else {
          assert.ok(out.context, r.stdout);
          assert.deepEqual(out.context, expected(testCase.context));
          assert.equal(out.frozen, true);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

// Compact JSON in pure ASCII, as kestra-emit prints it.
const asciiJson = (value) => JSON.stringify(value)
  .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

// Follows a lookup path as a script would: properties and [index].
function walk(value, p) {
  for (const step of p.replace(/\[/g, '.').replace(/\]/g, '').split('.')) value = value[step];
  return value;
}

describe('context lookups', () => {
  const ctx = Kestra.loadExecutionContext(path.join(FILES, CASES.lookups_in));
  for (const lookup of CASES.lookups.filter((l) => !l.error)) {
    // JSON.parse reads every number as a double: a bigger integer than 2^53 loses digits.
    const big = !lookup.string && /^-?\d{16,}$/.test(lookup.text);
    it(lookup.path, () => {
      const value = walk(ctx, lookup.path);
      if (big) assert.equal(value, Number(lookup.text)); // the nearest double, as JSON.parse reads it
      else if (lookup.string) assert.equal(value, lookup.text);
      else assert.equal(asciiJson(value), lookup.text);
    });
  }
  for (const lookup of CASES.lookups.filter((l) => l.error && l.error.kind === 'not_found')) {
    it(`${lookup.path} is missing`, () => {
      let value;
      try {
        value = walk(ctx, lookup.path);
      } catch (e) {
        value = undefined; // a step through a missing key, as JavaScript reads it
      }
      assert.equal(value, undefined);
    });
  }
});

it('the context is read-only all the way down, and kept after the first load', () => {
  const ctx = Kestra.loadExecutionContext(path.join(FILES, 'full.json'));
  assert.throws(() => { 'use strict'; ctx.inputs.user = 'mallory'; }, TypeError);
  assert.throws(() => { ctx.labels.push({}); }, TypeError);
  assert.equal(ctx.inputs.user, 'alice');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestra-context-'));
  try {
    fs.writeFileSync(path.join(dir, '.kestra-execution-context.json'), '{"inputs":{"user":"bob"}}');
    const script = `const K = require(${JSON.stringify(require.resolve('@kestra-io/libs'))});
      const a = K.context(); require('node:fs').unlinkSync('.kestra-execution-context.json');
      console.log(a === K.context(), K.context().inputs.user);`;
    const env = { ...process.env };
    for (const name of VARIABLES) delete env[name];
    const r = spawnSync(process.execPath, ['-e', script], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(r.stdout, 'true bob\n', r.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('a path that is not a string is a TypeError', () => {
  assert.throws(() => Kestra.context(42), { name: 'TypeError', message: 'context: the path must be a string' });
});
