'use strict';
// @kestra-io/libs/testing: capture() and the records a script's test sees.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { AsyncLocalStorage } = require('node:async_hooks');
const Kestra = require('@kestra-io/libs');
const { capture, read, Records } = require('@kestra-io/libs/testing');

// The script's output is kept from the test runner's stdout (which carries its
// own report) by dropping the writes made in this async context only.
const silenced = new AsyncLocalStorage();

async function quietly(fn, options) {
  const own = Object.prototype.hasOwnProperty.call(process.stdout, 'write');
  const previous = process.stdout.write;
  const seen = [];
  process.stdout.write = function write(chunk) {
    const sink = silenced.getStore();
    if (!sink) return previous.apply(this, arguments);
    sink.push(String(chunk));
    return true;
  };
  try {
    return { records: await silenced.run(seen, () => capture(fn, options)), seen };
  } finally {
    if (own) process.stdout.write = previous;
    else delete process.stdout.write;
  }
}

async function etl() {
  console.log('starting');
  Kestra.outputs({ rows: 800, status: 'running' });
  Kestra.counter('rows_loaded', 800, { region: 'eu' });
  await new Promise((resolve) => setImmediate(resolve));
  Kestra.counter('rows_loaded', 23, { region: 'eu' });
  Kestra.counter('rows_loaded', 5, { region: 'us' });
  await Kestra.timer('load', async () => {});
  Kestra.timer('load', 1.005);
  Kestra.gauge('memory_mb', 100, { host: 'a' });
  Kestra.gauge('memory_mb', 80.5, { host: 'a' });
  Kestra.outputs({ rows: 823, status: 'done' });
  Kestra.logger().warn('disk almost full');
}

test('outputs merge, counters add up, gauges keep the last value', async () => {
  const { records } = await quietly(etl);
  assert.ok(records instanceof Records);
  assert.deepEqual(records.outputs, { rows: 823, status: 'done' });
  assert.deepEqual(records.outputTypes, { rows: 'Integer', status: 'String' });
  assert.equal(records.counter('rows_loaded', { region: 'eu' }), 823);
  assert.equal(records.counter('rows_loaded', { region: 'us' }), 5);
  assert.equal(records.metric('counter', 'rows_loaded', { region: 'eu' }).lines, 2);
  assert.equal(records.gauge('memory_mb', { host: 'a' }), 80.5);
  assert.equal(records.metric('timer', 'load').lines, 2);
  assert.ok(records.timer('load') >= 1.005);
  assert.ok(records.timerMs('load') >= 1005);
});

test('logs keep their levels; console.log lines are INFO text', async () => {
  const { records, seen } = await quietly(etl);
  assert.deepEqual(records.logs.map((e) => [e.level, e.message, e.text]), [
    ['INFO', 'starting', true],
    ['WARN', 'disk almost full', false],
  ]);
  assert.deepEqual(records.messages('WARN'), ['disk almost full']);
  // everything still reached stdout, in order
  assert.equal(seen[0], 'starting\n');
  assert.ok(seen.includes('::{"outputs":{"rows":823,"status":"done"}}::\n'));
});

test('a synchronous function, tag values as Kestra stores them, assets', async () => {
  const { records } = await quietly(() => {
    Kestra.counter('hits', 2, { shard: 3, hot: true });
    Kestra.assets({ outputs: [{ id: 'users', type: 'io.kestra.core.models.assets.Table' }] });
  });
  assert.equal(records.counter('hits', { shard: 3, hot: true }), 2);
  assert.equal(records.counter('hits', { shard: '3', hot: 'true' }), 2);
  assert.deepEqual(records.assets, [{ outputs: [{ id: 'users', type: 'io.kestra.core.models.assets.Table' }] }]);
});

test('hand-written bad lines are problems, with the line checker\'s reason', async () => {
  const { records } = await quietly(() => {
    process.stdout.write('::{"metrics":[{"name":"x","type":"counter","value":NaN}]}::\n');
    process.stdout.write(' ::{"outputs":{"a":1}}::\n');
  });
  assert.deepEqual(records.problems.map((p) => p.verdict), ['rejected', 'near_miss']);
  assert.match(records.problems[0].reason, /NaN is not allowed/);
  assert.deepEqual(records.outputs, {});
});

