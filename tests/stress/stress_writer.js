// Stress writer (Node package): one thread (Node runs scripts on one), N
// outputs lines, the same bytes as stress_writer.cpp. Usage: stress_writer.js P N
'use strict';
const Kestra = require(process.env.KESTRA_NODE || require('path').join(__dirname, '..', '..', 'node'));

const payload = (p, t, i) =>
  String.fromCharCode(97 + ((p + t + i) % 26)).repeat(i % 1000 === 999 ? 4000 : (p * 131 + t * 31 + i * 7) % 200);

const p = Number(process.argv[2]);
const n = Number(process.argv[3]);
for (let i = 0; i < n; i++) Kestra.outputs({ p, t: 0, i, s: payload(p, 0, i) });
