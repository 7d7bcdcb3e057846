/** Playing a mock-fabric scenario from a Playwright test, with its report attached to the test. */
import { test } from '@playwright/test';
import { formatScenarioReport, type MockControl, type PlayOptions, type ScenarioReport } from '../../mock-fabric/index.js';

/**
 * Play a scenario (a parsed file, a `ScenarioBuilder` result, or raw JSON) on the test's mock
 * fabric and resolve with its report, attached to the test as `scenario report` (text). Progress
 * events go to `options.onProgress`; the test decides what a failed expectation means.
 *
 * @param target - The mock (the `mockFabric` fixture) or anything with its `control`.
 * @param scenario - The scenario; validated first (a `ControlError` 400 names the bad field).
 * @param options - `timeScale`, `onProgress`.
 * @example
 * ```ts
 * import { test, expect, playScenario, signInAgent } from 'cec-bar-host/testing';
 * import { loadScenarioFile } from 'cec-bar-host/mock-fabric';
 * test('the busy hour holds', async ({ barPage, mockFabric }) => {
 *   await signInAgent(barPage);
 *   const report = await playScenario(mockFabric, loadScenarioFile('scenarios/busy-hour.json'), { timeScale: 30 });
 *   expect(report.expectations.filter((result) => !result.passed)).toEqual([]);
 * });
 * ```
 */
export async function playScenario(target: { readonly control: Pick<MockControl, 'play'> }, scenario: unknown, options: PlayOptions = {}): Promise<ScenarioReport> {
  const report = await target.control.play(scenario, options).finished;
  await test.info().attach('scenario report', { body: formatScenarioReport(report), contentType: 'text/plain' });
  return report;
}
