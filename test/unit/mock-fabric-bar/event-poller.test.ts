import { describe, it, expect, vi, afterEach } from 'vitest';
import { startEventPoller, type GatewayEvent } from '../../../mock-fabric/bar/event-poller.js';
import type { GatewayClient } from '../../../mock-fabric/bar/gateway-client.js';
import type { AgentEventPoll } from '../../../src/protocol/gateway.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A gateway whose polls answer from a script; records when each poll started. */
function scripted(answers: Array<AgentEventPoll | Error>) {
  const starts: number[] = [];
  const gw = {
    pollEvent: () => {
      starts.push(Date.now());
      const a = answers.shift();
      if (!a) return new Promise<AgentEventPoll>(() => undefined); // hang, like a long poll
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
  } as unknown as GatewayClient;
  return { gw, starts };
}
const ev = (eventType: string): AgentEventPoll => ({ message: 'success', retcode: '0', event: { eventType, workNo: '101', content: null } });
const empty: AgentEventPoll = { message: 'no event', retcode: '0', event: null };

describe('startEventPoller', () => {
  it('repolls at once after an event and 200-500 ms after an empty answer', async () => {
    vi.useFakeTimers({ now: 0 });
    const { gw, starts } = scripted([ev('AgentOther_InService'), ev('AgentState_Ready'), empty]);
    const got: GatewayEvent[] = [];
    const stop = startEventPoller(gw, { onEvent: (e) => got.push(e), onSessionLost: () => undefined, onTrouble: () => undefined });
    await vi.advanceTimersByTimeAsync(10);
    expect(got.map((e) => e.eventType)).toEqual(['AgentOther_InService', 'AgentState_Ready']);
    // "At once": a zero-delay timer (fake timers count it as 1 ms).
    expect(starts).toHaveLength(3);
    expect(starts[2]).toBeLessThanOrEqual(5);
    await vi.advanceTimersByTimeAsync(590);
    expect(starts).toHaveLength(4);
    const gap = starts[3]! - starts[2]!;
    expect(gap).toBeGreaterThanOrEqual(200);
    expect(gap).toBeLessThanOrEqual(501);
    stop();
  });
  it('backs off on errors (1 s, then 2 s) and reports recovery', async () => {
    vi.useFakeTimers({ now: 0 });
    const { gw, starts } = scripted([new Error('down'), new Error('down'), empty]);
    const trouble: Array<string | null> = [];
    const stop = startEventPoller(gw, { onEvent: () => undefined, onSessionLost: () => undefined, onTrouble: (m) => trouble.push(m) });
    await vi.advanceTimersByTimeAsync(5000);
    expect(starts.slice(1, 3).map((t, i) => t - starts[i]!)).toEqual([1000, 2000]);
    expect(trouble).toEqual(['down', 'down', null]);
    stop();
  });
  it('stops when the gateway no longer knows the session', async () => {
    vi.useFakeTimers({ now: 0 });
    const { gw, starts } = scripted([{ message: 'signed in elsewhere', retcode: '000-003' }, empty]);
    const lost: string[] = [];
    startEventPoller(gw, { onEvent: () => undefined, onSessionLost: (r) => lost.push(r), onTrouble: () => undefined });
    await vi.advanceTimersByTimeAsync(5000);
    expect(lost).toEqual(['000-003']);
    expect(starts).toHaveLength(1);
  });
  it('stop() ends the loop', async () => {
    vi.useFakeTimers({ now: 0 });
    const { gw, starts } = scripted([empty, empty, empty]);
    const stop = startEventPoller(gw, { onEvent: () => undefined, onSessionLost: () => undefined, onTrouble: () => undefined });
    await vi.advanceTimersByTimeAsync(0);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(starts).toHaveLength(1);
  });
});
