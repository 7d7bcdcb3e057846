/**
 * Wrap-up linked to its call: when the agent enters wrap-up (`agent.state` → `wrapUp`) right after
 * a call ended, the bar emits `wrapUp.started` with that call, and `wrapUp.ended` when the agent
 * leaves wrap-up, so a CRM can show a disposition form during after-call work.
 */
import type { Emitter } from '../protocol/emitter.js';
import type { AgentStateChange, BarEventMap, EndedCall, WrapUp, WrapUpEnded } from './types.js';

/**
 * Not a CEC rule; chosen here: a call that ended this long (ms) before wrap-up began is its call.
 * CEC enters wrap-up at once after a call (docs/cec-reference.md §2.5); an agent who picks
 * wrap-up by hand later gets no linked call.
 */
export const WRAP_UP_LINK_MS = 10_000;

/**
 * What `watchWrapUp` listens to: a mounted bar, a shared (multi-tab) bar, or a bar's own emitter.
 * @example
 * const source: WrapUpSource = sharedBar;
 */
export interface WrapUpSource {
  /** Listens to call ends; returns an unsubscribe function. */
  on(name: 'call.ended', listener: (call: EndedCall) => void): () => void;
  /** Listens to agent state changes; returns an unsubscribe function. */
  on(name: 'agent.state', listener: (change: AgentStateChange) => void): () => void;
}

/**
 * What `watchWrapUp` calls.
 * @example
 * const listeners: WrapUpListeners = { started: ({ call }) => showForm(call.callId), ended: () => hideForm() };
 */
export interface WrapUpListeners {
  /** The agent entered wrap-up right after this call ended. */
  readonly started?: (wrapUp: WrapUp) => void;
  /** The agent left that wrap-up. */
  readonly ended?: (wrapUp: WrapUpEnded) => void;
}

/**
 * Links each wrap-up to the call it follows, from a bar's `call.ended` and `agent.state` events;
 * returns a stop function. Internal for now: mounted bars emit `wrapUp.started` / `wrapUp.ended`
 * through it, and the demo uses it on a shared bar (which does not relay those events yet).
 * @example
 * const stop = watchWrapUp(sharedBar, { started: ({ call }) => showForm(call.callId) });
 */
export function watchWrapUp(source: WrapUpSource, listeners: WrapUpListeners): () => void {
  let lastEnded: EndedCall | undefined;
  /** When wrap-up began with no call to link yet (the call's end may arrive just after). */
  let unlinkedSince: number | undefined;
  let current: WrapUp | undefined;
  // Kept small: this ships in every host bundle (no freeze; the payloads are fresh objects).
  const start = (call: EndedCall, at: number): void => {
    lastEnded = unlinkedSince = undefined;
    listeners.started?.((current = { call, startedAt: at }));
  };
  const offEnded = source.on('call.ended', (call) => {
    if (unlinkedSince !== undefined && call.endedAt - unlinkedSince <= WRAP_UP_LINK_MS) start(call, unlinkedSince);
    else lastEnded = call;
  });
  const offState = source.on('agent.state', ({ state, previous, at }) => {
    if (state !== 'wrapUp') {
      if (current) listeners.ended?.({ ...current, endedAt: at, durationMs: at - current.startedAt });
      current = unlinkedSince = undefined;
    } else if (previous !== 'wrapUp') {
      if (lastEnded && at - lastEnded.endedAt <= WRAP_UP_LINK_MS) start(lastEnded, at);
      else unlinkedSince = at;
    }
  });
  return () => {
    offEnded();
    offState();
  };
}

/**
 * Emits `wrapUp.started` / `wrapUp.ended` on a bar's own emitter (mount.ts); returns a stop function.
 * @example
 * const stop = trackWrapUp(events);
 */
export function trackWrapUp(events: Emitter<BarEventMap>): () => void {
  return watchWrapUp(events, { started: (wrapUp) => events.emit('wrapUp.started', wrapUp), ended: (wrapUp) => events.emit('wrapUp.ended', wrapUp) });
}
