// The control panel's Scenarios tab: load a file, play it, pause (simulated time holds), resume,
// and read each expectation's result; a broken file gets the server's reason.
import { test, expect } from '@playwright/test';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';

let mock: MockFabric;
test.beforeEach(async () => {
  mock = await startMockFabric({ port: 0, trustTokens: true });
});
test.afterEach(async () => {
  await mock.close();
});

const scenario = {
  version: 1,
  name: 'panel',
  seed: 4,
  durationMs: 20_000,
  agents: [{ workNo: 102, answerAfterMs: [1000, 2000], talkMs: [5000, 8000] }],
  timeline: [{ at: 1000, do: 'call', call: 'c1', caller: '13800000001', called: '66881' }],
  expect: [
    { expect: 'callEnds', call: 'c1', outcome: 'completed' },
    { expect: 'callEnds', call: 'c1', outcome: 'abandoned' },
  ],
};
const file = (value: unknown) => ({ name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) });

test('Scenarios tab: shown alone from the tab bar; load, play, pause, resume, results', async ({ page }) => {
  await page.goto(`${mock.url}__mock/panel`);
  await expect(page.getByTestId('panel-scenarios')).toBeHidden();
  await page.getByTestId('panel-tab-scenarios').click();
  await expect(page.getByTestId('panel-scenarios')).toBeVisible();
  await expect(page.getByTestId('panel-queues')).toBeHidden();
  await expect(page.getByTestId('panel-config')).toBeHidden();
  await page.getByTestId('panel-scenario-file').setInputFiles(file(scenario));
  await page.getByTestId('panel-scenario-scale').fill('4');
  await page.getByTestId('panel-scenario-play').click();
  const status = page.getByTestId('panel-scenario-status');
  await expect(status).toHaveAttribute('data-state', 'playing');
  await page.getByTestId('panel-scenario-pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('panel-scenario-pause')).toHaveText('Resume');
  const held = mock.control.clock().now;
  await page.waitForTimeout(500);
  expect(mock.control.clock().now).toBe(held);
  await page.getByTestId('panel-scenario-pause').click();
  await expect(status).toHaveAttribute('data-state', 'finished', { timeout: 30_000 });
  await expect(status).toContainText('FAILED');
  await expect(page.getByTestId('panel-scenario-result-0')).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('panel-scenario-result-1')).toHaveAttribute('data-passed', 'false');
  await expect(page.getByTestId('panel-scenario-result-1')).toContainText('completed after');
  await expect(page.getByTestId('panel-scenario-progress')).toHaveJSProperty('value', 1);
  await page.getByTestId('panel-tab-live').click();
  await expect(page.getByTestId('panel-scenarios')).toBeHidden();
  await expect(page.getByTestId('panel-queues')).toBeVisible();
  await expect(page.getByTestId('panel-tab-scenarios')).toHaveAttribute('aria-selected', 'false');
});

test('Scenarios tab: a broken scenario gets the server\'s reason', async ({ page }) => {
  await page.goto(`${mock.url}__mock/panel`);
  await page.getByTestId('panel-tab-scenarios').click();
  await page.getByTestId('panel-scenario-file').setInputFiles(file({ ...scenario, timeline: [{ at: 0, do: 'hangUp', call: 'ghost' }] }));
  await page.getByTestId('panel-scenario-play').click();
  await expect(page.getByTestId('panel-scenario-status')).toContainText('unknown call "ghost"');
  await expect(page.getByTestId('panel-scenario-status')).toHaveAttribute('data-error', 'true');
});
