/** Bar loader (docs/internal-contracts.md) with a tiny local verification API, and the page mounts. */
import http from 'node:http';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockFabric, LOADER_PATH, type MockFabric } from '../../../mock-fabric/index.js';
import { barFrameConfigSchema } from '../../../mock-fabric/bar-frame-config.js';
import { request, env } from '../../support/mock-client.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** A verification API that answers `retCode` and records what it was sent. */
async function validateServer(retCode: number): Promise<{ url: string; seen: unknown[] }> {
  const seen: unknown[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(JSON.parse(body));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ retCode, message: retCode === 0 ? 'validate success' : 'token invalid' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  const addr = server.address() as { port: number };
  return { url: `http://127.0.0.1:${addr.port}/rest/cc-management/v1/thirdparty/thirdPartyValidate`, seen };
}

async function start(opts: Parameters<typeof startMockFabric>[0]): Promise<MockFabric> {
  const f = await startMockFabric(opts);
  closers.push(() => f.close());
  return f;
}

const BODY = { access_token: 'crm-token-1', tenantSpaceId: 'mock-tenant-0001', userAccount: 'alice.chen' };

/** Run the loader's script against a minimal fake DOM and return the iframe it made. */
function runScript(script: string, contextPath: string): { name: string; allow: string; src: string } {
  const made: Record<string, string> = {};
  const frame = { style: {}, setAttribute: (k: string, v: string) => (made[k] = v), set name(v: string) { made.name = v; }, set title(_v: string) {}, set src(v: string) { made.src = v; } };
  const doc = { createElement: () => frame, querySelector: () => null, body: { appendChild: () => undefined } };
  const win = { $aicc_ContextPath: contextPath };
  new Function('window', 'document', 'location', 'btoa', 'unescape', script)(win, doc, { origin: 'http://127.0.0.1:5555' }, (s: string) => Buffer.from(s, 'binary').toString('base64'), unescape);
  return { name: made.name ?? '', allow: made.allow ?? '', src: made.src ?? '' };
}

describe('bar loader', () => {
  it('calls validateUrl with the body; retCode 0 → JS that makes the ccbarclient iframe, plus the four cookies', async () => {
    const v = await validateServer(0);
    const f = await start({ validateUrl: v.url });
    const r = await request(f.url, 'POST', LOADER_PATH, { body: BODY });
    expect(r.status).toBe(200);
    expect(v.seen).toEqual([BODY]);
    expect(r.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const cookies = r.headers.getSetCookie().map((c) => c.split('=')[0]);
    expect(cookies.sort()).toEqual(['sum_atime', 'sum_refresh_token', 'sum_sid', 'sum_token']);
    for (const c of r.headers.getSetCookie()) {
      expect(c).toContain('Path=/');
      expect(c).not.toMatch(/Domain=/i);
    }
    const frame = runScript(r.text, 'http://localhost:9000/service-cloud/');
    expect(frame.name).toBe('ccbarclient');
    expect(frame.allow).toBe('microphone; camera; autoplay');
    const [base, hash] = frame.src.split('#cfg=');
    expect(base).toBe('http://localhost:9000/service-cloud/ccdesktop/pages/cc-bar/bar.html');
    const cfg = barFrameConfigSchema.parse(JSON.parse(Buffer.from(hash ?? '', 'base64url').toString('utf8')));
    expect(cfg).toMatchObject({ workNo: 101, userAccount: 'alice.chen', tenantSpaceId: 'mock-tenant-0001', parentOrigin: 'http://127.0.0.1:5555', media: 'webrtc' });
    // The ticket signs the agent in once through the gateway.
    const signIn = await request(f.url, 'PUT', 'service-cloud/agentgateway/resource/onlineagent/101', { body: { password: cfg.ticket, phonenum: '' } });
    expect(env(signIn).retcode).toBe('0');
    const wrongAgent = await request(f.url, 'PUT', 'agentgateway/resource/onlineagent/102', { body: { password: cfg.ticket, phonenum: '' } });
    expect(env(wrongAgent).retcode).toBe('100-004');
  });

  it('the same place (its sum_sid cookie) reloading resumes the live session; another place does not', async () => {
    const f = await start({ trustTokens: true });
    const cfgOf = (r: { text: string }) => {
      const hash = runScript(r.text, 'http://localhost:9000/service-cloud/').src.split('#cfg=')[1] ?? '';
      return barFrameConfigSchema.parse(JSON.parse(Buffer.from(hash, 'base64url').toString('utf8')));
    };
    const first = await request(f.url, 'POST', LOADER_PATH, { body: BODY });
    const sid = first.headers.getSetCookie().find((c) => c.startsWith('sum_sid='))!.split(';')[0]!;
    const signIn = await request(f.url, 'PUT', 'agentgateway/resource/onlineagent/101', { body: { password: cfgOf(first).ticket, phonenum: '' } });
    const guid = signIn.headers.get('set-guid');
    expect(guid).toBeTruthy();
    // Same browser reloading: it keeps its sid and gets the live GUID to resume with.
    const again = await request(f.url, 'POST', LOADER_PATH, { body: BODY, headers: { Cookie: sid } });
    expect(again.headers.getSetCookie().find((c) => c.startsWith('sum_sid='))!.split(';')[0]).toBe(sid);
    expect(cfgOf(again).resumeGuid).toBe(guid);
    // Another browser (no cookie, or another agent's sid): no session handed over.
    expect(cfgOf(await request(f.url, 'POST', LOADER_PATH, { body: BODY })).resumeGuid).toBeUndefined();
    const bob = await request(f.url, 'POST', LOADER_PATH, { body: { ...BODY, userAccount: 'bob.meyer' }, headers: { Cookie: sid } });
    expect(cfgOf(bob).resumeGuid).toBeUndefined();
  });

  it('retCode 1 → 401 JSON with the retCode, and no script', async () => {
    const v = await validateServer(1);
    const f = await start({ validateUrl: v.url });
    const r = await request(f.url, 'POST', LOADER_PATH, { body: BODY });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ retCode: 1 });
    expect(r.headers.getSetCookie()).toEqual([]);
    expect(r.text).not.toContain('ccbarclient');
  });

  it('trustTokens skips the verification call', async () => {
    const v = await validateServer(1);
    const f = await start({ validateUrl: v.url, trustTokens: true });
    expect((await request(f.url, 'POST', LOADER_PATH, { body: BODY })).status).toBe(200);
    expect(v.seen).toEqual([]);
  });

  it('answers 400 for a bad body, 401 for an unknown user or tenant, 502 for an unreachable validator', async () => {
    const f = await start({ validateUrl: 'http://127.0.0.1:9/none' });
    expect((await request(f.url, 'POST', LOADER_PATH, { body: '{oops', headers: { 'Content-Type': 'application/json' } })).status).toBe(400);
    expect((await request(f.url, 'POST', LOADER_PATH, { body: { access_token: 'x' } })).status).toBe(400);
    expect((await request(f.url, 'POST', LOADER_PATH, { body: { ...BODY, userAccount: 'mallory' } })).status).toBe(401);
    expect((await request(f.url, 'POST', LOADER_PATH, { body: { ...BODY, tenantSpaceId: 'other' } })).status).toBe(401);
    expect((await request(f.url, 'POST', LOADER_PATH, { body: BODY })).status).toBe(502);
    expect((await request(f.url, 'GET', LOADER_PATH)).status).toBe(405);
  });
});

describe('pages', () => {
  it('serves built files with a strict CSP, and 503 naming npm run build when missing', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'mockdist-'));
    mkdirSync(path.join(dist, 'bar'));
    writeFileSync(path.join(dist, 'bar', 'bar.html'), '<!doctype html><title>bar</title>');
    writeFileSync(path.join(dist, 'bar', 'bar.js'), 'void 0;');
    const f = await start({ trustTokens: true, distDir: dist });
    const html = await request(f.url, 'GET', 'service-cloud/ccdesktop/pages/cc-bar/bar.html');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await request(f.url, 'GET', 'service-cloud/ccdesktop/pages/cc-bar/bar.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await request(f.url, 'GET', 'service-cloud/ccdesktop/pages/cc-bar/nope.js')).status).toBe(404);
    expect((await request(f.url, 'GET', 'service-cloud/ccdesktop/pages/cc-bar/..%2fpackage.json')).status).toBe(404);
    const panel = await request(f.url, 'GET', '__mock/panel/');
    expect(panel.status).toBe(503);
    expect(panel.text).toContain('npm run build');
    const redirect = await fetch(new URL('__mock/phone', f.url), { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/__mock/phone/']);
  });
});
