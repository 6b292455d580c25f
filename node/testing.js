// @kestra-io/libs/testing: assert in a script's own tests what Kestra would
// record from it.
//
//   const { capture } = require('@kestra-io/libs/testing');
//   const records = await capture(async () => main());
//   assert.equal(records.outputs.rows, 823);
//   assert.equal(records.counter('rows_loaded', { region: 'eu' }), 823);
//
// The records are read by the kestra core (kestra_summary), by the rules of
// `kestra-emit show`; this file only loads the core's JSON. While `fn` runs,
// process.stdout.write is wrapped: everything still reaches stdout as before,
// and what `fn` writes (in its own async context) is also fed to the core. Works
// with node:test, Jest and Vitest, also with tests running concurrently.
'use strict';

const { AssertionError } = require('node:assert');
const { AsyncLocalStorage } = require('node:async_hooks');
const util = require('node:util');
const native = require('./native.js');

// The JSON text of a tag value, as Kestra stores it: a string as is, a scalar as its JSON.
function tagText(value) {
  return typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
}

function sameTags(stored, wanted) {
  const keys = Object.keys(wanted);
  return keys.length === Object.keys(stored).length && keys.every((k) => stored[k] === tagText(wanted[k]));
}

class Records {
  constructor() {
    this._summary = new native.Summary();
    this._cache = null;
  }

  _feed(stream, chunk, encoding) {
    if (typeof chunk === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8') {
      chunk = Buffer.from(chunk, encoding);
    }
    this._summary.feed(stream, chunk);
    this._cache = null;
  }

  _end(stream) {
    this._summary.end(stream);
    this._cache = null;
  }

  _data() {
    if (this._cache === null) this._cache = JSON.parse(this._summary.json());
    return this._cache;
  }

  _missing(what) {
    return new AssertionError({ message: `${what} was recorded\n${this.text()}` });
  }

  /** The outputs merged across lines, the last write wins. */
  get outputs() { return this._data().outputs; }
  /** The Java type Kestra reads for each output: Integer, Long, Double, String, Map... */
  get outputTypes() { return this._data().output_types; }
  /** Every metric as stored: type, name, tags (strings), value, lines (and a timer's stored_ms). */
  get metrics() { return this._data().metrics; }
  /** Log lines as Kestra shows them: level, message, stream, line, text (an ordinary line). */
  get logs() { return this._data().logs; }
  /** Each assets record, as sent. */
  get assets() { return this._data().assets; }
  /** Lines Kestra would drop ("rejected") or log as text though meant as records ("near_miss"). */
  get problems() { return this._data().problems; }

  /** The log messages, of one level or all. */
  messages(level) {
    return this.logs.filter((e) => level === undefined || e.level === level).map((e) => e.message);
  }

  /** The stored metric of this type, name and exactly these tags; an AssertionError listing what was recorded. */
  metric(type, name, tags = {}) {
    const found = this.metrics.find((m) => m.type === type && m.name === name && sameTags(m.tags, tags));
    if (!found) throw this._missing(`no ${type} '${name}' with tags ${util.inspect(tags)}`);
    return found;
  }

  /** The sum of a counter. */
  counter(name, tags) { return this.metric('counter', name, tags).value; }
  /** The total of a timer in seconds. */
  timer(name, tags) { return this.metric('timer', name, tags).value; }
  /** The total of a timer in whole milliseconds, as Kestra stores it. */
  timerMs(name, tags) { return this.metric('timer', name, tags).stored_ms; }
  /** The last value of a gauge. */
  gauge(name, tags) { return this.metric('gauge', name, tags).value; }

  /** An output that must have been recorded; an AssertionError listing what was, if not. */
  output(key) {
    const outputs = this.outputs;
    if (!Object.prototype.hasOwnProperty.call(outputs, key)) throw this._missing(`no output '${key}'`);
    return outputs[key];
  }

  /**
   * Runs `assertions(records)` (sync or async); when one fails, the error's
   * message gains the recorded tables, so the failure shows what the script sent.
   */
  check(assertions) {
    const explain = (err) => {
      if (err && typeof err === 'object' && typeof err.message === 'string') {
        err.message += `\n\nKestra records:\n${this.text()}`;
      }
      throw err;
    };
    try {
      const result = assertions(this);
      return result && typeof result.then === 'function' ? result.then(() => this, explain) : this;
    } catch (err) {
      return explain(err);
    }
  }

  /** The records as tables, as `kestra-emit show` prints them. */
  text(color = false) { return this._summary.text(color); }
  toString() { return this.text(); }
  [util.inspect.custom]() { return `Records\n${this.text()}`; }
}

// The captures the running code belongs to: writes are fed to these only, so
// what the test runner itself prints, or a concurrent test, is left out.
const active = new AsyncLocalStorage();
const wrapped = new Map();  // stream -> { users, restore }

function feedActive(number, chunk, encoding) {
  if (chunk === null || chunk === undefined) return;
  for (let c = active.getStore(); c; c = c.parent) {
    if (number === native.STDOUT || c.stderr) c.records._feed(number, chunk, encoding);
  }
}

// Wraps `stream.write` (once, however many captures run) so that it also feeds them.
function wrap(stream, number) {
  let entry = wrapped.get(stream);
  if (!entry) {
    const own = Object.prototype.hasOwnProperty.call(stream, 'write');
    const previous = stream.write;
    stream.write = function write(chunk, encoding) {
      feedActive(number, chunk, typeof encoding === 'string' ? encoding : undefined);
      return previous.apply(this, arguments);
    };
    const restore = () => {
      if (own) stream.write = previous;
      else delete stream.write;
    };
    entry = { users: 0, restore };
    wrapped.set(stream, entry);
  }
  entry.users += 1;
  return () => {
    entry.users -= 1;
    if (entry.users === 0) {
      wrapped.delete(stream);
      entry.restore();
    }
  };
}

/**
 * Runs `fn` (sync or async) and resolves to what Kestra would record from what
 * it wrote to process.stdout (and process.stderr with { stderr: true }, whose
 * lines become ERROR logs, as in Kestra): writes from `fn` and from what it
 * starts (its promises, timers, callbacks), not from code running beside it.
 * An error of `fn` propagates unchanged.
 */
async function capture(fn, options = {}) {
  const records = new Records();
  const stderr = Boolean(options.stderr);
  const unwrap = [wrap(process.stdout, native.STDOUT)];
  if (stderr) unwrap.push(wrap(process.stderr, native.STDERR));
  try {
    await active.run({ records, stderr, parent: active.getStore() }, () => fn(records));
  } finally {
    for (const undo of unwrap.reverse()) undo();
    records._end(native.STDOUT);
    if (stderr) records._end(native.STDERR);
  }
  return records;
}

/**
 * The records of a script's output captured elsewhere (a child process, a file),
 * as `kestra-emit show` reads it; `stderr` lines become ERROR logs. Each is a
 * string (UTF-8) or a Buffer/Uint8Array.
 */
function read(stdout, stderr) {
  const records = new Records();
  for (const [number, chunk] of [[native.STDOUT, stdout], [native.STDERR, stderr]]) {
    if (chunk === undefined || chunk === null) continue;
    records._feed(number, chunk);
    records._end(number);
  }
  return records;
}

module.exports = { capture, read, Records };
