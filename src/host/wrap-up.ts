/**
 * Wrap-up linked to its call: when the agent enters wrap-up (`agent.state` → `wrapUp`) right after
 * a call ended, the bar emits `wrapUp.started` with that call, and `wrapUp.ended` when the agent
 * leaves wrap-up, so a CRM can show a disposition form during after-call work.
 */
import type { Emitter } from '../protocol/emitter.js';
import type { BarEventMap, EndedCall, WrapUp } from './types.js';

/**
 * Not a CEC rule; chosen here: a call that ended this long (ms) before wrap-up began is its call.
 * CEC enters wrap-up at once after a call (docs/cec-reference.md §2.5); an agent who picks
 * wrap-up by hand later gets no linked call.
 */
export const WRAP_UP_LINK_MS = 10_000;

/**
 * Watches a bar's own events and emits the wrap-up events on it; returns a stop function.
 * @example
 * const stop = trackWrapUp(events);
 */
export function trackWrapUp(events: Emitter<BarEventMap>): () => void {
  let lastEnded: EndedCall | undefined;
  /** When wrap-up began with no call to link yet (the call's end may arrive just after). */
  let unlinkedSince: number | undefined;
  let current: WrapUp | undefined;

  const start = (call: EndedCall, at: number): void => {
    current = Object.freeze({ call, startedAt: at });
    lastEnded = undefined;
    unlinkedSince = undefined;
    events.emit('wrapUp.started', current);
  };
  const offEnded = events.on('call.ended', (call) => {
    if (unlinkedSince !== undefined && call.endedAt - unlinkedSince <= WRAP_UP_LINK_MS) start(call, unlinkedSince);
    else lastEnded = call;
  });
  const offState = events.on('agent.state', (change) => {
    if (change.state === 'wrapUp' && change.previous !== 'wrapUp') {
      if (lastEnded && change.at - lastEnded.endedAt <= WRAP_UP_LINK_MS) start(lastEnded, change.at);
      else unlinkedSince = change.at;
      return;
    }
    if (change.previous !== 'wrapUp' || change.state === 'wrapUp') return;
    unlinkedSince = undefined;
    if (!current) return;
    const ended = current;
    current = undefined;
    events.emit('wrapUp.ended', Object.freeze({ ...ended, endedAt: change.at, durationMs: change.at - ended.startedAt }));
  });
  return () => {
    offEnded();
    offState();
  };
}
