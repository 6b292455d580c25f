'use strict';
// Kestra.read and Kestra.iterRead on the shared Ion vectors (tests/vectors/ion).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const Kestra = require('@kestra-io/libs');
const { tag, fromPython } = require('./ion_tagged.js');

const dir = path.join(__dirname, '..', 'vectors', 'ion');
const { cases } = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));

for (const c of cases) {
  const file = path.join(dir, c.file);
  if (c.rows) {
    test(`read ${c.file}`, () => {
      const want = c.rows.map((row) => fromPython({ dict: row }));
      assert.deepEqual(Kestra.read(file).map(tag), want);
      assert.deepEqual([...Kestra.iterRead(pathToFileURL(file))].map(tag), want);
    });
  } else {
    test(`read ${c.file} fails as the core says`, () => {
      const code = `ERR_KESTRA_${c.error.kind.toUpperCase()}`;
      assert.throws(() => Kestra.read(file), (e) => e.code === code && e.message === c.error.message);
      const rows = Kestra.iterRead(file);
      for (let i = 0; i < c.rows_before_error; i++) assert.equal(typeof rows.next().value, 'object');
      assert.throws(() => rows.next(), (e) => e.code === code);
    });
  }
}

test('a missing file is an io error naming it', () => {
  assert.throws(() => Kestra.read('/nonexistent/rows.ion'),
    (e) => e.code === 'ERR_KESTRA_IO' && e.message === "cannot open '/nonexistent/rows.ion': No such file or directory");
  assert.throws(() => Kestra.read(42), TypeError);
});

test('a "__proto__" field is an own property, not the prototype', (t) => {
  const file = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'ion-')), 'proto.ion');
  fs.writeFileSync(file, "{'__proto__':{polluted:1}, a:1}\n");
  const [row] = Kestra.read(file);
  assert.equal(Object.getPrototypeOf(row), Object.prototype);
  assert.deepEqual(Object.keys(row), ['__proto__', 'a']);
  assert.equal(({}).polluted, undefined);
});
