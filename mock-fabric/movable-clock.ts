/**
 * A clock QA can move: `advance(ms)` jumps simulated time forward, firing every timer due on the
 * way in time order (each sees `now()` at its own due time, so rules chained on one another stay
 * consistent), and a time scale runs simulated time N times faster than the wall clock.
 * The mock's long-poll waits (about 10 s, docs/cec-reference.md §5.7) stay on the wall clock (see
 * docs/qa.md "The clock").
 */
import type { Clock, TimerHandle } from '../src/server/clock.js';
import { TimerHeap, type HeapTimer } from './timer-heap.js';

/** A clock that can be moved forward by hand; `MovableClock` and test fakes both qualify. */
export interface AdvanceableClock extends Clock {
  /** Move simulated time forward `ms`, firing due timers in order. */
  advance(ms: number): void;
  /** When given, the clock the mock's long-poll waits run on (a browser's poll cannot jump with the simulated time). */
  readonly wallClock?: Clock;
}

/** The clock long-poll waits run on: `clock.wallClock` when it has one, else `clock` itself (test fakes move polls too). */
export function pollWaitClock(clock: Clock): Clock {
  return (clock as Partial<AdvanceableClock>).wallClock ?? clock;
}

/** True when `clock` can be advanced (it has an `advance(ms)` method). */
export function isAdvanceable(clock: Clock): clock is AdvanceableClock {
  return typeof (clock as Partial<AdvanceableClock>).advance === 'function';
}

/**
 * Options of {@link MovableClock}.
 *
 * @example
 * ```ts
 * import { MovableClock, type MovableClockOptions } from 'cec-bar-host/mock-fabric';
 * const options: MovableClockOptions = { timeScale: 20 };
 * const clock = new MovableClock(options);
 * ```
 */
export interface MovableClockOptions {
  /**
   * Simulated milliseconds per wall-clock millisecond (0.01-1000).
   * @default 1
   */
  readonly timeScale?: number;
  /**
   * Simulated epoch milliseconds at start.
   * @default Date.now()
   */
  readonly start?: number;
  /**
   * The wall clock it follows (tests inject one).
   * @default performance.now, with Node's setTimeout
   */
  readonly wall?: WallClock;
}

/**
 * The wall clock under a {@link MovableClock}: a monotonic `now()` and one-shot timers.
 *
 * @example
 * ```ts
 * import type { WallClock } from 'cec-bar-host/mock-fabric';
 * const wall: WallClock = { now: () => performance.now(), setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };
 * ```
 */
export interface WallClock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Runs `run` once after `ms` wall milliseconds. */
  setTimeout(run: () => void, ms: number): unknown;
  /** Cancels a wall timer. */
  clearTimeout(handle: unknown): void;
}

const NODE_WALL: WallClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    // Like systemClock: a forgotten timer never keeps a process alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Accepted time scales: a slower clock for debugging, up to 1000× for long simulated spans. */
export const TIME_SCALE_RANGE = {
  /** The slowest: a hundredth of real time. */
  min: 0.01,
  /** The fastest: a thousand times real time. */
  max: 1000,
} as const;

/**
 * The mock's default clock: real time, unless QA moves it (`advance`) or speeds it up (`timeScale`).
 *
 * @example
 * ```ts
 * import { MovableClock, startMockFabric } from 'cec-bar-host/mock-fabric';
 * const clock = new MovableClock({ timeScale: 10 });
 * const fabric = await startMockFabric({ clock, trustTokens: true });
 * clock.advance(120_000); // two simulated minutes, now
 * await fabric.close();
 * ```
 */
export class MovableClock implements AdvanceableClock {
  readonly #wall: WallClock;
  #timeScale: number;
  /** Simulated time at `#anchorWall`; simulated time runs on from there at `#timeScale`. */
  #anchorSimulated: number;
  #anchorWall: number;
  readonly #pending = new TimerHeap();
  #order = 0;
  #wake: unknown;
  /** Simulated due time the wall wake-up is set for. */
  #wakeDue: number | undefined;
  #firing = false;
  #paused = false;
  /** Long-poll waits run here: real time, whatever the scale or jumps (docs/qa.md "The clock"). */
  readonly wallClock: Clock;

