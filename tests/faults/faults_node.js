// Fault cases for the Node package: node faults_node.js CASE (see run.sh).
// Prints what happened on stderr; exits 0 when the behaviour is the expected one.
'use strict';
const Kestra = require(process.env.KESTRA_NODE || require('path').join(__dirname, '..', '..', 'node'));

const cases = {
  // Node reopens a closed fd 1 on /dev/null at startup: the call succeeds, the line goes nowhere.
  closed_stdout() {
    try {
      Kestra.counter('rows', 1);
      console.error('no error (Node gave the script /dev/null as stdout)');
    } catch (e) {
      console.error(`caught ${e.code || e.name}: ${e.message}`);
    }
    return 0;
  },
  // The reader is gone: the script must get an error it can handle, not die of it.
  epipe_stdout() {
    for (let n = 0; n < 200000; n++) {
      try {
        Kestra.counter('rows', n);
      } catch (e) {
        console.error(`caught ${e.code || e.name} after ${n} lines: ${e.message}`);
        return 0;
      }
    }
    console.error('200,000 lines written without an error');
    return 0;  // the exit code then tells whether Node died of an unhandled 'error' event
  },
  deep() {
    let v = 1;
    for (let i = 0; i < 100000; i++) v = [v];
    const text = '{"a":' + '['.repeat(100000) + ']'.repeat(100000) + '}';
    let ok = true;
    for (const [name, call] of [['outputs', () => Kestra.outputs({ a: v })], ['outputsJson', () => Kestra.outputsJson(text)]]) {
      try {
        call();
        console.error(`${name}: no error`);
        ok = false;
      } catch (e) {
        console.error(`${name}: ${e.name} ${e.message.slice(0, 100)}`);
      }
    }
    return ok ? 0 : 1;
  },
  big_payload() {
    const outputs = {};
    for (let k = 0; k < 10; k++) outputs[`k${k}`] = 'x'.repeat(10000000);
    Kestra.outputs(outputs);
    return 0;
  },
};

process.exitCode = cases[process.argv[2]]();
