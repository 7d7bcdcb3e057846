/**
 * Issue 14, items 13 and 18: the truth after the bar changes owner tab (`cec-bar-host/tabs`).
 *
 * - Same site: the new owner's bar resumes CEC's session: the tabs keep the agent's state, the next
 *   call rings in every tab; mid-call, the resumed bar shows the live call with its controls, and
 *   hanging up there ends the call once per tab.
 * - Cross site: the new owner's bar cannot resume (third-party cookies): every tab is told
 *   `offline` with `SESSION_NOT_RESUMED`, a carried call ends as `unknown`, and the next call goes
 *   back to its queue instead of vanishing into the orphaned session.
 */
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { startThreeOrigins, type ThreeOrigins } from '../../support/e2e-origins.js';
import { barSnapshot, openSharedTab, openStockBar, pageEvents, signInFromBar, stockBar, waitForPageEvent } from '../../support/resume-pages.js';

// Billing (skill 2, route 66882) has no wrap-up time and no overflow.
const CALLED = '66882';
const CONFIRM_MS = 4000;
const MOUNT = { timeouts: { callEndConfirmMs: CONFIRM_MS } };
// A short ring timeout lets an unanswered call come back to its queue within the test; the
// mid-call tests answer in the bar instead, so they ring long enough for a loaded CI machine
// (three tabs ringing, then a click: a 3 s ring once timed out before the answer landed).
const QUICK_RING = { trustTokens: true, ringTimeoutMs: 3000 };
const ANSWERED_RING = { trustTokens: true, ringTimeoutMs: 30_000 };

let origins: ThreeOrigins;
test.afterEach(async () => origins?.close());

const isOwner = (page: Page): Promise<boolean> => page.evaluate(() => (window as unknown as { __bar: { ownership: { owner: boolean } } }).__bar.ownership.owner);

/** Two tabs of the CRM, the agent signed in from the owner's bar; returns [owner, standby]. */
async function twoTabsSignedIn(context: BrowserContext): Promise<[Page, Page]> {
  const pages = [await context.newPage(), await context.newPage()];
  for (const page of pages) await openSharedTab(page, origins, MOUNT);
  await expect.poll(async () => (await Promise.all(pages.map(isOwner))).filter(Boolean).length).toBe(1);
  const owner = (await isOwner(pages[0]!)) ? pages[0]! : pages[1]!;
  const standby = pages.find((page) => page !== owner)!;
  await waitForPageEvent(owner, 'connection', { state: 'ready' });
  await signInFromBar(owner);
  for (const page of pages) await waitForPageEvent(page, 'agent.state', { state: 'idle' });
  return [owner, standby];
}

/** The standby tab takes the bar ("Use the bar in this tab"). */
async function takeOver(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __bar: { takeOver(): Promise<void> } }).__bar.takeOver());
  await waitForPageEvent(page, 'ownership', { owner: true });
}

/** An inbound call answered in the owner's bar, connected in every tab. */
async function liveCall(owner: Page, tabs: Page[]): Promise<string> {
  const { callId } = origins.mock.control.injectCall({ caller: '13900000001', called: CALLED });
  for (const page of tabs) await waitForPageEvent(page, 'call.ringing', { callId });
  await openStockBar(owner);
  await stockBar(owner).getByTestId('bar-answer').click();
  for (const page of tabs) await waitForPageEvent(page, 'call.connected', { callId });
  return callId;
}

const ended = async (page: Page, callId: string) => (await pageEvents(page, 'call.ended')).filter((event) => event.payload.callId === callId).map((event) => event.payload);

