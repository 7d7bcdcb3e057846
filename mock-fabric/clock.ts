/** Injectable time so tests can fake the 10 s poll, 2-minute sign-out, ring timeouts and token expiry. */

/** A cancellable timer handle. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * What the mock needs from time.
 *
 * @example
 * const clock: MockClock = { now: () => Date.now(), setTimeout: (fn, ms) => { const t = setTimeout(fn, ms); return { cancel: () => clearTimeout(t) }; } };
 */
export interface MockClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): ClockTimer;
}

/**
 * The real clock; its timers do not keep the process alive.
 *
 * @example
 * const t = realClock.setTimeout(() => console.log('tick'), 1000); t.cancel();
 */
export const realClock: MockClock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

/** Tracks every timer a component starts, so close()/reset() can cancel them all at once. */
export class TimerSet {
  readonly #clock: MockClock;
  readonly #live = new Set<ClockTimer>();
  constructor(clock: MockClock) {
    this.#clock = clock;
  }
  /** Start a timer that is forgotten once it fires. */
  start(fn: () => void, ms: number): ClockTimer {
    let handle: ClockTimer | undefined;
    const wrapped: ClockTimer = {
      cancel: () => {
        handle?.cancel();
        this.#live.delete(wrapped);
      },
    };
    handle = this.#clock.setTimeout(() => {
      this.#live.delete(wrapped);
      fn();
    }, ms);
    this.#live.add(wrapped);
    return wrapped;
  }
  get size(): number {
    return this.#live.size;
  }
  cancelAll(): void {
    for (const t of [...this.#live]) t.cancel();
  }
}
