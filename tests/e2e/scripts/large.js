// large.py in Node: one output of SIZE bytes (argv[2]), then a counter; with argv[3..5] (the ids
// of the execution, the task run and the worker), a byte more for each character the first two
// lack under 22, two for each the worker's lacks.
const Kestra = require('@kestra-io/libs');

const size = process.argv.slice(3, 6).reduce((n, id, i) => n + (22 - id.length) * (i === 2 ? 2 : 1),
  Number.parseInt(process.argv[2], 10));
Kestra.outputs({ large: 'x'.repeat(size) });
Kestra.counter('after_large', 1);
