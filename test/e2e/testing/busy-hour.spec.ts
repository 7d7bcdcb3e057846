// The shipped busy hour with a signed-in Chromium agent (alice.chen, 101) beside the headless ones: she
// answers what the bar offers and hangs up a second later; every expectation of the scenario holds,
// and her page gets exactly one call.ended for each call that rang there.
import path from 'node:path';
import { loadScenarioFile } from '../../../mock-fabric/index.js';
import { test, expect, signInAgent, barFrame, barEvents, playScenario, type ScenarioProgress } from '../../../src/testing/index.js';

const scenario = loadScenarioFile(path.join(import.meta.dirname, '../../../mock-fabric/scenarios/busy-hour.json'));
// At 30x a 15 s ring is half a wall second: give the Chromium agent 120 simulated seconds (4 wall
// seconds) to click Answer. Her first answer took up to 66 simulated seconds on a loaded machine (past
// the 60 s this had), and a call she lets ring out sets her busy for good: no call.connected at all.
test.use({ mockFabricOptions: { tenant: scenario.tenant, ringTimeoutMs: 120_000 } });

test('busy hour: headless agents and a Chromium agent, all expectations holding, in under 60 s wall', async ({ barPage, mockFabric }) => {
  test.setTimeout(120_000);
  await signInAgent(barPage);
  const bar = barFrame(barPage);
  let finished = false;
  const progress: ScenarioProgress[] = [];
  // A button seen a moment ago can be gone by the click (the customer gave up, the call rang out, the
  // scenario ended): the click gives up after a while instead of waiting for a button that never comes.
  const click = { timeout: 5_000 };
  const agentAtWork = (async () => {
    while (!finished) {
      if (await bar.getByTestId('bar-answer').isVisible()) {
        await bar.getByTestId('bar-answer').click(click).catch(() => undefined);
        await barPage.waitForTimeout(1_000);
        if (await bar.getByTestId('bar-hangup').isVisible()) await bar.getByTestId('bar-hangup').click(click).catch(() => undefined);
      }
      await barPage.waitForTimeout(100);
    }
  })();
  const report = await playScenario(mockFabric, scenario, { timeScale: 30, onProgress: (entry) => progress.push(entry) });
  finished = true;
  await agentAtWork;
  expect(report.expectations.filter((result) => !result.passed)).toEqual([]);
  expect(report.problems).toEqual([]);
  expect(report.wallMs).toBeLessThan(60_000);
  expect(progress.at(-1)).toMatchObject({ kind: 'finished', state: 'finished', actionsDone: progress.at(-1)?.actionsTotal });
  expect(progress.filter((entry) => entry.kind === 'action').length).toBe(progress.at(-1)?.actionsTotal);
  // Alice's page: some calls rang there, and each one that ended did so exactly once.
  const rang = (await barEvents(barPage, 'call.ringing')).map((event) => (event.payload as { callId: string }).callId);
  expect(rang.length).toBeGreaterThan(0);
  const connected = await barEvents(barPage, 'call.connected');
  expect(connected.length).toBeGreaterThan(0);
  const ended = (await barEvents(barPage, 'call.ended')).map((event) => (event.payload as { callId: string }).callId);
  expect(new Set(ended).size).toBe(ended.length);
  expect(ended.every((callId) => rang.includes(callId))).toBe(true);
});
