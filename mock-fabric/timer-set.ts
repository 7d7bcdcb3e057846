/** The mock's timers: every one started through a `TimerSet`, so close() and reset() can cancel them all. */
import type { Clock, TimerHandle } from '../src/server/clock.js';

/** A started timer. */
export interface Timer {
  cancel(): void;
}

/**
 * Tracks every timer a component starts on its clock (the server kit's injectable `Clock`).
 *
 * @example
 * const timers = new TimerSet(systemClock);
 * const ring = timers.start(() => console.log('no answer'), 20_000);
 * ring.cancel(); // or timers.cancelAll() on close
 */
export class TimerSet {
  readonly #clock: Clock;
  readonly #live = new Set<Timer>();
  constructor(clock: Clock) {
    this.#clock = clock;
  }
  /** Start a timer that is forgotten once it fires. */
  start(fn: () => void, ms: number): Timer {
    let handle: TimerHandle;
    const timer: Timer = {
      cancel: () => {
        this.#clock.clearTimeout(handle);
        this.#live.delete(timer);
      },
    };
    handle = this.#clock.setTimeout(() => {
      this.#live.delete(timer);
      fn();
    }, ms);
    this.#live.add(timer);
    return timer;
  }
  get size(): number {
    return this.#live.size;
  }
  cancelAll(): void {
    for (const timer of [...this.#live]) timer.cancel();
  }
}
