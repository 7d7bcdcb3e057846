/** Scenarios played on a real mock: the shipped busy hour (fast, deterministic), each action kind, the HTTP control. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile, ScenarioBuilder, startMockFabric, type MockFabric, type ScenarioProgress, type ScenarioReport } from '../../../mock-fabric/index.js';
import { request } from '../../support/mock-client.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

const BUSY_HOUR = 'mock-fabric/scenarios/busy-hour.json';

/** The report with the fields that may differ between two runs of the same scenario blanked out. */
function comparable(report: ScenarioReport): ScenarioReport {
  return { ...report, wallMs: 0, timeScale: 0 };
}

async function playBusyHour(timeScale: number): Promise<ScenarioReport> {
  const scenario = loadScenarioFile(BUSY_HOUR);
  const mock = await startMockFabric({ trustTokens: true, ...(scenario.tenant === undefined ? {} : { tenant: scenario.tenant }) });
  try {
    return await mock.control.play(scenario, { timeScale }).finished;
  } finally {
    await mock.close();
  }
}

describe('the shipped busy hour', () => {
  it('plays 200 calls over 10 simulated minutes in under 60 s wall, every expectation holding; a second run (at another speed) gives the same report', async () => {
    const first = await playBusyHour(30);
    expect(first.expectations.filter((result) => !result.passed)).toEqual([]);
    expect(first.passed).toBe(true);
    expect(first.wallMs).toBeLessThan(60_000);
    expect(first.calls.total).toBe(200);
    expect(first.calls.abandoned).toBeGreaterThan(0);
    expect(first.calls.overflow).toBeGreaterThan(0);
    expect(first.calls.ringOuts).toBeGreaterThan(0);
    const second = await playBusyHour(120);
    expect(comparable(second)).toEqual(comparable(first));
  }, 120_000);
});

