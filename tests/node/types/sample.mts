// A typed script using the ES module entry; checked with `tsc --noEmit`.
import Kestra from '@kestra-io/libs';

Kestra.outputs({ esm: true });
const result: string = await Kestra.timer('job', async () => 'done', { step: 'one' });
Kestra.logger().warn(result);
// @ts-expect-error format takes an object
Kestra.format('x');
import { context, Flow, FailedExponentialBackoff, type ExecutionContext, type FlowExecution } from '@kestra-io/libs';
const ctx: ExecutionContext = context();
void ctx;
const done: FlowExecution = await new Flow({ waitForCompletion: false }).execute('company.team', 'etl');
void done;
void FailedExponentialBackoff;
