/** Scenarios with issue 18's media: a customer's video call, and an agent's softphone or desk phone dropping mid-call. */
import { afterEach, describe, expect, it } from 'vitest';
import { ScenarioBuilder, startMockFabric, type MockFabric, type ScenarioProgress, type ScenarioReport } from '../../../mock-fabric/index.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

/** The event types an agent got, oldest first. */
function eventTypes(mock: MockFabric, workNo: number): string[] {
  return mock.control.events(workNo).map((event) => event.envelope.event.eventType);
}

/** How many call releases the agent got: a single call that ends once gives 1. */
function releases(mock: MockFabric, workNo: number): number {
  return eventTypes(mock, workNo).filter((type) => type === 'AgentEvent_Call_Release').length;
}

function judged(report: ScenarioReport): [string, boolean][] {
  return report.expectations.map((result) => [result.description, result.passed]);
}

describe('a scenario video call', () => {
  it('reaches the headless agent as a video call: every call event says mediaAbility 3 and the call record is video', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const mock = fabric;
    const seenMedia: string[] = [];
    const unlisten = mock.control.onEvent((event) => {
      if (event.envelope.event.eventType === 'AgentEvent_Ringing') seenMedia.push(...mock.control.state().calls.map((call) => call.media));
    });
    const scenario = new ScenarioBuilder('video call', { seed: 1, durationMs: 20_000 })
      .agent({ workNo: 102, answerAfterMs: [1000, 1000], talkMs: [5000, 5000] })
      .call(0, { call: 'v1', caller: '13800000001', called: '66881', media: 'video' })
      .expect({ expect: 'event', eventType: 'AgentEvent_Ringing', workNo: 102, call: 'v1', withinMs: 500 })
      .expect({ expect: 'callEnds', call: 'v1', outcome: 'completed', withinMs: 7000 })
      .build();
    const report = await mock.control.play(scenario, { timeScale: 50 }).finished;
    unlisten();
    expect(report.problems).toEqual([]);
    expect(judged(report)).toEqual([
      ['agent 102 gets AgentEvent_Ringing for v1 within 500 ms', true],
      ['v1 ends completed within 7000 ms', true],
    ]);
    expect(seenMedia).toEqual(['video']);
    const abilities = mock.control.events(102).flatMap((event) => {
      const content = event.envelope.event.content;
      return typeof content === 'object' && content !== null && 'mediaAbility' in content ? [content.mediaAbility] : [];
    });
    expect(abilities.length).toBeGreaterThan(0);
    expect(new Set(abilities)).toEqual(new Set([3]));
  }, 30_000);
});

describe('an agent device drops mid-call', () => {
  it("a headless agent's registered softphone drops: the device is gone, the call ends once (completed, the agent hung up) and the agent is busy for want of a phone", async () => {
    fabric = await startMockFabric({ trustTokens: true, requireSoftphone: true });
    const mock = fabric;
    const registered = await fetch(new URL('/__mock/signal/device/softphone', mock.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sipAccount: '88880102', sipPwd: 'sip-bob-52' }) });
    expect(registered.status).toBe(201);
    const { deviceToken } = (await registered.json()) as { deviceToken: string };
    const scenario = new ScenarioBuilder('softphone drops', { seed: 2, durationMs: 30_000 })
      .agent({ workNo: 102, answerAfterMs: [1000, 1000], talkMs: [600_000, 600_000] })
      .call(0, { call: 'c1', caller: '13800000001', called: '66881' })
      .deviceDrops(10_000, 102)
      .expect({ expect: 'callEnds', call: 'c1', outcome: 'completed', withinMs: 10_500 })
      .expect({ expect: 'count', of: 'completed', atLeast: 1, atMost: 1 })
      .build();
    // The player signs its headless agents out at the end: read the agent right after the drop.
    const afterDrop: unknown[] = [];
    const onProgress = (progress: ScenarioProgress): void => {
      if (progress.kind === 'action' && progress.description?.includes('deviceDrops')) afterDrop.push(mock.control.state().agents.find((agent) => agent.workNo === 102));
    };
    const report = await mock.control.play(scenario, { timeScale: 50, onProgress }).finished;
    expect(report.problems).toEqual([]);
    expect(judged(report)).toEqual([
      ['c1 ends completed within 10500 ms', true],
      ['completed: at least 1 and at most 1', true],
    ]);
    expect(report.calls).toMatchObject({ total: 1, completed: 1, live: 0 });
    expect(releases(mock, 102)).toBe(1);
    const call = mock.control.state().calls[0];
    expect(call).toMatchObject({ state: 'released', endReason: 'agent hung up' });
    const poll = await fetch(new URL('/__mock/signal/device/poll', mock.url), { headers: { 'x-mock-device-token': deviceToken } });
    expect(poll.status).toBe(401);
    expect(afterDrop).toEqual([expect.objectContaining({ phase: 'busy', busyReason: 5 })]);
  }, 30_000);

  it("a pstn agent's desk phone (no line page registered) drops: the call ends once; dropping a softphone the agent does not have is a problem, not a second end", async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const mock = fabric;
    const scenario = new ScenarioBuilder('desk phone drops', { seed: 3, durationMs: 30_000 })
      .agent({ workNo: 103, answerAfterMs: [1000, 1000], talkMs: [600_000, 600_000] })
      .call(0, { call: 'c2', caller: '13800000002', called: '66882' })
      .deviceDrops(8_000, 103, 'deskPhone')
      .deviceDrops(9_000, 103, 'softphone')
      .expect({ expect: 'callEnds', call: 'c2', outcome: 'completed', withinMs: 8_500 })
      .build();
    const report = await mock.control.play(scenario, { timeScale: 50 }).finished;
    expect(judged(report)).toEqual([['c2 ends completed within 8500 ms', true]]);
    expect(report.problems).toEqual(['9000 ms: agent 103 deviceDrops (softphone): agent 103 has no softphone']);
    expect(report.calls).toMatchObject({ total: 1, completed: 1, live: 0 });
    expect(releases(mock, 103)).toBe(1);
    expect(mock.control.state().calls[0]).toMatchObject({ state: 'released', endReason: 'agent hung up' });
  }, 30_000);
});