test('same site, the bar moves tab: the session resumes, both tabs stay idle, the next call rings in both', async ({ context }) => {
  origins = await startThreeOrigins({ sameSiteCrm: true, mock: QUICK_RING });
  const [owner, standby] = await twoTabsSignedIn(context);
  await takeOver(standby);
  await waitForPageEvent(standby, 'connection', { state: 'ready' });
  await expect(stockBar(standby).locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle');
  await standby.waitForTimeout(CONFIRM_MS + 1000);
  for (const page of [owner, standby]) {
    expect((await pageEvents(page, 'agent.state')).map((event) => event.payload.state)).toEqual(['idle']);
    expect(await barSnapshot(page)).toMatchObject({ agent: 'idle' });
  }
  const { callId } = origins.mock.control.injectCall({ caller: '13900000002', called: CALLED });
  for (const page of [owner, standby]) await waitForPageEvent(page, 'call.ringing', { callId });
});

test('cross site, the bar moves tab: every tab is told offline with SESSION_NOT_RESUMED; the next call goes back to its queue', async ({ context }) => {
  origins = await startThreeOrigins({ mock: QUICK_RING });
  const [owner, standby] = await twoTabsSignedIn(context);
  await takeOver(standby);
  await waitForPageEvent(standby, 'connection', { state: 'ready' });
  await expect(stockBar(standby).locator('#ccbar')).toHaveAttribute('data-agent-state', 'offline');
  for (const page of [owner, standby]) {
    const offline = await waitForPageEvent(page, 'agent.state', { state: 'offline' });
    expect(offline.payload).toMatchObject({ previous: 'idle', error: { code: 'SESSION_NOT_RESUMED' } });
    expect(await barSnapshot(page)).toMatchObject({ agent: 'offline' });
  }
  expect((await pageEvents(standby, 'error')).map((event) => event.payload.code)).toEqual(['SESSION_NOT_RESUMED']);

  const { callId } = origins.mock.control.injectCall({ caller: '13900000002', called: CALLED });
  await expect.poll(() => origins.mock.control.state().calls.find((call) => call.callId === callId), { timeout: 10_000 }).toMatchObject({ state: 'queued', requeueCount: 1 });
  for (const page of [owner, standby]) expect(await pageEvents(page, 'call.ringing')).toEqual([]);
});

test('cross site, the owner tab closes mid-call: the other tab is told offline, and the carried call ends once as unknown', async ({ context }) => {
  origins = await startThreeOrigins({ mock: ANSWERED_RING });
  const [owner, standby] = await twoTabsSignedIn(context);
  const callId = await liveCall(owner, [owner, standby]);
  await owner.close();
  await waitForPageEvent(standby, 'ownership', { owner: true });
  const offline = await waitForPageEvent(standby, 'agent.state', { state: 'offline' });
  expect(offline.payload).toMatchObject({ previous: 'inCall', error: { code: 'SESSION_NOT_RESUMED' } });
  await standby.waitForTimeout(500); // room for a duplicate to show up
  expect(await ended(standby, callId)).toEqual([expect.objectContaining({ callId, outcome: 'unknown' })]);
  expect(await barSnapshot(standby)).toMatchObject({ agent: 'offline', calls: [] });
});

test('same site, the owner tab closes mid-call: the resumed bar shows the call and hangs it up; one call.ended per tab', async ({ context }) => {
  origins = await startThreeOrigins({ sameSiteCrm: true, mock: ANSWERED_RING });
  const [owner, standby] = await twoTabsSignedIn(context);
  const third = await context.newPage();
  await openSharedTab(third, origins, MOUNT);
  await expect.poll(() => barSnapshot(third)).toMatchObject({ state: 'standby', agent: 'idle' });
  const callId = await liveCall(owner, [owner, standby, third]);
  await owner.close();
  const tabs = [standby, third];
  const next = await Promise.race(tabs.map((page) => waitForPageEvent(page, 'ownership', { owner: true }).then(() => page)));
  await waitForPageEvent(next, 'connection', { state: 'ready' });

  // The resumed bar shows the live call with its controls, as CEC's bar does after a reload.
  const bar = stockBar(next);
  await openStockBar(next);
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'talking');
  await expect(bar.getByTestId('bar-hangup')).toBeVisible();
  await bar.getByTestId('bar-hangup').click();
  for (const page of tabs) await waitForPageEvent(page, 'call.ended', { callId });
  await next.waitForTimeout(CONFIRM_MS + 500); // past the confirmation window: no second call.ended
  for (const page of tabs) {
    expect(await ended(page, callId)).toEqual([expect.objectContaining({ callId, outcome: 'completed', endedBy: 'agent' })]);
    expect(await barSnapshot(page)).toMatchObject({ calls: [] });
    expect((await pageEvents(page, 'agent.state')).filter((event) => event.payload.state === 'offline')).toEqual([]);
  }
  expect(origins.mock.control.state().calls.find((call) => call.callId === callId)).toMatchObject({ state: 'released', endReason: 'agent hung up' });
});
