/**
 * CC-Gateway sessions (docs/cec-reference.md §5): GUIDs with rotation and grace, the per-agent event queue,
 * the one-at-a-time long poll, and sign-out after 2 minutes without a poll.
 */
import { randomBytes } from 'node:crypto';
import { GATEWAY_RETCODES, type GatewayRetcode } from '../src/protocol/index.js';
import type { Clock } from '../src/server/clock.js';
import { TimerSet, type Timer } from './timer-set.js';
import { MOCK_CHOICES } from './choices.js';
import { pollWaitClock } from './movable-clock.js';

/** One queued gateway event, exactly the `event` member of a poll answer. */
export interface QueuedEvent {
  readonly eventType: string;
  readonly workNo: string;
  readonly content: unknown;
  readonly message: string;
  /** When the mock emitted it (clock ms), for latency figures. */
  readonly at: number;
  readonly seq: number;
}

/** What a long poll resolves to. */
export type PollOutcome =
  | { readonly kind: 'event'; readonly event: QueuedEvent; readonly newGuid?: string }
  | { readonly kind: 'timeout'; readonly newGuid?: string }
  | { readonly kind: 'ended'; readonly retcode: GatewayRetcode };

interface Waiter {
  resolve(o: PollOutcome): void;
  timer: Timer;
}

export interface Session {
  readonly workNo: number;
  guid: string;
  guidIssuedAt: number;
  queue: QueuedEvent[];
  waiter: Waiter | undefined;
  lastPollAt: number;
  signOutTimer: Timer | undefined;
  dropped: number;
}

function newGuid(): string {
  return randomBytes(16).toString('hex');
}

/** Why a GUID no longer works. */
type DeadReason = typeof GATEWAY_RETCODES.NO_PERMISSION | typeof GATEWAY_RETCODES.NOT_SIGNED_IN;

/** Result of checking a Guid header. */
export type GuidCheck = { readonly ok: true; readonly session: Session } | { readonly ok: false; readonly retcode: GatewayRetcode };

/**
 * All live sessions of one mock. `onIdleTimeout` is called when an agent stops polling for 2 minutes.
 *
 * @example
 * const s = new SessionTable(systemClock, (workNo) => agentStates.signOut(workNo, 'no poll for 2 minutes'));
 */
export class SessionTable {
  readonly #clock: Clock;
  readonly #timers: TimerSet;
  /** Long-poll waits: on the wall clock under a movable clock, so real browsers' polls still work. */
  readonly #pollTimers: TimerSet;
  readonly #byWork = new Map<number, Session>();
  /** Current and grace GUIDs → session and the time the GUID stops working. */
  readonly #guids = new Map<string, { session: Session; until: number }>();
  /** GUIDs of sessions that ended: kicked (000-003) or signed out (100-006). Bounded. */
  readonly #dead = new Map<string, DeadReason>();
  readonly #onIdleTimeout: (workNo: number) => void;
  #dropPolls = false;
  /** Answers to the polls held while `dropPolls` was on. */
  readonly #heldPolls = new Set<() => void>();

  constructor(clock: Clock, onIdleTimeout: (workNo: number) => void) {
    this.#clock = clock;
    this.#timers = new TimerSet(clock);
    this.#pollTimers = new TimerSet(pollWaitClock(clock));
    this.#onIdleTimeout = onIdleTimeout;
  }

  /**
   * A fault, "drop long polls": polls are accepted and never answered while it is on (the client's
   * socket just waits, events stay queued). Switching it off answers the held polls with no event,
   * as a network that recovers would end them, so clients poll again and get what was queued.
   */
  get dropPolls(): boolean {
    return this.#dropPolls;
  }
  set dropPolls(on: boolean) {
    this.#dropPolls = on;
    if (on) return;
    for (const answer of this.#heldPolls) answer();
    this.#heldPolls.clear();
  }

  get(workNo: number): Session | undefined {
    return this.#byWork.get(workNo);
  }

  /** Open a session (sign-in or forcelogin). A previous session's GUIDs get 000-003 from now on. */
  open(workNo: number): Session {
    this.end(workNo, GATEWAY_RETCODES.NO_PERMISSION);
    const now = this.#clock.now();
    const session: Session = { workNo, guid: newGuid(), guidIssuedAt: now, queue: [], waiter: undefined, lastPollAt: now, signOutTimer: undefined, dropped: 0 };
    this.#byWork.set(workNo, session);
    this.#guids.set(session.guid, { session, until: Number.POSITIVE_INFINITY });
    this.#armSignOut(session);
    return session;
  }

  /** End a session: its GUIDs answer `reason` afterwards and a waiting poll ends with it. */
  end(workNo: number, reason: DeadReason): void {
    const s = this.#byWork.get(workNo);
    if (!s) return;
    this.#byWork.delete(workNo);
    s.signOutTimer?.cancel();
    for (const [g, v] of this.#guids) {
      if (v.session !== s) continue;
      this.#guids.delete(g);
      this.#markDead(g, reason);
    }
    const w = s.waiter;
    s.waiter = undefined;
    if (w) {
      w.timer.cancel();
      w.resolve({ kind: 'ended', retcode: reason });
    }
  }

  #markDead(guid: string, reason: DeadReason): void {
    this.#dead.set(guid, reason);
    if (this.#dead.size > 10_000) {
      const oldest = this.#dead.keys().next().value;
      if (oldest !== undefined) this.#dead.delete(oldest);
    }
  }

