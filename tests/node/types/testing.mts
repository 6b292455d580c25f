// Type check of @kestra-io/libs/testing as an ES module (tsc --noEmit, see types.test.js).
import Kestra from '@kestra-io/libs';
import { capture, type Records, type Metric } from '@kestra-io/libs/testing';

const records: Records = await capture(() => Kestra.outputs({ rows: 823 }), { stderr: true });
const metric: Metric = records.metric('gauge', 'memory', { host: 'a' });
const value: unknown = records.output('rows');
const problems: string[] = records.problems.map((p) => p.verdict + ': ' + p.reason);
void [metric, value, problems];
