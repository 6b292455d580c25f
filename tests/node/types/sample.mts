// A typed script using the ES module entry; checked with `tsc --noEmit`.
import Kestra from '@kestra-io/libs';

Kestra.outputs({ esm: true });
const result: string = await Kestra.timer('job', async () => 'done', { step: 'one' });
Kestra.logger().warn(result);
// @ts-expect-error format takes an object
Kestra.format('x');
