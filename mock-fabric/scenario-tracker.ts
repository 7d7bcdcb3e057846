/**
 * What a scenario run saw: each call's events and end, queue lengths, offers and ring-outs, all
 * on the mock's clock relative to the scenario's start. Expectations are judged from it at the end.
 */
import type { ScenarioCallOutcome } from '../src/protocol/scenario.js';
import type { CallRecord } from './call-centre.js';
import { eventCallId } from './headless-agent.js';
import type { LoggedEvent } from './mock-state.js';
import { NOT_READY_REASONS } from './mock-state.js';

/** One event about a call, as an expectation reads it. */
export interface SeenEvent {
  readonly eventType: string;
  readonly workNo: number;
  /** Simulated ms since the scenario started. */
  readonly atMs: number;
}

/** One call as the run saw it. */
export interface TrackedCall {
  /** The scenario's name; calls it did not make (a bar's callout) get `other-N` at the end. */
  name: string | undefined;
  readonly callId: string;
  /** When the scenario made it, or first saw it. */
  startedAtMs: number;
  readonly events: SeenEvent[];
  endedAtMs: number | undefined;
  outcome: ScenarioCallOutcome | undefined;
}

/** How a mock call ended, in a scenario's words. */
export function callOutcome(call: CallRecord): ScenarioCallOutcome {
  if (call.answeredAt !== undefined) return 'completed';
  if (call.endReason === 'customer hung up') return 'abandoned';
  if (call.endReason?.startsWith('overflow')) return 'overflow';
  return 'failed';
}

/**
 * @example
 * const tracker = new ScenarioTracker(clock.now());
 * control.onEvent((event) => tracker.onEvent(event));
 */
export class ScenarioTracker {
  readonly #startedAt: number;
  readonly #calls = new Map<string, TrackedCall>();
  readonly #byName = new Map<string, TrackedCall>();
  /** Skill id → the first time each length was reached (index = length). */
  readonly queueFirstReached = new Map<number, number[]>();
  /** Every event, about a call or not (agent state changes), oldest first. */
  readonly events: SeenEvent[] = [];
  offered = 0;
  ringOuts = 0;

  constructor(startedAt: number) {
    this.#startedAt = startedAt;
  }

  /** Simulated ms since the start. */
  relative(at: number): number {
    return at - this.#startedAt;
  }

  #call(callId: string, at: number): TrackedCall {
    let call = this.#calls.get(callId);
    if (!call) {
      call = { name: undefined, callId, startedAtMs: this.relative(at), events: [], endedAtMs: undefined, outcome: undefined };
      this.#calls.set(callId, call);
    }
    return call;
  }

  /** The scenario made call `name` at `at` (its first events may already be in). */
  callStarted(name: string, callId: string, at: number): void {
    const call = this.#call(callId, at);
    call.name = name;
    call.startedAtMs = this.relative(at);
    this.#byName.set(name, call);
  }

  byName(name: string): TrackedCall | undefined {
    return this.#byName.get(name);
  }

  onEvent(event: LoggedEvent): void {
    const { eventType, content } = event.envelope.event;
    if (eventType === 'AgentEvent_Ringing') this.offered += 1;
    if (eventType === 'AgentState_SetNotReady_Success' && (content as { reason?: unknown } | null)?.reason === NOT_READY_REASONS.NO_ANSWER) this.ringOuts += 1;
    const seen: SeenEvent = { eventType, workNo: event.workNo, atMs: this.relative(event.at) };
    this.events.push(seen);
    const callId = eventCallId(content);
    if (callId !== undefined) this.#call(callId, event.at).events.push(seen);
  }

  onCallEnded(record: CallRecord, at: number): void {
    const call = this.#call(record.callId, at);
    call.endedAtMs = this.relative(at);
    call.outcome = callOutcome(record);
  }

  /** Note the queues' lengths now (after every action and event: a queue only grows then). */
  sampleQueues(queues: ReadonlyMap<number, readonly string[]>, at: number): void {
    for (const [skillId, waiting] of queues) {
      const firsts = this.queueFirstReached.get(skillId) ?? [0];
      for (let length = firsts.length; length <= waiting.length; length += 1) firsts.push(this.relative(at));
      this.queueFirstReached.set(skillId, firsts);
    }
  }

  /** Every call, in the order first seen; unnamed ones get `other-N`. */
  calls(): TrackedCall[] {
    let other = 0;
    const all = [...this.#calls.values()];
    for (const call of all) {
      if (call.name !== undefined) continue;
      other += 1;
      call.name = `other-${other}`;
    }
    return all;
  }
}