  /** Starts at `options.start` (default: now), following the wall clock at `options.timeScale`. */
  constructor(options: MovableClockOptions = {}) {
    this.#wall = options.wall ?? NODE_WALL;
    this.#timeScale = checkTimeScale(options.timeScale ?? 1);
    this.#anchorSimulated = options.start ?? Date.now();
    this.#anchorWall = this.#wall.now();
    const wall = this.#wall;
    this.wallClock = { now: () => Date.now(), setTimeout: (run, ms) => wall.setTimeout(run, ms), clearTimeout: (handle) => wall.clearTimeout(handle) };
  }

  now(): number {
    if (this.#paused) return this.#anchorSimulated;
    return Math.floor(this.#anchorSimulated + (this.#wall.now() - this.#anchorWall) * this.#timeScale);
  }

  /** True while simulated time moves only by `advance` (a scenario player steps it). */
  get paused(): boolean {
    return this.#paused;
  }

  /** Stop simulated time following the wall clock: from now on only `advance` moves it. */
  pause(): void {
    this.#reanchor(this.now());
    this.#paused = true;
    this.#schedule();
  }

  /** Follow the wall clock again, from the simulated time reached. */
  resume(): void {
    this.#reanchor(this.now());
    this.#paused = false;
    this.#schedule();
  }

  /** Simulated milliseconds per wall millisecond. */
  get timeScale(): number {
    return this.#timeScale;
  }

  /** Change the speed from now on (timers already set keep their simulated due times). */
  setTimeScale(timeScale: number): void {
    this.#reanchor(this.now());
    this.#timeScale = checkTimeScale(timeScale);
    this.#schedule();
  }

  setTimeout(run: () => void, ms: number): TimerHandle {
    const timer: HeapTimer = { due: this.now() + Math.max(0, ms), order: ++this.#order, run, cleared: false };
    this.#pending.push(timer);
    // Only a timer earlier than the wake-up already set needs a new one.
    if (!this.#firing && (this.#wakeDue === undefined || timer.due < this.#wakeDue)) this.#schedule();
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    if (handle && typeof handle === 'object' && 'cleared' in handle) this.#pending.clear(handle as HeapTimer);
  }

  /** Timers not yet fired. */
  get pendingTimers(): number {
    return this.#pending.size;
  }

  /**
   * Jump `ms` simulated milliseconds forward: every timer due on the way fires, earliest first,
   * with `now()` at its own due time; timers those start fire too when they fall in the jump.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance: ms must be a finite number >= 0');
    this.#fireUntil(this.now() + ms);
  }

  #fireUntil(target: number): void {
    this.#firing = true;
    try {
      for (let timer = this.#pending.peek(); timer && timer.due <= target; timer = this.#pending.peek()) {
        this.#pending.take();
        this.#reanchor(Math.max(timer.due, this.now()));
        timer.run();
      }
    } finally {
      this.#firing = false;
    }
    if (target > this.now()) this.#reanchor(target);
    this.#schedule();
  }

  #reanchor(simulated: number): void {
    this.#anchorSimulated = simulated;
    this.#anchorWall = this.#wall.now();
  }

  /** One wall timer for the earliest pending timer; it fires whatever is due by then. */
  #schedule(): void {
    if (this.#wake !== undefined) this.#wall.clearTimeout(this.#wake);
    this.#wake = undefined;
    this.#wakeDue = undefined;
    const earliest = this.#pending.peek();
    if (!earliest || this.#paused) return;
    this.#wakeDue = earliest.due;
    const wallDelay = Math.max(0, (earliest.due - this.now()) / this.#timeScale);
    this.#wake = this.#wall.setTimeout(() => {
      this.#wake = undefined;
      this.#wakeDue = undefined;
      this.#fireUntil(this.now());
    }, Math.ceil(wallDelay));
  }
}

function checkTimeScale(timeScale: number): number {
  if (!Number.isFinite(timeScale) || timeScale < TIME_SCALE_RANGE.min || timeScale > TIME_SCALE_RANGE.max) {
    throw new RangeError(`time scale must be ${TIME_SCALE_RANGE.min}-${TIME_SCALE_RANGE.max}`);
  }
  return timeScale;
}
