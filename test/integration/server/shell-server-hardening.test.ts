/**
 * createBarShellServer refuses what a servlet container would read as traversal (`..;`, `.;` and
 * their encodings: 400, never forwarded) and accepts only exact origins in `hostOrigins` and
 * `cecOrigin` (a wildcard would reach the CSP's `frame-ancestors` while the handshake gate matches
 * exactly).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBarShellServer, type BarShellServer } from '../../../src/server/shell-server.js';
import { isFabricError } from '../../../src/protocol/fabric-error.js';
import { fakeShellDir, rawRequest, startUpstream, type HttpUpstream } from '../../support/proxy-upstream.js';

const HOST_A = 'http://127.0.0.1:4000';
let upstream: HttpUpstream;
let shell: BarShellServer;

beforeEach(async () => {
  upstream = await startUpstream();
  shell = await createBarShellServer({ cecOrigin: upstream.origin, hostOrigins: [HOST_A], port: 0, shellDir: fakeShellDir() });
});
afterEach(async () => {
  await shell.close();
  await upstream.close();
});

describe('createBarShellServer: dot segments with path parameters', () => {
  it.each([
    '/service-cloud/..;/apiaccess/rest/x',
    '/service-cloud/..;jsessionid=1/apiaccess/x',
    '/service-cloud/.;/x',
    '/service-cloud/.;a=b/x',
    '/service-cloud/x/..;',
    '/service-cloud/x/..;?q=1',
    '/service-cloud/%2e%2e;/x',
    '/service-cloud/%2E%2e;/x',
    '/service-cloud/.%2E;/x',
    '/service-cloud/..%3b/x',
    '/service-cloud/..%3B/x',
    '/shell/..;/package.json',
  ])('refuses %s with 400 and never forwards it', async (target) => {
    expect((await rawRequest(shell.url, target)).status).toBe(400);
    expect(upstream.seen).toEqual([]);
  });

  it('still forwards a path parameter on an ordinary segment', async () => {
    const reply = await rawRequest(shell.url, '/service-cloud/page;jsessionid=abc/x..y/..z');
    expect(reply.status).toBe(200);
    expect(upstream.seen).toEqual(['GET /service-cloud/page;jsessionid=abc/x..y/..z']);
  });
});

describe('createBarShellServer: exact origins only', () => {
  const options = (overrides: { cecOrigin?: string; hostOrigins?: string[] }) => ({
    cecOrigin: 'http://cec.example',
    hostOrigins: [HOST_A],
    port: 0,
    shellDir: fakeShellDir(),
    ...overrides,
  });

  it.each([
    'https://*',
    'https://*.crm.example',
    'https://crm.example?',
    'https://crm.example#x',
    'https://user@crm.example',
    'https://crm.example/',
    'https://crm.example/app',
    'HTTPS://CRM.EXAMPLE',
    'https://crm.example:443',
    'http://crm.example:80',
    'http://crm.example:99999',
    'ftp://crm.example',
    'https://crm.example.',
    'http://0x7f.1',
    'https://crm.example https://evil.example',
    "'self'",
    '*',
  ])('refuses hostOrigins [%s] with INVALID_OPTIONS', async (origin) => {
    const error = await createBarShellServer(options({ hostOrigins: [origin] })).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(isFabricError(error) && error.code).toBe('INVALID_OPTIONS');
  });

  it.each(['https://*', 'https://cec.example/', 'https://cec.example?x'])('refuses cecOrigin %s with INVALID_OPTIONS', async (origin) => {
    const error = await createBarShellServer(options({ cecOrigin: origin })).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(isFabricError(error) && error.code).toBe('INVALID_OPTIONS');
  });

  it('accepts host names, IPv4 and IPv6 addresses, punycode and explicit ports', async () => {
    const hostOrigins = ['https://crm.example', 'http://127.0.0.1:4000', 'http://[::1]:8080', 'https://xn--bcher-kva.example', 'https://crm-1.example.com:8443'];
    const server = await createBarShellServer(options({ hostOrigins }));
    const csp = (await fetch(`${server.url}/shell/shell.html`)).headers.get('content-security-policy');
    await server.close();
    expect(csp).toContain(`frame-ancestors ${hostOrigins.join(' ')};`);
  });
});