  /** Check a Guid header for agent `workNo`. */
  check(guid: string | undefined, workNo: number): GuidCheck {
    if (!guid) return { ok: false, retcode: GATEWAY_RETCODES.NO_PERMISSION };
    const hit = this.#guids.get(guid);
    if (hit) {
      if (hit.until <= this.#clock.now()) {
        this.#guids.delete(guid);
        return { ok: false, retcode: GATEWAY_RETCODES.NO_PERMISSION };
      }
      if (hit.session.workNo !== workNo) return { ok: false, retcode: GATEWAY_RETCODES.NO_PERMISSION };
      return { ok: true, session: hit.session };
    }
    return { ok: false, retcode: this.#dead.get(guid) ?? GATEWAY_RETCODES.NO_PERMISSION };
  }

  /** The agent a working GUID (current, or old and within its grace period) belongs to. */
  agentOf(guid: string | undefined): number | undefined {
    const hit = guid ? this.#guids.get(guid) : undefined;
    return hit && hit.until > this.#clock.now() ? hit.session.workNo : undefined;
  }

  /** Queue an event for a signed-in agent; hands it straight to a waiting poll. */
  push(workNo: number, event: QueuedEvent): void {
    const s = this.#byWork.get(workNo);
    if (!s) return;
    const w = s.waiter;
    if (w && s.queue.length === 0) {
      s.waiter = undefined;
      w.timer.cancel();
      w.resolve({ kind: 'event', event, ...this.#rotate(s) });
      return;
    }
    s.queue.push(event);
    if (s.queue.length > MOCK_CHOICES.maxQueuedEventsPerSession) {
      s.queue.shift();
      s.dropped += 1;
    }
  }

  /**
   * One long poll: an event at once if queued, else wait up to longPollMs. A second poll while one
   * waits ends the first with no event (chosen here). `cancel` un-registers a poll whose client left,
   * so no event is handed to a dead socket.
   */
  poll(session: Session): { promise: Promise<PollOutcome>; cancel: () => void } {
    session.lastPollAt = this.#clock.now();
    this.#armSignOut(session);
    const prev = session.waiter;
    if (prev) {
      session.waiter = undefined;
      prev.timer.cancel();
      prev.resolve({ kind: 'timeout' });
    }
    if (this.#dropPolls) return this.#holdPoll();
    const first = session.queue.shift();
    if (first) return { promise: Promise.resolve({ kind: 'event', event: first, ...this.#rotate(session) }), cancel: () => undefined };
    let waiter: Waiter | undefined;
    const promise = new Promise<PollOutcome>((resolve) => {
      waiter = {
        resolve: (o) => {
          session.lastPollAt = this.#clock.now();
          this.#armSignOut(session);
          resolve(o);
        },
        timer: this.#pollTimers.start(() => {
          if (session.waiter !== waiter) return;
          session.waiter = undefined;
          waiter?.resolve({ kind: 'timeout', ...this.#rotate(session) });
        }, MOCK_CHOICES.longPollMs),
      };
      session.waiter = waiter;
    });
    return {
      promise,
      cancel: () => {
        if (waiter && session.waiter === waiter) {
          session.waiter = undefined;
          waiter.timer.cancel();
        }
      },
    };
  }

  /** A poll left unanswered until drops are switched off (or its client leaves). */
  #holdPoll(): { promise: Promise<PollOutcome>; cancel: () => void } {
    let answer = (): void => undefined;
    const promise = new Promise<PollOutcome>((resolve) => (answer = () => resolve({ kind: 'timeout' })));
    this.#heldPolls.add(answer);
    return {
      promise,
      cancel: () => {
        this.#heldPolls.delete(answer);
      },
    };
  }

  /** Rotate the GUID when it is older than guidRotateMs; the old one works guidGraceMs more. */
  #rotate(s: Session): { newGuid?: string } {
    const now = this.#clock.now();
    if (now - s.guidIssuedAt < MOCK_CHOICES.guidRotateMs || this.#byWork.get(s.workNo) !== s) return {};
    const old = this.#guids.get(s.guid);
    if (old) old.until = now + MOCK_CHOICES.guidGraceMs;
    // Forget this session's GUIDs whose grace is over (an expired GUID answers 000-003 all the same).
    for (const [guid, entry] of this.#guids) if (entry.session === s && entry.until <= now) this.#guids.delete(guid);
    s.guid = newGuid();
    s.guidIssuedAt = now;
    this.#guids.set(s.guid, { session: s, until: Number.POSITIVE_INFINITY });
    return { newGuid: s.guid };
  }

  #armSignOut(s: Session): void {
    s.signOutTimer?.cancel();
    s.signOutTimer = this.#timers.start(() => {
      if (this.#byWork.get(s.workNo) !== s) return;
      // A poll still waiting counts as polling.
      if (s.waiter) return this.#armSignOut(s);
      this.#onIdleTimeout(s.workNo);
    }, MOCK_CHOICES.signOutAfterNoPollMs);
  }

  /** GUIDs the table still holds, current and old (for tests: rotation must not pile them up). */
  get guidCount(): number {
    return this.#guids.size;
  }

  /** Number of polls currently waiting (for state and tests). */
  get waitingPolls(): number {
    let n = 0;
    for (const s of this.#byWork.values()) if (s.waiter) n += 1;
    return n;
  }

  /** End every session and cancel every timer (reset/close). */
  clear(): void {
    for (const w of [...this.#byWork.keys()]) this.end(w, GATEWAY_RETCODES.NOT_SIGNED_IN);
    this.#timers.cancelAll();
    this.#pollTimers.cancelAll();
    this.#guids.clear();
    this.#dead.clear();
  }
}
