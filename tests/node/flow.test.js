'use strict';
// Kestra.Flow against a local stand-in for Kestra's API (kestra_api.js): execute,
// polling to every final state, retries with backoff, 401, tenants, labels, file
// inputs, credentials kept out of messages and inspection, HTTPS verified.
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { spawnSync } = require('node:child_process');
const Kestra = require('@kestra-io/libs');
const { KestraApi } = require('./kestra_api');

const { Flow, FailedExponentialBackoff, FlowRequestError } = Kestra;
const CREATE = 'POST /api/v1/executions/company.team/etl';
const STATUS = 'GET /api/v1/executions/E1';
const LOGS = 'GET /api/v1/logs/E1/download';
const TOKEN = 'tok-SECRET-123';
const PASSWORD = 'pw-SECRET-456';
const state = (name) => [200, { id: 'E1', state: { current: name } }];

let api;
let saved;
beforeEach(async () => {
  saved = { ...process.env };
  for (const name of ['KESTRA_API_TOKEN', 'KESTRA_USER', 'KESTRA_PASSWORD']) delete process.env[name];
  api = await new KestraApi().start();
  process.env.KESTRA_HOSTNAME = api.url;
});
afterEach(async () => {
  await api.stop();
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

// A Flow whose sleeps are recorded, not slept.
function flowRecordingSleeps(options) {
  const flow = new Flow(options);
  flow.asked = [];
  flow.sleep = async (s) => { flow.asked.push(s); };
  return flow;
}

test('success: waits, polls and fetches the logs once', async () => {
  api.script(CREATE, [200, { id: 'E1' }]);
  api.script(STATUS, state('CREATED'), state('RUNNING'), state('SUCCESS'));
  api.script(LOGS, [200, 'INFO hello\n']);
  const flow = flowRecordingSleeps({ pollInterval: 0.5 });
  assert.deepEqual(await flow.execute('company.team', 'etl'),
    { executionId: 'E1', status: 'SUCCESS', log: 'INFO hello\n', error: null });
  assert.deepEqual(flow.asked, [0.5, 0.5, 0.5]);
  assert.equal(api.on(LOGS).length, 1);
  assert.equal(api.on(CREATE)[0].headers.authorization, undefined);
});

for (const final of ['SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'CANCELLED', 'SKIPPED', 'RETRIED']) {
  test(`the final state ${final} ends the wait`, async () => {
    api.script(CREATE, [200, { id: 'E1' }]);
    api.script(STATUS, state('RUNNING'), state(final === 'KILLED' ? 'KILLING' : 'RUNNING'), state(final));
    api.script(LOGS, [200, 'log text']);
    const result = await flowRecordingSleeps({ pollInterval: 0 }).execute('company.team', 'etl');
    assert.equal(result.status, final);
    assert.equal(result.log, 'log text');
    assert.equal(result.error, ['FAILED', 'KILLED', 'CANCELLED'].includes(final)
      ? `the execution E1 of company.team.etl ended ${final}` : null);
    assert.equal(api.on(STATUS).length, 3);
  });
}

test('not waiting: STARTED, no polling', async () => {
  api.script(CREATE, [200, { id: 'E1' }]);
  assert.deepEqual(await new Flow({ waitForCompletion: false }).execute('company.team', 'etl'),
    { executionId: 'E1', status: 'STARTED', log: null, error: null });
  assert.equal(api.on(STATUS).length, 0);
});

for (const status of [408, 429, 500, 502, 503, 504]) {
  test(`${status} is retried with an exponential backoff`, async () => {
    api.script(CREATE, [status, 'busy'], [status, { message: 'busy' }], [200, { id: 'E1' }]);
    const flow = flowRecordingSleeps({ waitForCompletion: false, backoffBase: 0.25 });
    assert.equal((await flow.execute('company.team', 'etl')).executionId, 'E1');
    assert.deepEqual(flow.asked, [0.25, 0.5]);
    assert.equal(api.on(CREATE).length, 3);
  });
}

test('five failures raise FailedExponentialBackoff', async () => {
  api.script(CREATE, [503, 'down']);
  const flow = flowRecordingSleeps();
  await assert.rejects(flow.execute('company.team', 'etl'),
    (e) => e instanceof FailedExponentialBackoff && /after 5 tries: POST .* answered 503/.test(e.message));
  assert.equal(api.on(CREATE).length, 5);
  assert.deepEqual(flow.asked, [1, 2, 4, 8]);
});

test('401 is an error at once', async () => {
  api.script(CREATE, [401, { message: 'Unauthorized' }]);
  const flow = flowRecordingSleeps();
  await assert.rejects(flow.execute('company.team', 'etl'),
    (e) => e instanceof FlowRequestError && e.status === 401 && /authentication required/.test(e.message));
  assert.deepEqual(flow.asked, []);
});

test('another error status is an error with the answer', async () => {
  api.script(CREATE, [404, { message: 'Flow not found' }]);
  await assert.rejects(new Flow().execute('company.team', 'etl'),
    (e) => e instanceof FlowRequestError && e.status === 404 && /404 Not Found: .*Flow not found/.test(e.message));
});

test('tenants in every path', async () => {
  api.script('POST /api/v1/main/executions/company.team/etl', [200, { id: 'E1' }]);
  api.script('GET /api/v1/main/executions/E1', state('SUCCESS'));
  api.script('GET /api/v1/main/logs/E1/download', [200, 'ok']);
  assert.equal((await flowRecordingSleeps({ tenant: 'main' }).execute('company.team', 'etl')).status, 'SUCCESS');
  assert.deepEqual(api.requests.map((r) => r.path),
    ['/api/v1/main/executions/company.team/etl', '/api/v1/main/executions/E1', '/api/v1/main/logs/E1/download']);
});

// The parts of a multipart body: [{ name, filename, type, data }].
function parts(request) {
  const boundary = /boundary=(.+)$/.exec(request.headers['content-type'])[1];
  const text = request.body.toString('latin1');
  return text.split(`--${boundary}`).slice(1, -1).map((part) => {
    const [head, ...rest] = part.slice(2).split('\r\n\r\n');
    const data = rest.join('\r\n\r\n').slice(0, -2);
    return {
      name: /name="([^"]*)"/.exec(head)[1],
      filename: (/filename="([^"]*)"/.exec(head) || [])[1],
      type: (/content-type: (.*)/i.exec(head) || [])[1],
      data: Buffer.from(data, 'latin1'),
    };
  });
}

