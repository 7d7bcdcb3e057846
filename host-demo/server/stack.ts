/**
 * The whole demo on three origins: the CRM (A, 127.0.0.1), the bar shell server (B, 127.0.0.1 on
 * another port: the same site as the CRM, as in production) and the mock fabric (C, 127.0.0.1). The CRM starts first because the mock needs its
 * verification URL; the CRM is then connected to the server kit.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import {
  createAgentDirectory,
  createBarShellServer,
  createBarTokenIssuer,
  createFabricClient,
  createValidateHandler,
  type BarShellServer,
} from '../../src/server/index.js';
import { startCecRecords } from './cec-records-stack.js';
import { startMockFabric, type MockFabric } from '../../mock-fabric/index.js';
import { findPackageRoot } from '../../src/server/package-root.js';
import { startDemoCrm, type DemoCrm } from './crm.js';

export interface DemoStackOptions {
  /** CRM (origin A) port; 0 = any free port. */
  readonly crmPort?: number;
  /** Shell server (origin B) port. */
  readonly shellPort?: number;
  /** Mock fabric (origin C) port. */
  readonly fabricPort?: number;
  /** Tenant JSON file for the mock; default mock-fabric/tenants/default.json. */
  readonly tenantPath?: string;
  /** Built web app; default dist/host-demo/web. */
  readonly webDir?: string;
  /** Seed customers; default host-demo/customers.json. */
  readonly customers?: readonly unknown[];
  /** How often the agent directory re-reads queryAgentInfo (ms). */
  readonly directoryIntervalMs?: number;
  /**
   * Where origin B lives. `'same-site'` (the default, the production layout): 127.0.0.1 like the
   * CRM, another port, so the bar's CEC cookies stay first-party and a reloaded or moved bar
   * resumes the agent's session. `'cross-site'`: `localhost`, another site, which shows what an
   * integrator who hosts the shell elsewhere gets (see docs/troubleshooting.md).
   */
  readonly shellSite?: 'same-site' | 'cross-site';
  /** The SQLite file of the CEC-checked call log; default: one per CRM port in the OS temp folder (a fresh one for port 0). */
  readonly callLogPath?: string;
  /** How often the call log and the queue figures read CC-CMS (ms); default 2000. */
  readonly cmsIntervalMs?: number;
}

export interface DemoStack {
  readonly crm: DemoCrm;
  readonly fabric: MockFabric;
  readonly shell: BarShellServer;
  /** The three origins' entry URLs. */
  readonly urls: { readonly crm: string; readonly shell: string; readonly fabric: string; readonly panel: string; readonly phone: string };
  readonly tenantSpaceId: string;
  close(): Promise<void>;
}

/**
 * Starts the CRM, the mock fabric and the shell server, and wires them together.
 *
 * @example
 * const stack = await startDemoStack({ crmPort: 4100, shellPort: 4200, fabricPort: 4300 });
 * console.log(stack.urls.crm); // http://127.0.0.1:4100
 * await stack.close();
 */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const root = findPackageRoot();
  const customers = options.customers ?? (JSON.parse(readFileSync(`${root}/host-demo/customers.json`, 'utf8')) as unknown[]);

  const closers: (() => Promise<unknown> | unknown)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
  };
  try {
    const crm = await startDemoCrm({ port: options.crmPort ?? 0, webDir: options.webDir ?? `${root}/dist/host-demo/web`, customers });
    closers.push(() => crm.close());
    const fabric = await startMockFabric({ port: options.fabricPort ?? 0, host: '127.0.0.1', validateUrl: crm.validateUrl, ...(options.tenantPath ? { tenant: options.tenantPath } : {}) });
    const tenant = fabric.tenant;
    // Provisioning hands the enterprise its AK/SK; here they come from the mock's tenant file.
    const app = tenant.apps[0];
    if (!app) throw new Error('the tenant has no API Fabric app (apps[0].appKey/appSecret)');
    closers.push(() => fabric.close());
    const shell = await createBarShellServer({ cecOrigin: new URL(fabric.url).origin, hostOrigins: [crm.url], port: options.shellPort ?? 0 });
    closers.push(() => shell.close());

    // The enterprise backend's own CEC plumbing: AK/SK stay here, in the Fabric client.
    const fabricClient = createFabricClient({ baseUrl: fabric.url, appKey: app.appKey, appSecret: app.appSecret });
    const directory = createAgentDirectory({ fabric: fabricClient, intervalMs: options.directoryIntervalMs ?? 30_000 });
    closers.push(() => directory.close());
    const issuer = createBarTokenIssuer({ key: randomBytes(32), ttlSeconds: 120, issuer: crm.url, audience: 'cec-bar', oneTimeUse: true });
    // Same site: in production B is a sub-domain of the CRM's site; here it is another port.
    const shellHost = options.shellSite === 'cross-site' ? 'localhost' : '127.0.0.1';
    const shellBase = shell.url.replace(/\/$/, '').replace('//127.0.0.1:', `//${shellHost}:`);
    const records = startCecRecords({ fabric, directory, sessionUserId: (req) => crm.sessionUserId(req), ...(options.crmPort ? { crmPort: options.crmPort } : {}), ...(options.callLogPath ? { callLogPath: options.callLogPath } : {}), ...(options.cmsIntervalMs ? { intervalMs: options.cmsIntervalMs } : {}) });
    closers.push(() => records.close());
    crm.connect({
      callLog: records.callLog,
      queueMonitor: records.queueMonitor,
      issuer,
      validate: createValidateHandler({ issuer }),
      directory,
      tenantSpaceId: tenant.tenantSpaceId,
      shellUrl: `${shellBase}/shell/shell.html`,
      cecContextPath: `${shellBase}/service-cloud/`,
    });
    await directory.ready;
    const fabricBase = fabric.url.replace(/\/$/, '');
    return {
      crm,
      fabric,
      shell,
      tenantSpaceId: tenant.tenantSpaceId,
      urls: { crm: crm.url, shell: `${shellBase}/shell/shell.html`, fabric: fabricBase, panel: `${fabricBase}/__mock/panel`, phone: `${fabricBase}/__mock/phone` },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
