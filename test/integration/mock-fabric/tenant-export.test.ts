/** GET /__mock/tenant and control.tenant(): the running configuration as a tenant file that loads again as a seed. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadTenant, startMockFabric, type MockFabric, type TenantConfig } from '../../../mock-fabric/index.js';
import { APP_KEY_HEADER, FABRIC_PATHS, TENANT_CONFIG_PATHS, tokenByAkSkResponseSchema } from '../../../src/protocol/index.js';
import type { DirectoryReport } from '../../../mock-fabric/config-api/directory-change.js';
import { GatewayAgent, request } from '../../support/mock-client.js';
import { configClient, newAgent, newSkill } from './config-client.js';

const DEFAULT = loadTenant('mock-fabric/tenants/default.json');
const fabrics: MockFabric[] = [];
afterEach(async () => {
  for (const fabric of fabrics.splice(0)) await fabric.close();
});

async function start(tenant: unknown = DEFAULT): Promise<MockFabric> {
  const fabric = await startMockFabric({ trustTokens: true, tenant });
  fabrics.push(fabric);
  return fabric;
}

describe('GET /__mock/tenant', () => {
  it('answers the seed as it was loaded, the same as control.tenant()', async () => {
    const f = await start();
    const reply = await request(f.url, 'GET', '/__mock/tenant');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(DEFAULT);
    expect(f.control.tenant()).toEqual(DEFAULT);
  });

  it('control.tenant() is a copy: changing it does not change the running mock', async () => {
    const f = await start();
    const copy = f.control.tenant();
    copy.agents.pop();
    copy.calledRoutes[0]!.extCode = '9';
    expect(f.control.tenant()).toEqual(DEFAULT);
    expect(f.control.state().agents.map((agent) => agent.workNo)).toEqual([101, 102, 103]);
  });

  it('carries what the configuration APIs changed, and loads again as a seed that works the same', async () => {
    const f = await start();
    const api = await configClient(f);
    const toIvr = { deviceType: '3', transferType: 'Transfer', value: 9 };
    await api.post(TENANT_CONFIG_PATHS.createSkill, newSkill({ skillParam: { noAgents: toIvr, busy: { deviceType: '1', transferType: 'Transfer', value: 1 }, timeOut: { transferType: 'Release' }, answerFunction: '0', waitVoice: 'tune' } }));
    await api.post(TENANT_CONFIG_PATHS.createAgent, newAgent({ userAccount: 'erin.li', password: 'Erin-pass7', phone: '021-5550', skills: [{ skillId: 3, agentWeight: 2, skillWeight: 4 }] }));
    await api.post(TENANT_CONFIG_PATHS.createCalledRoute, { accessCode: '6688', extCode: '3', devicetype: 1, deviceId: 3 });
    await api.post(TENANT_CONFIG_PATHS.deleteAgent, { requestParams: { userAccount: 'carol.diaz' } });
    const exported = (await request(f.url, 'GET', '/__mock/tenant')).json as TenantConfig;
    expect(exported.skills[2]).toEqual({
      id: 3, name: 'Returns', description: 'Returns', answerFunction: '0', waitVoice: 'tune', mediaType: 5, maxWaitTime: 120, maxWaitNum: 10, maxAgentWrapupTime: 5,
      overflow: { noAgents: { type: 'ivr', address: '9' }, allBusy: { type: 'skill', skillId: 1 }, timeout: { type: 'release' } },
    });
    const erin = exported.agents.find((agent) => agent.accountCode === 'erin.li');
    expect(erin).toMatchObject({ workNo: 104, sipAccount: '88880104', password: 'Erin-pass7', name: 'Dave Ng', email: 'dave@example.com', contactPhone: '021-5550', agentType: 4, ccRoleId: 2, phone: 'webrtc', skills: [{ skillId: 3, weight: 2, skillWeight: 4 }] });
    expect(exported.agents.map((agent) => agent.accountCode)).toEqual(['alice.chen', 'bob.meyer', 'erin.li']);
    expect(exported.calledRoutes[2]).toEqual({ accessCode: '6688', extCode: '3', deviceType: 'skill', skillId: 3, mediaTypeId: 5 });
    expect(loadTenant(exported)).toEqual(exported);

    const again = await start(exported);
    expect(again.control.tenant()).toEqual(exported);
    await GatewayAgent.signIn(again.url, 104, 'Erin-pass7');
    const { callId } = again.control.injectCall({ caller: '13900000001', called: '66883' });
    expect(again.control.state().calls.find((call) => call.callId === callId)).toMatchObject({ state: 'ringing', workNo: 104 });
  });

  it('?secrets=omit leaves out every password, the app secret and the CC-CMS secret key; ?download=1 names a file', async () => {
    const f = await start();
    const bare = await request(f.url, 'GET', '/__mock/tenant?secrets=omit&download=1');
    expect(bare.status).toBe(200);
    expect(bare.headers.get('content-disposition')).toBe('attachment; filename="mock-tenant-0001.json"');
    for (const secret of [...DEFAULT.agents.flatMap((agent) => [agent.password, agent.sipPwd]), ...DEFAULT.apps.map((app) => app.appSecret), DEFAULT.cms.secretKey]) expect(bare.text).not.toContain(secret);
    expect(bare.json).toMatchObject({ apps: [{ appKey: 'mock-app-key' }], agents: [{ accountCode: 'alice.chen', sipAccount: '88880101' }, {}, {}] });
    expect(() => loadTenant(bare.json)).toThrow(/password|appSecret/);
    expect((await request(f.url, 'GET', '/__mock/tenant?secrets=maybe')).status).toBe(400);
    expect((await request(f.url, 'POST', '/__mock/tenant', { body: {} })).status).toBe(405);
  });

  it('an empty tenant (apps only) loads, and a tenant built on it through the APIs exports', async () => {
    const f = await start({ ...DEFAULT, agents: [], skills: [], calledRoutes: [] });
    const api = await configClient(f);
    expect((await api.post(TENANT_CONFIG_PATHS.createSkill, newSkill())).skillId).toBe(1);
    expect((await api.post(TENANT_CONFIG_PATHS.createAgent, newAgent({ skills: [{ skillId: 1, agentWeight: 1, skillWeight: 1 }] }))).workNo).toBe(101);
    expect(f.control.tenant().agents.map((agent) => agent.workNo)).toEqual([101]);
  });
});

describe('GET /__mock/directory', () => {
  it("reports what the server kit's agent directory, polling this mock, sees change", async () => {
    const f = await start();
    const api = await configClient(f);
    const read = async () => (await request(f.url, 'GET', '/__mock/directory')).json as DirectoryReport;
    expect(await read()).toEqual({ changes: [], error: null }); // the first read starts the directory
    await expect.poll(async () => (await read()).changes.map((change) => `${change.kind} ${change.accountCode}`), { timeout: 8000 }).toEqual(['added alice.chen', 'added bob.meyer', 'added carol.diaz']);
    await api.post(TENANT_CONFIG_PATHS.createAgent, newAgent());
    await api.post(TENANT_CONFIG_PATHS.deleteAgent, { requestParams: { userAccount: 'bob.meyer' } });
    await expect.poll(async () => (await read()).changes.slice(3), { timeout: 8000 }).toMatchObject([
      { kind: 'added', accountCode: 'dave.ng', workNo: 104, sipAccount: '88880104' },
      { kind: 'removed', accountCode: 'bob.meyer', workNo: 102 },
    ]);
    expect((await request(f.url, 'POST', '/__mock/directory', { body: {} })).status).toBe(405);
  });
});

describe('POST /__mock/fabric-token', () => {
  it("issues a token for the tenant's first app that the configuration APIs accept", async () => {
    const f = await start();
    const reply = await request(f.url, 'POST', '/__mock/fabric-token', { body: {} });
    expect(reply.status).toBe(200);
    const token = tokenByAkSkResponseSchema.parse(reply.json);
    expect(token.AppKey).toBe('mock-app-key');
    const headers = { Authorization: `Bearer ${token.AccessToken}`, [APP_KEY_HEADER]: token.AppKey };
    expect((await request(f.url, 'GET', FABRIC_PATHS.queryAgentInfo, { headers })).status).toBe(200);
    expect((await request(f.url, 'POST', TENANT_CONFIG_PATHS.queryAgents, { headers, body: { requestParams: {} } })).json).toMatchObject({ resultCode: '0', total: 3 });
    expect((await request(f.url, 'GET', '/__mock/fabric-token')).status).toBe(405);
    expect((await request(f.url, 'POST', '/__mock/fabric-token', { body: '{}', headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
  });
});
