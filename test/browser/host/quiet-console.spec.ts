/**
 * Issue 13 item 4 for a plain integration: a CRM page that mounts the bar with cec-bar-host and
 * nothing else (test/support/e2e-origins.ts). Every frame's console (CRM page, shell, stock bar)
 * stays free of warnings and errors for a whole call cycle, from mount to destroy.
 */
import { test, expect, type Frame, type Page } from '@playwright/test';
import { barFrame, signInAgent } from '../../../src/testing/helpers.js';
import { startThreeOrigins, crmMountOptions, type ThreeOrigins, type CrmMountOptions } from '../../support/e2e-origins.js';
import { watchConsole, type ExpectedEntry } from '../../support/console-watch.js';

interface PageWindow {
  __ready?: boolean;
  __events: { name: string; payload: Record<string, unknown> }[];
  __mount(options: CrmMountOptions): boolean;
  __bar: { callOut(number: string): Promise<{ callId: string }>; destroy(): void };
}

/**
 * Console entries a plain integration is allowed to produce, each with its reason. Empty on
 * purpose: an entry added here needs a reason a reviewer accepts.
 */
const EXPECTED: readonly ExpectedEntry[] = [];
// Billing (skill 2, route 66882) has no wrap-up, so the agent is idle again right after a call.
const CALLED = '66882';

let origins: ThreeOrigins | undefined;
test.afterEach(async () => {
  await origins?.close();
});

/** Waits for the host event `name` whose payload has every field of `match`, after the first `from` events. */
async function waitForEvent(page: Page, name: string, match: Record<string, unknown>, from = 0): Promise<void> {
  await page.waitForFunction(
    ([wanted, fields, skip]) =>
      (window as unknown as PageWindow).__events
        .slice(skip)
        .some((event) => event.name === wanted && Object.entries(fields).every(([key, value]) => event.payload[key] === value)),
    [name, match, from] as const,
  );
}
const eventCount = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as PageWindow).__events.length);

function shellFrame(page: Page): Frame {
  const shell = page.frames().find((frame) => frame.parentFrame() === page.mainFrame());
  if (!shell) throw new Error('no shell frame');
  return shell;
}

async function mount(page: Page, running: ThreeOrigins): Promise<void> {
  await page.goto(running.crmUrl);
  await page.waitForFunction(() => (window as unknown as PageWindow).__ready === true);
  await page.evaluate((options) => (window as unknown as PageWindow).__mount(options), crmMountOptions(running));
  await waitForEvent(page, 'connection', { state: 'ready' });
}

test('mount, sign in, ring, answer, hang up, click-to-dial, shell reload, destroy: no warning or error in any frame', async ({ page }) => {
  // Same site, as in production: the reloaded bar resumes its CEC session.
  const running = (origins = await startThreeOrigins({ sameSiteCrm: true }));
  const watch = watchConsole(page);
  await mount(page, running);
  await signInAgent(page);
  const bar = barFrame(page);

  // Ring, answer in the bar, hang up in the bar.
  const { callId } = running.mock.control.injectCall({ caller: '13900000001', called: CALLED });
  await waitForEvent(page, 'call.ringing', { callId });
  await bar.getByTestId('bar-answer').click();
  await waitForEvent(page, 'call.connected', { callId });
  await bar.getByTestId('bar-hangup').click();
  await waitForEvent(page, 'call.ended', { callId, endedBy: 'agent' });

  // Click-to-dial: the CRM calls out, the customer answers, the agent hangs up.
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle');
  const dialed = await page.evaluate(() => (window as unknown as PageWindow).__bar.callOut('13900000003'));
  running.mock.control.answerCall(dialed.callId);
  await waitForEvent(page, 'call.connected', { callId: dialed.callId });
  await bar.getByTestId('bar-hangup').click();
  await waitForEvent(page, 'call.ended', { callId: dialed.callId });

  // The shell page reloads: the host handshakes with the new page once it is there.
  const before = await eventCount(page);
  await shellFrame(page).evaluate(() => location.reload());
  await waitForEvent(page, 'connection', { state: 'ready' }, before);
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle');

  await page.evaluate(() => (window as unknown as PageWindow).__bar.destroy());
  await expect(page.locator('iframe')).toHaveCount(0);
  // A timer left behind (the handshake resends every 500 ms) would have logged by now.
  await page.waitForTimeout(1200);
  await expect(page.locator('h1')).toHaveText('CRM');

  expect(watch.unexpected(EXPECTED)).toEqual([]);
});

test('the console watch hears the nested cross-origin frames and their uncaught errors', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  const watch = watchConsole(page);
  await mount(page, running);
  await signInAgent(page);
  const stockBar = page.frames().find((frame) => frame.name() === 'ccbarclient');
  expect(stockBar, 'the stock bar frame').toBeTruthy();
  const earlier = watch.entries.length;
  await stockBar!.evaluate(() => console.warn('warning from the stock bar'));
  await shellFrame(page).evaluate(() => void setTimeout(() => { throw new Error('thrown in the shell'); }));
  await expect.poll(() => watch.entries.length - earlier).toBe(2);
  const logged = watch.entries.slice(earlier);
  expect(logged.map((entry) => [entry.level, entry.text])).toEqual([
    ['warning', 'warning from the stock bar'],
    ['pageerror', 'Error: thrown in the shell'],
  ]);
  // Both are reported until the test names them as expected.
  expect(watch.unexpected(EXPECTED)).toEqual(expect.arrayContaining(logged));
  const named = watch.unexpected([{ pattern: /stock bar|in the shell/, why: 'this test logged them' }]);
  expect(named.filter((entry) => logged.includes(entry))).toEqual([]);
});
