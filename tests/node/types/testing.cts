// Type check of @kestra-io/libs/testing from CommonJS (tsc --noEmit, see types.test.js).
import Kestra = require('@kestra-io/libs');
import testing = require('@kestra-io/libs/testing');

async function main(): Promise<void> {
  const records: testing.Records = await testing.capture(async () => {
    Kestra.counter('rows', 1, { region: 'eu' });
  });
  const rows: number = records.counter('rows', { region: 'eu' });
  const ms: number = records.timerMs('load');
  const level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' = records.logs[0].level;
  const same: testing.Records = records.check((r) => void r.outputs);
  const later: Promise<testing.Records> = records.check(async (r) => void r.problems);
  void [rows, ms, level, same, later, records.text(true)];
}
void main;