describe('scenario actions and expectations', () => {
  it('abandon, hang-up, outbound answer, fault switch and clock jump each take effect; a failed expectation says what was seen', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const seenFaults: number[] = [];
    const scenario = new ScenarioBuilder('actions', { seed: 3, durationMs: 120_000 })
      .agent({ workNo: 103, answerAfterMs: [1000, 1000], talkMs: [600_000, 600_000] })
      .call(0, { call: 'billing', caller: '13800000001', called: '66882' })
      .call(100, { call: 'queued', caller: '13800000002', called: '66882', abandonAfterMs: 5_000 })
      .at(10_000, { do: 'faults', faults: { rules: [{ path: '^/apigovernance/', status: 429, retryAfterSeconds: 3 }] } })
      .hangUp(20_000, 'billing')
      .at(20_000, { do: 'agent', workNo: 103, command: 'callOut', called: '88889007', call: 'out' })
      .at(22_000, { do: 'answer', call: 'out' })
      .at(30_000, { do: 'agent', workNo: 103, command: 'hangUp' })
      .advance(40_000, 60_000)
      .expect({ expect: 'callEnds', call: 'queued', outcome: 'abandoned', withinMs: 5_000 })
      .expect({ expect: 'callEnds', call: 'billing', outcome: 'completed' })
      .expect({ expect: 'sequence', call: 'out', eventTypes: ['AgentEvent_Customer_Alerting', 'AgentEvent_Talking', 'AgentEvent_Call_Release'] })
      .expect({ expect: 'event', eventType: 'AgentEvent_Talking', call: 'billing', withinMs: 500 })
      .expect({ expect: 'noEventLost' })
      .build();
    const clockBefore = fabric.control.clock().now;
    const run = fabric.control.play(scenario, {
      timeScale: 50,
      onProgress: (progress) => {
        if (progress.kind === 'action' && progress.description?.includes('faults')) seenFaults.push(fabric?.control.faults().rules.length ?? -1);
      },
    });
    const report = await run.finished;
    expect(seenFaults).toEqual([1]);
    // The jump counts: 120 s played, of which 60 s in one go at 40 s.
    expect(fabric.control.clock().now - clockBefore).toBeGreaterThanOrEqual(120_000);
    expect(report.problems).toEqual([]);
    expect(report.expectations.map((result) => [result.description, result.passed])).toEqual([
      ['queued ends abandoned within 5000 ms', true],
      ['billing ends completed', true],
      ['out: AgentEvent_Customer_Alerting, AgentEvent_Talking, AgentEvent_Call_Release', true],
      ['gets AgentEvent_Talking for billing within 500 ms', false],
      ['no event lost', true],
    ]);
    expect(report.expectations[3]).toMatchObject({ detail: 'after 1000 ms', atMs: 1000 });
    expect(report.passed).toBe(false);
  }, 30_000);

  it('an event a headless agent takes in the last step is delivered, not lost (its poll resolves after the run ends)', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    // The command runs as the clock reaches the end: its event goes to the agent's waiting poll in
    // the same task as the end of the run.
    const scenario = new ScenarioBuilder('last step', { seed: 4, durationMs: 5_000 })
      .agent({ workNo: 103, answerAfterMs: [60_000, 60_000], talkMs: [1_000, 1_000] })
      .at(5_000, { do: 'agent', workNo: 103, command: 'busy' })
      .expect({ expect: 'noEventLost' })
      .build();
    const report = await fabric.control.play(scenario, { timeScale: 100 }).finished;
    expect(report.problems).toEqual([]);
    expect(report.expectations).toEqual([expect.objectContaining({ description: 'no event lost', passed: true, detail: '0 dropped, 0 undelivered' })]);
  });

  it('agent commands drive an agent through the mock: sign in, busy, ready, answer, sign out', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const scenario = new ScenarioBuilder('agent', { seed: 2, durationMs: 10_000 })
      .at(0, { do: 'agent', workNo: 101, command: 'signIn' })
      .at(1_000, { do: 'agent', workNo: 101, command: 'busy' })
      .at(2_000, { do: 'agent', workNo: 101, command: 'ready' })
      .call(3_000, { call: 'c1', caller: '13800000001', called: '66882' })
      .at(4_000, { do: 'agent', workNo: 101, command: 'answer' })
      .at(6_000, { do: 'agent', workNo: 101, command: 'signOut' })
      .at(7_000, { do: 'agent', workNo: 101, command: 'ready' })
      .expect({ expect: 'event', eventType: 'AgentState_SetNotReady_Success', workNo: 101, withinMs: 1_000 })
      .expect({ expect: 'event', eventType: 'AgentEvent_Talking', call: 'c1', withinMs: 1_000 })
      .expect({ expect: 'callEnds', call: 'c1', outcome: 'completed', withinMs: 3_000 })
      .build();
    const report = await fabric.control.play(scenario, { timeScale: 100 }).finished;
    expect(report.expectations.map((result) => result.passed)).toEqual([true, true, true]);
    // The last command is refused by the mock (a signed-out agent cannot be set ready), and says so.
    expect(report.problems).toEqual([expect.stringMatching(/^7000 ms: agent 101 ready: refused/)]);
    expect(fabric.control.state().agents.find((agent) => agent.workNo === 101)?.phase).toBe('signedOut');
  });

  it('an action that cannot run fails the report, naming it', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const scenario = new ScenarioBuilder('bad route', { seed: 1, durationMs: 1_000 }).call(0, { call: 'c1', caller: '13800000001', called: '99999' }).build();
    const report = await fabric.control.play(scenario, { timeScale: 100 }).finished;
    expect(report.passed).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(/^0 ms: c1 calls 99999: no called route for 99999/)]);
  });
});

describe('/__mock/scenario over HTTP', () => {
  it('plays, pauses (simulated time holds), resumes, reports; refuses a bad scenario (400) and a second run (409)', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const scenario = { version: 1, name: 'http', seed: 1, durationMs: 30_000, timeline: [{ at: 0, do: 'call', call: 'c1', caller: '13800000001', called: '66881' }], expect: [{ expect: 'count', of: 'failed', atMost: 5 }] };
    expect((await request(fabric.url, 'POST', '/__mock/scenario/play', { body: { scenario: { ...scenario, version: 2 } } })).status).toBe(400);
    expect((await request(fabric.url, 'POST', '/__mock/scenario/play', { body: { scenario, timeScale: 10 } })).status).toBe(202);
    expect((await request(fabric.url, 'POST', '/__mock/scenario/play', { body: { scenario } })).status).toBe(409);
    const status = async () => (await request(fabric!.url, 'GET', '/__mock/scenario')).json as { progress: ScenarioProgress | null; report: ScenarioReport | null };
    expect((await request(fabric.url, 'POST', '/__mock/scenario/pause', { body: {} })).status).toBe(200);
    const paused = fabric.control.clock().now;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fabric.control.clock().now).toBe(paused);
    expect((await status()).progress?.state).toBe('paused');
    expect((await request(fabric.url, 'POST', '/__mock/scenario/resume', { body: {} })).status).toBe(200);
    await expect.poll(async () => (await status()).report?.passed, { timeout: 10_000 }).toBe(true);
    expect((await status()).progress).toMatchObject({ state: 'finished', actionsDone: 1, actionsTotal: 1 });
  });
});
