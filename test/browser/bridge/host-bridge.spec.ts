// The host library in real Chromium against a FAKE shell on another origin (test/support/host-fake-shell.ts).
import { test, expect, type Page, type Frame } from '@playwright/test';
import { startFakeShellServers, type FakeShellServers } from '../../support/host-fake-shell.js';
import { leakCounts, trackLeaks } from '../../support/page-leaks.js';

let s: FakeShellServers;
test.beforeAll(async () => {
  s = await startFakeShellServers();
});
test.afterAll(async () => {
  await s.close();
});

type Ev = [string, Record<string, unknown>];
/** checkMedia waits `timeouts.handshakeMs` for the shell's answer: shorter than the page's 10 s, so the unanswered check ends soon, yet long enough for the mount on a loaded machine. */
const CHECK_MEDIA_WAIT_MS = 3000;
const events = (page: Page, name?: string) => page.evaluate((n) => (window as unknown as { __events: Ev[] }).__events.filter(([k]) => !n || k === n), name);
const state = (page: Page) => page.evaluate(() => (window as unknown as { __bar: { state: string } }).__bar.state);
const diag = (page: Page) => page.evaluate(() => (window as unknown as { __bar: { diagnostics(): Record<string, unknown> } }).__bar.diagnostics()) as Promise<{ rejected: Record<string, number>; delivered: number; received: number; gaps: number; loads: number; unknownEventTypes: string[] }>;

async function openHost(page: Page, path = '/host.html'): Promise<void> {
  await page.goto(`${s.crm}${path}`);
  if (path === '/host.html') await page.waitForFunction(() => (window as unknown as { __loaded?: boolean }).__loaded === true);
}
async function mount(page: Page, query = '?mode=ok', extra: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(([url, x]) => void (window as unknown as { __mount(u: string, e: unknown): unknown }).__mount(url, x), [`${s.shell}/shell/${query}`, extra] as const);
}
const shellFrame = (page: Page): Frame => {
  const f = page.frames().find((x) => x.url().startsWith(`${s.shell}/shell/`));
  if (!f) throw new Error('no shell frame');
  return f;
};
const waitState = (page: Page, st: string) => page.waitForFunction((x) => (window as unknown as { __bar: { state: string } }).__bar.state === x, st);

test('handshake → ready; the frame is sandboxed and allowed before it navigates; the shell gets the ShellConfig', async ({ page }) => {
  await openHost(page);
  await mount(page);
  await page.evaluate(() => (window as unknown as { __bar: { ready: Promise<void> } }).__bar.ready);
  expect(await state(page)).toBe('ready');
  const attrs = await page.$eval('#bar iframe', (f) => ({ sandbox: f.getAttribute('sandbox'), allow: f.getAttribute('allow'), n: document.querySelectorAll('iframe').length }));
  expect(attrs).toEqual({ sandbox: 'allow-scripts allow-same-origin allow-forms allow-popups', allow: 'microphone; camera; autoplay', n: 1 });
  const cfg = await shellFrame(page).evaluate(() => (window as unknown as { __config: Record<string, unknown> }).__config);
  expect(cfg).toMatchObject({ v: 1, hostOrigin: s.crm, tenantSpaceId: 'tenant-1', userAccount: 'alice.chen', accessToken: 'crm-token-xyz-1234', scriptPath: 'ccdesktop/pages/cc-bar/js/ccbarclient.js' });
  expect(cfg.sessionId).toMatch(/^[0-9a-f]{32}$/);
  // the host asked for a replay from the last sequence it saw
  const cmds = await shellFrame(page).evaluate(() => (window as unknown as { __cmds: unknown[] }).__cmds);
  expect(cmds).toEqual([expect.objectContaining({ kind: 'replay', fromSeq: 0, sessionId: cfg.sessionId })]);
  expect((await events(page, 'connection')).map(([, p]) => p.state)).toEqual(['ready']);
});

