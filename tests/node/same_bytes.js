'use strict';
// Compares two long strings and, when they differ, says where: node:assert's own
// diff of multi-megabyte strings is slow and hard to read.
const assert = require('node:assert/strict');

function assertSameText(got, want, what = 'line') {
  if (got === want) return;
  if (typeof got !== 'string') assert.fail(`${what}: expected a string, got ${typeof got}`);
  let at = 0;
  const limit = Math.min(got.length, want.length);
  while (at < limit && got[at] === want[at]) at++;
  const from = Math.max(0, at - 40);
  assert.fail(`${what}: lengths ${got.length} (got) and ${want.length} (want), first difference at index ${at}\n` +
    `  got:  ...${JSON.stringify(got.slice(from, at + 60))}\n` +
    `  want: ...${JSON.stringify(want.slice(from, at + 60))}`);
}

module.exports = { assertSameText };
