'use strict';
// @kestra-io/libs: report outputs, metrics, logs and assets to Kestra from a
// Node script. A drop-in for the official package (2.0.0), but every line is
// built and checked by the C++ core (kestra.node): a bad call throws before
// anything is written, and what is written is what the server accepts.
//
// Each record is one write, decided at call time, after whatever user code the
// call runs (getters, toJSON, util.format): when process.stdout has nothing
// queued and its write was not replaced, the addon writes the line to fd 1
// itself with one write(2) (no JS string is even made); otherwise the line goes
// to one process.stdout.write call. So lines keep their order with console.log,
// a test that replaces process.stdout.write sees them, lines stay whole when
// several processes share a pipe (the stream's queued writev can stop
// mid-line), and a gone reader is an error the caller can catch rather than an
// 'error' event that ends the script.
const util = require('node:util');
const native = require('./native.js');
const errors = require('./errors.js');
const { context, loadExecutionContext } = require('./context');
const { Flow, FailedExponentialBackoff, FlowRequestError } = require('./flow');
const ionRead = require('./read.js');

native.setErrorClasses(errors.byKind);

const METRIC_TYPES = native.metricTypes; // { counter: 0, timer: 1, gauge: 2 }, named by the core
const { counter: COUNTER, timer: TIMER, gauge: GAUGE } = METRIC_TYPES;
const LEVELS = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

const hasOwn = Object.prototype.hasOwnProperty;

// True when the addon may write the record to fd 1 itself (see above).
function direct() {
  const out = process.stdout;
  return out.fd === 1 && out.writableLength === 0 && !hasOwn.call(out, 'write');
}

// Sends what an addon producer gave back: true when it wrote the line itself,
// else the line, for process.stdout.
function send(written) {
  if (written !== true) process.stdout.write(written);
}

// Writes a finished line (from a producer that only returns lines).
function write(line) {
  if (direct()) native.writeLine(line);
  else process.stdout.write(line);
}

// The tags' own enumerable entries go to the addon flattened after the object
// (key1, value1, ...): arguments are far cheaper for it to read than properties.
// Optional metric fields (not in the official API): options = { timestamp, description }.
function emitMetric(type, name, value, tags, options) {
  let timestamp;
  let description;
  if (options != null) {
    ({ timestamp, description } = options);
    if (timestamp instanceof Date) timestamp = timestamp.toISOString();
  }
  if (tags === null || typeof tags !== 'object') {
    send(native.metric(direct(), type, name, value, timestamp, description, tags));
    return;
  }
  const keys = Object.keys(tags);
  if (keys.length === 1) {
    const k = keys[0];
    const v = tags[k];
    send(native.metric(direct(), type, name, value, timestamp, description, tags, k, v));
    return;
  }
  const args = [false, type, name, value, timestamp, description, tags];
  for (const k of keys) args.push(k, tags[k]);
  args[0] = direct();
  send(native.metric(...args));
}

// Outputs take the fastest exact route, chosen by measurement (README): V8's
// JSON.stringify, then the core copies and checks that text, reading its
// numbers as JavaScript numbers. The addon refuses the text (undefined) when it
// may hide a value the walk would refuse (a null, which JSON.stringify also
// writes for NaN or a function in an array; a lone surrogate); then, as when
// JSON.stringify throws (BigInt, cycles), the C++ walk converts the value itself
// and reports any error with its path. Cost of a fallback: getters and toJSON
// run twice. JSON.stringify drops a property holding a function or a symbol
// without a trace, so such a value (or one whose toJSON could return one) goes
// to the walk, which refuses it with a TypeError naming its path (kestra.h).
// A long string at the top level goes straight to the walk too, which copies it
// once (the text route would escape it, copy it and parse it again).
const LONG_STRING = 4096;
const SCAN_DEPTH = 64; // deeper values are left to the walk, which checks every level

// True when a value holds what JSON.stringify would drop silently (a function
// or a symbol) or write as {} (a Map or a Set), or, at the top (depth 0), a long
// string: one pass for all.
function needsWalkAt(value, depth) {
  if (depth > SCAN_DEPTH) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const t = typeof v;
      if (t === 'object' ? v !== null && needsWalkAt(v, depth + 1) : t === 'function' || t === 'symbol') return true;
    }
    return false;
  }
  if (typeof value.toJSON === 'function') return !(value instanceof Date);
  // JSON.stringify writes a Map or a Set as {}: the walk refuses it. One prototype
  // read for a plain object; the instanceof tests only for the others.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && isCollection(value)) return true;
  // for-in is ~3x faster than Object.keys here; the inherited enumerable
  // properties it also visits can only send a value to the walk, which is exact.
  for (const k in value) {
    const v = value[k];
    const t = typeof v;
    if (t === 'object') {
      if (v !== null && needsWalkAt(v, depth + 1)) return true;
    } else if (t === 'function' || t === 'symbol' || (depth === 0 && t === 'string' && v.length > LONG_STRING)) {
      return true;
    }
  }
  return false;
}

function isCollection(v) {
  return v instanceof Map || v instanceof Set || v instanceof WeakMap || v instanceof WeakSet;
}

function needsWalk(value) {
  return value !== null && typeof value === 'object' && needsWalkAt(value, 0);
}

