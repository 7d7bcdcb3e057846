/**
 * The mock forgets what it must: ended calls are kept in a bounded history (the newest), live
 * calls never leave it, and the event log has a bound across all agents, so a long QA or load run
 * neither grows the process nor `/__mock/state`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MOCK_CHOICES, startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { Engine } from '../../../mock-fabric/engine.js';
import { eventLog } from '../../../mock-fabric/snapshot.js';
import { loadTenant, type TenantConfig } from '../../../mock-fabric/tenant.js';
import { FakeClock } from '../../support/mock-clock.js';
import { GatewayAgent, request } from '../../support/mock-client.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

/** A tenant with `count` agents (workNo 101…) on the default tenant's skills and routes. */
function manyAgentsTenant(count: number): TenantConfig {
  const base = loadTenant('mock-fabric/tenants/default.json');
  const model = base.agents[0]!;
  const agents = Array.from({ length: count }, (_, index) => ({ ...model, workNo: 101 + index, accountCode: `agent${101 + index}` }));
  return loadTenant({ ...base, agents });
}

/** Calls that end at once: nobody is signed in, so skill 1's "no agents" overflow releases them. */
function injectEndedCalls(target: MockFabric, count: number): string[] {
  return Array.from({ length: count }, (_, index) => target.control.injectCall({ caller: `139${String(index).padStart(8, '0')}`, called: '66881' }).callId);
}

describe('ended-call history', () => {
  it('keeps only the newest endedCallHistory ended calls, oldest first', async () => {
    fabric = await startMockFabric({ trustTokens: true, endedCallHistory: 50 });
    const ids = injectEndedCalls(fabric, 200);
    const calls = fabric.control.state().calls;
    expect(calls.every((call) => call.state === 'released')).toBe(true);
    expect(calls.map((call) => call.callId)).toEqual(ids.slice(-50));
  });

  it('bounds GET /__mock/state by default (MOCK_CHOICES.endedCallHistory): its size stops growing', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    injectEndedCalls(fabric, 600);
    const sizeAfter600 = (await request(fabric.url, 'GET', '/__mock/state')).text.length;
    const newest = injectEndedCalls(fabric, 2_400);
    const reply = await request(fabric.url, 'GET', '/__mock/state');
    const calls = (reply.json as { calls: { callId: string }[] }).calls;
    expect(calls.map((call) => call.callId)).toEqual(newest.slice(-500));
    expect(reply.text.length).toBeLessThan(sizeAfter600 * 1.05);
    expect(reply.text.length).toBeLessThan(200 * 1024);
    expect(MOCK_CHOICES.endedCallHistory).toBe(500);
  });

  it('never forgets a live call, however many calls end after it', async () => {
    fabric = await startMockFabric({ trustTokens: true, endedCallHistory: 5 });
    await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    const { callId: ringing } = fabric.control.injectCall({ caller: '13900000001', called: '66881' });
    const ended = Array.from({ length: 20 }, (_, index) => {
      const { callId } = fabric!.control.injectCall({ caller: `1380000${String(index).padStart(4, '0')}`, called: '66881' });
      fabric!.control.hangupCall(callId); // queued behind the ringing call, then the customer gives up
      return callId;
    });
    const calls = fabric.control.state().calls;
    expect(calls.find((call) => call.callId === ringing)?.state).toBe('ringing');
    expect(calls.filter((call) => call.state === 'released').map((call) => call.callId)).toEqual(ended.slice(-5));
  });

  it('refuses a history bound that is not a positive integer', async () => {
    await expect(startMockFabric({ endedCallHistory: 0 })).rejects.toThrow(/endedCallHistory/);
    await expect(startMockFabric({ endedCallHistory: 1.5 })).rejects.toThrow(/endedCallHistory/);
  });
});

describe('event log', () => {
  it('keeps at most MOCK_CHOICES.eventLogTotal events across all agents, the newest', () => {
    const engine = new Engine(manyAgentsTenant(100), new FakeClock());
    const total = 20_000;
    // 40,000 events over 100 agents: 400 each, far below one agent's own bound (eventLogPerAgent).
    for (let index = 0; index < total * 2; index++) engine.centre.emit(101 + (index % 100), 'AgentState_Ready', null);
    const log = eventLog(engine.centre);
    expect(log).toHaveLength(total);
    expect(log.at(-1)?.seq).toBe(total * 2);
    expect(log[0]?.seq).toBe(total + 1);
    expect(MOCK_CHOICES.eventLogTotal).toBe(total);
    engine.centre.dispose();
  });
});

describe('gateway sessions', () => {
  it('forget rotated GUIDs once their grace is over (an agent polling for hours holds a few, not hundreds)', async () => {
    const clock = new FakeClock();
    const engine = new Engine(loadTenant('mock-fabric/tenants/default.json'), clock);
    engine.agentStates.signIn(101, false);
    const session = engine.centre.sessions.get(101)!;
    for (let rotation = 0; rotation < 50; rotation++) {
      clock.advance(MOCK_CHOICES.guidRotateMs);
      engine.centre.emit(101, 'AgentState_Ready', null);
      while (session.queue.length > 0) await engine.centre.sessions.poll(session).promise;
    }
    // The current GUID plus the ones still within their grace (guidGraceMs / guidRotateMs of them).
    expect(engine.centre.sessions.guidCount).toBeLessThanOrEqual(1 + Math.ceil(MOCK_CHOICES.guidGraceMs / MOCK_CHOICES.guidRotateMs));
    expect(engine.centre.sessions.check(session.guid, 101).ok).toBe(true);
    engine.centre.dispose();
  });
});
