/**
 * Issue 14, item 13: the truth after a shell reload, in both topologies, with a call afterwards.
 *
 * - Same site (production layout): the reloaded bar resumes CEC's session; the host keeps the
 *   agent's state and the next call rings in the page.
 * - Cross site (CRM on 127.0.0.1, shell on localhost): the bar's cookies are third-party, the
 *   reloaded bar starts Offline; the host says `offline` with `SESSION_NOT_RESUMED`. The next call
 *   rings the orphaned CEC session, goes back to its queue on no answer, and reaches the page once
 *   the agent takes the session over in the bar.
 */
import { test, expect } from '@playwright/test';
import { startThreeOrigins, type ThreeOrigins } from '../../support/e2e-origins.js';
import {
  barSnapshot,
  mountPlainBar,
  openStockBar,
  pageEvents,
  reloadShell,
  signInFromBar,
  stockBar,
  waitForPageEvent,
} from '../../support/resume-pages.js';

// Billing (skill 2, route 66882) has no wrap-up time and no overflow.
const CALLED = '66882';
const CONFIRM_MS = 4000;

let origins: ThreeOrigins;
test.afterEach(async () => origins?.close());

test('same site: a reloaded shell resumes the session, the agent stays idle, the next call rings in the page', async ({ page }) => {
  origins = await startThreeOrigins({ sameSiteCrm: true, mock: { trustTokens: true, ringTimeoutMs: 3000 } });
  await mountPlainBar(page, origins, { timeouts: { callEndConfirmMs: CONFIRM_MS } });
  await waitForPageEvent(page, 'connection', { state: 'ready' });
  await signInFromBar(page);
  await waitForPageEvent(page, 'agent.state', { state: 'idle' });

  await reloadShell(page);
  await expect(stockBar(page).locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle');
  // past the confirmation window: nothing said the agent went offline
  await page.waitForTimeout(CONFIRM_MS + 1000);
  expect(await pageEvents(page, 'agent.state')).toEqual([expect.objectContaining({ name: 'agent.state', payload: expect.objectContaining({ state: 'idle' }) })]);
  expect(await pageEvents(page, 'error')).toEqual([]);
  expect(await barSnapshot(page)).toMatchObject({ state: 'ready', agent: 'idle' });

  const { callId } = origins.mock.control.injectCall({ caller: '13900000001', called: CALLED });
  await waitForPageEvent(page, 'call.ringing', { callId });
});

test('cross site: a reloaded shell that cannot resume says offline with SESSION_NOT_RESUMED; the next call is requeued, then reaches the page', async ({ page }) => {
  origins = await startThreeOrigins({ mock: { trustTokens: true, ringTimeoutMs: 3000 } });
  await mountPlainBar(page, origins, { timeouts: { callEndConfirmMs: CONFIRM_MS } });
  await waitForPageEvent(page, 'connection', { state: 'ready' });
  await signInFromBar(page);
  await waitForPageEvent(page, 'agent.state', { state: 'idle' });

  await reloadShell(page);
  // the bar starts Offline: its sum_* cookies did not reach CEC
  await expect(stockBar(page).locator('#ccbar')).toHaveAttribute('data-agent-state', 'offline');
  const offline = await waitForPageEvent(page, 'agent.state', { state: 'offline' });
  expect(offline.payload).toMatchObject({ previous: 'idle', error: { code: 'SESSION_NOT_RESUMED' } });
  expect(await pageEvents(page, 'error')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ code: 'SESSION_NOT_RESUMED' }) })]);
  expect(await barSnapshot(page)).toMatchObject({ state: 'ready', agent: 'offline' });

  // CEC still holds the old session (no poll yet for < 2 minutes): the call rings there, unanswered,
  // and goes back to the front of its queue; the agent is set busy (reason 2). The page hears nothing.
  const { callId } = origins.mock.control.injectCall({ caller: '13900000002', called: CALLED });
  await expect.poll(() => origins.mock.control.state().calls.find((call) => call.callId === callId), { timeout: 10_000 }).toMatchObject({ state: 'queued', requeueCount: 1 });
  expect(await pageEvents(page, 'call.ringing')).toEqual([]);
  // From now on the call rings long enough to be read ringing in the page on a loaded machine: the
  // ring time is read when the call is offered, and a 3 s ring could run out before the look below.
  origins.mock.control.setRingTimeout(30_000);

  // The agent does what the host told the CRM: signs in again in the bar, moving the session here.
  await openStockBar(page);
  await stockBar(page).getByTestId('bar-signin').click();
  await stockBar(page).getByTestId('bar-forcelogin').click();
  await expect(stockBar(page).locator('#ccbar')).toHaveAttribute('data-agent-state', 'busy');
  await stockBar(page).getByTestId('bar-state-menu').click();
  await stockBar(page).getByTestId('bar-set-idle').click();
  await waitForPageEvent(page, 'call.ringing', { callId });
  expect(await barSnapshot(page)).toMatchObject({ agent: 'idle', calls: [callId] });
});
