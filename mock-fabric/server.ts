/** `startMockFabric`: wires the engine, API Fabric, loader, pages, gateway and control into one HTTP server. */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import type { Clock } from '../src/server/clock.js';
import { createControl, handleControlHttp, type MockControl } from './control.js';
import { Engine } from './engine.js';
import { FabricApi } from './fabric-api.js';
import { Faults, type FaultConfig } from './faults.js';
import { Gateway } from './gateway.js';
import { HttpError, httpOrigin, listen, sendJson, sendText } from '../src/server/http-io.js';
import { findPackageRoot } from '../src/server/package-root.js';
import { handleLoader, LOADER_PATH, TicketBook } from './loader.js';
import { pageMounts, servePage } from './static-pages.js';
import { loadTenant, type TenantConfig } from './tenant.js';
import { SignalRelay, SIGNAL_PREFIXES } from './signalling.js';
import { allowedHostSet, guardControlRequest, isControlSurface } from './control-guard.js';
import { createConfigApi } from './config-api/index.js';
import { exportTenant } from './config-api/tenant-export.js';
import { handleTenantControl } from './config-api/control-http.js';
import { DirectoryFeed } from './config-api/directory-feed.js';
import { CmsApi } from './cms/cms-api.js';
import { MovableClock } from './movable-clock.js';
import { handleClockHttp } from './clock-control.js';
import { handleScenarioHttp } from './scenario-control.js';

/**
 * Options of `startMockFabric`.
 *
 * @example
 * ```ts
 * import { startMockFabric, type MockFabricOptions } from 'cec-bar-host/mock-fabric';
 * const options: MockFabricOptions = { port: 8443, validateUrl: 'http://127.0.0.1:3000/cec/validate', faults: { rules: [{ path: '^/apiaccess/', latencyMs: 500 }] } };
 * const fabric = await startMockFabric(options);
 * ```
 */
export interface MockFabricOptions {
  /**
   * The port to listen on; 0 = any free port.
   * @default 0
   */
  readonly port?: number;
  /**
   * The interface to bind.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * A tenant object or a tenant JSON file path.
   * @default the package's mock-fabric/tenants/default.json
   */
  readonly tenant?: string | TenantConfig | unknown;
  /** Enterprise verification API the bar loader calls (docs/cec-reference.md §4); required unless `trustTokens`. */
  readonly validateUrl?: string;
  /**
   * Skip the verification call and trust every bar token (QA convenience).
   * @default false
   */
  readonly trustTokens?: boolean;
  /**
   * Faults active from the start.
   * @default none
   */
  readonly faults?: FaultConfig;
  /**
   * Injected time (tests fake the 10 s poll, 2-minute sign-out, ring timeouts, token expiry).
   * @default a `MovableClock` at `timeScale` (real time that `control.advance` can move)
   */
  readonly clock?: Clock;
  /**
   * Simulated milliseconds per wall millisecond of the default clock (docs/qa.md "The clock"); not with `clock`.
   * @default 1
   */
  readonly timeScale?: number;
  /**
   * Ring timeout for offered calls, in ms.
   * @default MOCK_CHOICES.ringTimeoutMs (15 000)
   */
  readonly ringTimeoutMs?: number;
  /**
   * Ended calls kept for `/__mock/state`, the newest; live calls are always kept.
   * @default MOCK_CHOICES.endedCallHistory (500)
   */
  readonly endedCallHistory?: number;
  /**
   * Test hook: bars expose `window.__ccbarMediaStats()` (media packets and levels).
   * @default false
   */
  readonly mediaTestHooks?: boolean;
  /**
   * Where the built pages live.
   * @default the package's dist/mock-fabric
   */
  readonly distDir?: string;
  /**
   * `Host` values the QA control (`/__mock/`) answers to; any other gets 403 (a DNS-rebinding page).
   * An entry without a port means the mock's port. Giving the option replaces the default.
   * @default `localhost`, `127.0.0.1`, `[::1]` and the bound `host`, each with the mock's port
   */
  readonly allowedHosts?: readonly string[];
}

/**
 * A running mock, as `startMockFabric` returns it.
 *
 * @example
 * ```ts
 * import { startMockFabric } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const { callId } = fabric.control.injectCall({ caller: '13800138000', called: '66881' });
 * await fabric.close();
 * ```
 */
export interface MockFabric {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The tenant it simulates, validated; the configuration APIs change it in place (`control.tenant()` answers a copy). */
  readonly tenant: TenantConfig;
  /** The QA control: inject calls, hang up as the customer, set faults, read state. */
  readonly control: MockControl;
  /** Close the server: ends long polls, timers and every socket. */
  close(): Promise<void>;
}

/**
 * Start the CEC double: API Fabric, the bar loader and pages, the CC-Gateway, tenant routing and
 * the QA control, on one HTTP server.
 *
 * @param options - Port, tenant, verification URL, faults.
 * @throws TenantError when the tenant file is missing or invalid.
 * @example
 * ```ts
 * import { startMockFabric } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ port: 0, trustTokens: true });
 * console.log(fabric.url); // http://127.0.0.1:<port>/
 * await fabric.close();
 * ```
 */
