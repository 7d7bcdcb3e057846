/** The WebRTC signalling relay (mock-fabric/signalling.ts): mailboxes, long polls, the engine link, HTTP errors. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../mock-fabric/engine.js';
import { eventLog } from '../../../mock-fabric/snapshot.js';
import { loadTenant } from '../../../mock-fabric/tenant.js';
import { SignalRelay } from '../../../mock-fabric/signalling.js';
import { PHONE_TOKEN_HEADER } from '../../../mock-fabric/signal-wire.js';
import { GUID_HEADER } from '../../../src/protocol/index.js';
import { HttpError, sendJson } from '../../../src/server/http-io.js';
import { FakeClock } from '../../support/mock-clock.js';

const tenant = loadTenant('mock-fabric/tenants/default.json');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(pollMs = 200): { engine: Engine; relay: SignalRelay } {
  const engine = new Engine(tenant, new FakeClock());
  const relay = new SignalRelay(engine, pollMs);
  cleanups.push(() => relay.dispose(), () => engine.centre.dispose());
  return { engine, relay };
}

async function serve(relay: SignalRelay): Promise<string> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    relay
      .handle(req, res, url)
      .then((handled) => handled || sendJson(res, 404, { error: 'not relay' }))
      .catch((e: unknown) => sendJson(res, e instanceof HttpError ? e.status : 500, { error: String(e) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('SignalRelay', () => {
  it('routes a dialled call to the agent and marks it as a phone call', () => {
    const { engine, relay } = setup();
    engine.agentStates.signIn(101, false);
    const { callId } = relay.dial('13900000001', '66881');
    expect(engine.centre.calls.get(callId)).toMatchObject({ state: 'ringing', workNo: 101 });
    expect(relay.read(callId, 'agent', 0)).toMatchObject({ peer: 'phone', call: { state: 'ringing', held: false }, messages: [] });
  });

  it('calls injected by the control API have a virtual customer', () => {
    const { engine, relay } = setup();
    engine.agentStates.signIn(101, false);
    const { callId } = engine.routing.injectCall({ caller: '13900000001', called: '66881' });
    expect(relay.read(callId, 'agent', 0).peer).toBe('virtual');
  });

  it('delivers a message to the other side only, in order, after the given seq', () => {
    const { engine, relay } = setup();
    engine.agentStates.signIn(101, false);
    const { callId } = relay.dial('1', '66881');
    relay.post(callId, 'agent', { type: 'offer', sdp: 'v=0 offer' });
    relay.post(callId, 'agent', { type: 'hold', on: true });
    expect(relay.read(callId, 'agent', 0).messages).toEqual([]);
    const forCustomer = relay.read(callId, 'customer', 0).messages;
    expect(forCustomer.map((m) => m.message.type)).toEqual(['offer', 'hold']);
    expect(relay.read(callId, 'customer', forCustomer[0]?.seq ?? 0).messages.map((m) => m.message.type)).toEqual(['hold']);
  });

  it('a waiting poll answers when the other side posts', async () => {
    const { engine, relay } = setup(5_000);
    engine.agentStates.signIn(101, false);
    const { callId } = relay.dial('1', '66881');
    const waiting = relay.poll(callId, 'customer', 0, 'ringing', 5_000);
    relay.post(callId, 'agent', { type: 'offer', sdp: 'v=0' });
    await expect(waiting).resolves.toMatchObject({ messages: [{ seq: 1, message: { type: 'offer', sdp: 'v=0' } }] });
  });

  it('a waiting poll answers when the engine changes the call (agent answers, then hangs up)', async () => {
    const { engine, relay } = setup(5_000);
    engine.agentStates.signIn(101, false);
    const { callId } = relay.dial('1', '66881');
    const talking = relay.poll(callId, 'customer', 0, 'ringing', 5_000);
    expect(engine.callControl.answer(101, callId).retcode).toBe('0');
    await expect(talking).resolves.toMatchObject({ call: { state: 'talking' } });
    const released = relay.poll(callId, 'customer', 0, 'talking', 5_000);
    engine.callControl.release(101);
    await expect(released).resolves.toMatchObject({ call: { state: 'released', endReason: 'agent hung up' } });
  });

  it('reports an unavailable phone as busy with CEC reason 5, once', () => {
    const { engine, relay } = setup();
    engine.agentStates.signIn(101, false);
    expect(relay.reportPhone(101, false)).toEqual({ busy: true });
    expect(engine.centre.agents.get(101)).toMatchObject({ phase: 'busy', busyReason: 5 });
    expect(relay.reportPhone(101, false)).toEqual({ busy: true });
    const reasons = eventLog(engine.centre, 101).filter((e) => e.envelope.event.eventType === 'AgentState_SetNotReady_Success').map((e) => e.envelope.event.content);
    expect(reasons).toEqual([{ reason: 5 }]);
  });

  it('does not touch a signed-out agent or an available phone', () => {
    const { engine, relay } = setup();
    expect(relay.reportPhone(101, false)).toEqual({ busy: false });
    engine.agentStates.signIn(101, false);
    expect(relay.reportPhone(101, true)).toEqual({ busy: false });
    expect(engine.centre.agents.get(101)?.phase).toBe('idle');
  });

  it('throws typed errors for an unknown call or agent', () => {
    const { relay } = setup();
    expect(() => relay.post('999-1', 'agent', { type: 'bye' })).toThrow(/no call 999-1/);
    expect(() => relay.reportPhone(55555, false)).toThrow(/no agent 55555/);
  });
});

describe('SignalRelay over HTTP', () => {
  const JSON_TYPE = { 'Content-Type': 'application/json' };

  it('dials, relays, hangs up (under /__mock/signal/ and /service-cloud/__mock/signal/)', async () => {
    const { engine, relay } = setup(100);
    const guid = engine.agentStates.signIn(101, false);
    const base = await serve(relay);
    const dialled = await fetch(`${base}/__mock/signal/dial`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ caller: '139', called: '66881' }) });
    expect(dialled.status).toBe(201);
    const { callId, phoneToken } = (await dialled.json()) as { callId: string; phoneToken: string };
    const phone = { [PHONE_TOKEN_HEADER]: phoneToken };
    const posted = await fetch(`${base}/service-cloud/__mock/signal/${callId}/agent`, { method: 'POST', headers: { ...JSON_TYPE, [GUID_HEADER]: guid }, body: JSON.stringify({ type: 'offer', sdp: 'v=0' }) });
    expect(posted.status).toBe(200);
    const poll = (await (await fetch(`${base}/__mock/signal/${callId}/customer?after=0`, { headers: phone })).json()) as { peer: string; messages: unknown[] };
    expect(poll).toMatchObject({ peer: 'phone', messages: [{ seq: 1, message: { type: 'offer' } }] });
    expect((await fetch(`${base}/__mock/signal/${callId}/hangup`, { method: 'POST', headers: { ...JSON_TYPE, ...phone } })).status).toBe(200);
    expect(engine.centre.calls.get(callId)).toMatchObject({ state: 'released', endReason: 'customer hung up' });
    // The agent who had the call still reads its end.
    const ended = (await (await fetch(`${base}/service-cloud/__mock/signal/${callId}/agent?wait=0`, { headers: { [GUID_HEADER]: guid } })).json()) as { call: { state: string } };
    expect(ended.call.state).toBe('released');
  });

  it('answers 400 for bad bodies and numbers, 404 for unknown paths and calls, 405 for wrong methods, 415 for other types', async () => {
    const { engine, relay } = setup(100);
    const agent = { [GUID_HEADER]: engine.agentStates.signIn(101, false) };
    const base = await serve(relay);
    const post = (p: string, body: unknown, headers: Record<string, string> = agent) => fetch(`${base}${p}`, { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) });
    expect((await post('/__mock/signal/dial', { caller: 'abc', called: '66881' })).status).toBe(400);
    expect((await post('/__mock/signal/dial', { caller: '1', called: '999' })).status).toBe(400); // no route
    const { callId } = relay.dial('1', '66881');
    const bad = await post(`/__mock/signal/${callId}/agent`, { type: 'offer' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/bad signalling message/);
    expect((await post(`/__mock/signal/${callId}/agent`, { type: 'offer', sdp: 'x'.repeat(40_000) })).status).toBe(400);
    expect((await post('/__mock/signal/123-9/agent', { type: 'bye' })).status).toBe(404);
    expect((await post(`/__mock/signal/${callId}/nobody`, { type: 'bye' })).status).toBe(404);
    expect((await fetch(`${base}/__mock/signal/dial`)).status).toBe(405);
    expect((await fetch(`${base}/__mock/signal/${callId}/agent?after=-1`, { headers: agent })).status).toBe(400);
    expect((await post('/__mock/signal/agent/12/phone', { available: false })).status).toBe(400);
    expect((await post('/__mock/signal/agent/101/phone', { available: 'no' })).status).toBe(400);
    const plain = await fetch(`${base}/__mock/signal/${callId}/agent`, { method: 'POST', headers: { 'Content-Type': 'text/plain', ...agent }, body: '{"type":"bye"}' });
    expect(plain.status).toBe(415);
  });
});