function emitOutputs(value) {
  if (!needsWalk(value)) {
    let text;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    if (typeof text === 'string' && text.charCodeAt(0) === 0x7b /* { */) {
      const written = native.outputsStringified(direct(), text);
      if (written !== undefined) {
        send(written);
        return;
      }
    }
  }
  write(native.outputs(value));
}

// The official export is a (no-op) function carrying the methods; kept so.
function Kestra() {}

/** The protocol line for a whole message ({outputs, metrics, logs, assets}), without newline. */
Kestra.format = (map) => native.message(map, false);

/** Writes a whole message as one line. */
Kestra._send = (map) => write(native.message(map, true));

/** One metric by type name, as the official library's internal helper. */
Kestra._metrics = (name, type, value, tags) => {
  const t = hasOwn.call(METRIC_TYPES, type) ? METRIC_TYPES[type] : undefined;
  if (t === undefined) {
    // Not one of ours: the core checks the message and says why it is refused.
    Kestra._send({ metrics: [{ name, type, value, tags: tags || {} }] });
  } else {
    emitMetric(t, name, value, tags);
  }
};

Kestra.outputs = (outputs) => emitOutputs(outputs);
/** Extension: outputs that Kestra Enterprise stores encrypted (an open-source Kestra ignores them). */
Kestra.encryptedOutputs = (outputs) => write(native.encryptedOutputs(outputs));
Kestra.assets = (assets) => write(native.assets(assets));

Kestra.counter = (name, value, tags, options) => emitMetric(COUNTER, name, value, tags, options);
Kestra.gauge = (name, value, tags, options) => emitMetric(GAUGE, name, value, tags, options);

/**
 * timer(name, seconds, tags?) writes a timer of that many seconds.
 * timer(name, fn, tags?) times fn on a monotonic clock:
 *  - fn(done): the official callback style; the timer is written when done() is
 *    called (whatever fn returns is returned).
 *  - fn() returning a promise (an async function): the timer is written when it
 *    settles, and timer returns a promise of fn's result (or its rejection).
 *  - fn() returning anything else: timed until it returns; its result is returned.
 * When fn throws (or its promise rejects), the timer is written with the time
 * until the throw, then the error propagates unchanged (kestra.h, every language).
 */
Kestra.timer = (name, duration, tags, options) => {
  if (typeof duration !== 'function') {
    emitMetric(TIMER, name, duration, tags, options);
    return undefined;
  }
  const start = process.hrtime.bigint();
  let written = false;
  const done = () => {
    if (written) return; // one timer per run, however often done() is called
    written = true;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    emitMetric(TIMER, name, seconds, tags, options);
  };
  // When fn fails, its error propagates unchanged: a failure to write the timer
  // then (a bad name) is not thrown over it.
  const doneQuietly = () => {
    try {
      done();
    } catch {
      // the timed code's error is the one to see
    }
  };
  let result;
  try {
    result = duration(done);
  } catch (error) {
    doneQuietly();
    throw error;
  }
  // A function that declares a parameter takes `done`: it alone ends the timer.
  if (duration.length >= 1) return result;
  if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
    return Promise.resolve(result).then(
      (value) => { done(); return value; },
      (error) => { doneQuietly(); throw error; },
    );
  }
  done();
  return result;
};

/**
 * Extension: several log entries in one line, each [level, message] or
 * {level, message}; level a name (TRACE..ERROR, WARNING, CRITICAL, FATAL, any case).
 */
Kestra.logs = (entries) => {
  if (!Array.isArray(entries)) throw new TypeError('logs: expected an array of [level, message]');
  const pairs = entries.map((e) => (Array.isArray(e) ? e : [e && e.level, e && e.message]));
  send(native.logs(direct(), pairs));
};

// The arguments of one call become one message, joined as console.log joins them.
function emitLog(level, args) {
  const message = util.format(...args);
  send(native.logs(direct(), [[level, message]]));
}

class Logger {
  trace(...args) { emitLog(LEVELS.TRACE, args); }
  debug(...args) { emitLog(LEVELS.DEBUG, args); }
  info(...args) { emitLog(LEVELS.INFO, args); }
  warn(...args) { emitLog(LEVELS.WARN, args); }
  error(...args) { emitLog(LEVELS.ERROR, args); }
  /** Extension: a level by name (e.g. "warning"), then the message arguments. */
  log(level, ...args) { emitLog(level, args); }
}

Kestra.logger = () => new Logger();

/** Extension: outputs from a JSON text, parsed and checked by the core. */
Kestra.outputsJson = (text) => write(native.outputsJson(text));

/** Extension: the execution context (context.js) and the Flow client (flow.js). */
Kestra.context = context;
Kestra.loadExecutionContext = loadExecutionContext;
Kestra.Flow = Flow;
Kestra.FailedExponentialBackoff = FailedExponentialBackoff;
Kestra.FlowRequestError = FlowRequestError;
/** The rows of an Ion file of Kestra's internal storage (read.js). */
Kestra.read = (path) => ionRead.read(path, native);
/** The same, one row at a time: memory follows one row. */
Kestra.iterRead = (path) => ionRead.iterRead(path, native);

/** Version of the core actually loaded. */
Kestra.coreVersion = native.version;

// The error classes, one per kind of the core (errors.js).
for (const [name, value] of Object.entries(errors)) {
  if (name !== 'byKind') Kestra[name] = value;
}

module.exports = Kestra;
