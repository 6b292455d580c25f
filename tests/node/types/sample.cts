// A typed script using the CommonJS entry; checked with `tsc --noEmit`.
import Kestra = require('@kestra-io/libs');

Kestra.outputs({ rows: 3, when: new Date(), big: 10n, nested: { list: [1, 'a', null] } });
Kestra.counter('rows', 3, { table: 'users' });
Kestra.gauge('mem', 0.5, null, { description: 'resident memory' });
Kestra.timer('load', 1.5);
Kestra.timer('load', (done) => done());
const answer: Promise<number> = Kestra.timer('job', async () => 42);
void answer;
const logger: Kestra.Logger = Kestra.logger();
logger.info('rows: %d', 3);
const line: string = Kestra.format({ outputs: { a: 1 } });
void line;
// @ts-expect-error a metric name is a string
Kestra.counter(3, 1);
// @ts-expect-error a tag value is a scalar
Kestra.counter('rows', 1, { nested: { a: 1 } });
interface Row { id: number; name: string }
const row: Row = { id: 1, name: 'a' };
Kestra.outputs(row);
Kestra.outputs({ row, rows: [row] });
// @ts-expect-error outputs is an object
Kestra.outputs(3);

// Extensions: encryptedOutputs, the execution context, Flow.
Kestra.encryptedOutputs({ token: 's3cr3t' });
const ctx: Kestra.ExecutionContext = Kestra.context();
const user: Kestra.ContextValue | undefined = ctx.inputs;
void user;
const flow = new Kestra.Flow({ tenant: 'main', pollInterval: 0.5 });
const run: Promise<Kestra.FlowExecution> = flow.execute('company.team', 'etl', { day: '2026-11-21', file: ['a.csv', 'a,b'] });
void run;
// @ts-expect-error pollInterval is a number
new Kestra.Flow({ pollInterval: 'fast' });
