/** Time as the server kit sees it: injectable so tests can run hours in milliseconds. */

/**
 * An opaque timer handle, as returned by `Clock.setTimeout`.
 *
 * @example
 * const h: TimerHandle = clock.setTimeout(tick, 1000); clock.clearTimeout(h);
 */
export type TimerHandle = unknown;

/**
 * The clock every server-kit part takes. `now()` is epoch milliseconds.
 *
 * @example
 * const clock: Clock = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fn` once after `ms`; returns a handle for `clearTimeout`. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timer; unknown or fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock. Timers are `unref`'d so a forgotten client never keeps a process alive.
 *
 * @example
 * createFabricClient({ ..., clock: systemClock });
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms` on `clock`. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimeout(resolve, Math.max(0, ms));
  });
}
