// The demo CRM opened in two tabs for one agent: one bar between them, the record pops in both,
// the call is logged once, and "Use the bar in this tab" moves the bar. (The mid-call move, which
// needs the bar's CEC session to resume, is proven same-site in test/browser/tabs: the demo's
// shell is cross-site to its CRM, so there the moved bar is a new place and signs in again.)
import { test, expect, barFrame, signInAgent, injectCall, hangUpAsCustomer } from '../../support/demo-fixtures.js';

test('two CRM tabs: one bar, a screen pop in both, one log entry, the bar moves on request', async ({ crmPage: first, crm }) => {
  await signInAgent(first);
  const logged = await first.getByTestId('call-log-entry').count();
  const second = await first.context().newPage();
  await second.goto(crm.urls.crm);
  await expect(second.getByTestId('customer-list')).toBeVisible();
  // the second tab has no frame of its own: it says where the bar is, and shows the agent's state
  await expect(second.getByTestId('connection-state')).toHaveText('Bar: in another tab');
  await expect(second.getByTestId('bar-elsewhere')).toBeVisible();
  expect(await second.locator('iframe').count()).toBe(0);
  await expect(first.getByTestId('bar-elsewhere')).toBeHidden();
  await expect(second.getByTestId('agent-state')).toHaveAttribute('data-state', 'idle');

  const { callId } = await injectCall(crm, { caller: '13800138001' });
  for (const page of [first, second]) await expect(page.getByTestId('record')).toHaveAttribute('data-customer-id', 'c-1001');
  await barFrame(first).getByTestId('bar-answer').click();
  await expect(second.getByTestId('live-call')).toHaveAttribute('data-phase', 'connected');
  // during the call the bar stays put unless the agent insists
  await second.getByTestId('bar-move-here').click();
  await expect(second.getByTestId('bar-move-here')).toHaveText(/anyway/);
  expect(await second.locator('iframe').count()).toBe(0);

  await hangUpAsCustomer(crm, callId);
  for (const page of [first, second]) {
    await expect(page.getByTestId('live-call')).toBeHidden();
    // one log entry for the call, whichever tabs logged it (the CRM keys the log by call id)
    await expect(page.getByTestId('call-log-entry')).toHaveCount(logged + 1);
    await expect(page.locator(`[data-testid=call-log-entry][data-call-id="${callId}"]`)).toHaveAttribute('data-outcome', 'completed');
  }

  // no call now: the bar moves to the second tab
  await expect(second.getByTestId('bar-move-here')).toHaveText('Use the bar in this tab');
  await second.getByTestId('bar-move-here').click();
  await expect(second.getByTestId('bar-elsewhere')).toBeHidden();
  await expect(first.getByTestId('bar-elsewhere')).toBeVisible();
  await expect(first.getByTestId('connection-state')).toHaveText('Bar: in another tab');
  expect(await first.locator('iframe').count()).toBe(0);
  await expect(barFrame(second).locator('#ccbar')).toBeVisible();
});
