/**
 * Bad input: ≥1,000 generated malformed requests across every route, each answered 4xx within a
 * deadline (never 5xx, never a hang), and the mock still healthy afterwards.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockFabric, LOADER_PATH, type MockFabric } from '../../../mock-fabric/index.js';
import { FABRIC_PATHS } from '../../../src/protocol/index.js';
import { GatewayAgent, env, request } from '../../support/mock-client.js';

interface Bad {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Small seeded PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JSON_T = { 'Content-Type': 'application/json' };
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

function generate(count: number, seed: number, guid: string): Bad[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const junk = () => Array.from({ length: 1 + Math.floor(r() * 30) }, () => String.fromCharCode(33 + Math.floor(r() * 90))).join('');
  const badJson = () => pick(['{', '{"a":', 'nul', '[1,2', '"unterminated', '{"x":1}}', deep(200), '\u0000\u0001', junk()]);
  const wrongShape = () => pick(['[]', '42', '"str"', 'null', '{"password":5}', '{"called":"12ab"}', '{"devicetype":9,"address":""}', '{"app_key":""}', JSON.stringify({ caller: 'x', called: '<script>' })]);
  const huge = () => Buffer.alloc(200_000, 'a');
  const g = { Guid: guid };
  const makers: Array<() => Bad> = [
    // API Fabric
    () => ({ method: 'POST', path: FABRIC_PATHS.tokenByAkSk, headers: JSON_T, body: badJson() }),
    () => ({ method: 'POST', path: FABRIC_PATHS.tokenByAkSk, headers: JSON_T, body: wrongShape() }),
    () => ({ method: 'POST', path: FABRIC_PATHS.tokenByAkSk, headers: { ...JSON_T, 'X-Token-Expire': pick(['3601', '-1', 'x', '0', '1e9']) }, body: '{"app_key":"mock-app-key","app_secret":"mock-app-secret-2f9c41"}' }),
    () => ({ method: 'POST', path: FABRIC_PATHS.tokenByAkSk, headers: JSON_T, body: huge() }),
    () => ({ method: 'POST', path: FABRIC_PATHS.tokenByAkSk, headers: JSON_T, body: JSON.stringify({ app_key: pick(['mock-app-key', junk()]), app_secret: `wrong-${junk()}` }) }),
    () => ({ method: pick(['GET', 'PUT', 'DELETE']), path: FABRIC_PATHS.tokenByAkSk, headers: {} }),
    () => ({ method: 'GET', path: pick([FABRIC_PATHS.queryAgentInfo, FABRIC_PATHS.querySysInfo]), headers: { Authorization: pick(['', 'Bearer', `Bearer ${junk()}`, 'Basic abc', `Bearer a.b.c`]), 'X-APP-Key': 'mock-app-key' } }),
    () => ({ method: 'POST', path: FABRIC_PATHS.queryAgentLoginParams, headers: { ...JSON_T, Authorization: `Bearer ${junk()}` }, body: badJson() }),
    () => ({ method: 'GET', path: `/apiaccess/CC-Management/v1/${encodeURIComponent(junk())}`, headers: {} }),
    // Bar loader
    () => ({ method: 'POST', path: LOADER_PATH, headers: JSON_T, body: badJson() }),
    () => ({ method: 'POST', path: LOADER_PATH, headers: JSON_T, body: wrongShape() }),
    () => ({ method: 'POST', path: LOADER_PATH, headers: JSON_T, body: huge() }),
    () => ({ method: 'POST', path: LOADER_PATH, headers: JSON_T, body: JSON.stringify({ access_token: 't', tenantSpaceId: 'mock-tenant-0001', userAccount: junk() + '~' }) }),
    // Pages
    () => ({ method: pick(['POST', 'DELETE']), path: '/service-cloud/ccdesktop/pages/cc-bar/bar.html', headers: {} }),
    () => ({ method: 'GET', path: `/service-cloud/ccdesktop/pages/cc-bar/${pick(['..%2f..%2fpackage.json', '.env', 'x.exe', encodeURIComponent(junk())])}`, headers: {} }),
    // CC-Gateway
    () => ({ method: 'PUT', path: `/agentgateway/resource/onlineagent/${pick(['101', '102', '103'])}`, headers: JSON_T, body: pick([badJson(), wrongShape()]) }),
    () => ({ method: 'PUT', path: `/agentgateway/resource/onlineagent/${pick(['0', '99', '60000', 'abc', '', '1011111'])}`, headers: JSON_T, body: '{"password":"x","phonenum":""}' }),
    () => ({ method: 'PUT', path: '/agentgateway/resource/onlineagent/101', headers: JSON_T, body: huge() }),
    () => ({ method: pick(['GET', 'POST', 'DELETE', 'PUT']), path: `/agentgateway/resource/${pick(['onlineagent', 'voicecall', 'agentevent'])}/101/${pick(['saybusy', 'answer', 'release', 'agentstatus'])}`, headers: { Guid: pick(['', junk(), 'deadbeef']) } }),
    () => ({ method: 'GET', path: '/agentgateway/resource/agentevent/101', headers: { Guid: junk() } }),
    () => ({ method: 'POST', path: `/agentgateway/resource/onlineagent/101/saybusy?reason=${pick(['abc', '199', '251', '-1', '1e3'])}`, headers: g }),
    () => ({ method: 'POST', path: `/agentgateway/resource/onlineagent/101/rest/${pick(['0', '86400', 'x'])}/${pick(['1', '256', 'y'])}`, headers: g }),
    () => ({ method: 'PUT', path: '/agentgateway/resource/voicecall/101/callout', headers: { ...JSON_T, ...g }, body: pick([badJson(), wrongShape(), JSON.stringify({ called: '123', callappdata: 'x'.repeat(16 * 1024 + 1) })]) }),
    () => ({ method: 'POST', path: '/agentgateway/resource/voicecall/101/transfer', headers: { ...JSON_T, ...g }, body: pick([badJson(), wrongShape()]) }),
    () => ({ method: 'PUT', path: `/agentgateway/resource/voicecall/101/answer?callid=${encodeURIComponent('<x>' + junk())}`, headers: g }),
    () => ({ method: pick(['GET', 'PATCH']), path: `/agentgateway/resource/${encodeURIComponent(junk())}/101`, headers: g }),
    () => ({ method: 'GET', path: '/service-cloud/agentgateway/resource/onlineagent/102/agentstatus', headers: g }),
    // QA control
    () => ({ method: 'POST', path: '/__mock/calls', headers: JSON_T, body: pick([badJson(), wrongShape(), JSON.stringify({ caller: '1', called: '00000' })]) }),
    () => ({ method: 'POST', path: `/__mock/calls/${pick(['nope', '1-1', encodeURIComponent(junk())])}/${pick(['answer', 'hangup'])}`, headers: {} }),
    () => ({ method: 'POST', path: '/__mock/faults', headers: JSON_T, body: pick([badJson(), '{"rules":[{"path":"("}]}', '{"rules":[{"path":"x","status":200}]}', '{"dropSession":5}', '{"bogus":1}']) }),
    () => ({ method: pick(['PUT', 'DELETE']), path: pick(['/__mock/calls', '/__mock/state', '/__mock/reset', '/__mock/events']), headers: {} }),
    () => ({ method: 'GET', path: `/__mock/events?workNo=${pick(['abc', '1', '999999'])}`, headers: {} }),
    () => ({ method: 'GET', path: `/__mock/${encodeURIComponent(junk())}`, headers: {} }),
    () => ({ method: 'GET', path: `/${encodeURIComponent(junk())}`, headers: {} }),
  ];
  const out: Bad[] = [];
  for (let i = 0; i < count; i++) out.push((makers[i % makers.length] as () => Bad)());
  return out;
}

/** Send one request with node:http (raw paths, any method), with a deadline. */
function send(base: URL, bad: Bad): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method: bad.method, path: bad.path, headers: bad.headers, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`hang: ${bad.method} ${bad.path}`)));
    // A 413 may close the socket while we still write: that still counts as the answer we got.
    req.on('error', (e) => reject(e));
    req.end(bad.body);
  });
}

