'use strict';
// Flow: start a Kestra flow from a script and wait for it, over Kestra's REST API with
// fetch (Node 18+). The same protocol as the official Python package's Flow 2.0.0
// (there is none in the official npm package): POST /api/v1[/tenant]/executions/{ns}/{flow}
// with the inputs as a multipart form, labels as ?labels=k:v when asked, then polls
// /api/v1[/tenant]/executions/{id} until a final state and fetches the logs. Credentials
// (KESTRA_API_TOKEN, or KESTRA_USER and KESTRA_PASSWORD) never appear in an error or an
// inspection of the object; HTTPS certificates are verified (fetch's default).

const FINAL_STATES = new Set(['SUCCESS', 'WARNING', 'FAILED', 'KILLED', 'CANCELLED', 'SKIPPED', 'RETRIED']);
const FAILED_STATES = new Set(['FAILED', 'KILLED', 'CANCELLED']);
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const TRIES = 5;

/** Every try of a request answered 408, 429 or 5xx. */
class FailedExponentialBackoff extends Error {
  constructor(message) {
    super(message);
    this.name = 'FailedExponentialBackoff';
  }
}

/** Kestra's API answered 401, or another error status that is not retried (`status`). */
class FlowRequestError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'FlowRequestError';
    this.status = status;
  }
}

// Credentials live here, out of reach of util.inspect, JSON.stringify and Object.keys.
const secrets = new WeakMap();

// The URL as shown in messages: any user:password@ taken out.
function shown(url) {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return '(an invalid URL)';
  }
}

function segment(text) {
  return encodeURIComponent(String(text));
}

// A file input: a Blob, or [filename, data, contentType?] as the Python tuples.
function appendInput(form, name, value) {
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    form.append(name, value, value.name || name);
  } else if (Array.isArray(value)) {
    const [filename, data, type] = value;
    const blob = data instanceof Blob ? data : new Blob([data], type ? { type } : {});
    form.append(name, blob, filename == null ? name : String(filename));
  } else {
    form.append(name, String(value));
  }
}

class Flow {
  /**
   * @param {object} [options]
   * @param {boolean} [options.waitForCompletion=true] poll until the execution ends
   * @param {number} [options.pollInterval=1] seconds between polls
   * @param {boolean} [options.labelsFromInputs=false] send each input as a label key:value
   * @param {string} [options.tenant] the tenant of every path
   * @param {number} [options.backoffBase=1] seconds before the first retry, doubled each time
   */
  constructor({ waitForCompletion = true, pollInterval = 1, labelsFromInputs = false, tenant, backoffBase = 1 } = {}) {
    this.waitForCompletion = waitForCompletion;
    this.pollInterval = pollInterval;
    this.labelsFromInputs = labelsFromInputs;
    this.tenant = tenant;
    this.backoffBase = backoffBase;
    this.hostname = process.env.KESTRA_HOSTNAME || 'http://localhost:8080';
    secrets.set(this, {
      token: process.env.KESTRA_API_TOKEN,
      user: process.env.KESTRA_USER,
      password: process.env.KESTRA_PASSWORD,
    });
  }

  /** Sets the credentials instead of the environment: { token } or { user, password }. */
  setCredentials({ token, user, password } = {}) {
    secrets.set(this, { token, user, password });
  }

  /** Waits `seconds`; replaceable (tests record the backoff instead of sleeping). */
  sleep(seconds) {
    return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }

  url(path) {
    return `${this.hostname}/api/v1${this.tenant == null ? '' : `/${segment(this.tenant)}`}${path}`;
  }

  authorization() {
    const { token, user, password } = secrets.get(this) || {};
    if (token) return `Bearer ${token}`;
    if (user != null && password != null) return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    return undefined;
  }

  /** One API call, retried on 408, 429 and 5xx with an exponential backoff. */
  async request(method, url, body) {
    const headers = { accept: 'application/json' };
    const authorization = this.authorization();
    if (authorization) headers.authorization = authorization;
    const where = `${method} ${shown(url)}`;
    let response;
    for (let attempt = 0; attempt < TRIES; attempt++) {
      try {
        response = await fetch(url, { method, headers, body, redirect: 'error' });
      } catch (err) {
        const cause = err.cause ? `: ${err.cause.code || err.cause.message}` : '';
        throw new FlowRequestError(`${where}: ${err.message}${cause}`, undefined);
      }
      if (response.status === 401) {
        throw new FlowRequestError(`${where}: 401 Unauthorized: authentication required; set `
          + 'KESTRA_API_TOKEN, or KESTRA_USER and KESTRA_PASSWORD', 401);
      }
      if (!RETRY_STATUSES.has(response.status)) {
        if (!response.ok) {
          const text = (await response.text()).trim().slice(0, 300);
          throw new FlowRequestError(`${where}: ${response.status} ${response.statusText}${text ? `: ${text}` : ''}`,
            response.status);
        }
        return response;
      }
      await response.arrayBuffer(); // free the connection
      if (attempt + 1 < TRIES) await this.sleep(this.backoffBase * 2 ** attempt);
    }
    throw new FailedExponentialBackoff(`Failed to make the request after ${TRIES} tries: ${where} `
      + `answered ${response.status} ${response.statusText}`);
  }

  /** The execution as GET /api/v1[/tenant]/executions/{id} answers it (a fetch Response). */
  checkStatus(executionId) {
    return this.request('GET', this.url(`/executions/${segment(executionId)}`));
  }

  /** The execution's logs as GET /api/v1[/tenant]/logs/{id}/download answers them (a fetch Response). */
  getLogs(executionId) {
    return this.request('GET', this.url(`/logs/${segment(executionId)}/download`));
  }

  /**
   * Starts namespace/flow with `inputs` (form fields; a Blob or [filename, data, type] is a
   * file) and, when waiting, polls it until it ends.
   * @returns {Promise<{executionId: string, status: string, log: string|null, error: string|null}>}
   */
  async execute(namespace, flow, inputs = {}) {
    const entries = Object.entries(inputs || {});
    let url = this.url(`/executions/${segment(namespace)}/${segment(flow)}`);
    if (this.labelsFromInputs && entries.length > 0) {
      url += `?${entries.map(([k, v]) => `labels=${encodeURIComponent(`${k}:${v}`).replace(/%3A/g, ':')}`).join('&')}`;
    }
    let body;
    if (entries.length > 0) {
      body = new FormData();
      for (const [name, value] of entries) appendInput(body, name, value);
    }
    const created = await (await this.request('POST', url, body)).json();
    if (created === null || typeof created !== 'object' || !('id' in created)) {
      throw new Error(`Starting execution failed: ${JSON.stringify(created)}`);
    }
    const result = { executionId: created.id, status: null, log: null, error: null };
    if (!this.waitForCompletion) {
      result.status = 'STARTED';
      return result;
    }
    let state;
    do {
      await this.sleep(this.pollInterval);
      state = (await (await this.checkStatus(result.executionId)).json()).state.current;
    } while (!FINAL_STATES.has(state));
    result.status = state;
    result.log = await (await this.getLogs(result.executionId)).text();
    if (FAILED_STATES.has(state)) result.error = `the execution ${result.executionId} of ${namespace}.${flow} ended ${state}`;
    return result;
  }
}

module.exports = { Flow, FailedExponentialBackoff, FlowRequestError };
