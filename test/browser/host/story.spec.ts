/**
 * Issue 4's acceptance story in real Chromium across three origins: the CRM page (A) mounts the
 * bar with cec-bar-host, the shell (B) loads the mock bar through B's proxy, the mock fabric (C)
 * plays CEC. The agent works in the bar's own UI; the CRM sees typed events.
 */
import { test, expect, type Page, type Frame, type FrameLocator } from '@playwright/test';
import { startThreeOrigins, crmMountOptions, type ThreeOrigins, type CrmMountOptions } from '../../support/e2e-origins.js';
import { startTestServer } from '../../support/e2e-http.js';
import { audioTracksIn } from '../../support/e2e-media.js';

interface Recorded { name: string; payload: Record<string, unknown>; at: number }
type PageWindow = { __events: Recorded[]; __mount: (o: CrmMountOptions) => boolean; __ready?: boolean; __bar: { callOut: (n: string, o: { media: string }) => Promise<Record<string, unknown>> } };

// Billing (skill 2, route 66882) has no wrap-up time, so the agent is idle again right after a call.
const CALLED = '66882';
const CALLER = '13900000001';
const ANSWERED_RING_MS = 30_000;
const MISSED_RING_MS = 3000;

let o: ThreeOrigins;
test.afterEach(async () => {
  await o?.close();
});

async function mount(page: Page, over: Partial<CrmMountOptions> = {}): Promise<void> {
  await page.goto(o.crmUrl);
  await page.waitForFunction(() => (window as unknown as PageWindow).__ready === true);
  await page.evaluate((opts) => (window as unknown as PageWindow).__mount(opts), crmMountOptions(o, over));
}
const events = (page: Page): Promise<Recorded[]> => page.evaluate(() => (window as unknown as PageWindow).__events);
async function waitForEvent(page: Page, name: string, match: Record<string, unknown> = {}, timeout = 15_000): Promise<Recorded> {
  const h = await page.waitForFunction(
    ([n, m]) => (window as unknown as PageWindow).__events.find((e) => e.name === n && Object.entries(m).every(([k, v]) => e.payload[k] === v)),
    [name, match] as const,
    { timeout },
  );
  return (await h.jsonValue()) as Recorded;
}
const barUi = (page: Page): FrameLocator => page.frameLocator('iframe').frameLocator('iframe[name=ccbarclient]');
function frameNamed(page: Page, name: string): Frame {
  const f = page.frames().find((fr) => fr.name() === name);
  if (!f) throw new Error(`no frame named ${name}`);
  return f;
}
function shellFrame(page: Page): Frame {
  const f = page.frames().find((fr) => fr.parentFrame() === page.mainFrame());
  if (!f) throw new Error('no shell frame');
  return f;
}

