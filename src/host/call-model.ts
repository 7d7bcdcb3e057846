/**
 * The agent and call model: applies CEC events through `CEC_TRANSITIONS` and emits `agent.state`
 * and `call.*`. Guarantees one `call.ended` per announced call: a call ends once, by a CEC event,
 * by `settle`, or as `unknown` when the bar went silent and nothing confirmed it within `confirmMs`.
 * Likewise a signed-in agent whose reloaded bar says nothing within `confirmMs` becomes `offline`
 * with a `SESSION_NOT_RESUMED` error (session-check.ts).
 */
import type { CecEvent } from '../protocol/cec-events.js';
import type { BarError } from '../protocol/bar-error.js';
import { CEC_TRANSITIONS, END_RULES } from './cec-map.js';
import { createSessionCheck } from './session-check.js';
import type { AgentSnapshot, AgentState, BarEventMap, Call, CallEndedBy, CallOutcome, EndedCall } from './types.js';

interface Entry {
  call: Call;
  /** end-confirmation timer, set while the call is unconfirmed */
  t?: ReturnType<typeof setTimeout> | undefined;
  /** unconfirmed: the bar went silent or reloaded since the last event of this call */
  u?: boolean;
}

/** @example const m = createCallModel({ emit: (n, p) => console.log(n, p), confirmMs: 15000 }); */
export interface CallModel {
  apply(event: CecEvent): void;
  /** The bar went silent or reloaded: every live call, and a signed-in agent, must be confirmed within `confirmMs`. */
  suspect(): void;
  /** End every live call as `unknown` now, and stop confirming (destroy). */
  endAll(): void;
  readonly agent: AgentSnapshot;
  readonly calls: readonly Call[];
}

export interface CallModelHooks {
  emit<K extends keyof BarEventMap>(name: K, payload: BarEventMap[K]): void;
  confirmMs: number;
  /** a new outbound call was announced (resolves a pending callOut) */
  onDial?(call: Call): void;
  /** CEC said a callout failed */
  onOutFail?(callId: string): void;
  now?(): number;
}

type Content = Record<string, unknown>;
const UNKNOWN = ['unknown', 'unknown'] as const;
/** Drops undefined fields (payloads carry only what is known). */
const defined = <T extends object>(o: T): T => {
  for (const k in o) if (o[k] === undefined) delete o[k];
  return o;
};
const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/**
 * The call an event is about: `content.callid` (or `callId`), or the content itself for the
 * events whose content is the bare id. (`apply` inlines the same rule: the host budget.)
 * @example callIdOf('1456404043-37'); // '1456404043-37'
 */
export const callIdOf = (raw: unknown): string | undefined =>
  typeof raw === 'string' ? raw : s((raw as Content | null)?.callid) ?? s((raw as Content | null)?.callId);
/** mediaAbility: 1 voice, 2 video, 3 voice and video (a video call, cec_07_1355), 5 text, 6 H5 video. */
const mediaOf = (m: unknown): Call['media'] => (m === 2 || m === 3 || m === 6 ? 'video' : m === 5 ? 'text' : 'audio');

/**
 * @example
 * const model = createCallModel({ emit: bus.emit, confirmMs: 15_000 });
 * model.apply(parsedCecEvent);
 */
