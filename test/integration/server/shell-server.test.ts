import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { createBarShellServer, type BarShellServer } from '../../../src/server/shell-server.js';
import { rewriteSetCookie } from '../../../src/server/proxy.js';
import { isFabricError } from '../../../src/protocol/fabric-error.js';
import { fakeShellDir, rawRequest, startUpstream, type HttpUpstream } from '../../support/proxy-upstream.js';

const HOST_A = 'http://127.0.0.1:4000';
let upstream: HttpUpstream;
let shell: BarShellServer;

beforeEach(async () => {
  upstream = await startUpstream();
  shell = await createBarShellServer({ cecOrigin: upstream.origin, hostOrigins: [HOST_A, 'https://crm.example'], port: 0, shellDir: fakeShellDir(), proxyTimeoutMs: 2000 });
});
afterEach(async () => {
  await shell.close();
  await upstream.close();
});

describe('createBarShellServer: the shell page', () => {
  it('serves shell.html with the strict CSP and the host origins written into the page', async () => {
    const res = await fetch(`${shell.url}/shell/shell.html`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    // The page's script and stylesheet are inline under this response's nonce; no blob:, no unsafe-inline.
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})'(;|$)/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toContain('blob:');
    expect(csp).toContain(`frame-src 'self' ${upstream.origin}`);
    expect(csp).toContain(`frame-ancestors ${HOST_A} https://crm.example`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    const json = /id="cec-shell-config">([^<]*)</.exec(html)?.[1];
    expect(JSON.parse(json ?? 'null')).toEqual({ hostOrigins: [HOST_A, 'https://crm.example'] });
    expect(html).toContain(`<style nonce="${nonce}">body { margin: 0 }</style>`);
    expect(html).toContain(`<script nonce="${nonce}">console.log("shell")</script>`);
    expect(html).not.toContain('src="shell.js"');
    // The files stay available, under the CSP of a page that loads them as files.
    const js = await fetch(`${shell.url}/shell/shell.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toContain("script-src 'self' blob:");
  });

  it('gives every response of the page a nonce of its own', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${shell.url}/shell/`);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1] ?? '';
      expect(await res.text()).toContain(`<script nonce="${nonce}">`);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(20);
  });

  it('binds 127.0.0.1 by default', () => {
    expect(new URL(shell.url).hostname).toBe('127.0.0.1');
  });

  it.each(['/', '/index.html', '/etc/passwd', '/shell/nope.js', '/servicecloud/x'])('answers %s with 404', async (target) => {
    expect((await rawRequest(shell.url, target)).status).toBe(404);
    expect(upstream.seen).toEqual([]);
  });

  it.each([
    '/shell/../package.json', '/shell/%2e%2e/package.json', '/service-cloud/../secret', '/service-cloud/%2e%2e/secret',
    '/service-cloud/%2E%2E/secret', '/shell/./shell.html', '/service-cloud/a%2fb', '/service-cloud/a%5cb', '/service-cloud/a\\b',
    '//evil.example/service-cloud/x', 'http://evil.example/service-cloud/x',
  ])('refuses %s with 400 and never forwards it', async (target) => {
    expect((await rawRequest(shell.url, target)).status).toBe(400);
    expect(upstream.seen).toEqual([]);
  });

  it('rejects bad options with a typed INVALID_OPTIONS error', async () => {
    const cases = [
      { cecOrigin: 'not a url', hostOrigins: [HOST_A], port: 0 },
      { cecOrigin: 'http://c.example', hostOrigins: [], port: 0 },
      { cecOrigin: 'http://c.example', hostOrigins: ["http://a.example 'unsafe-inline'"], port: 0 },
      { cecOrigin: 'http://c.example', hostOrigins: [HOST_A], port: 70000 },
      { cecOrigin: 'http://c.example', hostOrigins: [HOST_A], port: 0, shellDir: '/nonexistent' },
    ];
    for (const opts of cases) {
      const err = await createBarShellServer(opts).then(() => null, (e: unknown) => e);
      expect(isFabricError(err) && err.code === 'INVALID_OPTIONS').toBe(true);
    }
  });
});

