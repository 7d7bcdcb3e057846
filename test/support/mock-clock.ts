/** A fake clock for the mock fabric: time moves only when a test calls `advance`. */
import type { Clock, TimerHandle } from '../../src/server/clock.js';

interface Pending {
  due: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * @example
 * const clock = new FakeClock();
 * const fabric = await startMockFabric({ clock, trustTokens: true });
 * clock.advance(120_000);
 */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Pending[] = [];
  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const pending: Pending = { due: this.#now + Math.max(0, ms), seq: ++this.#seq, fn, cancelled: false };
    this.#timers.push(pending);
    return pending;
  }
  clearTimeout(handle: TimerHandle): void {
    (handle as Pending).cancelled = true;
  }
  /** Move time forward, firing due timers in order (timers they start fire too if due). */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      this.#timers = this.#timers.filter((t) => !t.cancelled);
      const next = this.#timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      this.#now = next.due;
      next.fn();
    }
    this.#now = target;
  }
  get pending(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }
}
