'use strict';
// Kestra.read: the rows of a file of Kestra's internal storage (Amazon Ion
// text, one struct per row). The C++ core reads the text and decides every
// conversion (as the official Python package's Kestra.read converts); the addon
// builds the JS values: numbers (decimals too), BigInt for ints past 2^53 - 1,
// strings (symbols, and blobs and clobs as UTF-8 text), null for typed nulls,
// Date for timestamps and ISO-8601 date-time strings (a local date-time is read
// as UTC), arrays, plain objects.
const { fileURLToPath } = require('node:url');

function pathOf(path) {
  if (path instanceof URL) return fileURLToPath(path);
  if (typeof path !== 'string') throw new TypeError(`Kestra.read: path must be a string or a file URL, not ${typeof path}`);
  return path;
}

/** Yields the rows one at a time, reading the file as they are asked for. */
function* iterRead(path, native) {
  const handle = native.ionOpen(pathOf(path));
  for (;;) {
    const row = native.ionNext(handle);
    if (row === undefined) return;
    yield row;
  }
}

/** All the rows; throws (with the core's .code and message, naming the line and column) on text that is not Ion. */
function read(path, native) {
  const rows = [];
  for (const row of iterRead(path, native)) rows.push(row);
  return rows;
}

module.exports = { read, iterRead };
