/**
 * A scenario run's report: every expectation judged with its timing, call counts, queue peaks.
 * Everything in it is simulated time except `wallMs`, so two runs of a seeded scenario against
 * headless agents give equal reports once `wallMs` is left out.
 */
import type { Scenario, ScenarioCallOutcome, ScenarioExpectation } from '../src/protocol/scenario.js';
import type { ExpectationResult, ScenarioReport } from './scenario-shapes.js';
import type { ScenarioTracker, TrackedCall } from './scenario-tracker.js';

/** What only the player knows, for `noEventLost`. */
export interface DeliveryCheck {
  /** Events dropped from full session queues, per agent. */
  readonly dropped: number;
  /** Events still queued or never delivered at the end. */
  readonly undelivered: number;
}

type Outcome = ScenarioCallOutcome;

function within(atMs: number | undefined, fromMs: number, limitMs: number | undefined): boolean {
  return atMs !== undefined && (limitMs === undefined || atMs - fromMs <= limitMs);
}

function judgeEvent(expectation: Extract<ScenarioExpectation, { expect: 'event' }>, tracker: ScenarioTracker, calls: TrackedCall[]): ExpectationResult {
  const call = expectation.call === undefined ? undefined : calls.find((candidate) => candidate.name === expectation.call);
  const fromMs = call?.startedAtMs ?? 0;
  const agent = expectation.workNo === undefined ? '' : `agent ${expectation.workNo} `;
  const about = expectation.call === undefined ? '' : ` for ${expectation.call}`;
  const description = `${agent}gets ${expectation.eventType}${about} within ${expectation.withinMs} ms`;
  const events = expectation.call === undefined ? tracker.events : (call?.events ?? []);
  const seen = events
    .filter((event) => event.eventType === expectation.eventType && (expectation.workNo === undefined || event.workNo === expectation.workNo))
    .map((event) => event.atMs)
    .sort((a, b) => a - b)[0];
  if (seen === undefined) return { description, passed: false, atMs: null, detail: 'never' };
  const passed = within(seen, fromMs, expectation.withinMs);
  return { description, passed, atMs: seen, detail: `after ${seen - fromMs} ms` };
}

function judgeQueue(expectation: Extract<ScenarioExpectation, { expect: 'queueLength' }>, tracker: ScenarioTracker): ExpectationResult {
  const limit = expectation.withinMs === undefined ? '' : ` within ${expectation.withinMs} ms`;
  const description = `skill ${expectation.skillId}'s queue reaches ${expectation.reaches}${limit}`;
  const firsts = tracker.queueFirstReached.get(expectation.skillId) ?? [0];
  const reachedAt = firsts[expectation.reaches];
  const passed = within(reachedAt, 0, expectation.withinMs);
  return { description, passed, atMs: reachedAt ?? null, detail: reachedAt === undefined ? `longest ${firsts.length - 1}` : `at ${reachedAt} ms` };
}

function judgeEnd(expectation: Extract<ScenarioExpectation, { expect: 'callEnds' }>, calls: TrackedCall[]): ExpectationResult {
  const limit = expectation.withinMs === undefined ? '' : ` within ${expectation.withinMs} ms`;
  const description = `${expectation.call} ends ${expectation.outcome}${limit}`;
  const call = calls.find((candidate) => candidate.name === expectation.call);
  if (!call || call.endedAtMs === undefined) return { description, passed: false, atMs: null, detail: call ? 'still live' : 'never made' };
  const passed = call.outcome === expectation.outcome && within(call.endedAtMs, call.startedAtMs, expectation.withinMs);
  return { description, passed, atMs: call.endedAtMs, detail: `${call.outcome ?? 'unknown'} after ${call.endedAtMs - call.startedAtMs} ms` };
}

function judgeCount(expectation: Extract<ScenarioExpectation, { expect: 'count' }>, counts: ScenarioReport['calls']): ExpectationResult {
  const bounds = [expectation.atLeast === undefined ? '' : `at least ${expectation.atLeast}`, expectation.atMost === undefined ? '' : `at most ${expectation.atMost}`].filter(Boolean).join(' and ');
  const names: Record<typeof expectation.of, keyof ScenarioReport['calls']> = { completed: 'completed', abandoned: 'abandoned', overflow: 'overflow', failed: 'failed', ringOut: 'ringOuts', offered: 'offered' };
  const count = counts[names[expectation.of]];
  const passed = (expectation.atLeast === undefined || count >= expectation.atLeast) && (expectation.atMost === undefined || count <= expectation.atMost);
  return { description: `${expectation.of}: ${bounds || 'any number'}`, passed, atMs: null, detail: `${count}` };
}