test('a missing metric or output is an AssertionError that lists what was recorded', async () => {
  const { records } = await quietly(() => Kestra.counter('rows', 1, { table: 'users' }));
  assert.throws(() => records.counter('rows', { table: 'orders' }), (err) => {
    assert.ok(err instanceof assert.AssertionError);
    assert.match(err.message, /no counter 'rows' with tags \{ table: 'orders' \}/);
    assert.match(err.message, /counter {2}rows {2}table=users {2}1\.0 {2}1 line/);
    return true;
  });
  assert.throws(() => records.output('rows'), /no output 'rows' was recorded/);
});

test('check() adds what was recorded to a failing assertion\'s message', async () => {
  const { records } = await quietly(() => Kestra.outputs({ rows: 822 }));
  assert.throws(
    () => records.check((r) => assert.equal(r.outputs.rows, 823)),
    (err) => {
      assert.ok(err instanceof assert.AssertionError);
      assert.match(err.message, /822 !== 823/);
      assert.match(err.message, /Kestra records:\nOutputs \(1\)\n {2}rows {2}Integer {2}822\n/);
      return true;
    },
  );
  await assert.rejects(records.check(async (r) => assert.equal(r.outputs.rows, 1)), /Kestra records:/);
  assert.equal(records.check((r) => assert.equal(r.outputs.rows, 822)), records);
});

test('an error of the function propagates and stdout is restored', async () => {
  const before = process.stdout.write;
  await assert.rejects(capture(async () => { throw new RangeError('boom'); }), RangeError);
  assert.equal(process.stdout.write, before);
  assert.equal(Object.prototype.hasOwnProperty.call(process.stdout, 'write'), false);
});

test('stderr lines become ERROR logs when asked', async () => {
  const r = await capture(() => process.stderr.write('oops\n'), { stderr: true });
  assert.deepEqual(r.logs.map((e) => [e.level, e.message, e.stream]), [['ERROR', 'oops', 'stderr']]);
});

test('the ES module entry gives the same capture', () => {
  const script = path.join(__dirname, 'fixtures', 'testing.mjs');
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^esm records: 823$/m);
});

test('concurrent captures each get their own records; writes beside them are left out', async () => {
  const { records: outer } = await quietly(async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
    const [a, b] = await Promise.all([
      capture(async () => { for (let i = 0; i < 20; i++) { Kestra.counter('a', 1); await tick(); } }),
      capture(async () => { for (let i = 0; i < 20; i++) { Kestra.counter('b', 1); await tick(); } }),
    ]);
    assert.deepEqual(a.metrics.map((m) => [m.name, m.value]), [['a', 20]]);
    assert.deepEqual(b.metrics.map((m) => [m.name, m.value]), [['b', 20]]);
  });
  // the enclosing capture saw both, as its code wrote them
  assert.equal(outer.counter('a'), 20);
  assert.equal(outer.counter('b'), 20);
});

test('read() takes the output of a child process', () => {
  const script = "const K = require('@kestra-io/libs'); console.log('hi'); K.counter('rows', 823, { region: 'eu' }); console.error('oops');";
  const child = spawnSync(process.execPath, ['-e', script], { cwd: __dirname });
  assert.equal(child.status, 0, String(child.stderr));
  const records = read(child.stdout, child.stderr);
  assert.equal(records.counter('rows', { region: 'eu' }), 823);
  assert.deepEqual(records.logs.map((e) => [e.level, e.message]), [['INFO', 'hi'], ['ERROR', 'oops']]);
  assert.deepEqual(read('::{"outputs":{"a":1}}::').outputs, { a: 1 });
});

test('read() of a string with a lone surrogate reads the U+FFFD process.stdout writes for it', () => {
  const line = '::{"outputs":{"a":"x\ud800y"}}::';
  const records = read(line);
  assert.deepEqual(records.outputs, { a: 'x\ufffdy' });
  assert.deepEqual(records.problems, []);
  // The same as the bytes Node writes for that string.
  assert.deepEqual(read(Buffer.from(line, 'utf8')).outputs, records.outputs);
  assert.deepEqual([...Buffer.from('\ud800', 'utf8')], [0xef, 0xbf, 0xbd]);
});
