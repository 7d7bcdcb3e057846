/** Routing and call sequences (docs/cec-reference.md §2.5, §6) through the real HTTP gateway, with a fake clock. */
import { afterEach, describe, expect, it } from 'vitest';
import { startMockFabric, loadTenant, type MockFabric, type TenantConfig, type LoggedEvent } from '../../../mock-fabric/index.js';
import { parseCecEvent } from '../../../src/protocol/index.js';
import { FakeClock } from '../../support/mock-clock.js';
import { GatewayAgent, env } from '../../support/mock-client.js';

const DEFAULT = loadTenant('mock-fabric/tenants/default.json');
const PW: Record<number, string> = { 101: 'alice-pass-77', 102: 'bob-pass-88', 103: 'carol-pass-99' };

let fabric: MockFabric | undefined;
let seen: LoggedEvent[] = [];
afterEach(async () => {
  // Every event the mock emitted in the test must pass the shared parser.
  for (const e of seen) expect(parseCecEvent(e.envelope), JSON.stringify(e.envelope)).toMatchObject({ ok: true, known: true });
  seen = [];
  await fabric?.close();
  fabric = undefined;
});

async function start(clock: FakeClock, tenant: TenantConfig = DEFAULT): Promise<MockFabric> {
  fabric = await startMockFabric({ trustTokens: true, clock, tenant });
  fabric.control.onEvent((e) => seen.push(e));
  return fabric;
}
const signIn = (f: MockFabric, workNo: number) => GatewayAgent.signIn(f.url, workNo, PW[workNo] ?? '');
const types = (f: MockFabric, workNo: number) => f.control.events(workNo).map((e) => e.envelope.event.eventType);
const agent = (f: MockFabric, workNo: number) => f.control.state().agents.find((a) => a.workNo === workNo);
const call = (f: MockFabric, callId: string) => f.control.state().calls.find((c) => c.callId === callId);

