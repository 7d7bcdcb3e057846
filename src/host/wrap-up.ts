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
 *
 * @example
 * ```ts
 * import { watchWrapUp, type WrapUpSource } from 'cec-bar-host';
 * const source: WrapUpSource = bar;
 * watchWrapUp(source, { started: ({ call }) => crm.toast(`How did call ${call.callId} go?`) });
 * ```
 */
export interface WrapUpSource {
  /** Listens to call ends; returns an unsubscribe function. */
  on(name: 'call.ended', listener: (call: EndedCall) => void): () => void;
  /** Listens to agent state changes; returns an unsubscribe function. */
  on(name: 'agent.state', listener: (change: AgentStateChange) => void): () => void;
}

/**
 * What `watchWrapUp` calls.
 *
 * @example
 * ```ts
 * import { watchWrapUp, type WrapUpListeners } from 'cec-bar-host';
 * const listeners: WrapUpListeners = { started: ({ call }) => crm.toast(`How did call ${call.callId} go?`), ended: ({ call }) => crm.toast(`Wrap-up of ${call.callId} is over`) };
 * watchWrapUp(bar, listeners);
 * ```
 */
export interface WrapUpListeners {
  /** The agent entered wrap-up right after this call ended. */
  readonly started?: (wrapUp: WrapUp) => void;
  /** The agent left that wrap-up. */
  readonly ended?: (wrapUp: WrapUpEnded) => void;
}

/**
 * Links each wrap-up to the call it follows, from a bar's `call.ended` and `agent.state` events
 * (every mounted bar already emits them as `wrapUp.started` / `wrapUp.ended`; this is for a
 * shared bar or your own event source). Returns a stop function.
 *
 * @example
 * ```ts
 * import { watchWrapUp } from 'cec-bar-host';
 * const stop = watchWrapUp(bar, { started: ({ call }) => crm.toast(`How did call ${call.callId} go? (${call.outcome})`) });
 * stop();
 * ```
 */
export function watchWrapUp(source: WrapUpSource, listeners: WrapUpListeners): () => void {
  let lastEnded: EndedCall | undefined;
  /** When wrap-up began with no call to link yet (the call's end may arrive just after). */
  let unlinkedSince: number | undefined;
  let current: WrapUp | undefined;

  const start = (call: EndedCall, at: number): void => {
    current = Object.freeze({ call, startedAt: at });
    lastEnded = undefined;
    unlinkedSince = undefined;
    listeners.started?.(current);
  };
  const offEnded = source.on('call.ended', (call) => {
    if (unlinkedSince !== undefined && call.endedAt - unlinkedSince <= WRAP_UP_LINK_MS) start(call, unlinkedSince);
    else lastEnded = call;
  });
  const offState = source.on('agent.state', (change) => {
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
    listeners.ended?.(Object.freeze({ ...ended, endedAt: change.at, durationMs: change.at - ended.startedAt }));
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