export async function startMockFabric(options: MockFabricOptions = {}): Promise<MockFabric> {
  if (options.clock && options.timeScale !== undefined) throw new TypeError('give either clock or timeScale, not both');
  const clock = options.clock ?? new MovableClock({ timeScale: options.timeScale ?? 1 });
  const root = findPackageRoot();
  const tenant = loadTenant(options.tenant ?? path.join(root, 'mock-fabric', 'tenants', 'default.json'));
  const engine = new Engine(tenant, clock);
  if (options.ringTimeoutMs !== undefined) engine.centre.ringTimeoutMs = options.ringTimeoutMs;
  if (options.endedCallHistory !== undefined) {
    if (!Number.isSafeInteger(options.endedCallHistory) || options.endedCallHistory < 1) throw new TypeError('endedCallHistory must be a positive integer');
    engine.centre.endedCallHistory = options.endedCallHistory;
  }
  const tickets = new TicketBook(clock);
  const faults = new Faults();
  const config = createConfigApi(engine);
  const { scenarios, ...controlParts } = createControl(engine, faults, () => tickets.clear());
  const control: MockControl = { ...controlParts, tenant: () => exportTenant(tenant) };
  if (options.faults) control.setFaults(options.faults);
  let baseUrl = '';
  // Known once the port is: until then (never in practice) the control answers nobody.
  let allowedHosts: ReadonlySet<string> = new Set();
  const fabricApi = new FabricApi({ tenant: () => tenant, clock, baseUrl: () => baseUrl, moreRoutes: config.routes });
  const tenantControl = { tenant: () => tenant, fabric: fabricApi, directory: new DirectoryFeed(() => baseUrl, () => tenant) };
  const gateway = new Gateway(engine, tickets);
  const relay = new SignalRelay(engine);
  const cmsApi = new CmsApi(engine.centre, tenant);
  const mounts = pageMounts(options.distDir ?? path.join(root, 'dist', 'mock-fabric'));
  const loaderCtx = { tenant: () => tenant, clock, validateUrl: options.validateUrl, trustTokens: options.trustTokens === true, mediaTestHooks: options.mediaTestHooks === true, liveGuid: (workNo: number) => engine.centre.sessions.get(workNo)?.guid };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://mock.invalid');
    } catch {
      throw new HttpError(400, 'malformed request URL');
    }
    const method = req.method ?? 'GET';
    const p = url.pathname;
    if (isControlSurface(p, SIGNAL_PREFIXES)) guardControlRequest(req, p, allowedHosts);
    if (await relay.handle(req, res, url)) return;
    if (p.startsWith('/__mock/')) {
      if (await servePage(mounts, p, method, res)) return;
      if (await handleClockHttp(control, req, res, url)) return;
      if (await handleScenarioHttp(scenarios, req, res, url)) return;
      if (await handleControlHttp(control, req, res, url)) return;
      if (await handleTenantControl(tenantControl, req, res, url)) return;
      throw new HttpError(404, 'no such control path');
    }
    if (await faults.apply(method, p, res)) return;
    if (p === LOADER_PATH) return handleLoader(req, res, loaderCtx, tickets);
    if (await servePage(mounts, p, method, res)) return;
    if (await gateway.handle(req, res, url)) return;
    if (await cmsApi.handle(req, res, p)) return;
    if (await fabricApi.handle(req, res, p)) return;
    if (p === '/' && method === 'GET') return sendText(res, 200, `cec-bar-host mock fabric\nfabric: ${baseUrl}\npanel: ${baseUrl}__mock/panel\nphone: ${baseUrl}__mock/phone\n`);
    throw new HttpError(404, 'not found');
  }

  const sockets = new Set<Socket>();
  // CEC_MOCK_DEBUG=1 logs every 4xx/5xx answer to stderr (debugging client integrations).
  const debug = process.env.CEC_MOCK_DEBUG === '1';
  const server = http.createServer((req, res) => {
    if (debug) res.on('finish', () => res.statusCode >= 400 && console.error(`[mock-fabric] ${res.statusCode} ${req.method ?? ''} ${req.url ?? ''}`));
    route(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        sendJson(res, e.status, e.body ?? { error: e.message }, e.status === 413 ? { Connection: 'close' } : {});
        if (e.status === 413) res.on('finish', () => req.socket.destroy());
        return;
      }
      // A mock bug, not a client mistake.
      console.error('[mock-fabric] internal error', e);
      sendJson(res, 500, { error: 'internal error' });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  // Long polls last ~10 s; give requests room but not forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  const host = options.host ?? '127.0.0.1';
  // A malformed allowedHosts entry throws here, before a server is left listening.
  allowedHostSet(options.allowedHosts, host, options.port ?? 0);
  const port = await listen(server, options.port ?? 0, host);
  baseUrl = `${httpOrigin(host, port)}/`;
  allowedHosts = allowedHostSet(options.allowedHosts, host, port);

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    tenant,
    control,
    close() {
      closing ??= new Promise<void>((resolve) => {
        scenarios.run?.stop();
        relay.dispose();
        tenantControl.directory.stop();
        engine.centre.dispose();
        faults.dispose();
        server.close(() => resolve());
        server.closeIdleConnections();
        // Let answered polls flush, then drop whatever is left.
        setImmediate(() => {
          for (const s of sockets) s.destroy();
        });
      });
      return closing;
    },
  };
}
