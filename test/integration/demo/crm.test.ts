// The demo CRM backend against fake server-kit pieces: sessions, bar tokens, CSP, customers, call log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoCrm, type DemoCrm } from '../../../host-demo/server/crm.js';
import seed from '../../../host-demo/customers.json';

const webDir = mkdtempSync(path.join(tmpdir(), 'crm-web-'));
writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>t</title>');

let crm: DemoCrm;
const issued: { userAccount: string; tenantSpaceId: string }[] = [];
let validated = 0;

beforeEach(async () => {
  issued.length = 0;
  validated = 0;
  crm = await startDemoCrm({ port: 0, webDir, customers: seed });
  crm.connect({
    issuer: { issue: (c) => (issued.push(c), `tok-${c.userAccount}`) },
    validate: (_req, res) => { validated++; res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"retCode":0}'); },
    directory: { ready: Promise.resolve(), byAccountCode: (code) => (code === 'alice.chen' ? { workNo: 101, accountCode: 'alice.chen', sipAccount: 'x', sipPwd: 'y' } : undefined) },
    tenantSpaceId: 'tenant-1',
    shellUrl: 'http://localhost:4999/shell/shell.html',
    cecContextPath: 'http://localhost:4999/service-cloud/',
  });
});
afterEach(() => crm.close());

