// Type check of @kestra-io/libs/testing as an ES module (tsc --noEmit, see types.test.js).
import Kestra from '@kestra-io/libs';
import { capture, read, type Records, type Metric } from '@kestra-io/libs/testing';

const records: Records = await capture(() => Kestra.outputs({ rows: 823 }), { stderr: true });
const metric: Metric = records.metric('gauge', 'memory', { host: 'a' });
const value: unknown = records.output('rows');
const problems: string[] = records.problems.map((p) => p.verdict + ': ' + p.reason);
const fromChild: Records = read(new Uint8Array(0), '');
void [metric, value, problems, fromChild];
