/**
 * Two origins for the host's browser tests, with a FAKE shell (not src/frame): it answers the
 * postmate handshake with postmate's own Model and emits scripted `shellMessage`s, so the host is
 * tested alone. Origin A (CRM, http://127.0.0.1:<a>) serves the host bundles and test pages;
 * origin B (shell, http://localhost:<b>) serves the fake shell, a 404 and a page that never answers.
 * Both serve `/shell/escape.html`, a shell that tries to escape its frame.
 * http://127.0.0.1:<b> is a third origin, for hostile frames.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const file = (p: string) => readFileSync(path.join(root, p));

/** The fake shell: behaviour chosen by `?mode=` (ok | silent | token-rejected | bar-failed). */
const SHELL_HTML = `<!doctype html><meta charset="utf-8"><title>fake shell</title>
<script src="/postmate.js"></script>
<script>
const mode = new URLSearchParams(location.search).get('mode') || 'ok';
window.__cmds = [];
const shellId = 'shell' + Math.random().toString(36).slice(2, 10);
let seq = 0, child, cfg;
window.__send = (body) => child.emit('shellMessage', Object.assign({ v: 1, sessionId: cfg.sessionId, shellId, seq: ++seq }, body));
window.__raw = (data) => child.emit('shellMessage', data);
window.__cec = (eventType, content) => window.__send({ kind: 'cec', at: Date.now(), event: { eventType, workNo: '101', content } });
window.__ids = () => ({ shellId, seq, sessionId: cfg && cfg.sessionId });
new Postmate.Model({
  hostCommand(cmd) {
    window.__cmds.push(cmd);
    if (cmd.kind === 'callout') {
      window.__send({ kind: 'reply', id: cmd.id, ok: cmd.number !== '999' , ...(cmd.number === '999' ? { error: { code: 'REFUSED', message: 'no' } } : {}) });
      if (cmd.number === '777') window.__cec('AgentEvent_Call_Out_Fail', 'out-777');
      else if (cmd.number !== '999' && cmd.number !== '555') window.__cec('AgentEvent_Customer_Alerting', { callid: 'out-' + cmd.id, otherPhone: cmd.number });
    } else window.__send({ kind: 'reply', id: cmd.id, ok: true });
  },
}).then((c) => {
  child = c;
  cfg = c.model;
  window.__config = JSON.parse(JSON.stringify(cfg, (k, v) => (typeof v === 'function' ? undefined : v)));
  if (mode === 'silent') return;
  window.__send({ kind: 'status', status: 'loading' });
  if (mode === 'ok') window.__send({ kind: 'status', status: 'loaded' });
  else window.__send({ kind: 'status', status: mode, detail: 'scripted' });
});
</script>`;

/** Posts forged messages to its parent (the CRM page) with a valid-looking postmate envelope. */
const HOSTILE_HTML = `<!doctype html><meta charset="utf-8"><script>
window.__forge = (sessionId) => {
  const data = { v: 1, sessionId, shellId: 'forged', seq: 1, kind: 'cec', at: 1, event: { eventType: 'AgentEvent_Ringing', workNo: '1', content: { callid: 'forged', caller: '1', called: '2' } } };
  parent.postMessage({ postmate: 'emit', type: 'application/x-postmate-v1+json', value: { name: 'shellMessage', data } }, '*');
  parent.postMessage({ postmate: 'handshake-reply', type: 'application/x-postmate-v1+json' }, '*');
};
</script>`;

/**
 * A hostile shell page, served on both origins: it tries to take its own sandbox off through the
 * parent's document (works only when it shares the CRM's origin) and to navigate the top page to
 * `?to=` (works only when its sandbox grants top navigation).
 */
const ESCAPING_SHELL_HTML = `<!doctype html><meta charset="utf-8"><title>escaping shell</title><script>
try { parent.document.title = 'owned by the shell'; frameElement.removeAttribute('sandbox'); } catch (e) {}
const to = new URLSearchParams(location.search).get('to');
try { if (to) top.location.href = to; } catch (e) {}
</script>`;

