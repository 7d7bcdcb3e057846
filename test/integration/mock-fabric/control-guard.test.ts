/**
 * The `/__mock/` control surface refuses what a web page elsewhere could send: POSTs that are not
 * `Content-Type: application/json` (a cross-site form or `text/plain` fetch needs no preflight)
 * get 415, and a `Host` that is not the mock's own (a DNS-rebinding page) gets 403.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { GatewayAgent } from '../../support/mock-client.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

/** A raw request with the Host header chosen by the test (fetch would set its own). */
function rawRequest(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(fabric!.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: url.port, path, method, setHost: false, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ownHost = (): string => `127.0.0.1:${fabric!.port}`;

describe('/__mock/ control: JSON only', () => {
  it('refuses a cross-site text/plain reset with 415 and resets nothing', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const { callId } = fabric.control.injectCall({ caller: '13800000001', called: '66881' });
    const reply = await rawRequest('POST', '/__mock/reset', { Host: ownHost(), 'Content-Type': 'text/plain' }, '{}');
    expect(reply.status).toBe(415);
    expect(fabric.control.state().calls.map((call) => call.callId)).toEqual([callId]);
  });

  it('refuses every control POST without Content-Type application/json, body or not', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77'); // the call rings, so it can be hung up
    const { callId } = fabric.control.injectCall({ caller: '13800000001', called: '66881' });
    const json = JSON.stringify({ caller: '13800000002', called: '66881' });
    expect((await rawRequest('POST', '/__mock/calls', { Host: ownHost(), 'Content-Type': 'text/plain' }, json)).status).toBe(415);
    expect((await rawRequest('POST', '/__mock/faults', { Host: ownHost(), 'Content-Type': 'application/x-www-form-urlencoded' }, 'rules=')).status).toBe(415);
    expect((await rawRequest('POST', `/__mock/calls/${callId}/hangup`, { Host: ownHost() })).status).toBe(415);
    expect((await rawRequest('POST', '/__mock/reset', { Host: ownHost() })).status).toBe(415);
    expect((await rawRequest('POST', '/__mock/signal/dial', { Host: ownHost(), 'Content-Type': 'text/plain' }, json)).status).toBe(415);
    expect(fabric.control.state().calls).toHaveLength(1);
    // The same requests with the JSON type work, also without a body.
    expect((await rawRequest('POST', `/__mock/calls/${callId}/hangup`, { Host: ownHost(), 'Content-Type': 'application/json' })).status).toBe(200);
    expect((await rawRequest('POST', '/__mock/calls', { Host: ownHost(), 'Content-Type': 'application/json; charset=utf-8' }, json)).status).toBe(201);
    expect((await rawRequest('POST', '/__mock/reset', { Host: ownHost(), 'Content-Type': 'application/json' })).status).toBe(200);
    expect(fabric.control.state().calls).toEqual([]);
  });
});

describe('/__mock/ control: the mock’s own Host only', () => {
  it('refuses a rebound host name with 403 on state, events, pages and the signalling relay', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    fabric.control.injectCall({ caller: '13800000001', called: '66881' });
    const evil = `rebind.attacker.example:${fabric.port}`;
    for (const path of ['/__mock/state', '/__mock/events', '/__mock/faults', '/__mock/panel/', '/__mock/phone/', '/__mock/signal/1-1/customer?wait=0']) {
      const reply = await rawRequest('GET', path, { Host: evil });
      expect(reply.status, path).toBe(403);
      expect(reply.text, path).not.toContain('13800000001');
    }
    expect((await rawRequest('POST', '/__mock/reset', { Host: evil, 'Content-Type': 'application/json' })).status).toBe(403);
    expect((await rawRequest('GET', '/__mock/state', { Host: `127.0.0.1:${fabric.port + 1}` })).status).toBe(403);
    expect(fabric.control.state().calls).toHaveLength(1);
  });

  it('accepts the loopback names with the mock’s port by default', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    for (const host of [`127.0.0.1:${fabric.port}`, `localhost:${fabric.port}`, `LOCALHOST:${fabric.port}`, `[::1]:${fabric.port}`]) {
      expect((await rawRequest('GET', '/__mock/state', { Host: host })).status, host).toBe(200);
    }
  });

  it('accepts exactly the configured allowedHosts (a name alone means the mock’s port)', async () => {
    fabric = await startMockFabric({ trustTokens: true, allowedHosts: ['mock.qa.internal', 'ci-runner:9000'] });
    expect((await rawRequest('GET', '/__mock/state', { Host: `mock.qa.internal:${fabric.port}` })).status).toBe(200);
    expect((await rawRequest('GET', '/__mock/state', { Host: 'ci-runner:9000' })).status).toBe(200);
    expect((await rawRequest('GET', '/__mock/state', { Host: `ci-runner:${fabric.port}` })).status).toBe(403);
    expect((await rawRequest('GET', '/__mock/state', { Host: `localhost:${fabric.port}` })).status).toBe(403);
  });

  it('leaves the CEC paths alone (they are reached through proxies with other Host names)', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const reply = await rawRequest('GET', '/agentgateway/resource/onlineagent/101/agentstatus', { Host: 'bar.crm.example' });
    expect(reply.status).toBe(401); // the gateway's own answer: no Guid
  });
});
