/** `wrapUp.started` carries the call that just ended; `wrapUp.ended` closes it; manual or repeated wrap-ups link nothing wrongly. */
import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../../src/protocol/emitter.js';
import type { BarEventMap, EndedCall, WrapUp, WrapUpEnded } from '../../../src/host/types.js';
import { watchWrapUp, WRAP_UP_LINK_MS } from '../../../src/host/wrap-up.js';

const call: EndedCall = { callId: '1764320400-9', direction: 'inbound', caller: '13800000001', media: 'audio', startedAt: 1_000, connectedAt: 2_000, outcome: 'completed', endedBy: 'customer', talkMs: 30_000, endedAt: 32_000 };

function rig() {
  const events = createEmitter<BarEventMap>((error) => {
    throw error;
  });
  const started: WrapUp[] = [];
  const ended: WrapUpEnded[] = [];
  events.on('wrapUp.started', (wrapUp) => started.push(wrapUp));
  events.on('wrapUp.ended', (wrapUp) => ended.push(wrapUp));
  watchWrapUp(events, events.emit);
  const state = (state: 'wrapUp' | 'idle' | 'inCall', previous: 'wrapUp' | 'idle' | 'inCall', at: number): void => events.emit('agent.state', { state, previous, at });
  return { events, started, ended, state };
}

describe('wrap-up linked to its call', () => {
  it('starts with the call that just ended and ends when the agent leaves wrap-up', () => {
    const { events, started, ended, state } = rig();
    events.emit('call.ended', call);
    state('wrapUp', 'inCall', 32_100);
    expect(started).toEqual([{ call, startedAt: 32_100 }]);
    state('idle', 'wrapUp', 42_100);
    expect(ended).toEqual([{ call, startedAt: 32_100, endedAt: 42_100, durationMs: 10_000 }]);
  });

  it('links each call once: a second wrap-up with no new call, or one whose call ends only after it began, links nothing', () => {
    const { events, started, state } = rig();
    events.emit('call.ended', call);
    state('wrapUp', 'inCall', 32_100);
    state('idle', 'wrapUp', 33_000);
    state('wrapUp', 'idle', 34_000);
    expect(started).toHaveLength(1);
    state('idle', 'wrapUp', 35_000);
    state('wrapUp', 'inCall', 40_000);
    events.emit('call.ended', { ...call, callId: '1764320400-10', endedAt: 40_100 });
    expect(started).toHaveLength(1);
  });

  it('links nothing to a wrap-up chosen long after the last call', () => {
    const { events, started, ended, state } = rig();
    events.emit('call.ended', call);
    state('wrapUp', 'idle', call.endedAt + WRAP_UP_LINK_MS + 1);
    state('idle', 'wrapUp', call.endedAt + WRAP_UP_LINK_MS + 5_000);
    expect(started).toEqual([]);
    expect(ended).toEqual([]);
  });
});
