'use strict';
// The execution context Kestra gives a script task that sets `executionContext: true`.
// Where it is looked for and how it is read is the core's rule (kestra_context_load),
// the same in every language; this file only parses the JSON text and freezes it.
const native = require('./native.js');

// Objects and arrays frozen all the way down: the context is read-only.
function deepFreeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze(value[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * Loads the execution context: from `path`, else $KESTRA_EXECUTION_CONTEXT_FILE, else
 * .kestra-execution-context.json in the working directory; when that file does not
 * exist, the base64 JSON of $KESTRA_CONTEXT. Returns a deeply frozen plain object.
 * Throws an Error with code 'ENOENT' when there is no context (the message names the
 * file tried), else the core's error (`kind`: io, value, syntax, unicode, type).
 */
function loadExecutionContext(path) {
  const { text } = native.loadContext(path);
  return deepFreeze(JSON.parse(text));
}

let cached;

/** The context of the running task, loaded on first use and then kept; with a path, that file. */
function context(path) {
  if (path !== undefined) return loadExecutionContext(path);
  if (cached === undefined) cached = loadExecutionContext();
  return cached;
}

module.exports = { context, loadExecutionContext };
