/** The QA control over HTTP under /__mock/: calls, state, events, faults and reset. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMockFabric, type MockFabric, type MockState } from '../../../mock-fabric/index.js';
import { FABRIC_PATHS } from '../../../src/protocol/index.js';
import { GatewayAgent, env, request } from '../../support/mock-client.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

/** Control POSTs without a body still say JSON (mock-fabric/control-guard.ts). */
const NO_BODY = { headers: { 'Content-Type': 'application/json' } };
const TOKEN_BODY = { app_key: 'mock-app-key', app_secret: 'mock-app-secret-2f9c41' };

describe('/__mock/ over HTTP', () => {
  it('injects, answers (outbound), hangs up, and reports state and timed events', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    const inj = await request(fabric.url, 'POST', '/__mock/calls', { body: { caller: '13800000001', called: '66881', callData: 'ticket=7' } });
    expect(inj.status).toBe(201);
    const { callId } = inj.json as { callId: string };
    expect(callId).toMatch(/^\d+-\d+$/);
    const state = (await request(fabric.url, 'GET', '/__mock/state')).json as MockState;
    expect(state.calls.find((c) => c.callId === callId)).toMatchObject({ state: 'ringing', workNo: 101, hasCallData: true });
    expect(state.agents.find((a) => a.workNo === 101)).toMatchObject({ phase: 'ringing', signedIn: true });
    expect(state.queues.map((q) => q.skillId)).toEqual([1, 2]);
    // answer is for outbound calls only: 409 for an inbound one; unknown ids 404.
    expect((await request(fabric.url, 'POST', `/__mock/calls/${callId}/answer`, NO_BODY)).status).toBe(409);
    expect((await request(fabric.url, 'POST', '/__mock/calls/1-999/hangup', NO_BODY)).status).toBe(404);
    expect((await request(fabric.url, 'POST', `/__mock/calls/${callId}/hangup`, NO_BODY)).status).toBe(200);
    expect((await request(fabric.url, 'POST', `/__mock/calls/${callId}/hangup`, NO_BODY)).status).toBe(409);
    const out = env(await alice.call('PUT', 'voicecall/101/callout', { called: '88889007' })).result as string;
    expect((await request(fabric.url, 'POST', `/__mock/calls/${out}/answer`, NO_BODY)).status).toBe(200);
    const events = (await request(fabric.url, 'GET', '/__mock/events?workNo=101')).json as { events: Array<{ seq: number; at: number; envelope: { event: { eventType: string } } }> };
    expect(events.events.map((e) => e.envelope.event.eventType).slice(-3)).toEqual(['AgentState_Busy', 'AgentEvent_Customer_Alerting', 'AgentEvent_Talking']);
    expect(events.events.every((e, i, a) => i === 0 || (e.seq > (a[i - 1]?.seq ?? 0) && e.at >= (a[i - 1]?.at ?? 0)))).toBe(true);
    expect(((await request(fabric.url, 'GET', '/__mock/events?workNo=102')).json as { events: unknown[] }).events).toEqual([]);
    expect((await request(fabric.url, 'POST', '/__mock/calls', { body: { caller: '1', called: '70000' } })).status).toBe(400);
  });

  it('faults: a status per path, latency, dropped long polls, a dropped session; reset clears them', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const set = (body: unknown) => request(fabric!.url, 'POST', '/__mock/faults', { body });
    expect((await set({ rules: [{ path: '^/apigovernance/', status: 429 }] })).status).toBe(200);
    expect((await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: TOKEN_BODY })).status).toBe(429);
    expect((await request(fabric.url, 'GET', '/__mock/state')).status).toBe(200); // never on /__mock/
    await set({ rules: [{ path: '^/apigovernance/', latencyMs: 300 }] });
    const t0 = Date.now();
    expect((await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: TOKEN_BODY })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect((await set({ rules: [{ path: '(' }] })).status).toBe(400);

    const alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    await alice.events(2);
    await set({ dropLongPolls: true });
    const ctl = new AbortController();
    const hung = alice.poll(ctl.signal).catch(() => 'aborted');
    fabric.control.injectCall({ caller: '139', called: '66881' });
    await new Promise((r) => setTimeout(r, 200));
    ctl.abort();
    expect(await hung).toBe('aborted');
    await set({ dropLongPolls: false });
    expect(env(await alice.poll()).event?.eventType).toBe('AgentOther_PhoneAlerting'); // still queued, not lost
    await set({ dropSession: 101 });
    expect(env(await alice.poll()).retcode).toBe('100-006');

    expect((await request(fabric.url, 'POST', '/__mock/reset', NO_BODY)).status).toBe(200);
    expect(fabric.control.faults()).toEqual({ rules: [], dropLongPolls: false });
    const s = fabric.control.state();
    expect([s.calls.length, s.agents.every((a) => a.phase === 'signedOut'), fabric.control.events().length]).toEqual([0, true, 0]);
  });

  it('reset ends waiting polls at once', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    await alice.events(2);
    const p = alice.poll();
    await vi.waitFor(() => expect(fabric!.control.state().agents[0]?.polling).toBe(true));
    fabric.control.reset();
    expect(env(await p).retcode).toBe('100-006');
  });

  it('a poll held by dropLongPolls is answered with no event when drops are switched off; the next poll gets what was queued', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    await alice.events(2);
    fabric.control.setFaults({ rules: [], dropLongPolls: true });
    const held = alice.poll().then((r) => [r.status, env(r).retcode, env(r).event], () => 'socket closed');
    const stillHeldAfter = (ms: number) => new Promise<string>((r) => setTimeout(() => r('still held'), ms));
    fabric.control.injectCall({ caller: '139', called: '66881' });
    expect(await Promise.race([held, stillHeldAfter(200)])).toBe('still held');
    expect(fabric.control.state().agents[0]?.polling).toBe(false);
    fabric.control.setFaults({ rules: [], dropLongPolls: false });
    expect(await Promise.race([held, stillHeldAfter(2000)])).toEqual([200, '0', null]);
    expect(env(await alice.poll()).event?.eventType).toBe('AgentOther_PhoneAlerting');
  });
});
