'use strict';
// Kestra.outputs takes JSON.stringify's text through the core when that is
// exact, and walks the value in C++ otherwise (see node/README.md). Both routes
// must give the same bytes, and the same errors, for any value.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const Kestra = require('@kestra-io/libs');
const { capture } = require('./capture');

// The addon itself, to write with the C++ walk alone.
const native = require(path.join(path.dirname(require.resolve('@kestra-io/libs/package.json')), 'kestra.node'));

const values = [
  { a: 1, b: 'x', c: true, d: [1, 2, { e: 'f' }] },
  { big: 1e20, near: 2 ** 53 + 2, safe: 2 ** 53 - 1, tiny: 1e-7, neg: -0, exp: 1e21, frac: 1 / 3 },
  { n: null, list: [null, 1] },
  { s: 'é \u2028 \u{1F600} "q" \\ \n \u0001', k: { 'é': 1, '': 2, '1': 3 } },
  { digits: '12345678901234567890', d: new Date(0), nested: { toJSON: () => ({ x: [1.5] }) } },
  { deep: JSON.parse('['.repeat(900) + ']'.repeat(900)) },
  { long: 'y'.repeat(10000), other: 1 },
  { nan: NaN },
  { arr: [1, Infinity] },
  { fn: [() => 1] },
  { lone: 'a\udc00' },
  { big: 10n ** 30n },
  { tooDeep: JSON.parse('['.repeat(1200) + ']'.repeat(1200)) },
  // Big enough for the walk's handle scopes (batches of 128, one per 256 containers).
  { many: Array.from({ length: 3000 }, (_, i) => ({ d: new Date(i), k: `v${i}`, n: [i, { x: i / 3 }] })) },
  Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, { when: new Date(i), list: [i, null] }])),
];

// The text route copies V8's shortest digits where the walk prints the double
// itself (fmt's shortest): they must be the same digits for any double.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const doubles = Array.from({ length: 20000 }, (_, i) => {
  const x = random() * 10 ** Math.floor(random() * 40 - 20);
  return i % 3 === 0 ? -x : i % 3 === 1 ? x : Math.fround(x);
});
for (let k = 0; k < doubles.length; k += 2000) values.push({ doubles: doubles.slice(k, k + 2000) });

for (const [i, value] of values.entries()) {
  test(`routes agree: value ${i}`, () => {
    let walked;
    let walkError;
    try {
      walked = native.outputs(value);
    } catch (e) {
      walkError = e;
    }
    const { writes, error } = capture(() => Kestra.outputs(value));
    if (walkError) {
      assert.ok(error, `expected ${walkError.message}`);
      assert.equal(error.constructor, walkError.constructor);
      assert.equal(error.message, walkError.message);
      assert.deepEqual(writes, []);
    } else {
      assert.equal(error, undefined);
      assert.deepEqual(writes, [walked]);
    }
  });
}
