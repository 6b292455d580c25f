'use strict';
// One measurement: `node worker.js LIB CASE SECONDS`. Calls the library in a
// loop with stdout on the pipe the driver drains, and reports calls/second on
// stderr (stdout carries only the protocol lines being measured).
const { once } = require('node:events');

const [lib, kase, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const Kestra = require(lib === 'official' ? 'official' : '@kestra-io/libs');

// About 1 MB of JSON: 10,000 records of ~100 bytes.
const records = Array.from({ length: 10000 }, (_, i) => ({
  id: i, name: `customer-${i}`, email: `user${i}@example.com`, score: i / 7, active: i % 2 === 0,
}));
const bigString = 'x'.repeat(1 << 20);

const cases = {
  counter: (i) => Kestra.counter('rows', i, { table: 'users' }),
  small_outputs: (i) => Kestra.outputs({ name: 'report', count: i, ok: true, ratio: 0.25, tags: ['a', 'b'] }),
  outputs_1mb_records: () => Kestra.outputs({ records }),
  outputs_1mb_string: () => Kestra.outputs({ text: bigString }),
  // No formatting: one write(2) of a finished counter line per call (the addon's
  // writeLine, which also waits out a full non-blocking pipe, where fs.writeSync
  // throws EAGAIN): the least any library pays that writes each record at once.
  write_floor: () => floorWrite(COUNTER_LINE),
};
const COUNTER_LINE = '::{"metrics":[{"name":"rows","type":"counter","value":1,"tags":{"table":"users"}}]}::\n';
// Ours with the C++ walk only (the other conversion route, measured to choose):
// the addon's own function, written as index.js writes.
const addon = () =>
  require(require('node:path').join(require('node:path').dirname(require.resolve('@kestra-io/libs/package.json')), 'kestra.node'));
const walk = lib === 'ours-walk' && addon();
const viaWalk = {
  small_outputs: (i) => process.stdout.write(walk.outputs({ name: 'report', count: i, ok: true, ratio: 0.25, tags: ['a', 'b'] })),
  outputs_1mb_records: () => process.stdout.write(walk.outputs({ records })),
  outputs_1mb_string: () => process.stdout.write(walk.outputs({ text: bigString })),
};
const floorWrite = kase === 'write_floor' && addon().writeLine;
const fn = lib === 'ours-walk' ? viaWalk[kase] : cases[kase];

// Calls for `limitSeconds`, then waits until the stream has handed every byte
// to the pipe: Node queues in memory what a full pipe does not take, so the
// rate counts the time to really deliver. Backpressure every 64 calls keeps
// the queue (and memory) bounded, as a well-behaved writer would.
async function measure(limitSeconds) {
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(limitSeconds * 1e9));
  let calls = 0;
  for (;;) {
    fn(calls);
    calls++;
    if ((calls & 63) === 0 || kase.startsWith('outputs_1mb')) {
      if (process.stdout.writableLength > (1 << 22)) await once(process.stdout, 'drain');
      if (process.hrtime.bigint() - start >= limit) break;
    }
  }
  // An empty write's callback runs once everything queued before it is written
  // ('drain' alone would never come when the queue stayed under the high-water mark).
  await new Promise((resolve) => process.stdout.write('', resolve));
  return calls / (Number(process.hrtime.bigint() - start) / 1e9);
}

(async () => {
  await measure(Math.min(0.3, seconds / 3)); // warm-up: JIT and buffers
  process.stderr.write(JSON.stringify({ rate: await measure(seconds) }) + '\n');
})();
