'use strict';
// The JavaScript side of the package: loading, values as JSON.stringify sees
// them, timers, logger, and where the lines go.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const Kestra = require('@kestra-io/libs');
const { capture } = require('./capture');

// The JSON of a written line ("::{...}::\n").
function payload(line) {
  assert.match(line, /^::\{.*\}::\n$/);
  return JSON.parse(line.slice(2, -3));
}

function one(fn) {
  const { writes, error } = capture(fn);
  if (error) throw error;
  assert.equal(writes.length, 1, 'one write per record');
  return writes[0];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('CommonJS: module.exports is the Kestra function with the official methods', () => {
  assert.equal(typeof Kestra, 'function');
  for (const m of ['outputs', 'counter', 'timer', 'gauge', 'assets', 'format', 'logger', '_send', '_metrics']) {
    assert.equal(typeof Kestra[m], 'function', m);
  }
});

test('ES module: default export is the same object', async () => {
  const esm = await import('@kestra-io/libs');
  assert.equal(esm.default, Kestra);
  const out = execFileSync(process.execPath, [path.join(__dirname, 'fixtures', 'esm.mjs')], { encoding: 'utf8' });
  assert.equal(out, '::{"outputs":{"esm":true}}::\n');
});

test('outputs: JSON.stringify semantics, plus BigInt', () => {
  const line = one(() => Kestra.outputs({
    date: new Date(Date.UTC(2026, 10, 21, 10, 30)),
    custom: { toJSON: (key) => `key=${key}` },
    skipped: undefined, [Symbol('s')]: 1,
    big: 2n ** 70n, negzero: -0, float: 0.5, text: 'é\u2028',
  }));
  assert.equal(line, '::{"outputs":{"date":"2026-11-21T10:30:00.000Z","custom":"key=custom",' +
    '"big":1180591620717411303424,"negzero":0,"float":0.5,"text":"\\u00e9\\u2028"}}::\n');
  assert.equal(one(() => Kestra.outputs({ a: [undefined, , 1] })), '::{"outputs":{"a":[null,null,1]}}::\n');
});

test('outputs: refusals name the path, write nothing, leave the process running', () => {
  const cases = [
    [{ a: [1, () => 1] }, TypeError, "outputs['a'][1]: "],
    // JSON.stringify would drop these silently: refused at their path (kestra.h).
    [{ a: Symbol('x') }, TypeError, "outputs['a']: unsupported type symbol"],
    [{ f() {} }, TypeError, "outputs['f']: unsupported type function"],
    [{ deep: { list: [{ g: () => 1 }] } }, TypeError, "outputs['deep']['list'][0]['g']: unsupported type function"],
    // JSON.stringify would write these as {}: refused at their path too.
    [{ ids: new Set([1, 2]) }, TypeError, "outputs['ids']: unsupported type Set"],
    [{ rows: [{ by: new Map([['a', 1]]) }] }, TypeError, "outputs['rows'][0]['by']: unsupported type Map"],
    [{ w: new WeakMap() }, TypeError, "outputs['w']: unsupported type WeakMap"],
    [{ a: { b: NaN } }, RangeError, "outputs['a']['b']: "],
    [{ s: 'x\ud800' }, RangeError, "outputs['s']: "],
    [[1], TypeError, 'outputs: '],
  ];
  const cyc = { x: {} };
  cyc.x.back = cyc;
  cases.push([cyc, RangeError, "outputs['x']['back']: "]);
  for (const [value, cls, prefix] of cases) {
    const { writes, error } = capture(() => Kestra.outputs(value));
    if (!cls) {
      assert.equal(error, undefined);
      continue;
    }
    assert.ok(error instanceof cls, `${error && error.name} ${error && error.message}`);
    assert.ok(error.message.startsWith(prefix), error.message);
    assert.deepEqual(writes, []);
  }
});

test('outputs: an error thrown by toJSON passes through unchanged', () => {
  const boom = new Error('boom');
  const { writes, error } = capture(() => Kestra.outputs({ a: { toJSON() { throw boom; } } }));
  assert.equal(error, boom);
  assert.deepEqual(writes, []);
});

test('outputs: toJSON may itself call the library (re-entrancy)', () => {
  const line = one(() => Kestra.outputs({ a: { toJSON: () => Kestra.format({ outputs: { inner: 1 } }) }, b: 2 }));
  assert.equal(line, '::{"outputs":{"a":"::{\\"outputs\\":{\\"inner\\":1}}::","b":2}}::\n');
});

test('metrics: tags, and errors as the official types allow', () => {
  assert.equal(one(() => Kestra.counter('rows', 3, { table: 'users', n: 1, ok: true })),
    '::{"metrics":[{"name":"rows","type":"counter","value":3,"tags":{"table":"users","n":1,"ok":true}}]}::\n');
  assert.equal(one(() => Kestra.gauge('mem', 0.5)),
    '::{"metrics":[{"name":"mem","type":"gauge","value":0.5,"tags":{}}]}::\n');
  assert.equal(one(() => Kestra._metrics('x', 'timer', 2, null)),
    '::{"metrics":[{"name":"x","type":"timer","value":2,"tags":{}}]}::\n');
  assert.equal(one(() => Kestra._metrics('x', 'counter', 2, { env: 'prod' })),
    '::{"metrics":[{"name":"x","type":"counter","value":2,"tags":{"env":"prod"}}]}::\n');
  for (const [fn, cls] of [
    [() => Kestra.counter('rows', NaN), RangeError],
    [() => Kestra.counter('rows', '3'), TypeError],
    [() => Kestra.timer('t', -1), RangeError],
    [() => Kestra.counter('', 1), RangeError],
    [() => Kestra.counter(3, 1), TypeError],
    [() => Kestra.counter('rows', 1, ['a']), TypeError],
    [() => Kestra.counter('rows', 1, { t: { nested: 1 } }), TypeError],
    [() => Kestra.counter('rows', 1, null, { timestamp: 3 }), TypeError],
  ]) {
    const { writes, error } = capture(fn);
    assert.ok(error instanceof cls, String(error));
    assert.deepEqual(writes, []);
  }
});

test('timer: callback style fn(done), once, on a monotonic clock', async () => {
  const lines = [];
  const { writes } = capture(() => Kestra.timer('cb', (done) => setTimeout(() => {
    lines.push(...capture(() => { done(); done(); }).writes);
  }, 30), { k: 'v' }));
  assert.deepEqual(writes, []);
  await sleep(60);
  assert.equal(lines.length, 1);
  const m = payload(lines[0]).metrics[0];
  assert.equal(m.name, 'cb');
  assert.equal(m.type, 'timer');
  assert.deepEqual(m.tags, { k: 'v' });
  assert.ok(m.value >= 0.025 && m.value < 5, String(m.value));
});

test('timer: an async function is awaited and its result returned', async () => {
  // Replaced across awaits: let the test runner's own output through.
  const lines = [];
  const original = process.stdout.write;
  process.stdout.write = function (s, ...rest) {
    if (typeof s === 'string' && s.startsWith('::{')) return lines.push(s) > 0;
    return original.call(this, s, ...rest);
  };
  let p;
  try {
    p = Kestra.timer('job', async () => { await sleep(30); return 42; });
    assert.ok(p instanceof Promise);
    assert.equal(lines.length, 0, 'nothing written before it settles');
    assert.equal(await p, 42);
    const rejected = Kestra.timer('fails', async () => { await sleep(1); throw new Error('no'); });
    await assert.rejects(rejected, /no/);
  } finally {
    process.stdout.write = original;
  }
  assert.equal(lines.length, 2);
  const m = payload(lines[0]).metrics[0];
  assert.equal(m.name, 'job');
  assert.ok(m.value >= 0.025 && m.value < 5, String(m.value));
  assert.equal(payload(lines[1]).metrics[0].name, 'fails');
});

test('logger: every level to stdout, arguments joined as console.log does', () => {
  const logger = Kestra.logger();
  for (const level of ['trace', 'debug', 'info', 'warn', 'error']) {
    const line = one(() => logger[level]('n=%d', 3, { a: 1 }, 'x'));
    assert.deepEqual(payload(line), { logs: [{ level: level.toUpperCase(), message: 'n=3 { a: 1 } x' }] });
  }
  assert.deepEqual(payload(one(() => logger.info(new Error('e').message, 100))).logs[0].message, 'e 100');
  assert.deepEqual(payload(one(() => logger.log('warning', 'w'))).logs[0], { level: 'WARN', message: 'w' });
  assert.throws(() => logger.log('VERBOSE', 'x'), RangeError);
});

test('lines keep their order with console.log, on a pipe', () => {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'fixtures', 'order.js')], { encoding: 'utf8' });
  assert.equal(out, [
    'before',
    '::{"metrics":[{"name":"c","type":"counter","value":1,"tags":{}}]}::',
    'middle',
    '::{"logs":[{"level":"TRACE","message":"t"}]}::',
    'after',
    '',
  ].join('\n'));
});

test('format returns the line without newline and writes nothing', () => {
  const { writes, result } = capture(() => Kestra.format({ outputs: { a: 1 } }));
  assert.equal(result, '::{"outputs":{"a":1}}::');
  assert.deepEqual(writes, []);
  assert.equal(one(() => Kestra._send({ logs: [{ level: 'INFO', message: 'm' }] })),
    '::{"logs":[{"level":"INFO","message":"m"}]}::\n');
});
