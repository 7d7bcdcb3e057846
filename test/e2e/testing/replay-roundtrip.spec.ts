// Record → convert → replay, in Chromium: a scripted session on one mock is recorded by the host
// (bar.recorder), turned into a scenario by recordingToScenario, and played on a fresh mock with a
// fresh CRM page: per call, the host emits the same typed events in the same order.
import type { Page } from '@playwright/test';
import { recordingToScenario, startMockFabric } from '../../../mock-fabric/index.js';
import { createBarShellServer } from '../../../src/server/index.js';
import { test, expect, signInAgent, injectCall, barFrame, barEvents, callOutFrom, hangUpAsCustomer, answerAsCustomer, playScenario, startBarHarness, type RecordedBarEvent } from '../../../src/testing/index.js';

const BILLING = '66882';

/** The host's call events grouped by call, calls in the order they started: [['call.ringing', …], …]. */
function perCall(events: readonly RecordedBarEvent[]): { names: string[]; caller: string | undefined }[] {
  const calls = new Map<string, { names: string[]; caller: string | undefined }>();
  for (const event of events) {
    if (!event.name.startsWith('call.')) continue;
    const payload = event.payload as { callId: string; caller?: string };
    const call = calls.get(payload.callId) ?? { names: [], caller: payload.caller };
    call.names.push(event.name);
    calls.set(payload.callId, call);
  }
  return [...calls.values()];
}

async function scriptedSession(page: Page, mock: Parameters<typeof injectCall>[0] & { control: { state(): { calls: { callId: string; state: string; direction: string }[] } } }): Promise<void> {
  const bar = barFrame(page);
  const ended = (count: number) => expect.poll(() => barEvents(page, 'call.ended')).toHaveLength(count);
  // 1: answered, then the customer hangs up.
  const answered = await injectCall(mock, { caller: '13800138001', called: BILLING });
  await expect.poll(() => barEvents(page, 'call.ringing')).toHaveLength(1);
  await bar.getByTestId('bar-answer').click();
  await expect.poll(() => barEvents(page, 'call.connected')).toHaveLength(1);
  await page.waitForTimeout(800);
  await hangUpAsCustomer(mock, answered.callId);
  await ended(1);
  // 2: the customer gives up while it rings.
  const abandoned = await injectCall(mock, { caller: '13800138002', called: BILLING });
  await expect.poll(() => barEvents(page, 'call.ringing')).toHaveLength(2);
  await page.waitForTimeout(500);
  await hangUpAsCustomer(mock, abandoned.callId);
  await ended(2);
  // 3: click-to-dial, the customer answers, the agent hangs up.
  await callOutFrom(page, '13800138003');
  await expect.poll(() => barEvents(page, 'call.dialing')).toHaveLength(1);
  const outbound = mock.control.state().calls.find((call) => call.direction === 'outbound' && call.state === 'dialing');
  await answerAsCustomer(mock, outbound?.callId ?? 'none');
  await expect.poll(() => barEvents(page, 'call.connected')).toHaveLength(2);
  await page.waitForTimeout(800);
  await bar.getByTestId('bar-hangup').click();
  await ended(3);
}

test('a recorded session, converted and replayed on a fresh mock and page, gives the same typed events per call', async ({ barPage, mockFabric, browser }) => {
  test.setTimeout(120_000);
  await signInAgent(barPage);
  await scriptedSession(barPage, mockFabric);
  const recording = await barPage.evaluate(() => (window as unknown as { cecBar: { recorder: { toJSON(): unknown } } }).cecBar.recorder.toJSON());
  const original = perCall(await barEvents(barPage));
  expect(original.map((call) => call.names)).toEqual([
    ['call.ringing', 'call.connected', 'call.ended'],
    ['call.ringing', 'call.ended'],
    ['call.dialing', 'call.connected', 'call.ended'],
  ]);
  const scenario = recordingToScenario(recording as Parameters<typeof recordingToScenario>[0]);
  expect(JSON.stringify(scenario)).not.toContain('13800138001');

  const mock = await startMockFabric({ port: 0, trustTokens: true });
  const harness = await startBarHarness();
  const shell = await createBarShellServer({ cecOrigin: new URL(mock.url).origin, hostOrigins: [harness.origin], port: 0, host: '127.0.0.1' });
  const page = await browser.newPage();
  try {
    const base = shell.url.replace(/\/$/, '');
    await page.goto(harness.pageUrl({ shellUrl: `${base}/shell/shell.html`, cecContextPath: `${base}/service-cloud/`, tenantSpaceId: mock.tenant.tenantSpaceId, userAccount: 'alice.chen' }));
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'ready');
    await signInAgent(page);
    const report = await playScenario(mock, scenario, { timeScale: 1 });
    expect(report.expectations.filter((result) => !result.passed)).toEqual([]);
    expect(report.problems).toEqual([]);
    await expect.poll(async () => perCall(await barEvents(page)).map((call) => call.names)).toEqual(original.map((call) => call.names));
    // Stand-in callers: not the recorded number, but its last four digits, one number per call.
    const replayed = perCall(await barEvents(page));
    expect(replayed[0]?.caller).toBe('139' + '0001' + '8001');
    expect(replayed[1]?.caller).toBe('139' + '0002' + '8002');
  } finally {
    await page.close();
    await shell.close();
    await harness.close();
    await mock.close();
  }
});