let fabric: MockFabric;
let alice: GatewayAgent;
beforeAll(async () => {
  fabric = await startMockFabric({ trustTokens: true });
  alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
});
afterAll(async () => {
  await fabric.close();
});

describe('malformed requests', () => {
  it('answers each of 1,200 generated malformed requests with a 4xx, then stays healthy', async () => {
    const requests = generate(1200, 20261123, alice.guid);
    const base = new URL(fabric.url);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const bad = requests[next++] as Bad;
        // A reset while we still upload an oversized body is the 413 path closing the socket; anything else is a failure.
        const oversized = Buffer.isBuffer(bad.body) && bad.body.length > 64 * 1024;
        const status = await send(base, bad).catch((e: Error) => (oversized && !e.message.startsWith('hang') ? 413 : -1));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status < 400 || status > 499) failures.push(`${status} ${bad.method} ${bad.path.slice(0, 80)} ${String(bad.body ?? '').slice(0, 60)}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(failures.slice(0, 10)).toEqual([]);
    // The generator reaches the different refusals, not one catch-all.
    for (const code of [400, 401, 403, 404, 405, 413]) expect(statuses.get(code) ?? 0, `status ${code}`).toBeGreaterThan(0);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1200);
    // Healthy afterwards: a token, a state read, alice still signed in and polling works.
    const tok = await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: { app_key: 'mock-app-key', app_secret: 'mock-app-secret-2f9c41' } });
    expect(tok.status).toBe(200);
    expect(fabric.control.state().agents.find((a) => a.workNo === 101)?.signedIn).toBe(true);
    const { callId } = fabric.control.injectCall({ caller: '13900000001', called: '66881' });
    const evs = await alice.events(4);
    expect(evs.map((e) => e.eventType)).toContain('AgentOther_PhoneAlerting');
    expect(env(await alice.call('PUT', `voicecall/101/answer?callid=${callId}`)).retcode).toBe('0');
  }, 60_000);
});
