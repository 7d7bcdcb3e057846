// Issue 13 item 4: the demo CRM's console, in every frame (CRM page, bar shell, stock bar), stays
// quiet for a whole working session: nothing at warning level or above from sign-in to sign-out.
import { test, expect, barFrame, signInAgent, signInCrm, answerAsCustomer, answerAndHangUpInDemo } from '../../support/demo-fixtures.js';
import { watchConsole, type ExpectedEntry } from '../../support/console-watch.js';
import type { Page } from '@playwright/test';

/**
 * Console entries this session is allowed to produce, each with its reason. Empty on purpose:
 * an entry added here needs a reason a reviewer accepts, not just "it is always there".
 */
const EXPECTED: readonly ExpectedEntry[] = [];

test('mount, sign in, ring, answer, hang up, click-to-dial, shell reload, sign out: no warning or error in any frame', async ({ page, crm }) => {
  const watch = watchConsole(page);
  // Mount: signing in to the CRM mounts the bar (and asks the backend who is signed in first).
  await signInCrm(page, crm.urls.crm);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'ready');
  await signInAgent(page);
  const bar = barFrame(page);

  // Ring, answer in the bar, hang up in the bar.
  const callId = await answerAndHangUpInDemo(page, crm);
  await expect(page.locator(`[data-testid=call-log-entry][data-call-id="${callId}"]`)).toHaveCount(1);

  // Click-to-dial, the customer answers, the agent hangs up.
  await page.getByTestId('customer-c-1002').getByTestId('dial-13800138002').click();
  const live = page.getByTestId('live-call');
  await expect(live).toHaveAttribute('data-phase', 'dialing');
  const outboundId = await live.getAttribute('data-call-id');
  expect(outboundId).toBeTruthy();
  await answerAsCustomer(crm, outboundId!);
  await expect(live).toHaveAttribute('data-phase', 'connected');
  await bar.getByTestId('bar-hangup').click();
  await expect(page.locator(`[data-testid=call-log-entry][data-call-id="${outboundId}"]`)).toHaveCount(1);

  // The shell page reloads: the host re-handshakes with the new document. The header is watched
  // from before the reload, so that its "ready" afterwards is the new page's, not the old one's.
  const states = await watchConnectionStates(page);
  const shell = page.frames().find((frame) => frame.parentFrame() === page.mainFrame() && frame.url().includes('/shell/'));
  expect(shell, 'the shell frame').toBeTruthy();
  await shell!.evaluate(() => location.reload());
  await expect.poll(states, { message: 'the host noticed the reload and was ready again' }).toEqual(['reconnecting', 'ready']);
  await expect(bar.locator('#ccbar')).toBeVisible();

  // Destroy: signing out of the CRM destroys the bar.
  await page.getByTestId('signout').click();
  await expect(page.getByTestId('signin-u-alice')).toBeVisible();
  await expect(page.locator('iframe')).toHaveCount(0);
  // Timers the bar might have left behind (the handshake resends every 500 ms) would log by now.
  await page.waitForTimeout(1200);
  await expect(page.getByTestId('signin-u-alice')).toBeVisible();

  expect(watch.unexpected(EXPECTED)).toEqual([]);
});

/** Every change of the connection state the demo's header shows from now on, in order. */
async function watchConnectionStates(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const header = document.querySelector('[data-testid=connection-state]')!;
    const seen: string[] = [];
    (window as unknown as { __connectionStates: string[] }).__connectionStates = seen;
    let shown = header.getAttribute('data-state');
    // One callback may carry several changes: each record's old value is the state before it, so
    // the values shown are the old values after the first record, then the current one. The header
    // is rendered again on other changes too: a state counts when it differs.
    new MutationObserver((records) => {
      const values = [...records.slice(1).map((record) => record.oldValue), header.getAttribute('data-state')];
      for (const state of values) if (state !== shown && state !== null) seen.push((shown = state));
    }).observe(header, { attributeFilter: ['data-state'], attributeOldValue: true });
  });
  return () => page.evaluate(() => (window as unknown as { __connectionStates: string[] }).__connectionStates);
}