describe('routing', () => {
  it('offers a call to the longest-idle agent with the skill', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    await signIn(f, 102); // bob idle first
    clock.advance(1000);
    await signIn(f, 101);
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66881' });
    expect(call(f, callId)).toMatchObject({ state: 'ringing', workNo: 102 });
    const second = f.control.injectCall({ caller: '13900000002', called: '66881' });
    expect(call(f, second.callId)).toMatchObject({ state: 'ringing', workNo: 101 });
  });

  it('weights break ties between agents idle equally long', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    await signIn(f, 102);
    await signIn(f, 101); // same fake time: alice (weight 5) beats bob (weight 3)
    expect(agent(f, 101)?.idleSince).toBe(agent(f, 102)?.idleSince);
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66881' });
    expect(call(f, callId)?.workNo).toBe(101);
  });

  it('never offers a call to an agent without the skill (no agents → overflow release)', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    await signIn(f, 103); // carol has skill 2 only
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66881' });
    expect(call(f, callId)).toMatchObject({ state: 'released' });
    expect(call(f, callId)?.endReason).toMatch(/noAgents/);
    expect(types(f, 103)).not.toContain('AgentOther_PhoneAlerting');
    const billing = f.control.injectCall({ caller: '13900000001', called: '66882' });
    expect(call(f, billing.callId)).toMatchObject({ state: 'ringing', workNo: 103 });
    expect(() => f.control.injectCall({ caller: '1', called: '99999' })).toThrow(/no called route/);
  });

  it('a full queue overflows to the configured skill; maxWaitTime overflows too', async () => {
    const clock = new FakeClock();
    const tenant = loadTenant({
      ...DEFAULT,
      skills: [
        { id: 1, name: 'Small', mediaType: 5, maxWaitTime: 30, maxWaitNum: 1, maxAgentWrapupTime: 0, overflow: { allBusy: { type: 'skill', skillId: 2 }, timeout: { type: 'release' } } },
        { id: 2, name: 'Spill', mediaType: 5, maxWaitTime: 60, maxWaitNum: 5, maxAgentWrapupTime: 0, overflow: {} },
      ],
    });
    const f = await start(clock, tenant);
    const bob = await signIn(f, 102); // skill 1 only
    await signIn(f, 103); // skill 2 only
    expect(env(await bob.call('POST', 'onlineagent/102/saybusy?reason=200')).retcode).toBe('0');
    const first = f.control.injectCall({ caller: '13900000001', called: '66881' });
    expect(call(f, first.callId)).toMatchObject({ state: 'queued', skillId: 1 });
    const second = f.control.injectCall({ caller: '13900000002', called: '66881' });
    expect(call(f, second.callId)).toMatchObject({ state: 'ringing', skillId: 2, workNo: 103 });
    clock.advance(30_000);
    expect(call(f, first.callId)).toMatchObject({ state: 'released' });
    expect(call(f, first.callId)?.endReason).toMatch(/timeout/);
  });

  it('no answer in time: agent busy with reason 2, call requeued to the next agent', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    await signIn(f, 101);
    clock.advance(10);
    await signIn(f, 102);
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66881' });
    expect(call(f, callId)?.workNo).toBe(101);
    clock.advance(14_999);
    expect(call(f, callId)?.workNo).toBe(101);
    clock.advance(1);
    expect(agent(f, 101)).toMatchObject({ phase: 'busy', busyReason: 2 });
    expect(call(f, callId)).toMatchObject({ state: 'ringing', workNo: 102, requeueCount: 1 });
    const alice = f.control.events(101).map((e) => e.envelope.event);
    expect(alice.at(-1)).toMatchObject({ eventType: 'AgentState_SetNotReady_Success', content: { reason: 2 } });
    const info = f.control.events(102).map((e) => e.envelope.event).find((e) => e.eventType === 'AgentEvent_Incoming_CallInfo');
    expect(info?.content).toMatchObject({ callId, releaseAndReQueueCount: 1, lastReleaseAgentId: '101' });
  });

  it('two agents handle concurrent calls; the full inbound sequence and wrap-up timing hold', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    const alice = await signIn(f, 101);
    clock.advance(10);
    const bob = await signIn(f, 102);
    const c1 = f.control.injectCall({ caller: '13900000001', called: '66881' });
    const c2 = f.control.injectCall({ caller: '13900000002', called: '66881' });
    expect([call(f, c1.callId)?.workNo, call(f, c2.callId)?.workNo]).toEqual([101, 102]);
    expect(env(await alice.call('PUT', `voicecall/101/answer?callid=${c1.callId}`)).retcode).toBe('0');
    expect(env(await bob.call('PUT', `voicecall/102/answer?callid=${c1.callId}`)).retcode).toBe('200-002');
    expect(env(await bob.call('PUT', 'voicecall/102/answer')).retcode).toBe('0');
    expect(env(await alice.call('POST', 'voicecall/101/hold')).retcode).toBe('0');
    expect(env(await alice.call('POST', `voicecall/101/gethold?callid=${c1.callId}`)).retcode).toBe('0');
    expect(env(await alice.call('POST', 'voicecall/101/beginmute')).retcode).toBe('0');
    expect(agent(f, 101)?.muted).toBe(true);
    expect(env(await alice.call('POST', 'voicecall/101/endmute')).retcode).toBe('0');
    f.control.hangupCall(c1.callId);
    expect(env(await bob.call('DELETE', 'voicecall/102/release')).retcode).toBe('0');
    expect(types(f, 101)).toEqual([
      'AgentOther_InService', 'AgentState_Ready',
      'AgentOther_PhoneAlerting', 'AgentEvent_Ringing', 'AgentEvent_Incoming_CallInfo',
      'AgentState_Busy', 'AgentEvent_Talking', 'AgentEvent_Hold', 'AgentEvent_Talking',
      'AgentEvent_Customer_Release', 'AgentEvent_Call_Release', 'AgentState_Work',
    ]);
    expect(types(f, 102).slice(-3)).toEqual(['AgentEvent_Talking', 'AgentEvent_Call_Release', 'AgentState_Work']);
    expect(f.control.events(102).every((e) => e.envelope.event.workNo === '102')).toBe(true);
    // Skill 1 wrap-up is 10 s.
    clock.advance(9_999);
    expect(agent(f, 101)?.phase).toBe('wrapUp');
    clock.advance(1);
    expect(agent(f, 101)?.phase).toBe('idle');
    expect(types(f, 101).at(-1)).toBe('AgentState_Ready');
  });

  it('an agent signing out while its phone rings gives the call to the next agent', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    const alice = await signIn(f, 101);
    clock.advance(10);
    await signIn(f, 102);
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66881' });
    expect(call(f, callId)?.workNo).toBe(101);
    expect(env(await alice.call('DELETE', 'onlineagent/101/logout')).retcode).toBe('0');
    expect(call(f, callId)).toMatchObject({ state: 'ringing', workNo: 102, requeueCount: 1 });
  });

  it('transfer to a skill hands the call to another agent', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    const alice = await signIn(f, 101);
    await signIn(f, 103);
    const { callId } = f.control.injectCall({ caller: '13900000001', called: '66881' });
    await alice.call('PUT', 'voicecall/101/answer');
    expect(env(await alice.call('POST', 'voicecall/101/transfer', { devicetype: 1, address: '2' })).retcode).toBe('0');
    expect(call(f, callId)).toMatchObject({ state: 'ringing', workNo: 103, skillId: 2 });
    expect((await alice.call('POST', 'voicecall/101/transfer', { devicetype: 9, address: '2' })).status).toBe(400);
  });
});