test('inputs as form fields, labels when asked', async () => {
  api.script(CREATE, [200, { id: 'E1' }]);
  await new Flow({ waitForCompletion: false, labelsFromInputs: true })
    .execute('company.team', 'etl', { day: '2026-11-21', rows: 42, note: 'a b' });
  const request = api.on(CREATE)[0];
  assert.deepEqual(request.query.getAll('labels'), ['day:2026-11-21', 'rows:42', 'note:a b']);
  assert.deepEqual(parts(request).map((p) => [p.name, p.filename, p.data.toString()]),
    [['day', undefined, '2026-11-21'], ['rows', undefined, '42'], ['note', undefined, 'a b']]);
});

test('file inputs given as [filename, data, type] tuples and Blobs', async () => {
  api.script(CREATE, [200, { id: 'E1' }]);
  await new Flow({ waitForCompletion: false }).execute('company.team', 'etl', {
    files: ['myfile', 'a,b\n1,2\n', 'text/csv'],
    raw: ['blob.bin', Buffer.from([0, 255])],
    blob: new Blob(['{"a":1}'], { type: 'application/json' }),
  });
  const got = parts(api.on(CREATE)[0]);
  assert.deepEqual(got.map((p) => [p.name, p.filename, p.type, [...p.data]]), [
    ['files', 'myfile', 'text/csv', [...Buffer.from('a,b\n1,2\n')]],
    ['raw', 'blob.bin', 'application/octet-stream', [0, 255]],
    ['blob', 'blob', 'application/json', [...Buffer.from('{"a":1}')]],
  ]);
});

test('bearer token, then basic auth from KESTRA_USER and KESTRA_PASSWORD', async () => {
  api.script(CREATE, [200, { id: 'E1' }]);
  process.env.KESTRA_API_TOKEN = TOKEN;
  await new Flow({ waitForCompletion: false }).execute('company.team', 'etl');
  delete process.env.KESTRA_API_TOKEN;
  process.env.KESTRA_USER = 'admin';
  process.env.KESTRA_PASSWORD = PASSWORD;
  await new Flow({ waitForCompletion: false }).execute('company.team', 'etl');
  const [bearer, basic] = api.on(CREATE).map((r) => r.headers.authorization);
  assert.equal(bearer, `Bearer ${TOKEN}`);
  assert.equal(basic, `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`);
});

test('credentials never in errors nor in an inspection of the Flow', async () => {
  process.env.KESTRA_API_TOKEN = TOKEN;
  process.env.KESTRA_USER = 'admin';
  process.env.KESTRA_PASSWORD = PASSWORD;
  api.script(CREATE, [503, 'x'], [503, 'x'], [503, 'x'], [503, 'x'], [503, 'x'], [401, 'no'], [404, 'gone']);
  const flow = flowRecordingSleeps();
  const texts = [util.inspect(flow, { showHidden: true, depth: 5 }), JSON.stringify(flow), Object.keys(flow).join()];
  for (let i = 0; i < 3; i++) {
    const error = await flow.execute('company.team', 'etl').catch((e) => e);
    assert.ok(error instanceof Error);
    texts.push(error.message, util.inspect(error), error.stack);
  }
  for (const text of texts) {
    assert.ok(!text.includes(TOKEN) && !text.includes(PASSWORD), text);
  }
});

test('HTTPS certificates are verified: a self-signed server is refused', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestra-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  assert.equal(made.status, 0, String(made.stderr)); // openssl is installed by scripts/setup.sh
  const secure = await new KestraApi({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }).start();
  t.after(() => secure.stop());
  secure.script(CREATE, [200, { id: 'E1' }]);
  process.env.KESTRA_HOSTNAME = secure.url;
  process.env.KESTRA_API_TOKEN = TOKEN;
  await assert.rejects(new Flow({ waitForCompletion: false }).execute('company.team', 'etl'),
    (e) => e instanceof FlowRequestError && /SELF_SIGNED|CERT/.test(e.message) && !e.message.includes(TOKEN));
  assert.equal(secure.requests.length, 0);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('named exports from the ES module', async () => {
  const esm = await import('@kestra-io/libs');
  assert.equal(esm.Flow, Flow);
  assert.equal(esm.context, Kestra.context);
  assert.equal(esm.FailedExponentialBackoff, FailedExponentialBackoff);
});
