/**
 * The mock's CC-CMS over real HTTP, driven by the server kit's CMS client: the C2 signature is
 * accepted when valid and each tampering answers 401; CDRs carry the engine's timings and last one
 * day on the mock's clock; live calls per agent and the skill queues' figures follow the engine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { createCmsClient, isFabricError, type CmsClient } from '../../../src/server/index.js';
import { signC2Request } from '../../../src/server/cms-signature.js';
import { CMS_PATHS } from '../../../src/server/cms-wire.js';
import { FakeClock } from '../../support/mock-clock.js';
import { GatewayAgent, env } from '../../support/mock-client.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

const START = Date.UTC(2026, 10, 28, 9, 0, 0);

async function start(clock: FakeClock): Promise<{ fabric: MockFabric; cms: CmsClient }> {
  fabric = await startMockFabric({ trustTokens: true, clock });
  const { accessKey, secretKey, ccId, vdn } = fabric.tenant.cms;
  const cms = createCmsClient({ baseUrl: fabric.url, accessKey, secretKey, ccId, vdn, clock, retry: { maxTries: 1 } });
  return { fabric, cms };
}

/** POSTs a body with an Authorization signed over `signedBody` (which may differ from the body sent). */
async function postSigned(options: { path: string; body: string; signedBody?: string; accessKey?: string; secretKey?: string; signedAt: number }): Promise<number> {
  const url = new URL(options.path, fabric!.url);
  const { accessKey, secretKey } = fabric!.tenant.cms;
  const signedBody = options.signedBody ?? options.body;
  const headers = { host: url.host, 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(signedBody)) };
  const authorization = signC2Request(options.accessKey ?? accessKey, options.secretKey ?? secretKey, { method: 'POST', path: url.pathname, headers, body: signedBody }, new Date(options.signedAt).toISOString());
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': headers['content-type'], authorization }, body: options.body });
  await response.text();
  return response.status;
}

describe('C2 signature check', () => {
  const body = JSON.stringify({ queryParam: { ccId: 1, vdn: 1, skillIds: [1] } });

  it('accepts a valid signature and refuses a wrong key, a stale timestamp and a body changed after signing', async () => {
    const clock = new FakeClock(START);
    await start(clock);
    const path = CMS_PATHS.skillStates;
    expect(await postSigned({ path, body, signedAt: START })).toBe(200);
    expect(await postSigned({ path, body, signedAt: START, secretKey: 'not-the-secret-key' })).toBe(401);
    expect(await postSigned({ path, body, signedAt: START, accessKey: fabric!.tenant.apps[0]!.appKey, secretKey: fabric!.tenant.apps[0]!.appSecret })).toBe(401);
    expect(await postSigned({ path, body, signedAt: START - 16 * 60_000 })).toBe(401);
    const changed = body.replace('[1]', '[2]');
    expect(await postSigned({ path, body: changed, signedBody: body, signedAt: START })).toBe(401);
  });

  it('refuses a request with no Authorization', async () => {
    await start(new FakeClock(START));
    const response = await fetch(new URL(CMS_PATHS.skillStates, fabric!.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(401);
  });

  it('signs what the mock accepts for every query of the client, and a client with a wrong secret gets UNAUTHORIZED', async () => {
    const clock = new FakeClock(START);
    const { cms } = await start(clock);
    await expect(cms.skillStates([1, 2])).resolves.toHaveLength(2);
    await expect(cms.agentCallIds(101)).resolves.toEqual([]);
    await expect(cms.liveCall('1700000000-1')).resolves.toBeUndefined();
    await expect(cms.callRecord('1700000000-1', 'inbound')).resolves.toBeUndefined();
    const { accessKey, ccId, vdn } = fabric!.tenant.cms;
    const wrong = createCmsClient({ baseUrl: fabric!.url, accessKey, secretKey: 'wrong-secret-key', ccId, vdn, clock, retry: { maxTries: 1 } });
    const failure = await wrong.skillStates([1]).catch((error: unknown) => error);
    expect(isFabricError(failure) && failure.code).toBe('UNAUTHORIZED');
    const otherCentre = createCmsClient({ baseUrl: fabric!.url, accessKey, secretKey: fabric!.tenant.cms.secretKey, ccId: ccId + 1, vdn, clock, retry: { maxTries: 1 } });
    const business = await otherCentre.agentCallIds(101).catch((error: unknown) => error);
    expect(isFabricError(business) && business.code).toBe('BUSINESS_ERROR');
  });
});

describe('CDR and real-time figures', () => {
  it('records a talked call with the engine timings, shows it live while it lasts, and forgets it after a day', async () => {
    const clock = new FakeClock(START);
    const { fabric, cms } = await start(clock);
    const alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    await alice.call('POST', 'onlineagent/101/sayfree');
    const { callId } = fabric.control.injectCall({ caller: '13800000001', called: '66881' });
    clock.advance(3_000);
    expect(env(await alice.call('PUT', `voicecall/101/answer?callid=${callId}`)).retcode).toBe('0');
    await expect(cms.agentCallIds(101)).resolves.toEqual([callId]);
    await expect(cms.liveCall(callId)).resolves.toMatchObject({ callId, direction: 'inbound', agentId: 101, skillId: 1 });
    clock.advance(42_000);
    fabric.control.hangupCall(callId);
    await expect(cms.agentCallIds(101)).resolves.toEqual([]);
    const record = await cms.callRecord(callId, 'inbound');
    expect(record).toMatchObject({ callId, direction: 'inbound', caller: '13800000001', agentId: 101, skillId: 1, talkMs: 42_000, ringMs: 3_000, releaseCause: 0 });
    clock.advance(24 * 60 * 60_000 + 1);
    await expect(cms.callRecord(callId, 'inbound')).resolves.toBeUndefined();
  });

  it('shows five calls waiting with no idle agent, and their longest wait', async () => {
    const clock = new FakeClock(START);
    const { fabric, cms } = await start(clock);
    const alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    await alice.call('POST', 'onlineagent/101/saybusy?reason=200');
    for (let index = 0; index < 5; index += 1) fabric.control.injectCall({ caller: `1380000000${index}`, called: '66882' });
    clock.advance(7_000);
    const [billing] = await cms.skillStates([2]);
    expect(billing).toMatchObject({ skillId: 2, waitingCalls: 5, longestWaitMs: 7_000, idleAgents: 0, signedInAgents: 1 });
  });
});