describe('outbound callout', () => {
  it('Busy + Customer_Alerting, then Talking when the customer answers, then releases', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    const alice = await signIn(f, 101);
    const r = await alice.call('PUT', 'voicecall/101/callout', { called: '88889007', callappdata: 'order=42', mediaability: 0 });
    expect(env(r).retcode).toBe('0');
    const callId = env(r).result as string;
    expect(call(f, callId)).toMatchObject({ direction: 'outbound', state: 'dialing', hasCallData: true });
    f.control.answerCall(callId);
    f.control.hangupCall(callId);
    expect(types(f, 101).slice(2)).toEqual(['AgentState_Busy', 'AgentEvent_Customer_Alerting', 'AgentEvent_Talking', 'AgentEvent_Customer_Release', 'AgentEvent_Call_Release', 'AgentState_Ready']);
  });

  it('a customer who rejects gives Call_Out_Fail then Ready; unanswered callouts fail after 30 s', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    const alice = await signIn(f, 101);
    const first = env(await alice.call('PUT', 'voicecall/101/callout', { called: '88889007' })).result as string;
    f.control.hangupCall(first);
    expect(types(f, 101).slice(-2)).toEqual(['AgentEvent_Call_Out_Fail', 'AgentState_Ready']);
    const second = env(await alice.call('PUT', 'voicecall/101/callout', { called: '88889008' })).result as string;
    clock.advance(30_000);
    expect(call(f, second)?.state).toBe('released');
    expect(types(f, 101).slice(-2)).toEqual(['AgentEvent_Call_Out_Fail', 'AgentState_Ready']);
    expect(() => f.control.answerCall(second)).toThrow(/released/);
  });

  it('refuses bad numbers and callappdata over 16 KB with 400', async () => {
    const clock = new FakeClock();
    const f = await start(clock);
    const alice = await signIn(f, 101);
    expect((await alice.call('PUT', 'voicecall/101/callout', { called: '12ab' })).status).toBe(400);
    const big = await alice.call('PUT', 'voicecall/101/callout', { called: '88889007', callappdata: 'x'.repeat(16 * 1024 + 1) });
    expect([big.status, env(big).retcode]).toEqual([400, '000-002']);
    const ok = await alice.call('PUT', 'voicecall/101/callout', { called: '88889007', callappdata: 'x'.repeat(16 * 1024) });
    expect(env(ok).retcode).toBe('0');
  });
});