const HOST_HTML = (kind: 'esm' | 'umd') => `<!doctype html><meta charset="utf-8"><title>host ${kind}</title>
<div id="bar" style="width:300px;height:200px"></div>
${kind === 'umd' ? '<script src="/host.umd.js"></script>' : '<script type="module">import * as M from "/host.mjs"; window.CecBarHostESM = M; window.__loaded = true;</script>'}
<script>
window.__events = [];
// handshakeMs covers a new process for the cross-site frame and two requests: a loaded machine can
// take seconds, and a retried handshake would add a 'reconnecting' the tests do not expect. Tests of
// the handshake deadline pass their own.
window.__mount = (shellUrl, extra) => {
  const lib = window.CecBarHostESM || window.CecBarHost;
  const bar = lib.mountConnectionBar(Object.assign({
    container: '#bar', shellUrl, cecContextPath: shellUrl.replace(/\\/shell\\/.*$/, '/service-cloud/'),
    tenantSpaceId: 'tenant-1', userAccount: 'alice.chen', getAccessToken: async () => 'crm-token-xyz-1234',
    timeouts: { handshakeMs: 10000, barLoadMs: 1500, callEndConfirmMs: 300, callOutMs: 1500 },
    retry: { attempts: 1, baseDelayMs: 50, maxDelayMs: 100, jitter: 0.2 },
  }, extra || {}));
  for (const n of ['connection', 'agent.state', 'call.ringing', 'call.dialing', 'call.connected', 'call.ended', 'cec', 'error'])
    bar.on(n, (p) => window.__events.push([n, JSON.parse(JSON.stringify(p, (k, v) => v instanceof Error ? { code: v.code } : v))]));
  window.__bar = bar;
  return bar;
};
</script>`;

export interface FakeShellServers {
  /** CRM origin, e.g. http://127.0.0.1:1234 */
  readonly crm: string;
  /** shell origin, e.g. http://localhost:5678 */
  readonly shell: string;
  /** a third origin (same port as the shell, other host name) */
  readonly other: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, type: string, body: string | Buffer, status = 200): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** @example const s = await startFakeShellServers(); await page.goto(`${s.crm}/host.html`); await s.close(); */
export async function startFakeShellServers(): Promise<FakeShellServers> {
  const hanging = new Set<ServerResponse>();
  const a = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/host.html') return send(res, 'text/html', HOST_HTML('esm'));
    if (u.pathname === '/umd.html') return send(res, 'text/html', HOST_HTML('umd'));
    if (u.pathname === '/host.mjs') return send(res, 'text/javascript', file('dist/host/index.browser.min.mjs'));
    if (u.pathname === '/host.umd.js') return send(res, 'text/javascript', file('dist/host/cec-bar-host.umd.min.js'));
    if (u.pathname === '/shell/escape.html') return send(res, 'text/html', ESCAPING_SHELL_HTML);
    if (u.pathname === '/navigated.html') return send(res, 'text/html', '<!doctype html><title>navigated</title>navigated by a frame');
    send(res, 'text/plain', 'not found', 404);
  });
  const b = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/shell/') return send(res, 'text/html', SHELL_HTML);
    if (u.pathname === '/postmate.js') return send(res, 'text/javascript', file('node_modules/postmate/build/postmate.min.js'));
    if (u.pathname === '/hostile.html') return send(res, 'text/html', HOSTILE_HTML);
    if (u.pathname === '/shell/escape.html') return send(res, 'text/html', ESCAPING_SHELL_HTML);
    if (u.pathname === '/hang/') return void hanging.add(res);
    send(res, 'text/html', '<!doctype html><title>404</title>not found', 404);
  });
  const listen = (s: Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
  const [pa, pb] = await Promise.all([listen(a), listen(b)]);
  return {
    crm: `http://127.0.0.1:${pa}`,
    shell: `http://localhost:${pb}`,
    other: `http://127.0.0.1:${pb}`,
    async close() {
      for (const r of hanging) r.destroy();
      a.closeAllConnections();
      b.closeAllConnections();
      await Promise.all([new Promise((r) => a.close(r)), new Promise((r) => b.close(r))]);
    },
  };
}
