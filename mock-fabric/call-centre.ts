/**
 * The state of the simulated call centre, shared by the engine's parts: agents, calls, skill
 * queues, gateway sessions, timers and the event stream. The parts: agent-states.ts (agent state
 * changes), routing.ts (queues and offers), call-control.ts (what happens to a call),
 * snapshot.ts (what the QA control reads); engine.ts puts them together.
 */
import { randomBytes } from 'node:crypto';
import {
  GATEWAY_RETCODES,
  cecEventEnvelope,
  type GatewayRetcode,
  type KnownCecEventType,
  type CEC_EVENT_CONTENT,
} from '../src/protocol/index.js';
import type { Clock } from '../src/server/clock.js';
import type { z } from '../src/protocol/zod.js';
import { MOCK_CHOICES } from './choices.js';
import type { AgentPhase, CallState, LoggedEvent } from './mock-state.js';
import { SessionTable, type QueuedEvent } from './sessions.js';
import type { TenantAgent, TenantConfig, TenantSkill } from './tenant.js';
import { TimerSet, type Timer } from './timer-set.js';

/** One agent of the tenant, as the engine tracks it. */
export interface AgentRuntime {
  readonly agent: TenantAgent;
  phase: AgentPhase;
  /** Clock ms when the agent last became idle (longest idle is offered first). */
  idleSince: number;
  busyReason: number | undefined;
  restCause: number | undefined;
  callId: string | undefined;
  muted: boolean;
  wrapTimer: Timer | undefined;
  restTimer: Timer | undefined;
  log: LoggedEvent[];
}

/** One call, from injection or callout until released (the newest released calls stay for the QA control). */
export interface CallRecord {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly caller: string;
  readonly called: string;
  readonly callData: string | undefined;
  skillId: number | undefined;
  state: CallState;
  workNo: number | undefined;
  /** The agent last offered the call or dialling it; kept when the call ends, so that agent's phone can read the end. */
  lastAgent: number | undefined;
  enqueuedAt: number;
  requeueCount: number;
  lastReleaseAgentId: number | undefined;
  held: boolean;
  /** When the call was answered (clock ms), for `calldata/{agentid}/callinfo`'s `begintime`. */
  answeredAt: number | undefined;
  /** Why it ended (released calls only). */
  endReason: string | undefined;
  timer: Timer | undefined;
  waitTimer: Timer | undefined;
}

/** Result of an engine command: a gateway retcode and a message. */
export type EngineResult<R = undefined> = { readonly retcode: GatewayRetcode; readonly message: string; readonly result?: R };

/** A successful engine command, with its result if it has one. */
export function succeeded<R>(result?: R): EngineResult<R> {
  return { retcode: GATEWAY_RETCODES.OK, message: 'success', ...(result === undefined ? {} : { result }) };
}

/** A refused engine command. */
export function refused(retcode: GatewayRetcode, message: string): EngineResult<never> {
  return { retcode, message };
}

type ContentIn<K extends KnownCecEventType> = z.input<(typeof CEC_EVENT_CONTENT)[K]>;

/**
 * The shared state and the one way to send an agent an event.
 *
 * @example
 * const centre = new CallCentre(tenant, systemClock, (workNo) => agents.signOut(workNo, 'no poll for 2 minutes'));
 * centre.emit(101, 'AgentState_Ready', null);
 */
export class CallCentre {
  readonly tenant: TenantConfig;
  readonly clock: Clock;
  readonly timers: TimerSet;
  readonly sessions: SessionTable;
  readonly agents = new Map<number, AgentRuntime>();
  readonly calls = new Map<string, CallRecord>();
  /** Skill id → ids of the calls waiting in it, first in line first. */
  readonly queues = new Map<number, string[]>();
  /** Listeners for every emitted event (the signalling relay, tests and the bench). */
  readonly listeners = new Set<(event: LoggedEvent) => void>();
  /** Listeners told the moment a call ends, with the clock ms (the CC-CMS call records in mock-fabric/cms/, the scenario player). */
  readonly endedCallListeners = new Set<(call: CallRecord, endedAt: number) => void>();
  ringTimeoutMs: number = MOCK_CHOICES.ringTimeoutMs;
  /** Ended calls kept in `calls` for the QA control; older ones are forgotten. */
  endedCallHistory: number = MOCK_CHOICES.endedCallHistory;
  #eventSeq = 0;
  /** Ids of ended calls still in `calls`, oldest first. */
  readonly #endedCalls: string[] = [];
  /** Every logged event still in some agent's log, oldest first: the bound across all agents. */
  readonly #loggedEvents: { readonly runtime: AgentRuntime; readonly event: LoggedEvent }[] = [];

  constructor(tenant: TenantConfig, clock: Clock, onSessionIdle: (workNo: number) => void) {
    this.tenant = tenant;
    this.clock = clock;
    this.timers = new TimerSet(clock);
    this.sessions = new SessionTable(clock, onSessionIdle);
    this.#fill();
  }

