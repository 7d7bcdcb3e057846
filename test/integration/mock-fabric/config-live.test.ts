/**
 * Configuration changes take effect at once on the running mock (docs/cec-reference.md §6.7), seen
 * through the bar loader and the CC-Gateway as the bar would see them.
 */
import { describe, expect, it } from 'vitest';
import { LOADER_PATH, type MockFabric } from '../../../mock-fabric/index.js';
import { TENANT_CONFIG_PATHS } from '../../../src/protocol/index.js';
import { FakeClock } from '../../support/mock-clock.js';
import { GatewayAgent, env, request } from '../../support/mock-client.js';
import { mockPerTest, newAgent, newSkill } from './config-client.js';

const startMock = mockPerTest(() => ({ trustTokens: true, clock: new FakeClock() }));
const start = () => startMock().then(({ fabric, api }) => ({ f: fabric, api }));

const callState = (f: MockFabric, callId: string) => f.control.state().calls.find((call) => call.callId === callId);
const loaderFor = (f: MockFabric, userAccount: string) => request(f.url, 'POST', LOADER_PATH, { body: { access_token: 'crm-token', tenantSpaceId: f.tenant.tenantSpaceId, userAccount } });

describe('configuration at run time', () => {
  it('a created agent gets a bar, signs in, and a created route rings it with the next call', async () => {
    const { f, api } = await start();
    expect((await loaderFor(f, 'erin.li')).status).toBe(401);
    expect((await api.post(TENANT_CONFIG_PATHS.createSkill, newSkill())).skillId).toBe(3);
    expect((await api.post(TENANT_CONFIG_PATHS.createAgent, newAgent({ userAccount: 'erin.li', password: 'Erin-pass7', skills: [{ skillId: 3, agentWeight: 1, skillWeight: 1 }] }))).workNo).toBe(104);
    expect(() => f.control.injectCall({ caller: '13900000001', called: '66883' })).toThrow(/no called route/);
    expect((await api.post(TENANT_CONFIG_PATHS.createCalledRoute, { accessCode: '6688', extCode: '3', devicetype: 1, deviceId: 3 })).returnCode).toBe('0');

    expect((await loaderFor(f, 'erin.li')).status).toBe(200);
    const erin = await GatewayAgent.signIn(f.url, 104, 'Erin-pass7');
    expect((await erin.events(2)).map((event) => event.eventType)).toEqual(['AgentOther_InService', 'AgentState_Ready']);
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66883' });
    expect(callState(f, callId)).toMatchObject({ state: 'ringing', workNo: 104, skillId: 3 });
    const answered = await erin.call('PUT', `voicecall/104/answer?callid=${encodeURIComponent(callId)}`);
    expect(env(answered).retcode).toBe('0');
    expect(callState(f, callId)).toMatchObject({ state: 'talking', workNo: 104 });
  });

  it("a modified queue's limits apply to the next call", async () => {
    const { f, api } = await start();
    await GatewayAgent.signIn(f.url, 103, 'carol-pass-99'); // staffs Billing (skill 2)
    const first = f.control.injectCall({ caller: '13900000001', called: '66882' }); // rings carol
    const second = f.control.injectCall({ caller: '13900000002', called: '66882' }); // waits
    expect(callState(f, second.callId)?.state).toBe('queued');
    expect((await api.post(TENANT_CONFIG_PATHS.modifySkill, { skillId: 2, maxWaitNum: 1 })).returnCode).toBe('0');
    const third = f.control.injectCall({ caller: '13900000003', called: '66882' });
    expect(callState(f, third.callId)).toMatchObject({ state: 'released', endReason: expect.stringMatching(/allBusy/) });
    expect(callState(f, first.callId)?.state).toBe('ringing');
  });

  it('deleting a signed-in agent signs it out first: its ringing call goes back to the queue, its session ends', async () => {
    const { f, api } = await start();
    const bob = await GatewayAgent.signIn(f.url, 102, 'bob-pass-88');
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66881' });
    expect(callState(f, callId)).toMatchObject({ state: 'ringing', workNo: 102 });
    expect((await api.post(TENANT_CONFIG_PATHS.deleteAgent, { requestParams: { userAccount: 'bob.meyer' } })).resultCode).toBe('0');
    expect(f.control.state().agents.map((agent) => agent.workNo)).toEqual([101, 103]);
    // The call goes back to the front of its queue, and the next agent of the skill gets it.
    expect(callState(f, callId)).toMatchObject({ state: 'queued', requeueCount: 1 });
    expect(env(await bob.call('GET', 'onlineagent/102/agentstatus')).retcode).not.toBe('0');
    expect((await loaderFor(f, 'bob.meyer')).status).toBe(401);
    await GatewayAgent.signIn(f.url, 101, 'alice-pass-77');
    expect(callState(f, callId)).toMatchObject({ state: 'ringing', workNo: 101 });
  });

  it('a queue with a live call is not deleted, even when nothing else uses it any more', async () => {
    const { f, api } = await start();
    await GatewayAgent.signIn(f.url, 103, 'carol-pass-99');
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66882' });
    expect(callState(f, callId)).toMatchObject({ state: 'ringing', workNo: 103, skillId: 2 });
    for (const userAccount of ['alice.chen', 'carol.diaz']) expect((await api.post(TENANT_CONFIG_PATHS.updateAgent, { requestParam: { userAccount, skills: [{ skillId: 1, agentWeight: 1, skillWeight: 1 }] } })).resultCode).toBe('0');
    expect((await api.post(TENANT_CONFIG_PATHS.deleteCalledRoute, { dnids: '2' })).returnCode).toBe('0');
    const release = { transferType: 'Release' };
    const noOverflow = { skillId: 1, skillParam: { noAgents: release, busy: release, timeOut: release, answerFunction: '2', waitVoice: '' } };
    expect((await api.post(TENANT_CONFIG_PATHS.modifySkill, noOverflow)).returnCode).toBe('0');
    expect(await api.post(TENANT_CONFIG_PATHS.deleteSkill, { skillIds: '2' })).toMatchObject({ returnCode: '1', description: 'skillIds: skill 2 is in use: a call of it is waiting, ringing or talking' });
    f.control.hangupCall(callId);
    expect((await api.post(TENANT_CONFIG_PATHS.deleteSkill, { skillIds: '2' })).returnCode).toBe('0');
  });

  it('a modified route takes the next call to its new queue', async () => {
    const { f, api } = await start();
    await GatewayAgent.signIn(f.url, 103, 'carol-pass-99'); // Billing (skill 2) only
    expect((await api.post(TENANT_CONFIG_PATHS.modifyCalledRoute, { id: '1', devicetype: 1, deviceId: 2 })).returnCode).toBe('0');
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66881' });
    expect(callState(f, callId)).toMatchObject({ state: 'ringing', workNo: 103, skillId: 2 });
  });

  it('a deleted route no longer routes; a deleted queue is refused while a route still leads to it', async () => {
    const { f, api } = await start();
    expect(await api.post(TENANT_CONFIG_PATHS.deleteSkill, { skillIds: '2' })).toMatchObject({ returnCode: '1', description: expect.stringContaining('agent alice.chen') });
    expect((await api.post(TENANT_CONFIG_PATHS.deleteCalledRoute, { dnids: '2' })).returnCode).toBe('0');
    expect(() => f.control.injectCall({ caller: '13900000001', called: '66882' })).toThrow(/no called route/);
  });
});
