/** createFabricClient over real HTTP against a scriptable fake API Fabric (faults) and a fake clock. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FABRIC_PATHS } from '../../../src/protocol/fabric.js';
import { isFabricError, type FabricError } from '../../../src/protocol/fabric-error.js';
import { createFabricClient, type FabricClientOptions } from '../../../src/server/index.js';
import { createManualClock } from '../../support/server-clock.js';
import { startFakeFabric, type FakeFabric } from '../../support/server-fake-fabric.js';

const P = FABRIC_PATHS;
let fake: FakeFabric;

beforeEach(async () => {
  fake = await startFakeFabric();
});
afterEach(async () => {
  await fake.close();
});

function client(extra: Partial<FabricClientOptions> = {}) {
  return createFabricClient({
    baseUrl: fake.url,
    appKey: fake.appKey,
    appSecret: fake.appSecret,
    tokenTtlSeconds: 600,
    retry: { maxTries: 4, baseDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 2000,
    ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<FabricError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isFabricError(error)) throw new Error(`expected a FabricError, got ${String(error)}`);
  return error;
}

describe('createFabricClient: the wire', () => {
  it('gets a token with AK/SK and X-Token-Expire, then sends Bearer and X-APP-Key', async () => {
    const fabric = client();
    const info = await fabric.queryAgentInfo();
    expect(info.agents.map((a) => a.accountCode)).toEqual(['alice.chen', 'bob.meyer']);
    const [tokenReq, businessReq] = fake.requests;
    expect(tokenReq?.path).toBe(P.tokenByAkSk);
    expect(tokenReq?.method).toBe('POST');
    expect(tokenReq?.headers['x-token-expire']).toBe('600');
    expect(JSON.parse(tokenReq?.body ?? '')).toEqual({ app_key: fake.appKey, app_secret: fake.appSecret });
    expect(businessReq?.method).toBe('GET');
    expect(businessReq?.headers.authorization).toMatch(/^Bearer fake-token-/);
    expect(businessReq?.headers['x-app-key']).toBe(fake.appKey);
    const sys = await fabric.querySysInfo();
    expect(sys.servicePort).toBe(8043);
    expect(fake.count(P.tokenByAkSk)).toBe(1);
  });

  it('queryAgentLoginParams returns typed results, and BUSINESS_ERROR for a non-zero returnCode', async () => {
    const fabric = client();
    const ok = await fabric.queryAgentLoginParams({ account: 'alice.chen', password: 'pw-alice.chen' });
    expect(ok.results?.workNo).toBe(101);
    expect(ok.results?.sipServerInfo[0]?.type).toBe(1);
    const bad = await failure(fabric.queryAgentLoginParams({ account: 'alice.chen', password: 'nope' }));
    expect(bad.code).toBe('BUSINESS_ERROR');
    expect(bad.message).not.toContain('nope');
    const invalid = await failure(fabric.queryAgentLoginParams({ account: '', password: 'secret-pass' }));
    expect(invalid.code).toBe('INVALID_OPTIONS');
    expect(invalid.message).not.toContain('secret-pass');
  });

  it('rejects bad options with INVALID_OPTIONS', () => {
    const base = { baseUrl: 'https://cec.example.com', appKey: 'k', appSecret: 's' };
    for (const bad of [
      { ...base, baseUrl: 'not a url' },
      { ...base, baseUrl: 'ftp://x' },
      { ...base, appSecret: '' },
      { ...base, appKey: '' },
      { ...base, tokenTtlSeconds: 0 },
      { ...base, tokenTtlSeconds: 3601 },
      { ...base, timeoutMs: 0 },
      { ...base, retry: { maxTries: 0 } },
      // The option's old name is refused, not silently ignored.
      { ...base, retry: { attempts: 3 } as unknown as { maxTries: number } },
    ]) {
      let error: unknown;
      try {
        createFabricClient(bad);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(bad)).toBeDefined();
      if (isFabricError(error)) expect(error.code).toBe('INVALID_OPTIONS');
      else expect(error).toBeInstanceOf(RangeError);
    }
  });
});

describe('createFabricClient: faults', () => {
  it('rides out a burst of 500s', async () => {
    fake.script(P.queryAgentInfo, [{ status: 500 }, { status: 502 }, { status: 503 }]);
    const info = await client().queryAgentInfo();
    expect(info.agents).toHaveLength(2);
    expect(fake.count(P.queryAgentInfo)).toBe(4);
  });

  it('gives up after `maxTries` tries (the first included) with SERVER_ERROR and the status', async () => {
    fake.script(P.queryAgentInfo, Array.from({ length: 10 }, () => ({ status: 500 })));
    const error = await failure(client({ retry: { maxTries: 3, baseDelayMs: 1, maxDelayMs: 2 } }).queryAgentInfo());
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.status).toBe(500);
    expect(error.path).toBe(P.queryAgentInfo);
    expect(fake.count(P.queryAgentInfo)).toBe(3);
  });

  it('waits exactly Retry-After on 429 (fake clock), then succeeds', async () => {
    const clock = createManualClock();
    fake.script(P.queryAgentInfo, [{ status: 429, retryAfter: '7' }]);
    const fabric = client({ clock, retry: { maxTries: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const call = fabric.queryAgentInfo();
    await vi.waitFor(() => expect(fake.count(P.queryAgentInfo)).toBe(1));
    await clock.advance(6_990);
    expect(fake.count(P.queryAgentInfo)).toBe(1);
    await clock.advance(20);
    await expect(call).resolves.toMatchObject({ sipServicePort: 5060 });
    expect(fake.count(P.queryAgentInfo)).toBe(2);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterMs: RATE_LIMITED with retryAfterMs', async () => {
    fake.script(P.queryAgentInfo, [{ status: 429, retryAfter: '120' }]);
    const error = await failure(client({ retry: { maxRetryAfterMs: 10_000 } }).queryAgentInfo());
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBe(120_000);
    expect(fake.count(P.queryAgentInfo)).toBe(1);
  });

  it('times out a slow answer and retries it', async () => {
    fake.script(P.queryAgentInfo, [{ delayMs: 600 }]);
    const fabric = client({ timeoutMs: 150 });
    await expect(fabric.queryAgentInfo()).resolves.toMatchObject({ sipServicePort: 5060 });
    expect(fake.count(P.queryAgentInfo)).toBe(2);
    fake.script(P.querySysInfo, [{ delayMs: 600 }, { delayMs: 600 }]);
    const error = await failure(client({ timeoutMs: 100, retry: { maxTries: 2, baseDelayMs: 1, maxDelayMs: 1 } }).querySysInfo());
    expect(error.code).toBe('TIMEOUT');
  });

  it('retries dropped connections, then reports NETWORK_ERROR when they keep dropping', async () => {
    fake.script(P.queryAgentInfo, [{ drop: true }, { drop: true }]);
    await expect(client().queryAgentInfo()).resolves.toMatchObject({ sipServicePort: 5060 });
    expect(fake.count(P.queryAgentInfo)).toBe(3);
    fake.script(P.querySysInfo, Array.from({ length: 5 }, () => ({ drop: true })));
    const error = await failure(client({ retry: { maxTries: 2, baseDelayMs: 1, maxDelayMs: 1 } }).querySysInfo());
    expect(error.code).toBe('NETWORK_ERROR');
  });

  it.each([
    [400, 'BAD_REQUEST'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
  ] as const)('does not retry %i on tokenByAkSk (%s)', async (status, code) => {
    fake.script(P.tokenByAkSk, [{ status }, {}]);
    const error = await failure(client().getAccessToken());
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(fake.count(P.tokenByAkSk)).toBe(1);
  });

  it('a wrong app secret is FORBIDDEN, and the secret is not in the error', async () => {
    const error = await failure(client({ appSecret: 'wrong-secret-value' }).getAccessToken());
    expect(error.code).toBe('FORBIDDEN');
    expect(JSON.stringify({ m: error.message, j: error.toJSON() })).not.toContain('wrong-secret-value');
  });

  it('a 401 on a business call authenticates once more and retries once', async () => {
    const fabric = client();
    await fabric.queryAgentInfo();
    fake.revokeTokens();
    await expect(fabric.queryAgentInfo()).resolves.toMatchObject({ sipServicePort: 5060 });
    expect(fake.count(P.tokenByAkSk)).toBe(2);
    expect(fake.count(P.queryAgentInfo)).toBe(3);
  });

  it('a second 401 in a row is UNAUTHORIZED, with exactly one re-authentication', async () => {
    const fabric = client();
    fake.script(P.queryAgentInfo, [{ status: 401 }, { status: 401 }]);
    const error = await failure(fabric.queryAgentInfo());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(fake.count(P.tokenByAkSk)).toBe(2);
    expect(fake.count(P.queryAgentInfo)).toBe(2);
  });

  it('renews a short-lived token before it expires (X-Token-Expire capped at 2 s by the server)', async () => {
    const clock = createManualClock();
    await fake.close();
    fake = await startFakeFabric({ now: clock.now, maxTokenSeconds: 2 });
    const fabric = client({ clock });
    for (let i = 0; i < 20; i += 1) {
      await fabric.queryAgentInfo();
      await clock.advance(500);
    }
    expect(fake.expiredTokenUses()).toBe(0);
    expect(fake.count(P.queryAgentInfo)).toBe(20); // no 401 retries: never used a token late
    // 10 s of 2 s tokens renewed 1 s (half the lifetime) early: one token per second.
    expect(fake.count(P.tokenByAkSk)).toBe(10);
  });
  it('a failed renewal keeps using the current token while it has time left, then fails', async () => {
    const clock = createManualClock();
    await fake.close();
    fake = await startFakeFabric({ now: clock.now });
    const fabric = client({ clock, retry: { maxTries: 1 } });
    const first = await fabric.getAccessToken();
    await clock.advance(545_000); // past the renewal point (540 s), before expiry (600 s)
    fake.script(P.tokenByAkSk, [{ status: 500 }, { status: 500 }]);
    await expect(fabric.queryAgentInfo()).resolves.toMatchObject({ sipServicePort: 5060 });
    expect(fake.count(P.tokenByAkSk)).toBe(2);
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${first}`);
    await clock.advance(30_000); // 575 s: within half the margin of expiry, the old token is no longer offered
    const error = await failure(fabric.queryAgentInfo());
    expect(error.code).toBe('SERVER_ERROR');
    expect(fake.expiredTokenUses()).toBe(0);
    await expect(fabric.queryAgentInfo()).resolves.toMatchObject({ sipServicePort: 5060 });
  });
});

describe('createFabricClient: response validation', () => {
  it('a wrong shape is INVALID_RESPONSE with the failing path', async () => {
    fake.script(P.queryAgentInfo, [{ body: { sipServiceIp: '1.2.3.4', sipServicePort: 5060, agents: [{ workNo: 'x', sipAccount: '', sipPwd: '', accountCode: 'a' }] } }]);
    const error = await failure(client().queryAgentInfo());
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.issuePath).toBe('agents.0.workNo');
    expect(error.path).toBe(P.queryAgentInfo);
  });

  it('a body that is not JSON is INVALID_RESPONSE at (root), not retried', async () => {
    fake.script(P.querySysInfo, [{ body: undefined, status: 200, delayMs: 1 }]);
    const error = await failure(client().querySysInfo());
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.issuePath).toBe('(root)');
    expect(fake.count(P.querySysInfo)).toBe(1);
  });

  it('a token answer without AccessToken is INVALID_RESPONSE at AccessToken; numbers as strings are required', async () => {
    fake.script(P.tokenByAkSk, [{ body: { ApplyType: 'Bearer', CreateTime: '1', Expires: '600', Scope: '', AppKey: 'k', UserID: 'u' } }]);
    expect((await failure(client().getAccessToken())).issuePath).toBe('AccessToken');
    fake.script(P.tokenByAkSk, [{ body: { AccessToken: 't', ApplyType: 'Bearer', CreateTime: '1', Expires: 600, Scope: '', AppKey: 'k', UserID: 'u' } }]);
    expect((await failure(client().getAccessToken())).issuePath).toBe('Expires');
  });
});

describe('createFabricClient: token cache (fake clock)', () => {
  it('100 concurrent getAccessToken() on a cold cache make exactly 1 token request', async () => {
    const fabric = client({ clock: createManualClock() });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => fabric.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(fake.count(P.tokenByAkSk)).toBe(1);
  });

  it('a 2-hour run, 600 s TTL, one call per second: 0 failed calls, ≤ 17 token requests, never a late token', async () => {
    const clock = createManualClock();
    await fake.close();
    fake = await startFakeFabric({ now: clock.now });
    const fabric = client({ clock });
    let failed = 0;
    for (let second = 0; second < 7200; second += 1) {
      await fabric.queryAgentInfo().catch(() => (failed += 1));
      await clock.advance(1000);
    }
    expect(failed).toBe(0);
    expect(fake.count(P.queryAgentInfo)).toBe(7200);
    expect(fake.expiredTokenUses()).toBe(0);
    expect(fake.count(P.tokenByAkSk)).toBeGreaterThanOrEqual(13); // 7200 s / 600 s, renewed early
    expect(fake.count(P.tokenByAkSk)).toBeLessThanOrEqual(17);
  }, 60_000);
});
