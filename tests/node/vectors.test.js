'use strict';
// Runs every shared vector (tests/vectors/*.json) through the public API and
// compares the bytes written (or the error thrown) with the vector.
const { describe, it, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const Kestra = require('@kestra-io/libs');
const { capture } = require('./capture');
const { assertSameText } = require('./same_bytes');

const VECTORS = path.resolve(__dirname, '..', 'vectors');
// Each kind's class, and the built-in it extends (what callers of the official package catch).
const ERRORS = {
  type: [Kestra.KestraTypeError, TypeError], value: [Kestra.KestraValueError, RangeError],
  depth: [Kestra.KestraDepthError, RangeError], cycle: [Kestra.KestraCycleError, RangeError],
  limit: [Kestra.KestraLimitError, RangeError], unicode: [Kestra.KestraUnicodeError, RangeError],
  syntax: [Kestra.KestraSyntaxError, SyntaxError],
};

// Turns the vector notation into JS values (README "Values").
function decode(v) {
  if (Array.isArray(v)) return v.map(decode);
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const x = v[keys[0]];
    switch (keys[0]) {
      case '$float':
        return { nan: NaN, inf: Infinity, '-inf': -Infinity }[x] ?? Number(x);
      case '$int':
        return BigInt(x);
      case '$utf16':
        return String.fromCharCode(...x);
      case '$nest': {
        let out = decode(x.leaf);
        for (let i = 0; i < x.depth; i++) out = [out];
        return out;
      }
      case '$cycle': {
        const o = {};
        o[x] = o;
        return o;
      }
      default:
        throw new Error(`unknown special value ${keys[0]}`);
    }
  }
  const out = {};
  for (const k of keys) out[k] = decode(v[k]);
  return out;
}

// One vector call through the public API; returns format's string, if any.
function call(vector) {
  const args = decode(vector.args);
  switch (vector.call) {
    case 'outputs': return Kestra.outputs(args[0]);
    case 'encrypted_outputs': return Kestra.encryptedOutputs(args[0]);
    case 'assets': return Kestra.assets(args[0]);
    case 'outputs_json': return Kestra.outputsJson(args[0]);
    case 'format': return Kestra.format(args[0]);
    case 'counter': case 'timer': case 'gauge':
      return Kestra[vector.call](args[0], args[1], args[2], vector.options && decode(vector.options));
    case 'log': return Kestra.logs([[args[0], args[1]]]);
    case 'logs': return Kestra.logs(args[0]);
    default: throw new Error(`unknown call ${vector.call}`);
  }
}

function hasBytes(vector) {
  return (vector.needs || []).includes('bytes');
}

let notExpressible = 0;
let files = [];
try {
  files = fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort();
} catch {
  // no vector folder: the test below fails
}

it('finds shared vector files', () => {
  assert.ok(files.length > 0, `no *.json in ${VECTORS}`);
});

for (const file of files) {
  const { area, vectors } = JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8'));
  describe(`${file} (${area})`, () => {
    for (const vector of vectors) {
      // A JavaScript string cannot hold invalid UTF-8: such input cannot be
      // given at all, so it is counted (and printed below), not run.
      if (hasBytes(vector)) {
        notExpressible++;
        continue;
      }
      it(vector.name, () => {
        const { writes, error, result } = capture(() => call(vector));
        if (vector.error) {
          assert.ok(error, `expected a ${vector.error.kind} error, got ${JSON.stringify(writes)}`);
          const [Class, Builtin] = ERRORS[vector.error.kind];
          assert.ok(error instanceof Class && error instanceof Builtin,
            `expected ${Class.name}, got ${error.constructor.name}: ${error.message}`);
          assert.equal(error.kind, vector.error.kind);
          assert.equal(error.code, `ERR_KESTRA_${vector.error.kind.toUpperCase()}`);
          assert.equal(error.message, vector.error.message);
          assert.deepEqual(writes, [], 'a failed call must write nothing');
          return;
        }
        if (error) throw error;
        const line = vector.line_untyped ?? vector.line;
        if (vector.call === 'format') {
          assertSameText(result, line, "format's result");
          assert.deepEqual(writes, []);
        } else {
          assert.equal(writes.length, 1, `one write expected, got ${writes.length}`);
          assertSameText(writes[0], line + '\n', 'written');
        }
      });
    }
  });
}

after(() => {
  console.error(`vectors not expressible in JavaScript (needs bytes): ${notExpressible}`);
});
