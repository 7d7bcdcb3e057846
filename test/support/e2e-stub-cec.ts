/**
 * A minimal CEC stand-in for testing the shell on its own (before or without the mock fabric):
 * the loader POST (token check, `sum_*` cookies, a script that appends the `ccbarclient` frame) and
 * a bare bar page whose test hooks let a test see what the shell sent and post events back.
 */
import type { IncomingMessage } from 'node:http';
import { startTestServer, type TestServer } from './e2e-http.js';

export type StubLoaderMode = 'ok' | 'reject' | 'error500' | 'throw' | 'noframe';

export interface StubCec extends TestServer {
  /** How the next loader POSTs answer. */
  mode: StubLoaderMode;
  /** `allow` the script puts on the bar frame; null leaves it off (to test the shell's fix-up). */
  barAllow: string | null;
  /** Bodies of every loader POST. */
  readonly loads: unknown[];
}

const LOADER = '/service-cloud/ccdesktop/pages/cc-bar/js/ccbarclient.js';
const BAR = '/service-cloud/ccdesktop/pages/cc-bar/bar.html';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (d) => (s += d));
    req.on('end', () => resolve(s));
  });
}

// The bar page: checks source and origin like the real contract, records commands, exposes __emit.
const BAR_PAGE = `<!doctype html><html><body><div id="ccbar">stub bar</div><script>
const cfg = JSON.parse(atob(location.hash.slice('#cfg='.length).replace(/-/g,'+').replace(/_/g,'/')));
window.__received = [];
addEventListener('message', (e) => {
  if (e.source !== window.parent || e.origin !== cfg.parentOrigin) return;
  window.__received.push(e.data);
});
window.__emit = (data) => window.parent.postMessage(data, cfg.parentOrigin);
</script></body></html>`;

function loaderScript(allow: string | null, mode: StubLoaderMode): string {
  if (mode === 'throw') return 'throw new Error("stub bar script failed");';
  if (mode === 'noframe') return 'window.__stubRan = true;';
  return `(() => {
  const cfg = btoa(JSON.stringify({ parentOrigin: location.origin })).replace(/\\+/g,'-').replace(/\\//g,'_').replace(/=+$/,'');
  const f = document.createElement('iframe');
  f.name = 'ccbarclient';
  ${allow === null ? '' : `f.setAttribute('allow', ${JSON.stringify(allow)});`}
  f.src = window.$aicc_ContextPath + 'ccdesktop/pages/cc-bar/bar.html#cfg=' + cfg;
  document.body.appendChild(f);
})();`;
}

/**
 * @example
 * const cec = await startStubCec(); cec.mode = 'reject';
 */
export async function startStubCec(): Promise<StubCec> {
  const loads: unknown[] = [];
  const server = await startTestServer({ [BAR]: { body: BAR_PAGE } });
  const stub: StubCec = Object.assign(server, { mode: 'ok' as StubLoaderMode, barAllow: 'microphone; camera; autoplay' as string | null, loads });
  server.route(LOADER, async (req, res) => {
    const text = await readBody(req);
    loads.push(req.method === 'POST' ? JSON.parse(text || 'null') : null);
    if (stub.mode === 'reject') {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify({ retCode: 2, message: 'token invalid' }));
    }
    if (stub.mode === 'error500') {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      return void res.end('boom');
    }
    res.writeHead(200, {
      'Content-Type': 'application/javascript',
      // One cookie carries a Domain of the upstream: the proxy must strip it or the browser drops it.
      'Set-Cookie': ['sum_sid=s1; Path=/; HttpOnly', 'sum_token=t1; Path=/; HttpOnly; Domain=cec.example', 'sum_atime=1; Path=/', 'sum_refresh_token=r1; Path=/; HttpOnly'],
    });
    res.end(loaderScript(stub.barAllow, stub.mode));
  });
  return stub;
}
