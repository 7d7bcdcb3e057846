// The QA control panel at /__mock/panel: live state, injecting and hanging up calls, faults, reset.
import { test, expect } from '@playwright/test';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { signInOverHttp } from '../../support/rawcec-helpers.js';

let mock: MockFabric;
test.beforeEach(async () => {
  mock = await startMockFabric({ port: 0, trustTokens: true });
});
test.afterEach(async () => {
  await mock.close();
});


test('panel lists agents and queues, injects a call with its form, and shows it', async ({ page }) => {
  await page.goto(`${mock.url}__mock/panel`);
  await expect(page.getByTestId('panel-live')).toHaveAttribute('data-ok', 'true');
  for (const a of mock.tenant.agents) await expect(page.getByTestId(`panel-agent-${a.workNo}`)).toContainText(a.name);
  for (const s of mock.tenant.skills) await expect(page.getByTestId(`panel-queue-${s.id}`)).toContainText(s.name);

  // Nobody signed in: the call is listed, ended by the queue's "no agents" overflow.
  await page.getByTestId('panel-caller').fill('13912345678');
  await page.getByTestId('panel-called').fill('66882');
  await page.getByTestId('panel-inject').click();
  await expect(page.getByTestId('panel-inject-result')).toContainText('Injected call');
  const calls = mock.control.state().calls;
  expect(calls).toHaveLength(1);
  const call = calls[0]!;
  expect(call).toMatchObject({ caller: '13912345678', called: '66882', direction: 'inbound' });
  const row = page.getByTestId(`panel-call-${call.callId}`);
  await expect(row).toContainText('13912345678');
  await expect(row).toContainText('66882');
  expect(call.state).toBe('released');
  await expect(row).toHaveAttribute('data-state', 'released');
  await expect(row).toContainText(call.endReason!);
  await page.getByTestId('panel-active-only').check();
  await expect(row).toHaveCount(0);
});

test('panel shows a ringing agent and hangs the call up as the customer', async ({ page }) => {
  await signInOverHttp(mock, 102);
  await page.goto(`${mock.url}__mock/panel/`);
  await expect(page.getByTestId('panel-agent-102')).toHaveAttribute('data-phase', 'idle');
  await page.getByTestId('panel-caller').fill('13912340000');
  await page.getByTestId('panel-called').fill('66881');
  await page.getByTestId('panel-inject').click();
  await expect(page.getByTestId('panel-inject-result')).toContainText('Injected call');
  const call = mock.control.state().calls[0]!;
  const row = page.getByTestId(`panel-call-${call.callId}`);
  await expect(row).toHaveAttribute('data-state', 'ringing');
  await expect(row).toContainText('102');
  await expect(page.getByTestId('panel-agent-102')).toHaveAttribute('data-phase', 'ringing');
  await page.screenshot({ path: 'test-results/mock-fabric-panel.png', fullPage: true });

  await row.getByTestId('panel-call-hangup').click();
  await expect.poll(() => mock.control.state().calls.find((c) => c.callId === call.callId)?.state).toBe('released');
  await expect(row).toHaveAttribute('data-state', 'released');
  await expect(row.getByTestId('panel-call-hangup')).toHaveCount(0);
});

test('panel reports a bad injection, applies and clears faults, and resets', async ({ page }) => {
  await page.goto(`${mock.url}__mock/panel/`);
  await page.getByTestId('panel-caller').fill('not-a-number');
  await page.getByTestId('panel-inject').click();
  await expect(page.getByTestId('panel-inject-result')).toHaveAttribute('data-error', 'true');
  await expect(page.getByTestId('panel-inject-result')).toContainText('HTTP 400');
  expect(mock.control.state().calls).toHaveLength(0);

  await page.getByTestId('panel-fault-path').fill('^/apiaccess/');
  await page.getByTestId('panel-fault-status').fill('429');
  await page.getByTestId('panel-fault-apply').click();
  await expect(page.getByTestId('panel-faults-result')).toHaveText('Faults applied.');
  expect(mock.control.faults().rules).toEqual([expect.objectContaining({ path: '^/apiaccess/', status: 429 })]);
  await page.getByTestId('panel-fault-clear').click();
  await expect(page.getByTestId('panel-faults-result')).toHaveText('Faults cleared.');
  expect(mock.control.faults().rules).toEqual([]);

  mock.control.injectCall({ caller: '13900000001', called: '66881' });
  await expect(page.locator('tr[data-call-id]')).toHaveCount(1);
  await page.getByTestId('panel-reset').click();
  await expect(page.getByTestId('panel-inject-result')).toHaveText('The mock was reset.');
  expect(mock.control.state().calls).toHaveLength(0);
  await expect(page.locator('tr[data-call-id]')).toHaveCount(0);
});
