// @kestra-io/libs/testing under Jest (CommonJS): records, and a failing assertion's message.
const Kestra = require('@kestra-io/libs');
const { capture } = require('@kestra-io/libs/testing');

async function etl() {
  console.log('starting');  // Jest's console does not go through process.stdout
  Kestra.outputs({ rows: 800 });
  await new Promise((resolve) => setTimeout(resolve, 1));
  Kestra.counter('rows_loaded', 800, { region: 'eu' });
  Kestra.counter('rows_loaded', 23, { region: 'eu' });
  Kestra.outputs({ rows: 823 });
}

test('records what the script sent, merged as Kestra stores it', async () => {
  const records = await capture(etl);
  expect(records.outputs).toEqual({ rows: 823 });
  expect(records.counter('rows_loaded', { region: 'eu' })).toBe(823);
  expect(records.problems).toEqual([]);
});

test('check() puts the records in a failing expect()\'s message', async () => {
  const records = await capture(etl);
  let message = '';
  try {
    records.check((r) => expect(r.outputs.rows).toBe(824));
  } catch (err) {
    message = err.message;
  }
  expect(message).toMatch(/Expected: 824/);
  expect(message).toMatch(/Kestra records:\nOutputs \(1\)\n {2}rows {2}Integer {2}823\n/);
});
