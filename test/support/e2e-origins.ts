/**
 * The three-origin harness (docs/internal-contracts.md "Origins"): the mock fabric on C
 * (`http://127.0.0.1:<portC>`), the shell server on B (`http://localhost:<portB>`, proxying
 * `/service-cloud/` to C), and a CRM test page on A (`http://127.0.0.1:<portA>/crm.html`) that
 * loads the host bundle and collects every bar event into `window.__events`.
 * Reused by the story, demo and fault tests.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { startMockFabric, type MockFabric, type MockFabricOptions } from '../../mock-fabric/index.js';
import { createBarShellServer, type BarShellServer, type BarShellServerOptions } from '../../src/server/shell-server.js';
import { startTestServer, type TestServer } from './e2e-http.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ThreeOriginsOptions {
  /** Passed to `startMockFabric` (port and host are always 0 / 127.0.0.1). Default `{ trustTokens: true }`. */
  readonly mock?: Omit<MockFabricOptions, 'port' | 'host'>;
  /** Start a verification API on its own port answering this `retCode` and point the mock at it. */
  readonly validateRetCode?: number;
  /**
   * Serve the CRM page as `http://localhost:<portA>` (same site as B, as in production where B is a
   * sub-domain of the CRM's site) instead of `127.0.0.1` (cross-site: B's cookies are third-party).
   */
  readonly sameSiteCrm?: boolean;
  /** Extra shell server options (e.g. `proxyTimeoutMs`). */
  readonly shell?: Partial<Omit<BarShellServerOptions, 'cecOrigin' | 'hostOrigins' | 'port'>>;
}

export interface ThreeOrigins {
  readonly mock: MockFabric;
  readonly shell: BarShellServer;
  readonly crm: TestServer;
  /** The CRM test page on A. */
  readonly crmUrl: string;
  /** `http://localhost:<portB>/shell/shell.html`. */
  readonly shellUrl: string;
  /** `http://localhost:<portB>/service-cloud/`. */
  readonly cecContextPath: string;
  readonly originA: string;
  readonly originB: string;
  readonly originC: string;
  close(): Promise<void>;
}

/** JSON of a value, with errors kept as `{ name, code, message }` (they do not survive JSON.stringify). */
const PAGE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>CRM test page</title><link rel="icon" href="data:,">
<style>#bar { width: 420px; height: 640px; border: 1px solid #ccc; } #bar iframe { width: 100%; height: 100%; display: block; }</style></head>
<body><h1>CRM</h1><div id="bar"></div>
<script type="module">
import * as lib from '/cec-bar-host.mjs';
window.CecBarHostLib = lib;
const plain = (v) => JSON.parse(JSON.stringify(v, (_k, x) => x instanceof Error ? { name: x.name, code: x.code, message: x.message } : x));
window.__events = [];
window.__mount = (opts) => {
  const { token, ...rest } = opts;
  const bar = lib.mountConnectionBar({ container: '#bar', getAccessToken: async () => token, ...rest });
  window.__bar = bar;
  for (const name of ['connection', 'agent.state', 'call.ringing', 'call.dialing', 'call.connected', 'call.ended', 'error']) {
    bar.on(name, (payload) => window.__events.push({ name, payload: plain(payload), at: Date.now() }));
  }
  bar.ready.catch(() => undefined);
  return true;
};
window.__ready = true;
</script></body></html>`;

/** A verification API (docs/cec-reference.md §4) that answers every call with `retCode`. */
async function startValidateStub(retCode: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ retCode, message: retCode === 0 ? 'validate success' : 'token invalid' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/rest/cc-management/v1/thirdparty/thirdPartyValidate`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/**
 * @example
 * const o = await startThreeOrigins();
 * await page.goto(o.crmUrl);
 * await page.evaluate((opts) => window.__mount(opts), mountOptions(o));
 * o.mock.control.injectCall({ caller: '13900000001', called: '66881' });
 * await o.close();
 */
export async function startThreeOrigins(options: ThreeOriginsOptions = {}): Promise<ThreeOrigins> {
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    let validateUrl: string | undefined;
    if (options.validateRetCode !== undefined) {
      const v = await startValidateStub(options.validateRetCode);
      closers.push(v.close);
      validateUrl = v.url;
    }
    const mockOpts: MockFabricOptions = { ...(options.mock ?? {}), port: 0, host: '127.0.0.1' };
    if (validateUrl) Object.assign(mockOpts, { validateUrl, trustTokens: false });
    else if (options.mock?.trustTokens === undefined && options.mock?.validateUrl === undefined) Object.assign(mockOpts, { trustTokens: true });
    const mock = await startMockFabric(mockOpts);
    closers.push(() => mock.close());
    const originC = new URL(mock.url).origin;

    const crm = await startTestServer({
      '/crm.html': { body: PAGE_HTML },
      '/cec-bar-host.mjs': { type: 'text/javascript', body: () => readFileSync(path.join(ROOT, 'dist/host/index.browser.min.mjs')) },
      '/cec-bar-host.umd.js': { type: 'text/javascript', body: () => readFileSync(path.join(ROOT, 'dist/host/cec-bar-host.umd.min.js')) },
    });
    closers.push(() => crm.close());
    const originA = options.sameSiteCrm ? crm.url.replace('127.0.0.1', 'localhost') : crm.url;

    const shell = await createBarShellServer({ ...(options.shell ?? {}), cecOrigin: originC, hostOrigins: [originA], port: 0 });
    closers.push(() => shell.close());
    const originB = shell.url.replace('127.0.0.1', 'localhost');
    return {
      mock, shell, crm,
      crmUrl: `${originA}/crm.html`,
      shellUrl: `${originB}/shell/shell.html`,
      cecContextPath: `${originB}/service-cloud/`,
      originA, originB, originC,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Options for `window.__mount` on the CRM page (serialisable: the token is a string). */
export interface CrmMountOptions {
  readonly shellUrl: string;
  readonly cecContextPath: string;
  readonly tenantSpaceId: string;
  readonly userAccount: string;
  readonly token: string;
  readonly timeouts?: Record<string, number>;
  readonly retry?: Record<string, number>;
}

/**
 * Mount options for the first agent of the mock's tenant (or `userAccount`).
 *
 * @example
 * await page.evaluate((o) => (window as any).__mount(o), crmMountOptions(origins));
 */
export function crmMountOptions(o: ThreeOrigins, over: Partial<CrmMountOptions> = {}): CrmMountOptions {
  return {
    shellUrl: o.shellUrl,
    cecContextPath: o.cecContextPath,
    tenantSpaceId: o.mock.tenant.tenantSpaceId,
    userAccount: o.mock.tenant.agents[0]!.accountCode,
    token: 'enterprise-token-for-tests',
    ...over,
  };
}