test('scripted CEC events become typed call events; callOut resolves on dialing, fails on Call_Out_Fail, rejects bad numbers first', async ({ page }) => {
  await openHost(page);
  await mount(page);
  await waitState(page, 'ready');
  const shell = shellFrame(page);
  await shell.evaluate(() => {
    const w = window as unknown as { __cec(t: string, c: unknown): void };
    w.__cec('AgentOther_InService', null);
    w.__cec('AgentState_Ready', null);
    w.__cec('AgentEvent_Ringing', { caller: '88880001', called: '6688', callid: '1456404043-37', feature: 0, mediaAbility: 1 });
    w.__cec('AgentState_Busy', null);
    w.__cec('AgentEvent_Talking', { caller: '88880001', called: '6688', callid: '1456404043-37' });
    w.__cec('AgentEvent_Customer_Release', { callid: '1456404043-37', number: '88880001' });
    w.__cec('AgentEvent_Call_Release', '1456404043-37');
    w.__cec('AgentState_Ready', null);
    w.__cec('AgentEvent_Brand_New', { x: 1 });
  });
  await page.waitForFunction(() => (window as unknown as { __events: Ev[] }).__events.filter(([n]) => n === 'cec').length === 9);
  const names = (await events(page)).map(([n]) => n).filter((n) => n !== 'cec' && n !== 'connection');
  expect(names).toEqual(['agent.state', 'call.ringing', 'agent.state', 'call.connected', 'call.ended', 'agent.state']);
  const [ended] = await events(page, 'call.ended');
  expect(ended![1]).toMatchObject({ callId: '1456404043-37', outcome: 'completed', endedBy: 'customer', caller: '88880001', called: '6688' });
  const out = await page.evaluate(async () => {
    const bar = (window as unknown as { __bar: { callOut(n: string, o?: unknown): Promise<{ callId: string; direction: string }> } }).__bar;
    const codes: string[] = [];
    for (const n of ['12ab', '', '1'.repeat(25)]) await bar.callOut(n).catch((e: { code: string }) => codes.push(e.code));
    const ok = await bar.callOut('88889007', { media: 'audio' });
    const fail = await bar.callOut('777').catch((e: { code: string }) => e.code);
    const refused = await bar.callOut('999').catch((e: { code: string }) => e.code);
    const timeout = await bar.callOut('555').catch((e: { code: string }) => e.code);
    return { codes, ok, fail, refused, timeout };
  });
  expect(out.codes).toEqual(['INVALID_NUMBER', 'INVALID_NUMBER', 'INVALID_NUMBER']);
  expect(out.ok).toMatchObject({ callId: expect.stringMatching(/^out-c\d+$/), direction: 'outbound', called: '88889007' });
  expect(out).toMatchObject({ fail: 'CALL_OUT_FAILED', refused: 'CALL_OUT_FAILED', timeout: 'CALL_OUT_TIMEOUT' });
  const sent = await shell.evaluate(() => (window as unknown as { __cmds: { kind: string; number?: string }[] }).__cmds.filter((c) => c.kind === 'callout').map((c) => c.number));
  expect(sent).toEqual(['88889007', '777', '999', '555']); // the invalid ones never left the page
  const d = await diag(page);
  expect(d.unknownEventTypes).toEqual(['AgentEvent_Brand_New']);
  // The recorder redacts the token and phone numbers. The token 'crm-token-xyz-1234' is neither
  // JWT-shaped nor under a secret key here (free text of a log line): only the literal match strips it.
  await shell.evaluate(() => (window as unknown as { __send(m: unknown): void }).__send({ kind: 'log', level: 'info', message: 'bar script loaded for crm-token-xyz-1234' }));
  const recording = () => page.evaluate(() => JSON.stringify((window as unknown as { __bar: { recorder: unknown } }).__bar.recorder));
  await expect.poll(recording).toContain('bar script loaded for [redacted]');
  const rec = await recording();
  expect(rec).not.toContain('crm-token-xyz-1234');
  expect(rec).not.toContain('88889007');
  expect(rec).not.toContain('88880001');
  expect(rec).toContain('1456404043-37');
});