export function createCallModel(h: CallModelHooks): CallModel {
  const now = h.now ?? Date.now;
  const live = new Map<string, Entry>();
  let agent: AgentSnapshot = Object.freeze({ state: 'offline', since: now() });

  const setAgent = (state: AgentState, workNo: string, reason?: unknown, error?: BarError): void => {
    const previous = agent.state;
    const at = now();
    const w = workNo || agent.workNo;
    agent = Object.freeze(defined({ state, since: state === previous ? agent.since : at, workNo: w }));
    if (state !== previous) h.emit('agent.state', Object.freeze(defined({ state, previous, at, reason: typeof reason === 'number' ? reason : undefined, error })));
  };
  const session = createSessionCheck(h.confirmMs, (error) => {
    setAgent('offline', '', undefined, error);
    h.emit('error', error);
  });

  const end = (id: string, [outcome, endedBy]: readonly [CallOutcome, CallEndedBy]): void => {
    const e = live.get(id);
    if (!e) return;
    clearTimeout(e.t);
    live.delete(id);
    h.emit('call.ended', endedCall(e.call, outcome, endedBy, now()));
  };

  const put = (e: Entry, patch: Partial<Call>): Call => (e.call = Object.freeze({ ...e.call, ...patch }));

  const apply = (ev: CecEvent): void => {
    session.confirm(); // the bar speaks: its CEC session is live
    if (ev.eventType === 'unknown') return;
    const { agent: to, call: action } = CEC_TRANSITIONS[ev.eventType];
    const raw = ev.content as Content | string | null;
    const c: Content = typeof raw === 'object' && raw !== null ? raw : {};
    const id = typeof raw === 'string' ? raw : s(c.callid) ?? s(c.callId); // callIdOf, inlined: 9 bytes of the host budget
    const e = id === undefined ? undefined : live.get(id);
    if (e) {
      // any word about the call confirms it is still known to the bar
      clearTimeout(e.t);
      e.t = undefined;
      e.u = false;
    }
    if (action === 'settle') {
      for (const [k, x] of live) end(k, x.u ? UNKNOWN : END_RULES.settle[rank(x.call)]);
    } else if (action === 'customer' || action === 'release' || action === 'outFail') {
      if (action === 'outFail' && id !== undefined) h.onOutFail?.(id);
      if (e && id !== undefined) end(id, END_RULES[action][rank(e.call)]);
    } else if (action && id !== undefined) {
      const outbound = action === 'dial' || c.feature === 7 || c.feature === 43;
      const known = defined({ caller: s(c.caller), called: s(action === 'dial' ? c.otherPhone : c.called), skill: s(c.skillName) });
      if (!e) {
        const at = now();
        const x: Entry = {
          call: Object.freeze(
            defined({ callId: id, direction: outbound ? 'outbound' : 'inbound', media: mediaOf(c.mediaAbility), startedAt: at, ...known, connectedAt: action === 'talk' ? at : undefined }) as Call,
          ),
        };
        live.set(id, x);
        h.emit(action === 'talk' ? 'call.connected' : outbound ? 'call.dialing' : 'call.ringing', x.call);
        if (outbound && action !== 'talk') h.onDial?.(x.call);
      } else if (action === 'talk' && e.call.connectedAt === undefined) {
        // A call-out's Customer_Alerting names no media; its Talking does (cec_07_1355).
        h.emit('call.connected', put(e, { ...known, connectedAt: now(), media: e.call.direction === 'outbound' && c.mediaAbility !== undefined ? mediaOf(c.mediaAbility) : e.call.media }));
      } else if (action !== 'talk') {
        put(e, known);
      }
    }
    if (to) setAgent(to, ev.workNo, c.reason);
  };

  return {
    apply,
    suspect() {
      for (const [k, x] of live) {
        x.u = true;
        if (x.t === undefined) x.t = setTimeout(() => end(k, UNKNOWN), h.confirmMs);
      }
      // Started after the calls' timers: unconfirmed calls end before the agent goes offline.
      if (agent.state !== 'offline') session.expect();
    },
    endAll() {
      session.stop();
      for (const k of [...live.keys()]) end(k, UNKNOWN);
    },
    get agent() {
      return agent;
    },
    get calls() {
      return [...live.values()].map((x) => x.call);
    },
  };
}

/**
 * The `call.ended` payload of `call`.
 * @example endedCall(call, 'completed', 'customer', Date.now()).talkMs;
 */
export const endedCall = (c: Call, outcome: CallOutcome, endedBy: CallEndedBy, endedAt: number): EndedCall =>
  Object.freeze({ ...c, outcome, endedBy, talkMs: c.connectedAt === undefined ? 0 : Math.max(0, endedAt - c.connectedAt), endedAt });

/** Index into END_RULES rows: 0 connected, 1 inbound alerting, 2 outbound dialing. */
export const rank = (c: Call): 0 | 1 | 2 => (c.connectedAt !== undefined ? 0 : c.direction === 'inbound' ? 1 : 2);
