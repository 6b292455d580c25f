'use strict';
// Kestra.read's JS values in a JSON form that compares exactly, and the same
// form made from the tagged Python values of tests/vectors/ion/expected.json
// (README there). JS has one number type and Date holds an instant in
// milliseconds, so: {number: x} for ints up to 2^53 - 1 and floats ("nan",
// "inf", "-inf", "-0"), {bigint: "digits"} past that, {date: ISO-8601 UTC with
// milliseconds} where a local date-time is read as UTC.
//
// As a program: node ion_tagged.js NODE_PACKAGE_DIR FILE EXPECTED_JSON prints
// {"got": the tagged rows of FILE, "want": the JS form of EXPECTED_JSON's rows
// (tagged Python values)}.

function number(x) {
  if (Number.isNaN(x)) return { number: 'nan' };
  if (x === Infinity) return { number: 'inf' };
  if (x === -Infinity) return { number: '-inf' };
  if (Object.is(x, -0)) return { number: '-0' };
  return { number: x };
}

/** A value read by Kestra.read, tagged. */
function tag(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return number(v);
  if (typeof v === 'bigint') return { bigint: v.toString() };
  if (v instanceof Date) return { date: v.toISOString() };
  if (Array.isArray(v)) return v.map(tag);
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k] = tag(x);
  return { object: out };
}

/** The JS form of a tagged Python value (tests/vectors/ion). */
function fromPython(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(fromPython);
  if ('int' in v) {
    const n = BigInt(v.int);
    const safe = 2n ** 53n - 1n;
    return n <= safe && n >= -safe ? number(Number(n)) : { bigint: n.toString() };
  }
  if ('float' in v) {
    const f = v.float;
    if (typeof f === 'number') return number(f);
    return { nan: { number: 'nan' }, inf: { number: 'inf' }, '-inf': { number: '-inf' }, '-0.0': { number: '-0' } }[f];
  }
  if ('datetime' in v) {
    // "YYYY-MM-DDTHH:MM:SS.ffffff", local at offset_minutes (or UTC when local).
    const [date, time] = v.datetime.split('T');
    const [y, mo, d] = date.split('-').map(Number);
    const [h, mi, s] = time.split(':');
    const ms = Date.UTC(y, mo - 1, d, Number(h), Number(mi), Math.floor(Number(s)),
      Math.floor(Number(s.split('.')[1] || 0) / 1000)) - (v.offset_minutes || 0) * 60000;
    const when = new Date(ms);
    if (y < 100) when.setUTCFullYear(y);  // Date.UTC maps years 0-99 to 1900-1999
    return { date: when.toISOString() };
  }
  const out = {};
  for (const [k, x] of Object.entries(v.dict)) out[k] = fromPython(x);
  return { object: out };
}

module.exports = { tag, fromPython };

if (require.main === module) {
  const Kestra = require(process.argv[2]);
  const got = Kestra.read(process.argv[3]).map((row) => tag(row).object);
  const expected = JSON.parse(require('node:fs').readFileSync(process.argv[4], 'utf8'));
  const want = expected.map((row) => fromPython({ dict: row }).object);
  process.stdout.write(JSON.stringify({ got, want }) + '\n');
}
