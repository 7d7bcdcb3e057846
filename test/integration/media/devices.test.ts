/** The agent's devices on the relay (mock-fabric/devices.ts): registration, the softphone rule, answer and hang up, the relay's credentials, dropped devices. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../../mock-fabric/engine.js';
import { loadTenant } from '../../../mock-fabric/tenant.js';
import { SignalRelay } from '../../../mock-fabric/signalling.js';
import { DEVICE_GONE_MS } from '../../../mock-fabric/devices.js';
import { DEVICE_TOKEN_HEADER } from '../../../mock-fabric/signal-wire.js';
import { HttpError, sendJson } from '../../../src/server/http-io.js';
import { FakeClock } from '../../support/mock-clock.js';

const tenant = loadTenant('mock-fabric/tenants/default.json');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(requireSoftphone = true): { engine: Engine; relay: SignalRelay } {
  const engine = new Engine(tenant, new FakeClock());
  const relay = new SignalRelay(engine, 200, { requireSoftphone });
  cleanups.push(() => relay.dispose(), () => engine.centre.dispose());
  return { engine, relay };
}

async function serve(relay: SignalRelay): Promise<string> {
  const server = http.createServer((req, res) => {
    relay
      .handle(req, res, new URL(req.url ?? '/', 'http://x'))
      .then((handled) => handled || sendJson(res, 404, { error: 'not relay' }))
      .catch((e: unknown) => sendJson(res, e instanceof HttpError ? e.status : 500, { error: String(e) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/__mock/signal/`;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const phase = (engine: Engine, workNo: number) => engine.centre.agents.get(workNo);

describe('softphone double', () => {
  it('registers with the agent SIP account and password only (403 otherwise)', async () => {
    const { relay } = setup();
    const base = await serve(relay);
    expect((await post(`${base}device/softphone`, { sipAccount: '88880102', sipPwd: 'wrong' })).status).toBe(403);
    const ok = await post(`${base}device/softphone`, { sipAccount: '88880102', sipPwd: 'sip-bob-52' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ workNo: 102, name: 'Bob Meyer' });
  });

  it('requireSoftphone: a softphone agent signed in without one is busy (reason 5) and not offered calls; registering makes it ready and the call rings', () => {
    const { engine, relay } = setup();
    engine.agentStates.signIn(102, false);
    expect(phase(engine, 102)).toMatchObject({ phase: 'busy', busyReason: 5 });
    const { callId } = engine.routing.injectCall({ caller: '1', called: '66881' });
    expect(engine.centre.calls.get(callId)).toMatchObject({ state: 'queued' });
    const { deviceToken } = relay.devices.registerSoftphone('88880102', 'sip-bob-52');
    expect(engine.centre.calls.get(callId)).toMatchObject({ state: 'ringing', workNo: 102 });
    const device = relay.devices.device(deviceToken);
    expect(relay.devices.view(device).call).toMatchObject({ callId, state: 'ringing', side: 'agent', media: 'audio' });
    relay.devices.answer(device, callId);
    expect(engine.centre.calls.get(callId)).toMatchObject({ state: 'talking' });
    // Dropped mid-call: the call ends and the agent is busy again for want of a phone.
    relay.devices.unregister(device);
    expect(engine.centre.calls.get(callId)).toMatchObject({ state: 'released', endReason: 'agent hung up' });
    expect(phase(engine, 102)).toMatchObject({ phase: 'busy', busyReason: 5 });
  });

  it('without requireSoftphone the softphone agent is offered calls as before', () => {
    const { engine } = setup(false);
    engine.agentStates.signIn(102, false);
    expect(phase(engine, 102)?.phase).toBe('idle');
  });

  it('a device that stops polling is dropped with its call', async () => {
    const { engine, relay } = setup();
    const { deviceToken } = relay.devices.registerSoftphone('88880102', 'sip-bob-52');
    engine.agentStates.signIn(102, false);
    const { callId } = engine.routing.injectCall({ caller: '1', called: '66881' });
    relay.devices.answer(relay.devices.device(deviceToken), callId);
    // Waited for, not slept on: the desk looks once a second, so the drop comes up to a second after
    // DEVICE_GONE_MS, later still when a loaded machine delays that look.
    await vi.waitFor(() => expect(engine.centre.calls.get(callId)?.state).toBe('released'), { timeout: DEVICE_GONE_MS + 5_000, interval: 100 });
    expect(() => relay.devices.device(deviceToken)).toThrow(/registered device/);
  }, 15_000);
});

describe('phone lines', () => {
  it('a pstn agent number makes the line that agent phone; answering connects the agent', () => {
    const { engine, relay } = setup();
    const line = relay.devices.registerLine('13800000103');
    expect(line).toMatchObject({ workNo: 103, name: 'Carol Diaz' });
    engine.agentStates.signIn(103, false);
    const { callId } = engine.routing.injectCall({ caller: '1', called: '66882' });
    const device = relay.devices.device(line.deviceToken);
    relay.devices.answer(device, callId);
    expect(engine.centre.calls.get(callId)).toMatchObject({ state: 'talking', workNo: 103 });
    relay.devices.hangup(device, callId);
    expect(engine.centre.calls.get(callId)?.state).toBe('released');
  });

  it("a customer's line rings for a call-out to its number and answers as the customer; the relay then says a phone is on the line", () => {
    const { engine, relay } = setup();
    const line = relay.devices.registerLine('13900000009');
    expect(line.workNo).toBeNull();
    engine.agentStates.signIn(101, false);
    const out = engine.callControl.callout(101, { called: '13900000009', mediaability: 1 });
    const callId = out.result ?? '';
    const device = relay.devices.device(line.deviceToken);
    expect(relay.devices.view(device).call).toMatchObject({ callId, state: 'dialing', side: 'customer', media: 'video' });
    expect(relay.read(callId, 'agent', 0).peer).toBe('virtual');
    relay.devices.answer(device, callId);
    expect(engine.centre.calls.get(callId)?.state).toBe('talking');
    expect(relay.read(callId, 'agent', 0)).toMatchObject({ peer: 'phone', media: 'video' });
  });

  it("the relay accepts a device token only for its own side of its own call", async () => {
    const { engine, relay } = setup();
    const base = await serve(relay);
    const carol = relay.devices.registerLine('13800000103');
    const stranger = relay.devices.registerLine('13900000077');
    engine.agentStates.signIn(103, false);
    const { callId } = engine.routing.injectCall({ caller: '1', called: '66882' });
    const as = (token: string) => ({ [DEVICE_TOKEN_HEADER]: token });
    expect((await fetch(`${base}${callId}/agent?wait=0`, { headers: as(carol.deviceToken) })).status).toBe(200);
    expect((await fetch(`${base}${callId}/agent?wait=0`, { headers: as(stranger.deviceToken) })).status).toBe(401);
    expect((await fetch(`${base}${callId}/customer?wait=0`, { headers: as(carol.deviceToken) })).status).toBe(401);
    expect((await fetch(`${base}device/poll`)).status).toBe(401);
    const poll = await fetch(`${base}device/poll`, { headers: as(carol.deviceToken) });
    expect(await poll.json()).toMatchObject({ registered: true, call: { callId, state: 'ringing', side: 'agent' } });
  });
});
