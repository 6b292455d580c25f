'use strict';
// Node producer: every shared vector through the npm package (require('<repo>/node')),
// with the call mapping of the Node suite: decode() and call() are taken from
// tests/node/vectors.test.js itself (run with stub test functions, so no test runs).
//
//   node node_producer.js     one JSON line per vector on stdout (see ../README.md)
//
// An error carries the core's result name from its code (ERR_KESTRA_VALUE -> "value");
// without a code, "kinds" lists the result names its class stands for.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SUITE = path.join(ROOT, 'tests', 'node', 'vectors.test.js');
const VECTORS = path.join(ROOT, 'tests', 'vectors');

// The suite's own functions: its source, wrapped like a CommonJS module, returning them.
function suiteMapping() {
  const source = fs.readFileSync(SUITE, 'utf8');
  const wrapper = vm.runInThisContext(
    `(function (require, module, exports, __filename, __dirname) {${source}\n` +
      'return { decode, call, hasBytes, ERRORS };\n})',
    { filename: SUITE });
  const suiteRequire = Module.createRequire(SUITE);
  const stub = () => {};
  const requireFor = (name) => {
    if (name === 'node:test') return { describe: stub, it: stub, after: stub };
    if (name === '@kestra-io/libs') return require(path.join(ROOT, 'node'));
    return suiteRequire(name);
  };
  const module = { exports: {} };
  return wrapper(requireFor, module, module.exports, SUITE, path.dirname(SUITE));
}

function main() {
  const { call, hasBytes, ERRORS } = suiteMapping();
  const { capture } = require(path.join(ROOT, 'tests', 'node', 'capture.js'));
  const out = [];
  for (const file of fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort()) {
    const { vectors } = JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8'));
    vectors.forEach((vector, index) => {
      const record = { file, index };
      if (hasBytes(vector)) {
        out.push({ ...record, not_expressible: 'needs bytes (a JavaScript string cannot hold invalid UTF-8)' });
        return;
      }
      const { writes, error, result } = capture(() => call(vector));
      if (error) {
        const code = typeof error.code === 'string' && error.code.startsWith('ERR_KESTRA_')
          ? error.code.slice('ERR_KESTRA_'.length).toLowerCase() : null;
        const kinds = Object.keys(ERRORS).filter((k) => error instanceof ERRORS[k][0]);
        record.error = { kind: code, kinds, class: error.name, message: String(error.message) };
        if (writes.length) record.problem = `failed but wrote ${JSON.stringify(writes).slice(0, 200)}`;
      } else if (vector.call === 'format') {
        record.line = result;
        if (writes.length) record.problem = `format also wrote ${JSON.stringify(writes).slice(0, 200)}`;
      } else if (writes.length === 1 && writes[0].endsWith('\n') && !writes[0].slice(0, -1).includes('\n')) {
        record.line = writes[0].slice(0, -1);
      } else {
        record.line = writes.join('');
        record.problem = `wrote ${writes.length} chunks, not one line`;
      }
      out.push(record);
    });
  }
  process.stdout.write(out.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

main();