test('hostile messages from the page, another origin, a second shell-origin frame and the shell itself never reach a callback', async ({ page }) => {
  await openHost(page);
  await mount(page);
  await waitState(page, 'ready');
  const sessionId = await shellFrame(page).evaluate(() => (window as unknown as { __ids(): { sessionId: string } }).__ids().sessionId);
  const before = await diag(page);
  // 1. the page itself, with a perfect-looking envelope and the right session id
  await page.evaluate((sid) => {
    const data = { v: 1, sessionId: sid, shellId: 'x', seq: 99, kind: 'cec', at: 1, event: { eventType: 'AgentEvent_Ringing', workNo: '1', content: { callid: 'forged' } } };
    window.postMessage({ postmate: 'emit', type: 'application/x-postmate-v1+json', value: { name: 'shellMessage', data } }, '*');
  }, sessionId);
  // 2. a frame of another origin and 3. a second frame of the shell's own origin
  for (const origin of [s.other, s.shell]) {
    await page.evaluate((src) => new Promise<void>((r) => {
      const f = document.createElement('iframe');
      f.className = 'hostile';
      f.src = src;
      f.onload = () => r();
      document.body.append(f);
    }), `${origin}/hostile.html`);
    const hostile = page.frames().find((f) => f.url() === `${origin}/hostile.html`)!;
    await hostile.evaluate((sid) => (window as unknown as { __forge(s: string): void }).__forge(sid), sessionId);
  }
  // 4. the real shell: wrong session, replayed and reordered seq, malformed, oversized, poisoned keys
  await shellFrame(page).evaluate((sid) => {
    const w = window as unknown as { __raw(d: unknown): void; __ids(): { shellId: string; seq: number } };
    const { shellId, seq } = w.__ids();
    const base = { v: 1, sessionId: sid, shellId, kind: 'cec', at: 1, event: { eventType: 'AgentState_Ready', workNo: '1', content: null } };
    w.__raw({ ...base, seq: seq + 1, sessionId: 'f'.repeat(32) }); // session
    w.__raw({ ...base, seq }); // replayed
    w.__raw({ ...base, seq: seq - 1 }); // reordered
    w.__raw({ ...base, seq: seq + 1, kind: 'nope' }); // shape
    w.__raw('just a string'); // shape
    w.__raw({ ...base, seq: seq + 1, v: 9 }); // version
    w.__raw({ ...base, seq: seq + 1, event: { eventType: 'AgentState_Ready', workNo: '1', content: 'x'.repeat(70_000) } }); // size
    w.__raw(JSON.parse(`{"v":1,"sessionId":"${sid}","shellId":"${shellId}","seq":${seq + 1},"kind":"cec","at":1,"event":{"eventType":"AgentState_Ready","content":{"__proto__":{"polluted":1}}}}`));
    w.__raw({ ...base, seq: seq + 1, event: { eventType: 'AgentState_Ready', content: { constructor: { prototype: { polluted: 1 } } } } });
  }, sessionId);
  // a valid message after them proves the bridge still works and the hostile ones were processed first
  await shellFrame(page).evaluate(() => (window as unknown as { __cec(t: string, c: unknown): void }).__cec('AgentState_SetRest_Success', null));
  await page.waitForFunction(() => (window as unknown as { __events: Ev[] }).__events.some(([n]) => n === 'cec'));
  const cec = await events(page, 'cec');
  expect(cec.map(([, p]) => p.eventType)).toEqual(['AgentState_SetRest_Success']);
  expect(await events(page, 'call.ringing')).toEqual([]);
  const d = await diag(page);
  const delta = (k: string) => d.rejected[k]! - before.rejected[k]!;
  // Foreign origins: the page itself 1, the other origin's frame 2 (emit + handshake-reply);
  // the shell's origin from another window: the second shell-origin frame 2.
  expect(delta('origin')).toBe(3);
  expect(delta('source')).toBe(2);
  expect({ session: delta('session'), sequence: delta('sequence'), shape: delta('shape'), version: delta('version'), size: delta('size') })
    .toEqual({ session: 1, sequence: 2, shape: 4, version: 1, size: 1 });
  expect(await page.evaluate(() => 'polluted' in Object.prototype || ({} as { polluted?: unknown }).polluted !== undefined)).toBe(false);
  expect(await shellFrame(page).evaluate(() => ({} as { polluted?: unknown }).polluted)).toBeUndefined();
  expect(await state(page)).toBe('ready');
});

