/** API Fabric of the mock (docs/cec-reference.md §3) over real sockets. */
import { afterEach, describe, expect, it } from 'vitest';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { FABRIC_PATHS, tokenByAkSkResponseSchema, queryAgentInfoResponseSchema, querySysInfoResponseSchema, queryAgentLoginParamsResponseSchema } from '../../../src/protocol/index.js';
import { FakeClock } from '../../support/mock-clock.js';
import { request } from '../../support/mock-client.js';

const AK = 'mock-app-key';
const SK = 'mock-app-secret-2f9c41';
let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

async function token(f: MockFabric, expire?: string): Promise<string> {
  const r = await request(f.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: { app_key: AK, app_secret: SK }, headers: expire ? { 'X-Token-Expire': expire } : {} });
  expect(r.status).toBe(200);
  return (r.json as { AccessToken: string }).AccessToken;
}

describe('tokenByAkSk', () => {
  it('answers all-string fields, a JWT and the requested expiry', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const r = await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: { app_key: AK, app_secret: SK }, headers: { 'X-Token-Expire': '600' } });
    expect(r.status).toBe(200);
    const body = tokenByAkSkResponseSchema.parse(r.json);
    for (const v of Object.values(r.json as Record<string, unknown>)) expect(typeof v).toBe('string');
    expect(body).toMatchObject({ ApplyType: 'Bearer', Expires: '600', AppKey: AK, UserID: 'Anonymous' });
    expect(body.AccessToken.split('.')).toHaveLength(3);
    expect(Math.abs(Number(body.CreateTime) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('accepts the 3600 maximum and refuses 3601, 0 and junk with 400', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    await token(fabric, '3600');
    for (const bad of ['3601', '0', '-5', 'abc', '99999999']) {
      const r = await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: { app_key: AK, app_secret: SK }, headers: { 'X-Token-Expire': bad } });
      expect(r.status, bad).toBe(400);
    }
  });

  it('refuses a wrong AK or SK with 403', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    for (const body of [{ app_key: 'nope', app_secret: SK }, { app_key: AK, app_secret: 'wrong-secret' }]) {
      const r = await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body });
      expect(r.status).toBe(403);
      expect(r.text).not.toContain(SK);
    }
  });

  it('answers 400 for malformed JSON, a missing field or a non-JSON content type', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const json = { 'Content-Type': 'application/json' };
    expect((await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: '{"app_key":', headers: json })).status).toBe(400);
    expect((await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: { app_key: AK } })).status).toBe(400);
    expect((await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: JSON.stringify({ app_key: AK, app_secret: SK }), headers: { 'Content-Type': 'text/plain' } })).status).toBe(400);
    expect((await request(fabric.url, 'GET', FABRIC_PATHS.tokenByAkSk)).status).toBe(405);
  });

  it('answers 413 for a body over the limit', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const r = await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: JSON.stringify({ app_key: 'x'.repeat(200_000), app_secret: SK }), headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(413);
  });
});

describe('CC-Management calls', () => {
  it('queryAgentInfo, querySysInfo and queryAgentLoginParams answer the tenant with a valid token and X-APP-Key', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const t = await token(fabric);
    const auth = { Authorization: `Bearer ${t}`, 'X-APP-Key': AK };
    const info = await request(fabric.url, 'GET', FABRIC_PATHS.queryAgentInfo, { headers: auth });
    expect(info.status).toBe(200);
    const parsed = queryAgentInfoResponseSchema.parse(info.json);
    expect(parsed.agents.map((a) => a.accountCode)).toEqual(fabric.tenant.agents.map((a) => a.accountCode));
    const sys = querySysInfoResponseSchema.parse((await request(fabric.url, 'GET', FABRIC_PATHS.querySysInfo, { headers: auth })).json);
    expect(sys.servicePort).toBe(fabric.port);
    const good = await request(fabric.url, 'POST', FABRIC_PATHS.queryAgentLoginParams, { headers: auth, body: { account: 'alice.chen', password: 'alice-pass-77' } });
    expect(queryAgentLoginParamsResponseSchema.parse(good.json)).toMatchObject({ returnCode: '0', results: { workNo: 101, sipServerInfo: [{ type: 1 }] } });
    const bad = await request(fabric.url, 'POST', FABRIC_PATHS.queryAgentLoginParams, { headers: auth, body: { account: 'alice.chen', password: 'nope' } });
    expect(queryAgentLoginParamsResponseSchema.parse(bad.json).returnCode).not.toBe('0');
  });

  it('needs a bearer token (401) and a matching X-APP-Key (403)', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const t = await token(fabric);
    const p = FABRIC_PATHS.queryAgentInfo;
    expect((await request(fabric.url, 'GET', p, { headers: { 'X-APP-Key': AK } })).status).toBe(401);
    expect((await request(fabric.url, 'GET', p, { headers: { Authorization: `Bearer ${t}x`, 'X-APP-Key': AK } })).status).toBe(401);
    expect((await request(fabric.url, 'GET', p, { headers: { Authorization: `Bearer ${t}` } })).status).toBe(403);
    expect((await request(fabric.url, 'GET', p, { headers: { Authorization: `Bearer ${t}`, 'X-APP-Key': 'other' } })).status).toBe(403);
  });

  it('refuses a token once it expired (fake clock) with 401', async () => {
    const clock = new FakeClock(Date.now());
    fabric = await startMockFabric({ trustTokens: true, clock });
    const t = await token(fabric, '60');
    const auth = { Authorization: `Bearer ${t}`, 'X-APP-Key': AK };
    expect((await request(fabric.url, 'GET', FABRIC_PATHS.queryAgentInfo, { headers: auth })).status).toBe(200);
    clock.advance(61_000);
    expect((await request(fabric.url, 'GET', FABRIC_PATHS.queryAgentInfo, { headers: auth })).status).toBe(401);
  });

  it('a token from another mock instance is refused (tokens are really verified)', async () => {
    const other = await startMockFabric({ trustTokens: true });
    const t = await token(other);
    await other.close();
    fabric = await startMockFabric({ trustTokens: true });
    expect((await request(fabric.url, 'GET', FABRIC_PATHS.queryAgentInfo, { headers: { Authorization: `Bearer ${t}`, 'X-APP-Key': AK } })).status).toBe(401);
  });

  it('answers 404 for wrong paths and 405 for wrong methods', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    expect((await request(fabric.url, 'GET', '/apiaccess/CC-Management/v1/nope')).status).toBe(404);
    expect((await request(fabric.url, 'GET', '/apigovernance/api/oauth/other')).status).toBe(404);
    expect((await request(fabric.url, 'GET', '/nothing/here')).status).toBe(404);
    expect((await request(fabric.url, 'POST', FABRIC_PATHS.queryAgentInfo)).status).toBe(405);
  });
});