  #fill(): void {
    for (const agent of this.tenant.agents) this.track(agent);
    for (const skill of this.tenant.skills) this.queues.set(skill.id, []);
  }

  /** Start tracking an agent of the tenant, signed out (at start-up, or created through the configuration API). */
  track(agent: TenantAgent): void {
    this.agents.set(agent.workNo, { agent, phase: 'signedOut', idleSince: 0, busyReason: undefined, restCause: undefined, callId: undefined, muted: false, wrapTimer: undefined, restTimer: undefined, log: [] });
  }

  /** Forget every session, call, queue and event. */
  reset(): void {
    this.dispose();
    this.agents.clear();
    this.calls.clear();
    this.#endedCalls.length = 0;
    this.#loggedEvents.length = 0;
    this.queues.clear();
    this.#fill();
  }

  /** Stop every timer and end every poll. */
  dispose(): void {
    this.sessions.clear();
    this.timers.cancelAll();
  }

  /** Send an agent an event: its gateway session's queue, its log and every listener get it. */
  emit<K extends KnownCecEventType>(workNo: number, eventType: K, content: ContentIn<K>): void {
    const runtime = this.agents.get(workNo);
    if (!runtime) return;
    const envelope = cecEventEnvelope(eventType, String(workNo), content);
    const at = this.clock.now();
    const seq = ++this.#eventSeq;
    const logged: LoggedEvent = { seq, at, workNo, envelope };
    this.#log(runtime, logged);
    const queued: QueuedEvent = { ...envelope.event, message: envelope.message, at, seq };
    this.sessions.push(workNo, queued);
    for (const listener of this.listeners) listener(logged);
  }

  /** Into the agent's log, within the bounds per agent and across all agents (the oldest go). */
  #log(runtime: AgentRuntime, event: LoggedEvent): void {
    runtime.log.push(event);
    if (runtime.log.length > MOCK_CHOICES.eventLogPerAgent) runtime.log.shift();
    this.#loggedEvents.push({ runtime, event });
    if (this.#loggedEvents.length <= MOCK_CHOICES.eventLogTotal) return;
    const oldest = this.#loggedEvents.shift();
    // Already gone when the agent's own bound dropped it first.
    if (oldest && oldest.runtime.log[0] === oldest.event) oldest.runtime.log.shift();
  }

  /** A call has just ended: it joins the history, and the oldest ended calls beyond its bound are forgotten. */
  callEnded(call: CallRecord): void {
    const endedAt = this.clock.now();
    for (const listener of this.endedCallListeners) listener(call, endedAt);
    this.#endedCalls.push(call.callId);
    while (this.#endedCalls.length > this.endedCallHistory) {
      const oldest = this.#endedCalls.shift();
      if (oldest !== undefined) this.calls.delete(oldest);
    }
  }

  skill(id: number | undefined): TenantSkill | undefined {
    return this.tenant.skills.find((skill) => skill.id === id);
  }

  /** The agent and the call it is on, if it is on one. */
  agentCall(workNo: number): { runtime: AgentRuntime; call: CallRecord } | undefined {
    const runtime = this.agents.get(workNo);
    const call = runtime?.callId ? this.calls.get(runtime.callId) : undefined;
    return runtime && call ? { runtime, call } : undefined;
  }

  /** A new call record, registered; the rest of its fields start empty. */
  newCall(fields: Pick<CallRecord, 'direction' | 'caller' | 'called' | 'callData' | 'skillId' | 'state' | 'workNo'>): CallRecord {
    const call: CallRecord = { ...fields, callId: this.#newCallId(), lastAgent: fields.workNo, enqueuedAt: this.clock.now(), requeueCount: 0, lastReleaseAgentId: undefined, held: false, answeredAt: undefined, endReason: undefined, timer: undefined, waitTimer: undefined };
    this.calls.set(call.callId, call);
    return call;
  }

  /**
   * CEC call ids look like "1456404043-37": epoch seconds, a dash, digits (docs/cec-reference.md §2.4).
   * The digits here are 19 random ones (about 63 bits), so nobody can guess a live call's id.
   */
  #newCallId(): string {
    const seconds = Math.floor(this.clock.now() / 1000);
    for (;;) {
      const callId = `${seconds}-${randomNineteenDigits()}`;
      if (!this.calls.has(callId)) return callId;
    }
  }
}

const NINETEEN_DIGITS_FLOOR = 10n ** 18n;

/** A random decimal number of exactly 19 digits (the modulo bias over 2^64 is negligible here). */
function randomNineteenDigits(): string {
  const random = randomBytes(8).readBigUInt64BE();
  return (NINETEEN_DIGITS_FLOOR + (random % (9n * NINETEEN_DIGITS_FLOOR))).toString();
}
