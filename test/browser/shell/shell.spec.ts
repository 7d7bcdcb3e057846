/**
 * The shell frame (origin B) on its own: a bare postmate parent on A, the real shell server on B,
 * a stub CEC on C. Proves the handshake gate, loading, eventpost, relay, commands and statuses.
 */
import { test, expect, type Page, type Frame } from '@playwright/test';
import { createBarShellServer, type BarShellServer } from '../../../src/server/shell-server.js';
import { startTestServer, type TestServer } from '../../support/e2e-http.js';
import { startStubCec, type StubCec } from '../../support/e2e-stub-cec.js';
import { parentPageRoutes } from '../../support/e2e-parent-page.js';
import { audioTracksIn } from '../../support/e2e-media.js';
import { serveShellAsFiles, type ShellAsFiles, type ShellPagePolicy } from '../../support/shell-as-files.js';
import { buildCallout, buildEventpost } from '../../../src/protocol/cec-commands.js';
import type { ShellConfig, ShellMessage } from '../../../src/protocol/bridge.js';

let cec: StubCec;
let shell: BarShellServer;
let crm: TestServer;
let originB: string;

test.beforeEach(async () => {
  cec = await startStubCec();
  crm = await startTestServer(parentPageRoutes());
  // The CRM page is served as 127.0.0.1 (cross-site to B) and, for the cookie test, as localhost (same site as B).
  shell = await createBarShellServer({ cecOrigin: cec.url, hostOrigins: [crm.url, sameSite(crm.url)], port: 0 });
  originB = shell.url.replace('127.0.0.1', 'localhost'); // a third origin (internal-contracts "Origins")
});
test.afterEach(async () => {
  await shell.close();
  await crm.close();
  await cec.close();
});

const SESSION = 'sess_0123456789abcdef';
const sameSite = (url: string): string => url.replace('127.0.0.1', 'localhost');
function config(over: Partial<ShellConfig> = {}): ShellConfig {
  return {
    v: 1, sessionId: SESSION, hostOrigin: crm.url, cecContextPath: `${originB}/service-cloud/`,
    scriptPath: 'ccdesktop/pages/cc-bar/js/ccbarclient.js', tenantSpaceId: 'tenant1', userAccount: 'agent1',
    accessToken: 'enterprise-token-1', events: ['AgentState_Ready', 'AgentEvent_Talking'], barLoadTimeoutMs: 5000, ...over,
  };
}

async function mount(page: Page, cfg: ShellConfig = config()): Promise<void> {
  await page.goto(`${cfg.hostOrigin}/parent.html`);
  await page.evaluate(([url, model]) => void (window as unknown as { mountShell: (u: string, m: unknown) => Promise<boolean> }).mountShell(url, model), [`${originB}/shell/shell.html`, cfg] as const);
}
const msgs = (page: Page): Promise<ShellMessage[]> => page.evaluate(() => (window as unknown as { __msgs: ShellMessage[] }).__msgs);
async function waitForMsg(page: Page, kind: string, field?: string, value?: unknown): Promise<ShellMessage> {
  const handle = await page.waitForFunction(
    ([k, f, v]) => (window as unknown as { __msgs: Record<string, unknown>[] }).__msgs.find((m) => m.kind === k && (f === undefined || m[f as string] === v)),
    [kind, field, value] as const,
  );
  return (await handle.jsonValue()) as ShellMessage;
}
function barFrame(page: Page): Frame {
  const f = page.frames().find((fr) => fr.name() === 'ccbarclient');
  if (!f) throw new Error('no bar frame');
  return f;
}
const received = (f: Frame): Promise<unknown[]> => f.evaluate(() => (window as unknown as { __received: unknown[] }).__received);