test('a shell that 404s fails with LOAD_FAILED after the configured retries; one that hangs with HANDSHAKE_TIMEOUT', async ({ page }) => {
  await openHost(page);
  // LOAD_FAILED needs the 404 page loaded before the handshake deadline (else HANDSHAKE_TIMEOUT): a
  // window of seconds leaves no doubt on a loaded machine, where a cross-site frame's new process is slow.
  await page.evaluate((url) => void (window as unknown as { __mount(u: string, e: unknown): unknown }).__mount(url, { timeouts: { handshakeMs: 4000 }, retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 40, jitter: 0 } }), `${s.shell}/shell/missing/`);
  // the host's own URL rewrite keeps the path; /shell/missing/ is a 404 on the shell server
  await waitState(page, 'failed');
  const conn = (await events(page, 'connection')).map(([, p]) => [p.state, (p.error as { code?: string } | undefined)?.code]);
  expect(conn).toEqual([['reconnecting', 'LOAD_FAILED'], ['failed', 'LOAD_FAILED']]);
  expect((await events(page, 'error')).map(([, p]) => p.code)).toEqual(['LOAD_FAILED']);
  expect(await page.evaluate(() => (window as unknown as { __bar: { ready: Promise<void> } }).__bar.ready.catch((e: { code: string }) => e.code))).toBe('LOAD_FAILED');
  expect(await page.locator('iframe').count()).toBe(0);

  await page.evaluate(() => {
    (window as unknown as { __bar: { destroy(): void } }).__bar.destroy();
    (window as unknown as { __events: unknown[] }).__events.length = 0;
  });
  await page.evaluate((url) => void (window as unknown as { __mount(u: string, e: unknown): unknown }).__mount(url, { timeouts: { handshakeMs: 500 }, retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10, jitter: 0 } }), `${s.shell}/hang/`);
  await waitState(page, 'failed');
  expect((await events(page, 'connection')).map(([, p]) => [p.state, (p.error as { code?: string } | undefined)?.code])).toEqual([['reconnecting', 'HANDSHAKE_TIMEOUT'], ['failed', 'HANDSHAKE_TIMEOUT']]);
  expect(await page.locator('iframe').count()).toBe(0);
});

test('token-rejected → AUTH_REJECTED at once (no retry loop); bar-failed retries; reconnect() tries again at once', async ({ page }) => {
  await openHost(page);
  await mount(page, '?mode=token-rejected', { retry: { attempts: 5, baseDelayMs: 10, maxDelayMs: 10, jitter: 0 } });
  await waitState(page, 'failed');
  expect((await events(page, 'connection')).map(([, p]) => [p.state, (p.error as { code?: string } | undefined)?.code])).toEqual([['failed', 'AUTH_REJECTED']]);
  await page.evaluate(() => ((window as unknown as { __events: unknown[] }).__events.length = 0));
  await page.evaluate(() => (window as unknown as { __bar: { reconnect(): void } }).__bar.reconnect());
  await waitState(page, 'failed');
  expect((await events(page, 'connection')).map(([, p]) => p.state)).toEqual(['reconnecting', 'failed']);
  await page.evaluate(() => (window as unknown as { __bar: { destroy(): void } }).__bar.destroy());
  await page.evaluate(() => ((window as unknown as { __events: unknown[] }).__events.length = 0));
  await mount(page, '?mode=bar-failed', { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10, jitter: 0 } });
  await waitState(page, 'failed');
  expect((await events(page, 'connection')).map(([, p]) => [p.state, (p.error as { code?: string } | undefined)?.code])).toEqual([
    ['reconnecting', 'LOAD_FAILED'],
    ['failed', 'LOAD_FAILED'],
  ]);
});

test('a reloaded shell is detected: reconnecting → ready with a new shell id; the unconfirmed live call ends once as unknown', async ({ page }) => {
  await openHost(page);
  await mount(page);
  await waitState(page, 'ready');
  await shellFrame(page).evaluate(() => {
    const w = window as unknown as { __cec(t: string, c: unknown): void };
    w.__cec('AgentEvent_Ringing', { caller: '1', called: '2', callid: 'live-1' });
    w.__cec('AgentEvent_Talking', { caller: '1', called: '2', callid: 'live-1' });
  });
  await page.waitForFunction(() => (window as unknown as { __events: Ev[] }).__events.some(([n]) => n === 'call.connected'));
  const oldId = await shellFrame(page).evaluate(() => (window as unknown as { __ids(): { shellId: string } }).__ids().shellId);
  await shellFrame(page).evaluate(() => location.reload());
  await page.waitForFunction(() => (window as unknown as { __events: Ev[] }).__events.filter(([n, p]) => n === 'connection' && p.state === 'ready').length === 2);
  const newId = await shellFrame(page).evaluate(() => (window as unknown as { __ids(): { shellId: string } }).__ids().shellId);
  expect(newId).not.toBe(oldId);
  // the new shell's first messages (seq 1, 2) are accepted although the old one had reached seq 4
  await shellFrame(page).evaluate(() => (window as unknown as { __cec(t: string, c: unknown): void }).__cec('AgentState_Busy', null));
  await page.waitForFunction(() => (window as unknown as { __events: Ev[] }).__events.some(([n]) => n === 'call.ended'));
  const ended = await events(page, 'call.ended');
  expect(ended.map(([, p]) => [p.callId, p.outcome, p.endedBy])).toEqual([['live-1', 'unknown', 'unknown']]);
  expect((await events(page, 'connection')).map(([, p]) => p.state)).toEqual(['ready', 'reconnecting', 'ready']);
  expect((await diag(page)).loads).toBe(2);
  await page.waitForTimeout(400); // past callEndConfirmMs: still exactly one end
  expect(await events(page, 'call.ended')).toHaveLength(1);
});

