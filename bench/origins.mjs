// The bench's three origins, from the built package (dist/): the CRM bench page (A, 127.0.0.1,
// also the enterprise token + verification endpoints), the shell server (B) and the mock fabric
// (C, 127.0.0.1); plus two plain static origins for the raw-relay baseline. The shell server is
// reached two ways: as localhost (B cross-site from A: its own renderer process; what the test
// suites use) and as 127.0.0.1 on its own port (B same-site as A, another origin: the production
// layout of docs/integration.md, which the mount bench measures first).
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startStaticServer } from './lib.mjs';

const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href);
const page = (f) => path.join(ROOT, 'bench/pages', f);

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port })));
}

function closeServer(server) {
  return new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); });
}

async function readJson(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return {};
  }
}

/**
 * Starts everything; resolves with the URLs the browser benches need and `close()`.
 * @param {{ userAccount?: string, files?: Record<string, string>, trustTokens?: boolean, tokenTtlSeconds?: number }} [opts]
 *   `files`: extra files origin A serves (path → file), e.g. a test page.
 */
export async function startBenchOrigins(opts = {}) {
  const { startMockFabric } = await dist('mock-fabric/index.mjs');
  const server = await dist('server/index.mjs');
  const userAccount = opts.userAccount ?? 'alice.chen';

  const issuer = server.createBarTokenIssuer({ key: 'bench-signing-key-0123456789abcdef0123456789', ttlSeconds: opts.tokenTtlSeconds ?? 600, issuer: 'bench-crm', audience: 'cec', clockToleranceSeconds: 0 });
  /** Fault switch for the suites: the verification endpoint drops every connection. */
  let validateDown = false;
  const validate = server.createValidateHandler({ issuer });

  // Origin A: bench page, host bundle, token endpoint, verification endpoint.
  let tenantSpaceId;
  const files = {
    ...opts.files, '/host.html': page('host.html'), '/host.js': page('host.js'), '/host.mjs': path.join(ROOT, 'dist/host/index.browser.min.mjs'),
    '/protocol.mjs': path.join(ROOT, 'dist/protocol/browser.min.mjs'),
  };
  /** A's own `/service-cloud/` proxy to C, for CEC's official integration run in the CRM page (no shell). */
  let proxyToCec;
  const a = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/validate') return validateDown ? void req.socket.destroy() : validate(req, res);
    if (url.pathname.startsWith('/service-cloud/') && proxyToCec) return proxyToCec(req, res, req.url ?? '/');
    if (url.pathname === '/token' && req.method === 'POST') {
      const body = await readJson(req);
      const token = await issuer.issue({ userAccount: body.userAccount ?? userAccount, tenantSpaceId });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: token }));
      return;
    }
    const file = files[url.pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript', 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  const hostOrigin = `http://127.0.0.1:${a.port}`;

  // Origin C: the mock fabric, calling A back to verify tokens.
  const mock = await startMockFabric({ port: 0, host: '127.0.0.1', validateUrl: `${hostOrigin}/validate`, trustTokens: opts.trustTokens ?? false });
  tenantSpaceId = mock.tenant.tenantSpaceId;
  proxyToCec = server.createProxyHandler({ upstreamOrigin: new URL(mock.url).origin });

  // Origin B: the shell server, proxying /service-cloud/ to C.
  const shell = await server.createBarShellServer({ cecOrigin: new URL(mock.url).origin, hostOrigins: [hostOrigin], port: 0, host: '127.0.0.1' });
  const shellPort = new URL(shell.url).port;
  const shellOrigin = `http://localhost:${shellPort}`;
  const sameSiteShellOrigin = `http://127.0.0.1:${shellPort}`;

  // Origin B': the same shell server with the floor shell page (bench/pages/floor-shell.js) in place
  // of the real one: the mount bench's reference for what the path costs when the shell checks nothing.
  const floorDir = mkdtempSync(path.join(os.tmpdir(), 'cec-floor-shell-'));
  for (const name of ['shell.html', 'shell.css']) copyFileSync(path.join(ROOT, 'dist/frame/shell', name), path.join(floorDir, name));
  copyFileSync(page('floor-shell.js'), path.join(floorDir, 'shell.js'));
  const floorShell = await server.createBarShellServer({ cecOrigin: new URL(mock.url).origin, hostOrigins: [hostOrigin], port: 0, host: '127.0.0.1', shellDir: floorDir });
  const floorShellPort = new URL(floorShell.url).port;
  const floorShellOrigin = `http://localhost:${floorShellPort}`;

  // Raw-relay baseline, laid out like the real path: the bar is loaded through B's proxy, so the
  // bar and the shell share origin B (localhost); the relay and its source share one localhost origin.
  const relay = await startStaticServer({ '/relay.html': page('relay.html'), '/relay.js': page('relay.js'), '/source.html': page('source.html'), '/sender.js': page('sender.js') });

  /** The bench page's mount options against the shell server at `origin`. */
  const mountConfigAt = (origin) => ({
    shellUrl: `${origin}/shell/`,
    cecContextPath: `${origin}/service-cloud/`,
    tenantSpaceId,
    userAccount,
    tokenUrl: `${hostOrigin}/token`,
  });
  return {
    hostUrl: `${hostOrigin}/host.html`,
    hostOrigin,
    shellOrigin,
    mock,
    shell,
    mountConfig: mountConfigAt(shellOrigin),
    /** The same mount, with the floor shell page (bench/pages/floor-shell.js) on origin B'. */
    floorMountConfig: mountConfigAt(floorShellOrigin),
    /** Both, with B on the CRM's host name (same site, another origin): the production layout. */
    sameSite: { mountConfig: mountConfigAt(sameSiteShellOrigin), floorMountConfig: mountConfigAt(`http://127.0.0.1:${floorShellPort}`) },
    rawRelayUrl: `http://localhost:${relay.port}/relay.html`,
    rawRelayOrigin: `http://localhost:${relay.port}`,
    rawSourceUrl: `http://localhost:${relay.port}/source.html`,
    setValidateDown(down) {
      validateDown = down;
    },
    async close() {
      await Promise.allSettled([relay.close(), shell.close(), floorShell.close(), mock.close(), closeServer(a.server)]);
      rmSync(floorDir, { recursive: true, force: true });
    },
  };
}
