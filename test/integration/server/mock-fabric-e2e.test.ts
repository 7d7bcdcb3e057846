/** The server kit end to end against the real mock fabric (mock-fabric/) over HTTP, faults included. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import type { FabricError } from '../../../src/protocol/fabric-error.js';
import { createAgentDirectory, createFabricClient, type FabricClient } from '../../../src/server/index.js';

let mock: MockFabric;
let fabric: FabricClient;
const app = () => mock.tenant.apps[0]!;

beforeAll(async () => {
  mock = await startMockFabric({ port: 0 });
  fabric = createFabricClient({ baseUrl: mock.url, appKey: app().appKey, appSecret: app().appSecret, tokenTtlSeconds: 600, retry: { maxTries: 4, baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 3000 });
});
afterAll(async () => {
  await mock.close();
});

describe('server kit ⇄ mock fabric', () => {
  it('tokenByAkSk + queryAgentInfo + querySysInfo + queryAgentLoginParams', async () => {
    expect(await fabric.getAccessToken()).toMatch(/.{8,}/);
    const info = await fabric.queryAgentInfo();
    expect(info.agents.map((a) => a.accountCode).sort()).toEqual(mock.tenant.agents.map((a) => a.accountCode).sort());
    const sys = await fabric.querySysInfo();
    expect(sys.servicePort).toBeGreaterThan(0);
    const agent = mock.tenant.agents[0]!;
    const login = await fabric.queryAgentLoginParams({ account: agent.accountCode, password: agent.password });
    expect(login.results?.workNo).toBe(agent.workNo);
  });

  it('a wrong app secret is FORBIDDEN from the mock, not retried', async () => {
    const bad = createFabricClient({ baseUrl: mock.url, appKey: app().appKey, appSecret: 'not-the-secret' });
    const error = (await bad.getAccessToken().catch((e: unknown) => e)) as FabricError;
    expect(error.code).toBe('FORBIDDEN');
  });

  it('the directory looks up the tenant agents, rides out injected latency, goes stale on a 500 burst and recovers', async () => {
    const directory = createAgentDirectory({ fabric, intervalMs: 30 });
    try {
      await directory.ready;
      for (const a of mock.tenant.agents) {
        expect(directory.byAccountCode(a.accountCode)?.workNo).toBe(a.workNo);
        expect(directory.byWorkNo(a.workNo)?.sipAccount).toBe(a.sipAccount);
      }
      mock.control.setFaults({ rules: [{ path: 'queryAgentInfo', status: 500 }] });
      const failed = await new Promise<FabricError>((resolve) => directory.on('error', resolve));
      expect(failed.code).toBe('SERVER_ERROR');
      expect(directory.snapshot().stale).toBe(true);
      expect(directory.snapshot().agents).toHaveLength(mock.tenant.agents.length);

      mock.control.setFaults({ rules: [{ path: 'queryAgentInfo', latencyMs: 50 }] });
      await new Promise<void>((resolve) => directory.on('synced', () => resolve()));
      expect(directory.snapshot().stale).toBe(false);
    } finally {
      directory.stop();
      mock.control.setFaults({ rules: [] });
    }
  });

  it('injected 429s on business calls are retried to success', async () => {
    let retries = 0;
    const patient = createFabricClient({
      baseUrl: mock.url,
      appKey: app().appKey,
      appSecret: app().appSecret,
      retry: { maxTries: 12, baseDelayMs: 1, maxDelayMs: 4 },
      logger: { warn: (m, d) => void (m.includes('retrying') && d?.status === 429 && (retries += 1)) },
    });
    await patient.getAccessToken();
    // 30% of calls fail: P(no 429 in 30 calls) ≈ 2e-5, P(12 in a row) ≈ 5e-7 per call.
    mock.control.setFaults({ rules: [{ path: 'querySysInfo', status: 429, errorRate: 0.3 }] });
    try {
      for (let i = 0; i < 30; i += 1) await expect(patient.querySysInfo()).resolves.toMatchObject({ sipServicePort: expect.any(Number) });
      expect(retries).toBeGreaterThan(0);
    } finally {
      mock.control.setFaults({ rules: [] });
    }
  });
  it('tokens expiring during a run (X-Token-Expire: 2) are renewed in time: no failed call', async () => {
    let tokens = 0;
    const short = createFabricClient({
      baseUrl: mock.url,
      appKey: app().appKey,
      appSecret: app().appSecret,
      tokenTtlSeconds: 2,
      logger: { info: (m) => void (m.includes('access token obtained') && (tokens += 1)) },
    });
    let calls = 0;
    const end = Date.now() + 3_500; // real time: the mock's own clock expires the tokens
    while (Date.now() < end) {
      await short.queryAgentInfo();
      calls += 1;
    }
    expect(calls).toBeGreaterThan(10);
    expect(tokens).toBeGreaterThanOrEqual(3); // renewed every ~1 s (half of 2 s)
    expect(tokens).toBeLessThanOrEqual(6);
  });
});