describe('createBarShellServer: the /service-cloud/ proxy', () => {
  it('forwards method, path, query, body and CEC’s cookies, and strips Domain from Set-Cookie', async () => {
    let got: { method?: string; url?: string; cookie?: string; body?: string; host?: string } = {};
    upstream.handle((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        got = { method: req.method, url: req.url, cookie: req.headers.cookie, body, host: req.headers.host };
        res.setHeader('Set-Cookie', ['sum_sid=abc; Path=/; Domain=cec.example; HttpOnly', 'sum_token=t1; Path=/; domain=.cec.example']);
        res.setHeader('Content-Type', 'application/javascript');
        res.end('/* bar */');
      });
    });
    const big = 'x'.repeat(1024 * 1024);
    const res = await fetch(`${shell.url}/service-cloud/ccdesktop/pages/cc-bar/js/ccbarclient.js?a=1&b=2`, {
      method: 'POST',
      headers: { Cookie: 'sum_atime=1; crm_session=2', 'Content-Type': 'application/json' },
      body: JSON.stringify({ big }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('/* bar */');
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/service-cloud/ccdesktop/pages/cc-bar/js/ccbarclient.js?a=1&b=2');
    expect(got.cookie).toBe('sum_atime=1'); // CEC's cookies only (proxy-cookies.test.ts)
    expect(got.body).toBe(JSON.stringify({ big }));
    expect(got.host).toBe(new URL(upstream.origin).host);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toEqual(['sum_sid=abc; Path=/; HttpOnly', 'sum_token=t1; Path=/']);
    expect(res.headers.get('content-type')).toBe('application/javascript');
    expect(res.headers.get('content-security-policy')).toBeNull(); // the shell's CSP is for /shell/ only
  });

  it('keeps upstream statuses (401 from CEC reaches the shell as 401)', async () => {
    upstream.handle((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"retCode":2,"message":"invalid"}');
    });
    const res = await fetch(`${shell.url}/service-cloud/x`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ retCode: 2, message: 'invalid' });
  });

  it('streams the response: the first chunk arrives before the upstream has finished', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    upstream.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('first;');
      void released.then(() => res.end('second'));
    });
    const res = await fetch(`${shell.url}/service-cloud/stream`);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first;');
    release();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe('second');
  });

  it('carries a long poll that answers after a pause shorter than the proxy timeout', async () => {
    upstream.handle((_req, res) => {
      setTimeout(() => res.end('{"retcode":"0","event":null}'), 1200);
    });
    const t0 = Date.now();
    const res = await fetch(`${shell.url}/service-cloud/agentgateway/resource/agentevent/101`);
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1150);
    expect(await res.text()).toBe('{"retcode":"0","event":null}');
  });

  it('answers 504 when the upstream stays silent longer than proxyTimeoutMs', async () => {
    upstream.handle(() => undefined); // never answers
    const t0 = Date.now();
    const res = await fetch(`${shell.url}/service-cloud/agentgateway/resource/agentevent/101`);
    expect(res.status).toBe(504);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    expect((await res.json()).error).toBe('GATEWAY_TIMEOUT');
  });

  it('answers 502 when the upstream is down', async () => {
    await upstream.close();
    const res = await fetch(`${shell.url}/service-cloud/anything`);
    expect(res.status).toBe(502);
    expect((await res.json()).error).toBe('BAD_GATEWAY');
    upstream = await startUpstream(); // for afterEach
  });

  it('does not forward hop-by-hop headers', async () => {
    let headers: http.IncomingHttpHeaders = {};
    upstream.handle((req, res) => {
      headers = req.headers;
      res.end();
    });
    await rawGetWithHeaders(shell.url, '/service-cloud/h', 'Connection: close, X-Secret-Hop\r\nX-Secret-Hop: 1\r\nProxy-Authorization: Basic abc\r\nX-Kept: yes\r\n');
    expect(headers['x-kept']).toBe('yes');
    expect(headers['x-secret-hop']).toBeUndefined();
    expect(headers['proxy-authorization']).toBeUndefined();
    expect(headers['x-forwarded-host']).toBe('x');
  });
});

describe('rewriteSetCookie', () => {
  it('drops only the Domain attribute', () => {
    expect(rewriteSetCookie('a=b; Domain=x.example; Path=/; Secure')).toBe('a=b; Path=/; Secure');
    expect(rewriteSetCookie('a=b')).toBe('a=b');
    expect(rewriteSetCookie('domain=keep; Path=/')).toBe('domain=keep; Path=/');
  });
});

function rawGetWithHeaders(url: string, target: string, headers: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname, () => sock.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n${headers}\r\n`));
    sock.on('data', () => undefined);
    sock.on('end', () => resolve());
    sock.on('error', reject);
  });
}
