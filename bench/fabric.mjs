// Benchmark 4b: the mock fabric's tokenByAkSk, requests/s, against a bare node:http handler that
// reads the body and answers a fixed token, both in this process, same load generator.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, round } from './lib.mjs';
import { measureRps, startBareTokenServer } from './http-load.mjs';

export async function benchTokenByAkSk({ durationMs = 5000, concurrency = 16 } = {}) {
  const tenant = JSON.parse(readFileSync(path.join(ROOT, 'mock-fabric/tenants/default.json'), 'utf8'));
  const app = tenant.apps?.[0] ?? {};
  const body = JSON.stringify({ app_key: app.appKey, app_secret: app.appSecret });
  const request = { method: 'POST', headers: { 'content-type': 'application/json', 'x-token-expire': '600' }, body };

  const bare = await startBareTokenServer();
  const baseline = await measureRps(`${bare.url}/apigovernance/api/oauth/tokenByAkSk`, request, { durationMs, concurrency });
  await bare.close();

  const { startMockFabric } = await import(pathToFileURL(path.join(ROOT, 'dist/mock-fabric/index.mjs')).href);
  const mock = await startMockFabric({ port: 0, host: '127.0.0.1' });
  let figure;
  try {
    figure = await measureRps(`${new URL(mock.url).origin}/apigovernance/api/oauth/tokenByAkSk`, request, { durationMs, concurrency });
  } finally {
    await mock.close();
  }
  const ratio = round(figure.rps / baseline.rps, 3);
  console.log(`  tokenByAkSk: bare ${baseline.rps} req/s, mock ${figure.rps} req/s (${figure.failed} non-200), ratio ${ratio}`);
  return {
    concurrency,
    durationMs,
    baseline: { name: 'bare node:http handler, req/s', value: baseline.rps, ...baseline },
    figure: { name: 'mock tokenByAkSk, req/s', value: figure.rps, ...figure },
    ratio,
  };
}