async function openBar(page: Page): Promise<void> {
  const toggle = barUi(page).getByTestId('bar-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}
async function signIn(page: Page): Promise<void> {
  await openBar(page);
  await barUi(page).getByTestId('bar-signin').click();
  await waitForEvent(page, 'agent.state', { state: 'idle' });
}
/** Make the agent idle again from the bar's own state menu if the mock left it busy. */
async function ensureIdle(page: Page): Promise<void> {
  const root = barUi(page).locator('#ccbar');
  // Wait for the call to be over in the bar (no longer ringing or talking) before deciding.
  await expect(root).toHaveAttribute('data-agent-state', /^(idle|busy|rest|wrapUp)$/);
  if ((await root.getAttribute('data-agent-state')) === 'idle') return;
  await openBar(page);
  await barUi(page).getByTestId('bar-state-menu').click();
  await barUi(page).getByTestId('bar-set-idle').click();
  await expect(root).toHaveAttribute('data-agent-state', 'idle');
}

test('story: ready, sign in, ring, answer, customer hangs up, a missed call, a call out', async ({ page }) => {
  // The answered call rings long enough for the click on a loaded CI machine (a short ring once ran
  // out before a click in the tabs tests); the missed call below gets a short ring of its own.
  o = await startThreeOrigins({ mock: { trustTokens: true, ringTimeoutMs: ANSWERED_RING_MS } });
  await mount(page);
  await waitForEvent(page, 'connection', { state: 'ready' });

  await signIn(page);

  // Inbound call, answered in the bar, ended by the customer.
  const { callId } = o.mock.control.injectCall({ caller: CALLER, called: CALLED });
  const ringing = await waitForEvent(page, 'call.ringing', { callId });
  expect(ringing.payload).toMatchObject({ callId, caller: CALLER, called: CALLED, direction: 'inbound' });
  await openBar(page);
  await barUi(page).getByTestId('bar-answer').click();
  await waitForEvent(page, 'call.connected', { callId });
  o.mock.control.hangupCall(callId);
  const ended = await waitForEvent(page, 'call.ended', { callId });
  expect(ended.payload).toMatchObject({ outcome: 'completed', endedBy: 'customer' });

  // An unanswered call ends as missed (the ring time is read when the call is offered).
  await ensureIdle(page);
  o.mock.control.setRingTimeout(MISSED_RING_MS);
  const missed = o.mock.control.injectCall({ caller: '13900000002', called: CALLED });
  await waitForEvent(page, 'call.ringing', { callId: missed.callId });
  const missedEnd = await waitForEvent(page, 'call.ended', { callId: missed.callId });
  expect(missedEnd.payload).toMatchObject({ outcome: 'missed' });
  // The mock re-queues an unanswered call (as CEC's skill queues do): the customer gives up now.
  o.mock.control.hangupCall(missed.callId);

  // Click-to-dial from the CRM: dialing, then the customer answers.
  await ensureIdle(page);
  const dialed = await page.evaluate(() => (window as unknown as PageWindow).__bar.callOut('13900000003', { media: 'audio' }));
  const outId = String(dialed.callId);
  expect(await waitForEvent(page, 'call.dialing', { callId: outId })).toMatchObject({ payload: { direction: 'outbound' } });
  o.mock.control.answerCall(outId);
  await waitForEvent(page, 'call.connected', { callId: outId });

  // Exactly one call.ended per call, so far.
  const all = await events(page);
  for (const id of [callId, missed.callId]) expect(all.filter((e) => e.name === 'call.ended' && e.payload.callId === id)).toHaveLength(1);
  expect(all.filter((e) => e.name === 'call.ringing' && e.payload.callId === callId)).toHaveLength(1);
});

test('sandbox: the shell and the bar cannot navigate the top page nor open an unsandboxed popup; getUserMedia works in the bar', async ({ page, context }) => {
  o = await startThreeOrigins();
  await mount(page);
  await waitForEvent(page, 'connection', { state: 'ready' });
  const topUrl = page.url();
  for (const frame of [shellFrame(page), frameNamed(page, 'ccbarclient')]) {
    const outcome = await frame.evaluate(() => {
      try {
        window.top!.location.href = 'http://127.0.0.1:9/hijacked';
        return 'no error';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(outcome).not.toBe('no error');
    expect(page.url()).toBe(topUrl);
  }
  // A popup opens (allow-popups) but stays sandboxed: modal dialogs are blocked in it.
  const popupPromise = context.waitForEvent('page');
  await shellFrame(page).evaluate(() => void window.open('about:blank', '_blank'));
  const popup = await popupPromise;
  const dialogs: string[] = [];
  popup.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const blocked = popup.waitForEvent('console', (m) => /sandboxed/.test(m.text()));
  await popup.evaluate(() => alert('escaped?'));
  await blocked;
  expect(dialogs).toEqual([]);
  await popup.close();

  expect(await audioTracksIn(frameNamed(page, 'ccbarclient'))).toBe(1);
});

test('reload the shell mid-call: ready within 2 s of the reload, no duplicates, one call.ended', async ({ page }) => {
  // Same-site CRM and shell, as in production: the bar's sum_* cookies then reach CEC, and the
  // reloaded bar resumes its session (see mock-fabric/loader.ts, "places").
  o = await startThreeOrigins({ sameSiteCrm: true });
  await mount(page, { timeouts: { callEndConfirmMs: 4000 } });
  await waitForEvent(page, 'connection', { state: 'ready' });
  await signIn(page);
  const { callId } = o.mock.control.injectCall({ caller: CALLER, called: CALLED });
  await waitForEvent(page, 'call.ringing', { callId });
  await openBar(page);
  await barUi(page).getByTestId('bar-answer').click();
  await waitForEvent(page, 'call.connected', { callId });

  const shell = shellFrame(page);
  const before = (await events(page)).length;
  // Timed from the reload: the host rebuilds when the new page announces itself, which can be
  // before that page's load event.
  const reloadedAt = await page.evaluate(() => Date.now());
  await shell.evaluate(() => location.reload());
  const ready = await page.waitForFunction(
    (n) => (window as unknown as PageWindow).__events.slice(n).find((e) => e.name === 'connection' && e.payload.state === 'ready'),
    before,
  );
  const readyAt = ((await ready.jsonValue()) as Recorded).at;
  test.info().annotations.push({ type: 'measured', description: `ready ${readyAt - reloadedAt} ms after the shell page was reloaded` });
  expect(readyAt - reloadedAt).toBeLessThan(2000);
  // The reloaded bar picks its gateway session up again (still in the call).
  await expect(barUi(page).locator('#ccbar')).toHaveAttribute('data-agent-state', 'inCall');

  o.mock.control.hangupCall(callId);
  const ended = await waitForEvent(page, 'call.ended', { callId });
  // The reloaded bar resumes its gateway session, so the customer's hang-up still reaches the host.
  expect(ended.payload).toMatchObject({ outcome: 'completed', endedBy: 'customer' });
  const all = await events(page);
  expect(all.filter((e) => e.name === 'call.ringing' && e.payload.callId === callId)).toHaveLength(1);
  expect(all.filter((e) => e.name === 'call.connected' && e.payload.callId === callId)).toHaveLength(1);
  // Still one call.ended after the confirmation window has passed.
  await page.waitForTimeout(4500);
  expect((await events(page)).filter((e) => e.name === 'call.ended' && e.payload.callId === callId)).toHaveLength(1);
});

test('CEC rejects the token → failed with AUTH_REJECTED', async ({ page }) => {
  o = await startThreeOrigins({ validateRetCode: 1 });
  await mount(page, { retry: { attempts: 0 } });
  const failed = await waitForEvent(page, 'connection', { state: 'failed' });
  expect(failed.payload.error).toMatchObject({ code: 'AUTH_REJECTED' });
});

test('shell 404 → failed with LOAD_FAILED (the frame loaded, nothing answered)', async ({ page }) => {
  o = await startThreeOrigins();
  // The 404 page loads in milliseconds; a handshake window of seconds leaves no doubt that it loaded
  // before the window closed (a frame that never loads is HANDSHAKE_TIMEOUT, the next test).
  await mount(page, { shellUrl: `${o.originB}/shell/missing.html`, retry: { attempts: 1, baseDelayMs: 50, maxDelayMs: 100 }, timeouts: { handshakeMs: 4000 } });
  const failed = await waitForEvent(page, 'connection', { state: 'failed' }, 20_000);
  expect(failed.payload.error).toMatchObject({ code: 'LOAD_FAILED' });
});

test('shell never answers → failed with HANDSHAKE_TIMEOUT', async ({ page }) => {
  o = await startThreeOrigins();
  const hang = await startTestServer({ '/shell.html': () => undefined });
  try {
    await mount(page, { shellUrl: `${hang.url.replace('127.0.0.1', 'localhost')}/shell.html`, retry: { attempts: 1, baseDelayMs: 50, maxDelayMs: 100 }, timeouts: { handshakeMs: 1500 } });
    const failed = await waitForEvent(page, 'connection', { state: 'failed' });
    expect((failed.payload.error as { code: string }).code).toBe('HANDSHAKE_TIMEOUT');
  } finally {
    await hang.close();
  }
});
