// Server kit benchmark: (1) cached getAccessToken() calls per second against an async Map lookup,
// (2) validate-handler requests per second against a bare node:http handler answering the same
// JSON. Both baselines are measured in the same run. Needs `npm run build` first.
import http from 'node:http';
import { measureRps } from './http-load.mjs';
import { ROOT, round } from './lib.mjs';

const { createBarTokenIssuer, createFabricClient, createValidateHandler } = await import(`${ROOT}/dist/server/index.mjs`);

/** Calls `fn` (async) back to back for `ms`; returns calls per second. */
async function opsPerSecond(fn, ms = 1500) {
  for (let i = 0; i < 10_000; i += 1) await fn(); // warm-up
  let n = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i += 1) await fn();
    n += 1000;
  }
  return n / ((performance.now() - start) / 1000);
}

async function tokenBench() {
  let tokenRequests = 0;
  // In-process fetch: only the cached path is measured, the network is never touched after the first call.
  const fetch = async () => {
    tokenRequests += 1;
    const body = { AccessToken: 'bench-token', ApplyType: 'Bearer', CreateTime: '0', Expires: '3600', Scope: 'default', AppKey: 'k', UserID: 'Anonymous' };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const fabric = createFabricClient({ baseUrl: 'http://fabric.invalid', appKey: 'k', appSecret: 'bench-secret', tokenTtlSeconds: 3600, fetch });
  const map = new Map([['token', 'bench-token']]);
  const baseline = await opsPerSecond(async () => map.get('token'));
  const figure = await opsPerSecond(() => fabric.getAccessToken());
  return { name: 'cached getAccessToken()', unit: 'calls/s', baseline: round(baseline, 0), figure: round(figure, 0), ratio: round(figure / baseline, 3), tokenRequests };
}

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) }),
    ),
  );
}

async function validateBench({ durationMs, concurrency }) {
  const issuer = createBarTokenIssuer({ key: 'bench-secret-bench-secret-bench-secret-1234', ttlSeconds: 3600, issuer: 'https://crm.bench', audience: 'cec-bar' });
  const token = await issuer.issue({ userAccount: 'alice.chen', tenantSpaceId: 'ts-1' });
  const body = JSON.stringify({ access_token: token, tenantSpaceId: 'ts-1', userAccount: 'alice.chen' });
  const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
  const answer = JSON.stringify({ retCode: 0, message: 'validate success' });
  const bare = await listen((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) }).end(answer);
    });
  });
  const handler = createValidateHandler({ issuer });
  const real = await listen((req, res) => void handler(req, res));
  try {
    // Alternate rounds so load from other processes hits both sides alike; report the medians.
    const b = [];
    const f = [];
    for (let round = 0; round < 3; round += 1) {
      b.push(await measureRps(bare.url, request, { durationMs: durationMs / 3, concurrency }));
      f.push(await measureRps(real.url, request, { durationMs: durationMs / 3, concurrency }));
    }
    const mid = (xs) => [...xs].sort((x, y) => x.rps - y.rps)[1];
    const baseline = mid(b);
    const figure = mid(f);
    const failed = [...b, ...f].reduce((n, r) => n + r.failed, 0);
    return { name: 'validate handler (HS256 verify)', unit: 'requests/s', concurrency, baseline: baseline.rps, figure: figure.rps, ratio: round(figure.rps / baseline.rps, 3), failed, p99Ms: figure.p99Ms, baselineP99Ms: baseline.p99Ms };
  } finally {
    await bare.close();
    await real.close();
  }
}

export async function runServerKitBench({ durationMs = 6000, concurrency = 16 } = {}) {
  return [await tokenBench(), await validateBench({ durationMs, concurrency })];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await runServerKitBench()) {
    console.log(`${r.name}: baseline ${r.baseline} ${r.unit}, figure ${r.figure} ${r.unit}, ratio ${r.ratio}`);
    console.log(`  ${JSON.stringify(r)}`);
  }
}