test('200 mount/destroy cycles leave no frames, window listeners or timers; destroy rejects pending work with DESTROYED', async ({ page }) => {
  await trackLeaks(page);
  await openHost(page);
  const base = await leakCounts(page);
  const result = await page.evaluate(async ({ url }) => {
    const w = window as unknown as { __mount(u: string, e?: unknown): { ready: Promise<void>; destroy(): void; callOut(n: string): Promise<unknown>; state: string } };
    const codes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const bar = w.__mount(url, { timeouts: { handshakeMs: 5000, callOutMs: 60_000, callEndConfirmMs: 60_000 } });
      const pending = bar.callOut('123').catch((e: { code: string }) => codes.add(e.code));
      // every 20th cycle goes all the way to ready before it is destroyed
      if (i % 20 === 0) await bar.ready;
      else await new Promise((r) => setTimeout(r, i % 3));
      bar.destroy();
      bar.destroy(); // idempotent
      await pending;
      await bar.ready.catch((e: { code: string }) => codes.add(e.code));
    }
    return { codes: [...codes], frames: document.querySelectorAll('iframe').length };
  }, { url: `${s.shell}/shell/?mode=ok` });
  expect(result).toEqual({ codes: ['DESTROYED'], frames: 0 });
  // give any stray timer a chance to show itself, then count
  await page.waitForTimeout(100);
  expect(await leakCounts(page)).toEqual(base);
});

test('checkMedia leaves no timer behind, answered or not', async ({ page }) => {
  await trackLeaks(page);
  await openHost(page);
  await mount(page, '?mode=ok', { timeouts: { handshakeMs: CHECK_MEDIA_WAIT_MS } });
  await waitState(page, 'ready');
  const checkMedia = (): Promise<string[]> =>
    page.evaluate(async () => (await (window as unknown as { __bar: { checkMedia(): Promise<{ problems: string[] }> } }).__bar.checkMedia()).problems);
  const idle = await leakCounts(page);

  // The fake shell answers checkMedia at once (with no report, so the host says it got none).
  expect(await checkMedia()).toEqual(['the bar shell did not answer (is bar.state ready?)']);
  expect(await leakCounts(page)).toEqual(idle);

  // A shell that never answers: checkMedia gives up after timeouts.handshakeMs.
  await shellFrame(page).evaluate(() => {
    const shell = window as unknown as { __send(body: { kind: string }): void };
    const send = shell.__send;
    shell.__send = (body) => {
      if (body.kind !== 'reply') send(body);
    };
  });
  expect(await checkMedia()).toEqual(['the bar shell did not answer (is bar.state ready?)']);
  expect(await leakCounts(page)).toEqual(idle);
  expect(await state(page)).toBe('ready');
});

test('the UMD bundle works from a plain <script> tag (CecBarHost.mountConnectionBar)', async ({ page }) => {
  await openHost(page, '/umd.html');
  expect(await page.evaluate(() => typeof (window as unknown as { CecBarHost?: { mountConnectionBar?: unknown } }).CecBarHost?.mountConnectionBar)).toBe('function');
  await mount(page);
  await waitState(page, 'ready');
  const err = await page.evaluate(() => {
    const lib = (window as unknown as { CecBarHost: { mountConnectionBar(o: unknown): unknown; isBarError(e: unknown): boolean } }).CecBarHost;
    try {
      lib.mountConnectionBar({ container: '#nope' });
    } catch (e) {
      return [lib.isBarError(e), (e as { code: string }).code];
    }
    return null;
  });
  expect(err).toEqual([true, 'INVALID_OPTIONS']);
});