test('loads the bar through the proxy, subscribes, relays valid events and refuses the rest', async ({ page, context }) => {
  // Same site as B (as in production, where B is a sub-domain of the CRM's site): CEC's cookies are first-party.
  await mount(page, config({ hostOrigin: sameSite(crm.url) }));
  await waitForMsg(page, 'status', 'status', 'loaded');
  // The loader got the token, tenant and user (and nothing else).
  expect(cec.loads).toEqual([{ access_token: 'enterprise-token-1', tenantSpaceId: 'tenant1', userAccount: 'agent1' }]);
  // eventpost: a JSON string with the configured events, sent to the bar after it loaded.
  const bar = barFrame(page);
  await expect.poll(() => received(bar)).toEqual([buildEventpost(['AgentState_Ready', 'AgentEvent_Talking'])]);
  expect(await bar.frameElement().then((el) => el.getAttribute('allow'))).toBe('microphone; camera; autoplay');
  // The sum_* cookies landed on origin B (the proxy stripped the upstream Domain).
  const names = (await context.cookies(originB)).map((c) => c.name).sort();
  expect(names).toEqual(['sum_atime', 'sum_refresh_token', 'sum_sid', 'sum_token']);
  expect(await context.cookies(cec.url)).toEqual([]);

  await bar.evaluate(() => {
    const emit = (window as unknown as { __emit: (d: unknown) => void }).__emit;
    emit(JSON.stringify({ event: { eventType: 'AgentState_Ready', workNo: '101', content: null }, message: 'ok' }));
    emit({ event: { eventType: 'AgentEvent_Talking', workNo: 101, content: { callid: '1456404043-37', caller: '555', called: '66881' } } });
    emit({ event: { eventType: 'AgentEvent_Talking', workNo: '101', content: { nocallid: true } } }); // malformed
    emit('{not json');
  });
  await waitForMsg(page, 'stats');
  const all = await msgs(page);
  const cecs = all.filter((m): m is Extract<ShellMessage, { kind: 'cec' }> => m.kind === 'cec');
  expect(cecs.map((m) => m.event.eventType)).toEqual(['AgentState_Ready', 'AgentEvent_Talking']);
  expect(cecs[1]!.event).toMatchObject({ workNo: '101', content: { callid: '1456404043-37' } });
  // One session, one shell id, strictly increasing seq across every kind.
  expect(new Set(all.map((m) => m.sessionId))).toEqual(new Set([SESSION]));
  expect(new Set(all.map((m) => m.shellId)).size).toBe(1);
  expect(all.map((m) => m.seq)).toEqual(all.map((_m, i) => i + 1));
  const stats = all.find((m) => m.kind === 'stats');
  expect(stats).toMatchObject({ rejected: { shape: 1, json: 1 }, relayed: 2 });
  expect(all.filter((m) => m.kind === 'status').map((m) => m.kind === 'status' && m.status)).toEqual(['loading', 'loaded']);
});

test('executes callout, replay, subscribe and ping, answering each with one reply', async ({ page }) => {
  await mount(page);
  await waitForMsg(page, 'status', 'status', 'loaded');
  const bar = barFrame(page);
  await bar.evaluate(() => (window as unknown as { __emit: (d: unknown) => void }).__emit({ event: { eventType: 'AgentState_Ready', workNo: '101', content: null } }));
  const relay = await waitForMsg(page, 'cec');
  const send = (cmd: Record<string, unknown>) => page.evaluate((c) => (window as unknown as { command: (c: unknown) => void }).command(c), { v: 1, sessionId: SESSION, ...cmd });
  await send({ id: 'c1', kind: 'callout', number: '88889007', media: 'audio' });
  await expect.poll(() => received(bar)).toContain(buildCallout('88889007', 'audio'));
  expect(await waitForMsg(page, 'reply', 'id', 'c1')).toMatchObject({ ok: true });

  await send({ id: 'r1', kind: 'replay', fromSeq: 0 });
  expect(await waitForMsg(page, 'reply', 'id', 'r1')).toMatchObject({ ok: true, result: { replayed: 1, gap: false } });
  const replayed = (await msgs(page)).filter((m) => m.kind === 'cec' && m.replay);
  expect(replayed).toEqual([{ ...relay, replay: true }]);

  await send({ id: 's1', kind: 'subscribe', events: ['AgentEvent_Talking'] });
  await expect.poll(() => received(bar)).toContain(buildEventpost(['AgentEvent_Talking']));
  await send({ id: 'p1', kind: 'ping' });
  expect(await waitForMsg(page, 'reply', 'id', 'p1')).toMatchObject({ ok: true, result: { status: 'loaded', relayed: 1 } });

  // A malformed command with the right session gets an error reply; a forged session gets nothing.
  await send({ id: 'bad1', kind: 'callout', number: 'not-a-number', media: 'audio' });
  expect(await waitForMsg(page, 'reply', 'id', 'bad1')).toMatchObject({ ok: false, error: { code: 'PROTOCOL_ERROR' } });
  await page.evaluate((c) => (window as unknown as { command: (c: unknown) => void }).command(c), { v: 1, sessionId: 'forged_0123456789abc', id: 'f1', kind: 'ping' });
  await send({ id: 'p2', kind: 'ping' });
  await waitForMsg(page, 'reply', 'id', 'p2');
  const replies = (await msgs(page)).filter((m) => m.kind === 'reply').map((m) => m.kind === 'reply' && m.id);
  expect(replies).toEqual(['c1', 'r1', 's1', 'p1', 'bad1', 'p2']);
});

test('re-sends eventpost after the bar frame reloads and reports bar-reloaded', async ({ page }) => {
  await mount(page);
  await waitForMsg(page, 'status', 'status', 'loaded');
  await barFrame(page).evaluate(() => location.reload());
  await waitForMsg(page, 'status', 'status', 'bar-reloaded');
  await expect.poll(() => received(barFrame(page))).toEqual([buildEventpost(['AgentState_Ready', 'AgentEvent_Talking'])]);
});

test('gives the bar frame microphone access when the bar script forgot it, and getUserMedia works there', async ({ page }) => {
  cec.barAllow = null;
  await mount(page);
  await waitForMsg(page, 'status', 'status', 'loaded');
  const bar = barFrame(page);
  expect(await bar.frameElement().then((el) => el.getAttribute('allow'))).toBe('microphone; camera; autoplay');
  expect(await audioTracksIn(bar)).toBe(1);
});

