/**
 * The signalling relay through the enterprise's shell proxy (origin B forwards `/service-cloud/`
 * to the mock): nobody without the agent's gateway session (`Guid`) or the customer phone's own
 * token can set an agent busy, inject a call, hang one up or read its signalling; call ids are
 * unguessable.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { PHONE_TOKEN_HEADER } from '../../../mock-fabric/signal-wire.js';
import { GUID_HEADER } from '../../../src/protocol/index.js';
import { createBarShellServer, type BarShellServer } from '../../../src/server/shell-server.js';
import { GatewayAgent, request, type RawReply } from '../../support/mock-client.js';
import { fakeShellDir } from '../../support/proxy-upstream.js';

let fabric: MockFabric;
let shell: BarShellServer;
let alice: GatewayAgent;
let bob: GatewayAgent;

beforeEach(async () => {
  fabric = await startMockFabric({ trustTokens: true });
  shell = await createBarShellServer({ cecOrigin: new URL(fabric.url).origin, hostOrigins: ['http://127.0.0.1:1'], port: 0, shellDir: fakeShellDir() });
  alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
  bob = await GatewayAgent.signIn(fabric.url, 102, 'bob-pass-88');
});
afterEach(async () => {
  await shell.close();
  await fabric.close();
});

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** A request to the relay through origin B's proxy, as a page on B (or anyone who reaches B) sends it. */
function viaProxy(method: string, tail: string, headers: Record<string, string> = {}, body?: unknown): Promise<RawReply> {
  return request(`${shell.url}/service-cloud/__mock/signal/`, method, tail, { headers: { ...JSON_TYPE, ...headers }, ...(body === undefined ? {} : { body }) });
}

/** A customer phone page dials (on the mock's own origin); returns the call and the phone's token. */
async function phoneDials(): Promise<{ callId: string; phoneToken: string }> {
  const reply = await request(fabric.url, 'POST', '/__mock/signal/dial', { body: { caller: '13900000001', called: '66881' } });
  expect(reply.status).toBe(201);
  return reply.json as { callId: string; phoneToken: string };
}

const phaseOf = (workNo: number): string | undefined => fabric.control.state().agents.find((agent) => agent.workNo === workNo)?.phase;
const callState = (callId: string): string | undefined => fabric.control.state().calls.find((call) => call.callId === callId)?.state;

describe('signalling relay through the shell proxy', () => {
  it('sets no agent busy without that agent’s own Guid', async () => {
    expect((await viaProxy('POST', 'agent/101/phone', {}, { available: false })).status).toBe(401);
    expect((await viaProxy('POST', 'agent/101/phone', { [GUID_HEADER]: 'f'.repeat(32) }, { available: false })).status).toBe(401);
    expect((await viaProxy('POST', 'agent/101/phone', { [GUID_HEADER]: bob.guid }, { available: false })).status).toBe(401);
    expect(phaseOf(101)).toBe('idle');
    const own = await viaProxy('POST', 'agent/101/phone', { [GUID_HEADER]: alice.guid }, { available: false, why: 'no microphone' });
    expect([own.status, own.json]).toEqual([200, { busy: true }]);
    expect(phaseOf(101)).toBe('busy');
  });

  it('injects no call: dialling is the phone page’s, on the mock’s own origin only', async () => {
    const dialled = await viaProxy('POST', 'dial', {}, { caller: '13900000001', called: '66881' });
    expect(dialled.status).toBe(404);
    expect(fabric.control.state().calls).toEqual([]);
  });

  it('hangs up no call without the phone’s token', async () => {
    const { callId, phoneToken } = await phoneDials();
    expect(callState(callId)).toBe('ringing');
    expect((await viaProxy('POST', `${callId}/hangup`)).status).toBe(401);
    expect(phoneToken).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect((await viaProxy('POST', `${callId}/hangup`, { [PHONE_TOKEN_HEADER]: 'x'.repeat(32) })).status).toBe(401);
    expect((await viaProxy('POST', `${callId}/hangup`, { [GUID_HEADER]: alice.guid })).status).toBe(401);
    expect(callState(callId)).toBe('ringing');
    expect((await request(fabric.url, 'POST', `/__mock/signal/${callId}/hangup`, { headers: { ...JSON_TYPE, [PHONE_TOKEN_HEADER]: phoneToken } })).status).toBe(200);
    expect(callState(callId)).toBe('released');
  });

  it('lets only the call’s agent and its phone use the mailboxes', async () => {
    const { callId, phoneToken } = await phoneDials();
    const offer = { type: 'offer', sdp: 'v=0' };
    expect((await viaProxy('POST', `${callId}/agent`, {}, offer)).status).toBe(401);
    expect((await viaProxy('POST', `${callId}/agent`, { [GUID_HEADER]: bob.guid }, offer)).status).toBe(403);
    expect((await viaProxy('GET', `${callId}/agent?wait=0`)).status).toBe(401);
    expect((await viaProxy('GET', `${callId}/customer?wait=0`)).status).toBe(401);
    expect((await viaProxy('POST', `${callId}/customer`, { [GUID_HEADER]: alice.guid }, { type: 'bye' })).status).toBe(401);
    expect((await viaProxy('POST', `${callId}/agent`, { [GUID_HEADER]: alice.guid }, offer)).status).toBe(200);
    const read = await request(fabric.url, 'GET', `/__mock/signal/${callId}/customer?wait=0`, { headers: { [PHONE_TOKEN_HEADER]: phoneToken } });
    expect([read.status, (read.json as { messages: unknown[] }).messages]).toEqual([200, [{ seq: 1, message: offer }]]);
  });
});

describe('call ids', () => {
  it('keep CEC’s "<epoch seconds>-<digits>" shape and cannot be guessed from the previous one', async () => {
    const ids = Array.from({ length: 20 }, () => fabric.control.injectCall({ caller: '13900000001', called: '66881' }).callId);
    const epoch = Math.floor(Date.now() / 1000);
    for (const id of ids) {
      expect(id).toMatch(/^\d{10}-\d{19}$/);
      expect(Math.abs(Number(id.split('-')[0]) - epoch)).toBeLessThan(5);
    }
    const tails = ids.map((id) => BigInt(id.split('-')[1]!));
    expect(new Set(tails).size).toBe(ids.length);
    // No step between neighbours repeats: not a counter, nor a counter with a fixed stride.
    const steps = new Set(tails.slice(1).map((tail, index) => tail - tails[index]!));
    expect(steps.size).toBe(ids.length - 1);
  });
});
