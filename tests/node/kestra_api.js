'use strict';
// A local stand-in for Kestra's REST API (node:http on 127.0.0.1), for the Flow
// tests: answers each "METHOD /path" from a script of [status, body] (the last
// one repeated) and records every request.
const http = require('node:http');
const https = require('node:https');

class KestraApi {
  constructor(tls) {
    this.answers = new Map();
    this.requests = [];
    const handler = (req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url, 'http://x');
        this.requests.push({ method: req.method, path: url.pathname, query: url.searchParams, headers: req.headers,
          body: Buffer.concat(chunks) });
        const queue = this.answers.get(`${req.method} ${url.pathname}`);
        const [status, body] = !queue ? [404, { message: 'no route' }] : queue.length > 1 ? queue.shift() : queue[0];
        const data = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
        res.end(data);
      });
    };
    this.server = tls ? https.createServer(tls, handler) : http.createServer(handler);
    this.scheme = tls ? 'https' : 'http';
  }

  script(route, ...answers) {
    this.answers.set(route, [...(this.answers.get(route) || []), ...answers]);
  }

  on(route) {
    const [method, p] = route.split(' ');
    return this.requests.filter((r) => r.method === method && r.path === p);
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `${this.scheme}://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  stop() {
    this.server.closeAllConnections?.();
    return new Promise((resolve) => this.server.close(resolve));
  }
}

module.exports = { KestraApi };
