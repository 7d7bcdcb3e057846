/** `wrapUp.started` carries the call that just ended; `wrapUp.ended` closes it; late or manual wrap-ups link nothing wrongly. */
import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../../src/protocol/emitter.js';
import type { BarEventMap, EndedCall, WrapUp, WrapUpEnded } from '../../../src/host/types.js';
import { trackWrapUp, WRAP_UP_LINK_MS } from '../../../src/host/wrap-up.js';

const call: EndedCall = { callId: '1764320400-9', direction: 'inbound', caller: '13800000001', media: 'audio', startedAt: 1_000, connectedAt: 2_000, outcome: 'completed', endedBy: 'customer', talkMs: 30_000, endedAt: 32_000 };

function rig() {
  const events = createEmitter<BarEventMap>((error) => {
    throw error;
  });
  const started: WrapUp[] = [];
  const ended: WrapUpEnded[] = [];
  events.on('wrapUp.started', (wrapUp) => started.push(wrapUp));
  events.on('wrapUp.ended', (wrapUp) => ended.push(wrapUp));
  const stop = trackWrapUp(events);
  const state = (state: 'wrapUp' | 'idle' | 'inCall', previous: 'wrapUp' | 'idle' | 'inCall', at: number): void => events.emit('agent.state', { state, previous, at });
  return { events, started, ended, state, stop };
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

  it('links a call whose end arrives just after wrap-up began', () => {
    const { events, started, state } = rig();
    state('wrapUp', 'inCall', 31_900);
    events.emit('call.ended', call);
    expect(started).toEqual([{ call, startedAt: 31_900 }]);
  });

  it('links nothing to a wrap-up chosen long after the last call, and nothing after stop', () => {
    const { events, started, ended, state, stop } = rig();
    events.emit('call.ended', call);
    state('wrapUp', 'idle', call.endedAt + WRAP_UP_LINK_MS + 1);
    state('idle', 'wrapUp', call.endedAt + WRAP_UP_LINK_MS + 5_000);
    expect(started).toEqual([]);
    expect(ended).toEqual([]);
    stop();
    events.emit('call.ended', call);
    state('wrapUp', 'inCall', call.endedAt + 100);
    expect(started).toEqual([]);
  });
});
