// One record of each kind, the same script under our package and the official one.
// The values are those the suite expects back from Kestra (ValuesTest.java): keep them in step.
const Kestra = require('@kestra-io/libs');

Kestra.outputs({
  int: 42,
  float: 1.5,
  text: 'héllo ✓ 日本 🎉',
  nested: { list: [1, 'two', { three: 3.5 }], flag: true, none: null },
});
Kestra.counter('rows', 7, { table: 'users' });
Kestra.gauge('ratio', 0.25, { kind: 'cache' });
Kestra.timer('load', 1.25, { phase: 'extract' });
Kestra.timer('timed', (done) => setTimeout(done, 300)); // a timed callback: about 0.3 s

const log = Kestra.logger();
log.trace('trace message');
log.debug('debug message');
log.info('info message');
log.warn('warn message');
log.error('error message');
