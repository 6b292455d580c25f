// @kestra-io/libs/testing under Vitest (ES module): records, and a failing assertion's message.
import { expect, test } from 'vitest';
import Kestra from '@kestra-io/libs';
import { capture } from '@kestra-io/libs/testing';

async function etl() {
  Kestra.outputs({ rows: 800 });
  await new Promise((resolve) => setTimeout(resolve, 1));
  Kestra.counter('rows_loaded', 800, { region: 'eu' });
  Kestra.counter('rows_loaded', 23, { region: 'eu' });
  Kestra.timer('load', 1.005);
  Kestra.outputs({ rows: 823 });
}

test('records what the script sent, merged as Kestra stores it', async () => {
  const records = await capture(etl);
  expect(records.outputs).toEqual({ rows: 823 });
  expect(records.counter('rows_loaded', { region: 'eu' })).toBe(823);
  expect(records.timerMs('load')).toBe(1005);
});

test('check() puts the records in a failing expect()\'s message', async () => {
  const records = await capture(etl);
  await expect(records.check(async (r) => expect(r.outputs.rows).toBe(824))).rejects.toThrow(
    /Kestra records:\nOutputs \(1\)\n {2}rows {2}Integer {2}823\n/,
  );
});
