// Closed-loop HTTP load generator: `concurrency` workers on keep-alive sockets send the same
// request back to back for `durationMs`; reports requests/s, latency percentiles and failures.
import http from 'node:http';
import { percentile, round } from './lib.mjs';

/** One request with a keep-alive agent; resolves with the status code once the body is read. */
function send(agent, url, { method = 'GET', headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body ? { 'content-length': Buffer.byteLength(body), ...headers } : headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string,string>, body?: string }} request
 * @param {{ durationMs: number, concurrency: number, okStatus?: number }} opts
 */
export async function measureRps(url, request, { durationMs, concurrency, okStatus = 200 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  // Warm up sockets and JIT so both sides of a comparison start alike.
  await Promise.all(Array.from({ length: concurrency }, () => send(agent, url, request)));
  const latencies = [];
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  const end = start + durationMs;
  async function worker() {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const status = await send(agent, url, request);
        if (status === okStatus) ok += 1;
        else failed += 1;
      } catch {
        failed += 1;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return {
    requests: ok + failed,
    ok,
    failed,
    rps: round(ok / seconds, 0),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
  };
}

/** A bare node:http handler that reads the body and answers a fixed token JSON: the baseline. */
export function startBareTokenServer() {
  const body = JSON.stringify({ AccessToken: 'bare', ApplyType: 'Bearer', CreateTime: '0', Expires: '600', Scope: 'default', AppKey: 'k', UserID: 'Anonymous' });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) });
    });
  });
}