async function call(method: string, p: string, body?: unknown, cookie?: string) {
  const res = await fetch(crm.url + p, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, headers: res.headers, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}
async function signIn(userId = 'u-alice'): Promise<string> {
  const r = await call('POST', '/api/session', { userId });
  expect(r.status).toBe(200);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

describe('demo CRM backend', () => {
  it('refuses the API before sign-in and bad sign-ins', async () => {
    // "who am I" answers before sign-in too (a 401 would be a console error on the sign-in page)
    const me = await call('GET', '/api/me');
    expect([me.status, me.json]).toEqual([200, { user: null }]);
    expect((await call('GET', '/api/bar-token')).status).toBe(401);
    expect((await call('GET', '/api/customers')).status).toBe(401);
    expect((await call('POST', '/api/session', { userId: 'u-nobody' })).status).toBe(404);
    const bad = await call('POST', '/api/session', { user: 1 });
    expect(bad.status).toBe(400);
    expect(String(bad.json?.error)).toMatch(/userId/);
  });

  it('maps the CRM user to the CEC agent and issues a bar token for that account only', async () => {
    const cookie = await signIn();
    const me = await call('GET', '/api/me', undefined, cookie);
    expect(me.json).toMatchObject({ user: { id: 'u-alice' }, cec: { accountCode: 'alice.chen', workNo: 101 }, tenantSpaceId: 'tenant-1' });
    const tok = await call('GET', '/api/bar-token', undefined, cookie);
    expect(tok.json).toEqual({ accessToken: 'tok-alice.chen', userAccount: 'alice.chen', tenantSpaceId: 'tenant-1' });
    expect(issued).toEqual([{ userAccount: 'alice.chen', tenantSpaceId: 'tenant-1' }]);
    expect(JSON.stringify(tok.json)).not.toMatch(/secret|appKey/i);
  });

  it('gives a user without a CEC agent no token', async () => {
    const cookie = await signIn('u-dave');
    expect((await call('GET', '/api/me', undefined, cookie)).json?.cec).toBeNull();
    const r = await call('GET', '/api/bar-token', undefined, cookie);
    expect(r.status).toBe(409);
    expect(issued).toHaveLength(0);
  });

  it('serves the page with a strict CSP that only frames the shell origin', async () => {
    const res = await fetch(crm.url + '/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('frame-src http://localhost:4999');
    expect(csp).not.toContain('unsafe');
    expect((await fetch(crm.url + '/../package.json')).status).toBe(404);
  });

  it('passes CEC’s verification callback to the validate handler', async () => {
    const r = await call('POST', '/rest/cc-management/v1/thirdparty/thirdPartyValidate', { access_token: 't', tenantSpaceId: 'x', userAccount: 'alice.chen' });
    expect(r.json).toEqual({ retCode: 0 });
    expect(validated).toBe(1);
  });

  it('adds customers, validates them, and finds them by caller number', async () => {
    const cookie = await signIn();
    const bad = await call('POST', '/api/customers', { name: 'X', phone: 'not a number' }, cookie);
    expect(bad.status).toBe(400);
    expect(String(bad.json?.error)).toMatch(/phone/);
    const added = await call('POST', '/api/customers', { name: 'New Person', phone: '13900000000' }, cookie);
    expect(added.status).toBe(201);
    expect((await call('GET', '/api/customers/lookup?number=13900000000', undefined, cookie)).json).toMatchObject({ name: 'New Person' });
    expect((await call('GET', '/api/customers/lookup?number=8613800138001', undefined, cookie)).json).toMatchObject({ name: 'Marta Kowalski' });
    expect((await call('GET', '/api/customers/lookup?number=555', undefined, cookie)).status).toBe(404);
  });

  it('logs each call once, per agent, with notes', async () => {
    const cookie = await signIn();
    const entry = { callId: '1456404043-37', direction: 'inbound', number: '13800138001', outcome: 'completed', endedBy: 'agent', talkMs: 4200, startedAt: Date.now() };
    const first = await call('POST', '/api/calls', entry, cookie);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ customerName: 'Marta Kowalski', outcome: 'completed' });
    const again = await call('POST', '/api/calls', entry, cookie);
    expect(again.json?.id).toBe(first.json?.id);
    expect((await call('POST', '/api/calls', { ...entry, outcome: 'great' }, cookie)).status).toBe(400);
    const noted = await call('PATCH', `/api/calls/${String(first.json?.id)}`, { notes: 'wants a callback' }, cookie);
    expect(noted.json?.notes).toBe('wants a callback');
    expect((await call('GET', '/api/calls', undefined, await signIn('u-bob'))).json).toEqual([]);
  });

  it('lets only the call’s own agent edit its notes (another user gets 404, the notes stay)', async () => {
    const alice = await signIn();
    const entry = { callId: '1456404043-38', direction: 'inbound', number: '13800138001', outcome: 'completed', endedBy: 'agent', talkMs: 1000, startedAt: Date.now() };
    const logged = await call('POST', '/api/calls', entry, alice);
    const id = String(logged.json?.id);
    await call('PATCH', `/api/calls/${id}`, { notes: 'alice wrote this' }, alice);
    const bob = await signIn('u-bob');
    const edited = await call('PATCH', `/api/calls/${id}`, { notes: 'bob was here' }, bob);
    // 404, not 403: another user's call ids are not confirmed to exist.
    expect(edited.status).toBe(404);
    expect(edited.json).toEqual({ error: `no call log entry ${id}` });
    const aliceCalls = (await call('GET', '/api/calls', undefined, alice)).json as unknown as Array<{ id: string; notes: string }>;
    expect(aliceCalls.find((c) => c.id === id)?.notes).toBe('alice wrote this');
    expect((await call('PATCH', `/api/calls/${id}`, { notes: 'no session' })).status).toBe(401);
  });

  it('rejects non-JSON bodies with 415', async () => {
    const res = await fetch(crm.url + '/api/session', { method: 'POST', body: 'userId=u-alice', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
  });

  it('answers 413 to a streamed body over 64 KB', async () => {
    const body = JSON.stringify({ userId: 'x'.repeat(70 * 1024) });
    const stream = new ReadableStream({ start: (controller) => { controller.enqueue(new TextEncoder().encode(body)); controller.close(); } });
    const res = await fetch(crm.url + '/api/session', { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/too large/);
  });

  it('says clearly when a port is taken', async () => {
    const port = Number(new URL(crm.url).port);
    await expect(startDemoCrm({ port, webDir, customers: seed })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
  });
});
