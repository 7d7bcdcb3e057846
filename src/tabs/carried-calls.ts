/**
 * Calls a tab inherits when it becomes the owner mid-call (the old owner closed, or a forced
 * takeOver). The new frame resumes CEC's session but its call model starts empty: it hears only
 * what happens next. This keeps the inherited calls live, ends each one exactly once from the
 * CEC events the new frame relays, and hands a call over to the core model when the core
 * announces it itself — so no tab sees a call twice or loses its `call.ended`.
 */
import type { CecEvent } from '../protocol/cec-events.js';
import { CEC_TRANSITIONS, END_RULES } from '../host/cec-map.js';
import { callIdOf, endedCall, rank } from '../host/call-model.js';
import type { BarEventMap, Call } from '../host/types.js';

type CallEvent = 'call.ringing' | 'call.dialing' | 'call.connected' | 'call.ended';

/** @example const carried = createCarriedCalls(snapshot.calls, publish); */
export interface CarriedCalls {
  /** Inherited calls the core does not know (yet). */
  readonly calls: readonly Call[];
  /** A raw CEC event from the new frame: ends the inherited calls it releases. */
  onCec(event: CecEvent): void;
  /**
   * A `call.*` event from the core: returns what the tabs should see (patched with the inherited
   * start and connect times, and the inherited fields the core lacks), or `undefined` when it
   * repeats what the tabs already saw.
   */
  fromCore<K extends CallEvent>(name: K, payload: BarEventMap[K]): BarEventMap[K] | undefined;
  /** A call of the core's `calls`, as the tabs know it (inherited times and fields). */
  view(call: Call): Call;
  /** End every inherited call as `unknown` (the new frame failed for good). */
  endAll(): void;
}

/**
 * @example
 * const carried = createCarriedCalls(lastSnapshot.calls, (name, p) => publish(name, p));
 * core.on('cec', carried.onCec);
 */
export function createCarriedCalls(
  inherited: readonly Call[],
  emit: (name: 'call.ended' | 'call.connected', payload: BarEventMap['call.ended'] | Call) => void,
  now: () => number = Date.now,
): CarriedCalls {
  const live = new Map(inherited.map((c) => [c.callId, c]));
  /** Inherited calls the core has announced itself since: their times come from here. */
  const adopted = new Map<string, Call>();

  const end = (c: Call, [outcome, endedBy]: readonly [BarEventMap['call.ended']['outcome'], BarEventMap['call.ended']['endedBy']]): void => {
    live.delete(c.callId);
    emit('call.ended', endedCall(c, outcome, endedBy, now()));
  };
  /**
   * The inherited times win: the core first heard of the call when this tab took over. What the
   * core does not know (a resumed bar may not name the skill) is kept from the inherited call.
   */
  const patch = <T extends Call>(p: T, first: Call): T => {
    const q: Call & { endedAt?: number; talkMs?: number } = { ...first, ...p, startedAt: first.startedAt, ...(first.connectedAt === undefined ? {} : { connectedAt: first.connectedAt }) };
    if (q.endedAt !== undefined) q.talkMs = q.connectedAt === undefined ? 0 : Math.max(0, q.endedAt - q.connectedAt);
    return Object.freeze(q) as T;
  };

  return {
    get calls() {
      return [...live.values()];
    },
    onCec(ev) {
      if (ev.eventType === 'unknown') return;
      const action = CEC_TRANSITIONS[ev.eventType].call;
      if (action === 'settle') for (const c of [...live.values()]) end(c, END_RULES.settle[rank(c)]);
      if (action !== 'customer' && action !== 'release' && action !== 'outFail') return;
      const c = live.get(callIdOf(ev.content) ?? '');
      if (c) end(c, END_RULES[action][rank(c)]);
    },
    fromCore(name, p) {
      const inherited = live.get(p.callId);
      if (inherited) {
        live.delete(p.callId);
        adopted.set(p.callId, inherited);
        // already announced to every tab; only a first connect is news
        if (name !== 'call.connected' || inherited.connectedAt !== undefined) return undefined;
      }
      const first = adopted.get(p.callId);
      if (!first) return p;
      if (name === 'call.ended') adopted.delete(p.callId);
      return patch(p, first);
    },
    view(c) {
      const first = adopted.get(c.callId);
      return first ? patch(c, first) : c;
    },
    endAll() {
      for (const c of [...live.values()]) end(c, ['unknown', 'unknown']);
    },
  };
}