function judgeSequence(expectation: Extract<ScenarioExpectation, { expect: 'sequence' }>, calls: TrackedCall[]): ExpectationResult {
  const description = `${expectation.call}${expectation.workNo === undefined ? '' : ` at agent ${expectation.workNo}`}: ${expectation.eventTypes.join(', ')}`;
  const call = calls.find((candidate) => candidate.name === expectation.call);
  const seen = (call?.events ?? []).filter((event) => expectation.workNo === undefined || event.workNo === expectation.workNo);
  const types = seen.map((event) => event.eventType);
  const passed = types.length === expectation.eventTypes.length && types.every((type, index) => type === expectation.eventTypes[index]);
  return { description, passed, atMs: seen.at(-1)?.atMs ?? null, detail: passed ? 'same sequence' : `saw ${types.join(', ') || 'nothing'}` };
}

function judgeDelivery(delivery: DeliveryCheck): ExpectationResult {
  const passed = delivery.dropped === 0 && delivery.undelivered === 0;
  return { description: 'no event lost', passed, atMs: null, detail: `${delivery.dropped} dropped, ${delivery.undelivered} undelivered` };
}

/** Judge one expectation. */
export function judge(expectation: ScenarioExpectation, tracker: ScenarioTracker, calls: TrackedCall[], counts: ScenarioReport['calls'], delivery: DeliveryCheck): ExpectationResult {
  switch (expectation.expect) {
    case 'event':
      return judgeEvent(expectation, tracker, calls);
    case 'queueLength':
      return judgeQueue(expectation, tracker);
    case 'callEnds':
      return judgeEnd(expectation, calls);
    case 'count':
      return judgeCount(expectation, counts);
    case 'sequence':
      return judgeSequence(expectation, calls);
    case 'noEventLost':
      return judgeDelivery(delivery);
  }
}

/** Call counts by outcome. */
export function countCalls(calls: TrackedCall[], tracker: ScenarioTracker): ScenarioReport['calls'] {
  const count = (outcome: Outcome) => calls.filter((call) => call.outcome === outcome).length;
  return {
    total: calls.length,
    completed: count('completed'),
    abandoned: count('abandoned'),
    overflow: count('overflow'),
    failed: count('failed'),
    live: calls.filter((call) => call.endedAtMs === undefined).length,
    offered: tracker.offered,
    ringOuts: tracker.ringOuts,
  };
}

/** The report of a finished run. */
export function buildReport(scenario: Scenario, run: { tracker: ScenarioTracker; delivery: DeliveryCheck; durationMs: number; timeScale: number; wallMs: number; problems: readonly string[] }): ScenarioReport {
  const calls = run.tracker.calls();
  const counts = countCalls(calls, run.tracker);
  const expectations = scenario.expect.map((expectation) => judge(expectation, run.tracker, calls, counts, run.delivery));
  const maxQueue = [...run.tracker.queueFirstReached].map(([skillId, firsts]) => ({ skillId, length: firsts.length - 1 })).sort((a, b) => a.skillId - b.skillId);
  const passed = run.problems.length === 0 && expectations.every((result) => result.passed);
  return { name: scenario.name, seed: scenario.seed, passed, durationMs: run.durationMs, timeScale: run.timeScale, wallMs: run.wallMs, calls: counts, maxQueue, expectations, problems: [...run.problems] };
}

/**
 * The report as the CLI prints it: one line per expectation with its timing, then the counts.
 *
 * @example
 * ```ts
 * import { formatScenarioReport, loadScenarioFile, startMockFabric } from 'cec-bar-host/mock-fabric';
 * const fabric = await startMockFabric({ trustTokens: true });
 * const report = await fabric.control.play(loadScenarioFile('my-scenario.json'), { timeScale: 20 }).finished;
 * console.log(formatScenarioReport(report));
 * ```
 */
export function formatScenarioReport(report: ScenarioReport): string {
  const lines = [`scenario "${report.name}" (seed ${report.seed}): ${report.passed ? 'PASSED' : 'FAILED'}`];
  lines.push(`played ${report.durationMs} simulated ms at ${report.timeScale}x in ${report.wallMs} wall ms`);
  for (const result of report.expectations) {
    const at = result.atMs === null ? '' : ` [at ${result.atMs} ms]`;
    lines.push(`  ${result.passed ? 'ok  ' : 'FAIL'} ${result.description}: ${result.detail}${at}`);
  }
  for (const problem of report.problems) lines.push(`  FAIL action: ${problem}`);
  const calls = report.calls;
  lines.push(`calls: ${calls.total} (completed ${calls.completed}, abandoned ${calls.abandoned}, overflow ${calls.overflow}, failed ${calls.failed}, live ${calls.live}); offered ${calls.offered}, rang out ${calls.ringOuts}`);
  lines.push(`longest queues: ${report.maxQueue.map((queue) => `skill ${queue.skillId}: ${queue.length}`).join(', ')}`);
  return lines.join('\n');
}
