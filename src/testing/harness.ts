/**
 * The test page: a bare host page (origin A, 127.0.0.1, any free port) that loads the package's
 * `<script>` build and mounts the bar, for QA that wants the bar under test without a CRM.
 * It records every host event, so a test can assert what a CRM's handlers would receive.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { findPackageRoot } from '../server/package-root.js';

/**
 * What the test page mounts; serialised into the page, so plain data only.
 *
 * @example
 * ```ts
 * import { test, type HarnessMount } from 'cec-bar-host/testing';
 * test('bob.meyer gets a bar too', async ({ page, barHarness, barShell }) => {
 *   const mount: HarnessMount = { ...barShell, userAccount: 'bob.meyer' };
 *   await page.goto(barHarness.pageUrl(mount));
 * });
 * ```
 */
export interface HarnessMount {
  /** `mountConnectionBar({ shellUrl })`. */
  readonly shellUrl: string;
  /** `mountConnectionBar({ cecContextPath })`. */
  readonly cecContextPath: string;
  /** `mountConnectionBar({ tenantSpaceId })`. */
  readonly tenantSpaceId: string;
  /** `mountConnectionBar({ userAccount })`: the agent. */
  readonly userAccount: string;
}

/**
 * A running test page server.
 *
 * @example
 * ```ts
 * import { startBarHarness } from 'cec-bar-host/testing';
 * const harness = await startBarHarness();
 * console.log(harness.origin); // allow it in the shell server's hostOrigins
 * await harness.close();
 * ```
 */
export interface BarHarness {
  /** `http://127.0.0.1:<port>`: the page's origin, which the shell server must allow. */
  readonly origin: string;
  /** The URL of a page that mounts the bar with `mount`. */
  pageUrl(mount: HarnessMount): string;
  /** Stops the server and closes its connections. */
  close(): Promise<void>;
}

const MOUNT_FIELDS = ['shellUrl', 'cecContextPath', 'tenantSpaceId', 'userAccount'] as const;

function mountFromQuery(query: URLSearchParams): HarnessMount | undefined {
  const values = MOUNT_FIELDS.map((field) => query.get(field));
  if (values.some((value) => !value)) return undefined;
  const [shellUrl, cecContextPath, tenantSpaceId, userAccount] = values as string[];
  return { shellUrl: shellUrl!, cecContextPath: cecContextPath!, tenantSpaceId: tenantSpaceId!, userAccount: userAccount! };
}

const SCRIPT_PATH = '/cec-bar-host.umd.min.js';

/** The page: the bar in a 360×600 box (the host's frame fills its container), a connection pill and the list of events received. */
function harnessHtml(mount: HarnessMount): string {
  const config = JSON.stringify(mount).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>cec-bar-host test page</title></head>
<body>
<p>Connection: <span data-testid="connection-state" data-state="connecting">connecting</span></p>
<div id="cec-bar" style="width:360px;height:600px"></div>
<ol data-testid="bar-events"></ol>
<script type="application/json" id="mount-config">${config}</script>
<script src="${SCRIPT_PATH}"></script>
<script>
  const config = JSON.parse(document.getElementById('mount-config').textContent);
  // The mock behind this page trusts every bar token, so any non-empty string will do.
  const bar = CecBarHost.mountConnectionBar({ container: '#cec-bar', ...config, getAccessToken: async () => 'test-page-token' });
  window.cecBar = bar;
  window.cecBarEvents = [];
  const list = document.querySelector('[data-testid="bar-events"]');
  const pill = document.querySelector('[data-testid="connection-state"]');
  for (const name of ['connection', 'agent.state', 'call.ringing', 'call.dialing', 'call.connected', 'call.ended', 'error']) {
    bar.on(name, (payload) => {
      window.cecBarEvents.push({ name, payload: JSON.parse(JSON.stringify(payload)) });
      const item = document.createElement('li');
      item.dataset.event = name;
      item.textContent = name;
      list.append(item);
      if (name === 'connection') { pill.dataset.state = payload.state; pill.textContent = payload.state; }
    });
  }
</script>
</body></html>`;
}

/**
 * Starts the test page server (127.0.0.1, any free port). It serves the built `<script>` bundle,
 * so the package must be built.
 *
 * @example
 * ```ts
 * import { test, startBarHarness } from 'cec-bar-host/testing';
 * test('my own harness', async ({ page, barShell }) => {
 *   const harness = await startBarHarness();
 *   await page.goto(harness.pageUrl({ ...barShell, userAccount: 'alice.chen' }));
 *   await harness.close();
 * });
 * ```
 */
export async function startBarHarness(): Promise<BarHarness> {
  const script = readFileSync(path.join(findPackageRoot(), 'dist', 'host', 'cec-bar-host.umd.min.js'));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
    } else if (url.pathname === SCRIPT_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (url.pathname === '/') {
      const mount = mountFromQuery(url.searchParams);
      if (mount) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(harnessHtml(mount));
      else res.writeHead(400, { 'content-type': 'text/plain' }).end(`the page needs ${MOUNT_FIELDS.join(', ')} in its query`);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (mount) => `${origin}/?${new URLSearchParams({ ...mount }).toString()}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
