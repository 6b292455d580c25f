'use strict';
// The rules decided once in kestra.h for every language: error kinds and
// classes, the one numeric level scale, the timer of code that throws (sync and
// async), text arguments that are not text, and the ABI check.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const Kestra = require('@kestra-io/libs');
const { capture } = require('./capture');

const addon = require(path.join(path.dirname(require.resolve('@kestra-io/libs')), 'kestra.node'));

function timerValues(writes) {
  return writes.flatMap((w) => JSON.parse(w.slice(2, -3)).metrics.map((m) => [m.name, m.type, m.value]));
}

test('errors carry the core kind, message and code, and extend the built-ins', () => {
  const cases = [
    [() => Kestra.outputs([1]), Kestra.KestraTypeError, TypeError, 'type',
      'outputs: must be an object with string keys, got an array'],
    [() => Kestra.counter('rows', NaN), Kestra.KestraValueError, RangeError, 'value',
      "counter 'rows' value: NaN is not allowed (strict JSON has no NaN; the server drops the line)"],
    [() => Kestra.outputs({ a: 'x\ud800' }), Kestra.KestraUnicodeError, RangeError, 'unicode',
      "outputs['a']: lone UTF-16 surrogate (not valid Unicode)"],
    [() => Kestra.outputsJson('{'), Kestra.KestraSyntaxError, SyntaxError, 'syntax', null],
    [() => Kestra.outputs({ n: 10n ** 1000n }), Kestra.KestraLimitError, RangeError, 'limit',
      "outputs['n']: integer of more than the server's 1,000 digits"],
  ];
  for (const [call, Class, Builtin, kind, message] of cases) {
    const { writes, error } = capture(call);
    assert.ok(error instanceof Class && error instanceof Builtin, String(error));
    assert.equal(error.kind, kind);
    assert.equal(error.code, `ERR_KESTRA_${kind.toUpperCase()}`);
    if (message !== null) assert.equal(error.message, message);
    assert.deepEqual(writes, []);
  }
});

test('a BigInt of many words is refused by the core without converting it', () => {
  const { error } = capture(() => Kestra.outputs({ n: -(2n ** 100000n) }));
  assert.ok(error instanceof Kestra.KestraLimitError);
  assert.equal(error.message, "outputs['n']: integer of more than the server's 1,000 digits");
  const { writes } = capture(() => Kestra.outputs({ n: -(2n ** 64n) }));
  assert.deepEqual(writes, ['::{"outputs":{"n":-18446744073709551616}}::\n']);
});

test('numeric levels are the kestra_level enum; anything else is refused by the core', () => {
  const names = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
  names.forEach((name, number) => {
    const { writes } = capture(() => Kestra.logs([[number, 'm']]));
    assert.deepEqual(writes, [`::{"logs":[{"level":"${name}","message":"m"}]}::\n`]);
  });
  for (const bad of [5, -1, 30, 1.5]) {
    const { writes, error } = capture(() => Kestra.logs([[bad, 'm']]));
    assert.ok(error instanceof Kestra.KestraValueError, String(error));
    assert.equal(error.message, 'logs[0] level: unknown level (expected TRACE, DEBUG, INFO, WARN or ERROR)');
    assert.deepEqual(writes, []);
  }
});

test('text arguments that are not strings are worded by the core', () => {
  const cases = [
    [() => Kestra.counter(5, 1), 'counter name: must be a string, got number'],
    [() => Kestra.gauge(['x'], 1), 'gauge name: must be a string, got array'],
    [() => Kestra.counter('rows', 1, null, { description: 3 }), "counter 'rows' description: must be a string, got number"],
    [() => Kestra.counter('rows', 1, null, { timestamp: 3 }), "counter 'rows' timestamp: must be an ISO-8601 string, got number"],
    [() => Kestra.logs([['INFO', { a: 1 }]]), 'logs[0] message: must be a string, got object'],
    [() => Kestra.logs([[true, 'm']]), 'logs[0] level: must be a level name or a level number (0 TRACE to 4 ERROR), got boolean'],
    [() => Kestra.outputsJson(5), 'outputs: a JSON text must be a string, got number'],
  ];
  for (const [call, message] of cases) {
    const { writes, error } = capture(call);
    assert.ok(error instanceof Kestra.KestraTypeError, String(error));
    assert.equal(error.message, message);
    assert.deepEqual(writes, []);
  }
});

test('lone surrogates in a timestamp or a JSON text reach the core as UTF-16', () => {
  let { error } = capture(() => Kestra.counter('rows', 1, null, { timestamp: '2026-01-01T00:00:00Z\udc00' }));
  assert.equal(error.message, "counter 'rows' timestamp: lone UTF-16 surrogate (not valid Unicode)");
  ({ error } = capture(() => Kestra.outputsJson('{"a": "\udc00"}')));
  assert.equal(error.message, "outputs['a']: lone UTF-16 surrogate (not valid Unicode)");
});

test('a timer of a synchronous function that throws is written, then the error propagates unchanged', () => {
  const boom = new Error('boom');
  const { writes, error } = capture(() => Kestra.timer('load', () => { throw boom; }));
  assert.equal(error, boom);
  const [[name, type, value]] = timerValues(writes);
  assert.deepEqual([name, type], ['load', 'timer']);
  assert.ok(value >= 0 && value < 5, String(value));
});

test('a timer of a callback-style function that throws before done() is written too', () => {
  const boom = new Error('early');
  const { writes, error } = capture(() => Kestra.timer('cb', (done) => { throw boom; }));  // eslint-disable-line no-unused-vars
  assert.equal(error, boom);
  assert.equal(timerValues(writes).length, 1);
});

test('a timer of an async function that rejects is written, then the rejection propagates unchanged', async () => {
  const boom = new Error('later');
  const writes = [];
  const original = process.stdout.write;
  process.stdout.write = (chunk) => { writes.push(String(chunk)); return true; };
  try {
    await assert.rejects(Kestra.timer('job', async () => { throw boom; }), (e) => e === boom);
  } finally {
    process.stdout.write = original;
  }
  assert.equal(timerValues(writes).length, 1);
});

test('the ABI check refuses another version', () => {
  // The version the header of this tree declares, not a number copied here.
  const header = fs.readFileSync(path.join(__dirname, '..', '..', 'core', 'include', 'kestra', 'kestra.h'), 'utf8');
  const version = Number(/^#define KESTRA_ABI_VERSION (\d+)$/m.exec(header)[1]);
  addon._checkAbi(version);
  for (const wrong of [version - 1, version + 1]) {
    assert.throws(() => addon._checkAbi(wrong), { code: 'ERR_KESTRA_ABI', message: /ABI version/ });
  }
});

test('a timer that cannot be written does not replace the error of the timed code', async () => {
  const boom = new Error('boom');
  const { writes, error } = capture(() => Kestra.timer('', () => { throw boom; }));
  assert.equal(error, boom);
  assert.deepEqual(writes, []);
  await assert.rejects(Kestra.timer('', async () => { throw boom; }), (e) => e === boom);
});
