'use strict';
// Driver: runs worker.js for each library and case, alternating libraries in
// every round, reads (and drops) their stdout through a pipe, and prints the
// median calls/second per cell as a markdown table with the ratio ours/official.
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROUNDS = Number(process.env.ROUNDS || 5);
const SECONDS = Number(process.env.SECONDS_PER_RUN || 1);
const CASES = ['counter', 'small_outputs', 'outputs_1mb_records', 'outputs_1mb_string'];
const WALK_ROUTE = new Set(['small_outputs', 'outputs_1mb_records', 'outputs_1mb_string']);

// The C loop of bare write(2)s (write_floor.c), built by run.sh.
const C_FLOOR = process.env.KESTRA_WRITE_FLOOR;

function run(lib, kase) {
  const [command, args] = lib === 'c'
    ? [C_FLOOR, [String(SECONDS)]]
    : [process.execPath, [path.join(__dirname, 'worker.js'), lib, kase, String(SECONDS)]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (chunk) => { bytes += chunk.length; });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on("close", (code, signal) => {
      const last = err.trim().split('\n').pop();
      if (code !== 0 || !last || !last.startsWith('{')) return reject(new Error(`${lib} ${kase}: exit ${code} ${signal || ""} ${err}`));
      resolve({ rate: JSON.parse(last).rate, bytes });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));

(async () => {
  const rates = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const kase of CASES) {
      const libs = ['ours', 'official'];
      if (WALK_ROUTE.has(kase)) libs.push('ours-walk');
      // Alternate who goes first, so drift on a shared machine hits both alike.
      if (round % 2) libs.reverse();
      for (const lib of libs) {
        const { rate } = await run(lib, kase);
        ((rates[kase] ??= {})[lib] ??= []).push(rate);
      }
    }
    ((rates.write_floor ??= {}).ours ??= []).push((await run('ours', 'write_floor')).rate);
    if (C_FLOOR) (rates.write_floor.c ??= []).push((await run('c', 'write_floor')).rate);
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
  console.log(`Node ${process.version}, ${ROUNDS} rounds of ${SECONDS} s each, median calls/second, stdout a pipe read by the driver.\n`);
  console.log('| case | official 2.0.0 | ours (as shipped) | ratio | ours, C++ walk only | ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const kase of CASES) {
    const r = rates[kase];
    const off = median(r.official);
    const ours = median(r.ours);
    const json = r['ours-walk'] ? median(r['ours-walk']) : null;
    console.log(`| ${kase} | ${fmt(off)} | ${fmt(ours)} | ${(ours / off).toFixed(2)}x | ` +
      (json === null ? '- | - |' : `${fmt(json)} | ${(json / off).toFixed(2)}x |`));
  }
  const official = median(rates.counter.official);
  const floor = median(rates.write_floor.ours);
  console.log(`\nThe ceiling for a library that writes each record at once, the same counter line written whole ` +
    `per call with no formatting:\n- from JavaScript (the addon's writeLine): ${fmt(floor)} calls/s, ` +
    `${(floor / official).toFixed(2)}x the official counter`);
  if (C_FLOOR) {
    const c = median(rates.write_floor.c);
    console.log(`- from a C loop, no JavaScript at all (write_floor.c): ${fmt(c)} calls/s, ` +
      `${(c / official).toFixed(2)}x the official counter`);
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
