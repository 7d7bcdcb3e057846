/**
 * Wrap-up linked to its call: when the agent enters wrap-up (`agent.state` → `wrapUp`) right after
 * a call ended, the bar emits `wrapUp.started` with that call, and `wrapUp.ended` when the agent
 * leaves wrap-up, so a CRM can show a disposition form during after-call work.
 */
import type { AgentStateChange, BarEventMap, EndedCall, WrapUp } from './types.js';

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
 * What `watchWrapUp` calls: a bar emitter's own `emit` fits.
 * @example
 * const emit: WrapUpEmit = (name, wrapUp) => name === 'wrapUp.started' && showForm(wrapUp.call.callId);
 */
export type WrapUpEmit = <K extends 'wrapUp.started' | 'wrapUp.ended'>(name: K, payload: BarEventMap[K]) => void;

/**
 * Links each wrap-up to the call that ended just before it, from a bar's `call.ended` and
 * `agent.state` events, and emits `wrapUp.started` / `wrapUp.ended` for as long as the source
 * lives. Mounted bars run it on their own emitter (mount.ts); the demo runs it on a shared bar,
 * which does not relay these events between tabs yet. Kept small: it ships in every host bundle.
 * @example
 * watchWrapUp(events, events.emit);
 */
export function watchWrapUp(source: WrapUpSource, emit: WrapUpEmit): void {
  let lastEnded: EndedCall | undefined;
  let current: WrapUp | undefined;
  source.on('call.ended', (call) => {
    lastEnded = call;
  });
  source.on('agent.state', ({ state, at }) => {
    if (state !== 'wrapUp') {
      if (current) emit('wrapUp.ended', { ...current, endedAt: at, durationMs: at - current.startedAt });
      current = undefined;
    } else if (lastEnded && !current && at - lastEnded.endedAt <= WRAP_UP_LINK_MS) {
      emit('wrapUp.started', (current = { call: lastEnded, startedAt: at }));
      lastEnded = undefined;
    }
  });
}
