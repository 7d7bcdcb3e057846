// Issue 14, item 13, as the demo CRM shows it: the bar moves to another tab ("Use the bar in this
// tab"), then a customer calls. Same-site (production layout) the moved bar resumes CEC's session
// and the record pops in the tab that has the bar; cross-site the header says Offline in both tabs
// (not Ready), and the call goes back to its queue instead of vanishing.
import type { Page } from '@playwright/test';
import { test, expect, signInAgent, injectCall, barFrame, type DemoStack } from '../../support/demo-fixtures.js';

/** The demo's own confirmation window: `timeouts.callEndConfirmMs` is not set there. */
const CONFIRM_MS = 15_000;

async function moveBarToSecondTab(first: Page, crm: DemoStack): Promise<Page> {
  await signInAgent(first);
  const second = await first.context().newPage();
  await second.goto(crm.urls.crm);
  await expect(second.getByTestId('connection-state')).toHaveText('Bar: in another tab');
  await expect(second.getByTestId('agent-state')).toHaveAttribute('data-state', 'idle');
  await second.getByTestId('bar-move-here').click();
  await expect(first.getByTestId('connection-state')).toHaveText('Bar: in another tab');
  await expect(second.getByTestId('connection-state')).toHaveAttribute('data-state', 'ready');
  return second;
}

test.describe('same site', () => {
  test.use({ crmOptions: { shellSite: 'same-site' } });
  test('the moved bar resumes: both headers stay Ready, and the next call pops the record where the bar is', async ({ crmPage: first, crm }) => {
    test.setTimeout(90_000);
    const second = await moveBarToSecondTab(first, crm);
    await expect(barFrame(second).locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle');
    await second.waitForTimeout(CONFIRM_MS + 1000);
    for (const page of [first, second]) await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'idle');
    await injectCall(crm, { caller: '13800138001' });
    for (const page of [first, second]) await expect(page.getByTestId('record')).toHaveAttribute('data-customer-id', 'c-1001');
    await expect(barFrame(second).locator('#ccbar')).toHaveAttribute('data-call-state', 'ringing');
  });
});

test.describe('cross site', () => {
  test.use({ crmOptions: { shellSite: 'cross-site' } });
  test('the moved bar cannot resume: both headers say Offline with a hint, and the next call is requeued, not lost', async ({ crmPage: first, crm }) => {
    test.setTimeout(90_000);
    const second = await moveBarToSecondTab(first, crm);
    await expect(barFrame(second).locator('#ccbar')).toHaveAttribute('data-agent-state', 'offline');
    for (const page of [first, second]) await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'offline', { timeout: CONFIRM_MS + 10_000 });
    await expect(second.getByTestId('toast')).toContainText('sign in again in the bar');
    const { callId } = await injectCall(crm, { caller: '13800138001' });
    // the tenant's ring timeout is 15 s: the orphaned session does not answer, the call goes back to its queue
    await expect.poll(() => crm.fabric.control.state().calls.find((call) => call.callId === callId)?.requeueCount, { timeout: 30_000 }).toBe(1);
    for (const page of [first, second]) await expect(page.getByTestId('record')).not.toHaveAttribute('data-customer-id', 'c-1001');
  });
});

// The README's story in the demo: the owner tab closes mid-call and the other tab carries on.
test.describe('same site, mid-call', () => {
  test.use({ crmOptions: { shellSite: 'same-site' } });
  test('the owner tab closes during a call: the other tab gets the bar with the live call, hangs up, and logs it once', async ({ crmPage: first, crm }) => {
    test.setTimeout(90_000);
    await signInAgent(first);
    const second = await first.context().newPage();
    await second.goto(crm.urls.crm);
    await expect(second.getByTestId('connection-state')).toHaveText('Bar: in another tab');
    await injectCall(crm, { caller: '13800138001' });
    await barFrame(first).getByTestId('bar-answer').click();
    await expect(second.getByTestId('agent-state')).toHaveAttribute('data-state', 'inCall');
    await first.close({ runBeforeUnload: true });
    // The second tab owns the bar now; the resumed bar shows the call with its controls.
    await expect(second.getByTestId('connection-state')).toHaveAttribute('data-state', 'ready');
    await expect(barFrame(second).locator('#ccbar')).toHaveAttribute('data-call-state', 'talking');
    await expect(second.getByTestId('agent-state')).toHaveAttribute('data-state', 'inCall');
    // A new bar page starts collapsed, as CEC's does: the agent opens it to reach the controls.
    await barFrame(second).getByTestId('bar-toggle').click();
    await barFrame(second).getByTestId('bar-hangup').click();
    await expect(second.getByTestId('call-log-entry')).toHaveCount(1);
    await expect(second.getByTestId('call-log-entry').first()).toHaveAttribute('data-outcome', 'completed');
  });
});
