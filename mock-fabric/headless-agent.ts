/**
 * A headless agent a scenario signs in and drives inside the mock: it keeps a long poll open
 * like a bar (so the 2-minute sign-out never hits it), answers, talks and hangs up after seeded
 * random times, and lets some calls ring out. It reacts to events as the mock emits them, on the
 * mock's clock, so a run is the same every time.
 */
import type { HeadlessAgent as HeadlessAgentConfig } from '../src/protocol/scenario.js';
import type { Engine } from './engine.js';
import type { LoggedEvent } from './mock-state.js';
import { NOT_READY_REASONS } from './mock-state.js';
import { drawBetween, type Random } from './scenario-plan.js';
import type { TimerSet } from './timer-set.js';

/** The call an event is about: CEC puts its id in `callid`, `callId`, or the whole content (Call_Release). */
export function eventCallId(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (typeof content !== 'object' || content === null) return undefined;
  const fields = content as { callid?: unknown; callId?: unknown };
  const id = fields.callid ?? fields.callId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * @example
 * const agent = new HeadlessAgentRunner(engine, timers, random, { workNo: 102, answerAfterMs: [1000, 3000], talkMs: [20_000, 60_000] });
 * agent.signIn();
 * control.onEvent((event) => agent.onEvent(event));
 */
export class HeadlessAgentRunner {
  readonly #engine: Engine;
  readonly #timers: TimerSet;
  readonly #random: Random;
  readonly #config: HeadlessAgentConfig;
  /** Sequence numbers of the events its polls delivered (for "no event lost"). */
  readonly delivered = new Set<number>();
  #stopped = false;
  #cancelPoll: (() => void) | undefined;

  constructor(engine: Engine, timers: TimerSet, random: Random, config: HeadlessAgentConfig) {
    this.#engine = engine;
    this.#timers = timers;
    this.#random = random;
    this.#config = config;
  }

  get workNo(): number {
    return this.#config.workNo;
  }

  /** Sign in (a forced sign-in takes over from a bar) and start polling. */
  signIn(): void {
    this.#engine.agentStates.signIn(this.workNo, true);
    this.#poll();
  }

  /** Stop polling and sign out. */
  stop(): void {
    this.#stopped = true;
    this.#cancelPoll?.();
    this.#engine.agentStates.signOut(this.workNo, 'scenario finished');
  }

  /** Events still queued for it (a poll is about to take them). */
  get queued(): number {
    return this.#engine.centre.sessions.get(this.workNo)?.queue.length ?? 0;
  }

  /** React to an event the mock has just emitted (to any agent: others are ignored). */
  onEvent(event: LoggedEvent): void {
    if (event.workNo !== this.workNo || this.#stopped) return;
    const { eventType, content } = event.envelope.event;
    const callId = eventCallId(content);
    if (eventType === 'AgentEvent_Ringing' && callId) this.#ringing(callId);
    else if (eventType === 'AgentEvent_Talking' && callId) this.#talking(callId);
    else if (eventType === 'AgentState_SetNotReady_Success' && (content as { reason?: unknown } | null)?.reason === NOT_READY_REASONS.NO_ANSWER) this.#rangOut();
  }

  #ringing(callId: string): void {
    // The draw is made for every offer, answered or not, so the random sequence does not depend on the answer.
    const letItRingOut = this.#random() < (this.#config.noAnswerRate ?? 0);
    const delay = drawBetween(this.#random, this.#config.answerAfterMs);
    if (letItRingOut) return;
    this.#timers.start(() => void this.#engine.callControl.answer(this.workNo, callId), delay);
  }

  #talking(callId: string): void {
    this.#timers.start(() => {
      const runtime = this.#engine.centre.agents.get(this.workNo);
      if (runtime?.callId === callId && runtime.phase === 'talking') this.#engine.callControl.release(this.workNo);
    }, drawBetween(this.#random, this.#config.talkMs));
  }

  #rangOut(): void {
    const readyAfterMs = this.#config.readyAfterMs;
    if (readyAfterMs === undefined) return;
    this.#timers.start(() => void this.#engine.agentStates.cancelBusy(this.workNo), readyAfterMs);
  }

  /** One long poll after another, as a bar keeps one open; stops when the session ends. */
  #poll(): void {
    const session = this.#engine.centre.sessions.get(this.workNo);
    if (!session || this.#stopped) return;
    const { promise, cancel } = this.#engine.centre.sessions.poll(session);
    this.#cancelPoll = cancel;
    void promise.then((outcome) => {
      if (outcome.kind === 'ended') return;
      if (outcome.kind === 'event') this.delivered.add(outcome.event.seq);
      this.#poll();
    });
  }
}
