// The shell server's static files carry strong ETags and answer If-None-Match with 304 (keeping
// every security header), so a page that loads them as files (served elsewhere, with shellCsp)
// reuses the browser's cached, compiled copies; the page the server renders inlines them instead.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBarShellServer, type BarShellServer } from '../../../src/server/shell-server.js';
import { fakeShellDir } from '../../support/proxy-upstream.js';

const HOST_A = 'http://127.0.0.1:4000';
const CEC = 'http://127.0.0.1:9';
const servers: BarShellServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(shellDir: string, hostOrigins: readonly string[] = [HOST_A]): Promise<BarShellServer> {
  const server = await createBarShellServer({ cecOrigin: CEC, hostOrigins, port: 0, shellDir });
  servers.push(server);
  return server;
}

/** The headers a 200 and a 304 of the shell's files must both carry. */
function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('content-security-policy')).toContain(`frame-ancestors ${HOST_A}`);
  expect(headers.get('content-security-policy')).toContain("script-src 'self' blob:");
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

describe('createBarShellServer: validators on the shell files', () => {
  it('gives shell.js a strong ETag and no-cache, so the browser revalidates it', async () => {
    const shell = await start(fakeShellDir());
    const res = await fetch(`${shell.url}/shell/shell.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe('console.log("shell")');
  });

  it('answers If-None-Match with its ETag by 304, no body, and every security header', async () => {
    const shell = await start(fakeShellDir());
    const etag = (await fetch(`${shell.url}/shell/shell.js`)).headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await fetch(`${shell.url}/shell/shell.js`, { headers: { 'If-None-Match': ifNoneMatch } });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expectSecurityHeaders(res.headers);
      expect(await res.text()).toBe('');
    }
    const head = await fetch(`${shell.url}/shell/shell.js`, { method: 'HEAD', headers: { 'If-None-Match': etag } });
    expect(head.status).toBe(304);
  });

  it('answers a stale ETag with 200 and the whole file', async () => {
    const shell = await start(fakeShellDir());
    const res = await fetch(`${shell.url}/shell/shell.js`, { headers: { 'If-None-Match': '"not-this-one"' } });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res.headers);
    expect(await res.text()).toBe('console.log("shell")');
  });

  it('gives a changed file a new ETag, and the old ETag then gets the new file', async () => {
    const dir = fakeShellDir();
    const before = await start(dir);
    const oldTag = (await fetch(`${before.url}/shell/shell.js`)).headers.get('etag')!;
    writeFileSync(path.join(dir, 'shell.js'), 'console.log("shell, next deployment")');
    const after = await start(dir);
    const res = await fetch(`${after.url}/shell/shell.js`, { headers: { 'If-None-Match': oldTag } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(oldTag);
    expect(await res.text()).toBe('console.log("shell, next deployment")');
  });

  it('keeps shell.html out of every cache, with no validator (each response has its own nonce)', async () => {
    const shell = await start(fakeShellDir());
    const page = await fetch(`${shell.url}/shell/shell.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('etag')).toBeNull();
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors ${HOST_A}`);
    const again = await fetch(`${shell.url}/shell/shell.html`, { headers: { 'If-None-Match': '*' } });
    expect(again.status).toBe(200);
  });
});
