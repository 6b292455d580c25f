'use strict';
// Runs fn with process.stdout.write replaced, and returns what it wrote (one
// string per write call) and what it threw. The package must look up
// process.stdout at call time for this to see its lines.
function capture(fn) {
  const original = process.stdout.write;
  const writes = [];
  process.stdout.write = function (chunk) {
    writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
    return true;
  };
  let error;
  let result;
  try {
    result = fn();
  } catch (e) {
    error = e;
  } finally {
    process.stdout.write = original;
  }
  return { writes, error, result };
}

module.exports = { capture };