test('reports token-rejected when CEC refuses the token', async ({ page }) => {
  cec.mode = 'reject';
  await mount(page);
  const m = await waitForMsg(page, 'status', 'status', 'token-rejected');
  expect(m.kind === 'status' && m.detail).toContain('401');
  expect(page.frames().some((f) => f.name() === 'ccbarclient')).toBe(false);
});

for (const [mode, expected] of [['error500', 'HTTP 500'], ['throw', 'threw'], ['noframe', 'within 600 ms']] as const) {
  test(`reports bar-failed when the loader ${mode === 'error500' ? 'answers 500' : mode === 'throw' ? 'script throws' : 'script creates no frame'}`, async ({ page }) => {
    cec.mode = mode;
    // Only the frame that never comes waits for the deadline; the others keep config()'s, so a slow
    // loader answer on a loaded machine is not beaten by a 600 ms deadline.
    await mount(page, mode === 'noframe' ? config({ barLoadTimeoutMs: 600 }) : config());
    const m = await waitForMsg(page, 'status', 'status', 'bar-failed');
    expect(m.kind === 'status' && m.detail).toContain(expected);
  });
}

test('ignores a handshake whose config names another host origin', async ({ page }) => {
  await page.goto(`${crm.url}/parent.html`);
  await page.evaluate(([url, model]) => void (window as unknown as { mountShell: (u: string, m: unknown) => Promise<boolean> }).mountShell(url, model), [`${originB}/shell/shell.html`, config({ hostOrigin: 'http://127.0.0.1:1' })] as const);
  // The shell is up (its frame loaded) but never answers: postmate keeps waiting, no loader POST.
  await expect.poll(() => page.frames().length).toBe(2);
  await page.waitForFunction(() => document.querySelector('iframe')?.getAttribute('src'));
  await page.waitForTimeout(3000); // postmate's 5 handshake attempts span 2 s: wait them out
  expect(await msgs(page)).toEqual([]);
  expect(cec.loads).toEqual([]);
  // The silence was a refusal, not a dead shell: the same frame answers a handshake whose config
  // names this page, and loads the bar.
  const reply = await page.evaluate(
    ([shellOrigin, model]) =>
      new Promise<unknown>((resolve) => {
        setTimeout(() => resolve('no handshake-reply in 5 s'), 5000);
        addEventListener('message', (e) => {
          if (e.origin === shellOrigin && (e.data as { postmate?: unknown } | null)?.postmate === 'handshake-reply') resolve(e.data);
        });
        document.querySelector('iframe')!.contentWindow!.postMessage({ postmate: 'handshake', type: 'application/x-postmate-v1+json', model }, shellOrigin);
      }),
    [originB, config()] as const,
  );
  expect(reply).toEqual({ postmate: 'handshake-reply', type: 'application/x-postmate-v1+json' });
  await expect.poll(() => cec.loads.length).toBe(1);
});

test('CSP frame-ancestors keeps the shell out of pages on other origins', async ({ page }) => {
  const other = await startTestServer(parentPageRoutes());
  try {
    const blocked = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await page.goto(`${other.url}/parent.html`);
    await page.evaluate((url) => void (window as unknown as { mountShell: (u: string, m: unknown) => Promise<boolean> }).mountShell(url, {}), `${originB}/shell/shell.html`);
    await blocked;
    expect(cec.loads).toEqual([]);
  } finally {
    await other.close();
  }
});

test.describe('the shell page served some other way than by createBarShellServer', () => {
  let served: ShellAsFiles | undefined;
  test.afterEach(async () => {
    await served?.close();
    served = undefined;
  });
  const mountServed = async (page: Page, policy: ShellPagePolicy): Promise<void> => {
    served = await serveShellAsFiles(policy, cec.url, [crm.url]);
    const origin = served.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${crm.url}/parent.html`);
    await page.evaluate(([url, model]) => void (window as unknown as { mountShell: (u: string, m: unknown) => Promise<boolean> }).mountShell(url, model), [`${origin}/shell/shell.html`, config({ cecContextPath: `${origin}/service-cloud/` })] as const);
  };

  test('as the built files under shellCsp without a nonce, the bar script runs from a blob: URL and the bar loads', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await mountServed(page, 'files');
    await waitForMsg(page, 'status', 'status', 'loaded');
    await expect.poll(() => received(barFrame(page))).toEqual([buildEventpost(['AgentState_Ready', 'AgentEvent_Talking'])]);
    // That CSP has no nonce and no 'unsafe-inline': an inline bar script would have been refused.
    expect(violations).toEqual([]);
  });

  test('a bar script the page CSP refuses is reported as bar-failed at once, not after the load deadline', async ({ page }) => {
    await mountServed(page, 'unlisted-nonce');
    const m = await waitForMsg(page, 'status', 'status', 'bar-failed');
    expect(m.kind === 'status' && m.detail).toContain('could not run');
    expect(page.frames().some((f) => f.name() === 'ccbarclient')).toBe(false);
    expect(cec.loads).toHaveLength(1);
  });
});
