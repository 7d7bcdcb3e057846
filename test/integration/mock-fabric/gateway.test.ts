/** Mock CC-Gateway (docs/cec-reference.md §5): sign-in, GUIDs, long poll, sign-out timing, one-place rule. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { parseCecEvent, SET_GUID_HEADER, agentEventPollSchema } from '../../../src/protocol/index.js';
import { FakeClock } from '../../support/mock-clock.js';
import { GatewayAgent, env, request } from '../../support/mock-client.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

const ALICE = { workNo: 101, password: 'alice-pass-77' };
const waitPolling = (f: MockFabric, workNo: number, on = true) =>
  vi.waitFor(() => expect(f.control.state().agents.find((a) => a.workNo === workNo)?.polling).toBe(on), { timeout: 5000, interval: 5 });

describe('sign-in', () => {
  it('gives a Set-GUID, queues InService then Ready, and both routes prefixes work', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const a = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    expect(a.guid).toMatch(/^[0-9a-f]{32}$/);
    const evs = await a.events(2);
    expect(evs.map((e) => e.eventType)).toEqual(['AgentOther_InService', 'AgentState_Ready']);
    for (const e of evs) expect(parseCecEvent({ event: e, message: 'success' }).ok).toBe(true);
    const viaCloud = await request(fabric.url, 'GET', 'service-cloud/agentgateway/resource/onlineagent/101/agentstatus', { headers: { Guid: a.guid } });
    expect(env(viaCloud)).toMatchObject({ retcode: '0', result: { agentState: 4, isWorking: false } });
  });

  it('answers 100-004 for a wrong password, 100-001 for a bad body, 000-003 without a Guid', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const wrong = await request(fabric.url, 'PUT', 'agentgateway/resource/onlineagent/101', { body: { password: 'nope', phonenum: '' } });
    expect(env(wrong).retcode).toBe('100-004');
    expect(wrong.headers.get(SET_GUID_HEADER)).toBeNull();
    const bad = await request(fabric.url, 'PUT', 'agentgateway/resource/onlineagent/101', { body: { phonenum: 5 } });
    expect([bad.status, env(bad).retcode]).toEqual([400, '100-001']);
    const noGuid = await request(fabric.url, 'GET', 'agentgateway/resource/onlineagent/101/agentstatus');
    expect([noGuid.status, env(noGuid).retcode]).toEqual([401, '000-003']);
  });

  it('one place only: 100-002, forcelogin takes over, the old GUID gets 000-003 and no more events', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const first = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    await first.events(2);
    const second = await request(fabric.url, 'PUT', 'agentgateway/resource/onlineagent/101', { body: { password: ALICE.password, phonenum: '' } });
    expect(env(second).retcode).toBe('100-002');
    const waiting = first.poll();
    await waitPolling(fabric, 101);
    const taker = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password, true);
    const ended = await waiting;
    expect([ended.status, env(ended).retcode]).toEqual([401, '000-003']);
    expect(env(await first.call('GET', 'onlineagent/101/agentstatus')).retcode).toBe('000-003');
    const { callId } = fabric.control.injectCall({ caller: '13900000001', called: '66881' });
    const evs = await taker.events(5);
    expect(evs.map((e) => e.eventType)).toContain('AgentOther_PhoneAlerting');
    expect(evs.some((e) => (e.content as { callid?: string } | null)?.callid === callId)).toBe(true);
    expect(env(await first.poll()).retcode).toBe('000-003');
  });

  it('logout ends the session; its GUID then answers 100-006', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const a = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    expect(env(await a.call('DELETE', 'onlineagent/101/logout')).retcode).toBe('0');
    expect(env(await a.call('GET', 'onlineagent/101/agentstatus')).retcode).toBe('100-006');
    expect(fabric.control.state().agents.find((x) => x.workNo === 101)?.phase).toBe('signedOut');
  });
});

describe('long poll, GUID rotation and sign-out (fake clock)', () => {
  it('answers at once when queued, else after 10 s with event null', async () => {
    const clock = new FakeClock();
    fabric = await startMockFabric({ trustTokens: true, clock });
    const a = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    await a.events(2);
    const p = a.poll();
    await waitPolling(fabric, 101);
    clock.advance(9_999);
    expect(fabric.control.state().agents[0]?.polling).toBe(true);
    clock.advance(1);
    const r = await p;
    expect(agentEventPollSchema.parse(r.json)).toEqual({ message: 'no event', retcode: '0', event: null });
    // A waiting poll gets an event the moment it is emitted.
    const q = a.poll();
    await waitPolling(fabric, 101);
    expect(env(await a.call('POST', 'onlineagent/101/saybusy?reason=201')).retcode).toBe('0');
    expect(env(await q).event).toMatchObject({ eventType: 'AgentState_SetNotReady_Success', workNo: '101', content: { reason: 201 } });
  });

  it('rotates the GUID after 60 s; the old one works 120 s more, then 000-003', async () => {
    const clock = new FakeClock();
    fabric = await startMockFabric({ trustTokens: true, clock });
    const a = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    const original = a.guid;
    await a.events(2);
    clock.advance(60_000);
    const p = a.poll();
    await waitPolling(fabric, 101);
    clock.advance(10_000);
    const r = await p;
    const rotated = r.headers.get(SET_GUID_HEADER);
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(original);
    const old = new GatewayAgent(fabric.url, 101, original);
    expect(env(await old.call('GET', 'onlineagent/101/agentstatus')).retcode).toBe('0');
    // Keep polling with the new GUID (else the 2-minute rule signs the agent out) for 110 s.
    for (let i = 0; i < 11; i++) {
      const q = a.poll();
      await waitPolling(fabric, 101);
      clock.advance(10_000);
      await q;
    }
    clock.advance(9_999);
    expect(env(await old.call('GET', 'onlineagent/101/agentstatus')).retcode).toBe('0');
    clock.advance(1);
    expect(env(await old.call('GET', 'onlineagent/101/agentstatus')).retcode).toBe('000-003');
    expect(env(await a.call('GET', 'onlineagent/101/agentstatus')).retcode).toBe('0');
  });

  it('signs the agent out after 2 minutes without a poll, not before', async () => {
    const clock = new FakeClock();
    fabric = await startMockFabric({ trustTokens: true, clock });
    const a = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    await a.events(2); // last poll answered at t0
    clock.advance(119_999);
    expect(fabric.control.state().agents.find((x) => x.workNo === 101)?.signedIn).toBe(true);
    clock.advance(1);
    expect(fabric.control.state().agents.find((x) => x.workNo === 101)).toMatchObject({ signedIn: false, phase: 'signedOut' });
    expect(env(await a.poll()).retcode).toBe('100-006');
  });

  it('a waiting poll counts as polling: an agent that keeps polling stays signed in', async () => {
    const clock = new FakeClock();
    fabric = await startMockFabric({ trustTokens: true, clock });
    const a = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    await a.events(2);
    for (let i = 0; i < 20; i++) {
      const p = a.poll();
      await waitPolling(fabric, 101);
      clock.advance(10_000);
      await p;
    }
    expect(fabric.control.state().agents.find((x) => x.workNo === 101)?.signedIn).toBe(true);
  });
});

describe('state changes', () => {
  it('busy, idle, rest, wrap-up each emit their events and agentstatus follows', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const a = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    const status = async () => (env(await a.call('GET', 'onlineagent/101/agentstatus')).result as { agentState: number }).agentState;
    const steps: Array<[string, string, number]> = [
      ['POST', 'onlineagent/101/saybusy?reason=200', 3],
      ['POST', 'onlineagent/101/cancelbusy', 4],
      ['POST', 'onlineagent/101/rest/600/1', 8],
      ['POST', 'onlineagent/101/cancelrest', 4],
      ['POST', 'onlineagent/101/work', 5],
      ['POST', 'onlineagent/101/cancelwork', 4],
      ['POST', 'onlineagent/101/saybusy', 3],
      ['POST', 'onlineagent/101/sayfree', 4],
    ];
    for (const [m, p, code] of steps) {
      expect(env(await a.call(m, p)).retcode, p).toBe('0');
      expect(await status(), p).toBe(code);
    }
    expect(env(await a.call('POST', 'onlineagent/101/cancelrest')).retcode).toBe('100-009');
    expect((await a.call('POST', 'onlineagent/101/saybusy?reason=199')).status).toBe(400);
    expect((await a.call('POST', 'onlineagent/101/rest/0/1')).status).toBe(400);
    const types = fabric.control.events(101).map((e) => e.envelope.event.eventType);
    expect(types).toEqual([
      'AgentOther_InService', 'AgentState_Ready',
      'AgentState_SetNotReady_Success', 'AgentState_CancelNotReady_Success', 'AgentState_Ready',
      'AgentState_SetRest_Success', 'AgentState_CancelRest_Success', 'AgentState_Ready',
      'AgentState_SetWork_Success', 'AgentState_CancelWork_Success', 'AgentState_Ready',
      'AgentState_SetNotReady_Success', 'AgentState_Ready',
    ]);
    // changes from a phase that does not allow them: 100-009, no event, the phase unchanged
    const refused: Array<[string | undefined, string]> = [
      [undefined, 'onlineagent/101/cancelbusy'],
      [undefined, 'onlineagent/101/cancelwork'],
      ['onlineagent/101/rest/600/1', 'onlineagent/101/work'],
      [undefined, 'onlineagent/101/cancelbusy'],
      ['onlineagent/101/cancelrest', 'onlineagent/101/cancelrest'],
    ];
    for (const [setUp, change] of refused) {
      if (setUp) expect(env(await a.call('POST', setUp)).retcode, setUp).toBe('0');
      const before = [fabric.control.events(101).length, await status()];
      const r = env(await a.call('POST', change));
      expect([r.retcode, r.message], change).toEqual(['100-009', expect.stringMatching(/^cannot /)]);
      expect([fabric.control.events(101).length, await status()], change).toEqual(before);
    }
  });

  it('rest timeout is a reminder only (fake clock)', async () => {
    const clock = new FakeClock();
    fabric = await startMockFabric({ trustTokens: true, clock });
    const a = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    await a.call('POST', 'onlineagent/101/rest/30/2');
    clock.advance(30_000);
    expect(fabric.control.events(101).at(-1)?.envelope.event.eventType).toBe('AgentState_Rest_Timeout');
    expect(fabric.control.state().agents.find((x) => x.workNo === 101)?.phase).toBe('rest');
  });
});

// Issue 14, item 18: a bar that resumes its session reads the live call here (CEC api-cec/cec_07_1261).
describe('call information: calldata/{agentid}/callinfo', () => {
  const callInfo = (agent: GatewayAgent, query = '?isNoContainLastCall=false') => agent.call('GET', `calldata/101/callinfo${query}`);

  it('no call: retcode 0 and no result; an inbound call ringing, then answered: begintime is the answer time', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const agent = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    await agent.events(2);
    const none = env(await callInfo(agent));
    expect(none).toMatchObject({ retcode: '0' });
    expect(none.result).toBeUndefined();

    const { callId } = fabric.control.injectCall({ caller: '013900000001', called: '66881' });
    expect(env(await callInfo(agent)).result).toEqual({
      callfeature: 0, callid: callId, caller: '013900000001', called: '66881', callskill: 'General support', callskillid: 1,
      orgicallednum: '66881', calldata: '', begintime: 0, mediaType: 5,
    });
    // begintime is on the mock's clock (a MovableClock, which may trail Date.now() by a millisecond).
    const before = fabric.control.clock().now;
    expect(env(await agent.call('PUT', `voicecall/101/answer?callid=${callId}`)).retcode).toBe('0');
    const talking = env(await callInfo(agent, '')).result as { begintime: number };
    expect(talking.begintime).toBeGreaterThanOrEqual(before);
    expect(talking.begintime).toBeLessThanOrEqual(fabric.control.clock().now);

    fabric.control.hangupCall(callId);
    expect(env(await callInfo(agent)).result).toBeUndefined();
  });

  it('an outbound call: callfeature 7, begintime 0 until the customer answers', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const agent = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    await agent.events(2);
    const dialled = env(await agent.call('PUT', 'voicecall/101/callout', { called: '13900000002', mediaability: 0 }));
    const callId = dialled.result as string;
    expect(env(await callInfo(agent)).result).toMatchObject({ callfeature: 7, callid: callId, called: '13900000002', begintime: 0 });
    fabric.control.answerCall(callId);
    expect((env(await callInfo(agent)).result as { begintime: number }).begintime).toBeGreaterThan(0);
  });

  it('refuses a malformed isNoContainLastCall (400, 000-002) and a missing Guid (401, 000-003)', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const agent = await GatewayAgent.signIn(fabric.url, ALICE.workNo, ALICE.password);
    const bad = await callInfo(agent, '?isNoContainLastCall=maybe');
    expect([bad.status, env(bad).retcode]).toEqual([400, '000-002']);
    const noGuid = await request(fabric.url, 'GET', 'agentgateway/resource/calldata/101/callinfo');
    expect([noGuid.status, env(noGuid).retcode]).toEqual([401, '000-003']);
  });
});
