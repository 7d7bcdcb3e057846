/** Time as the server kit sees it: injectable so tests can run hours in milliseconds. */

/**
 * An opaque timer handle, as returned by `Clock.setTimeout`.
 *
 * @example
 * ```ts
 * import { systemClock, type TimerHandle } from 'cec-bar-host/server';
 * const handle: TimerHandle = systemClock.setTimeout(() => console.log('tick'), 1000);
 * systemClock.clearTimeout(handle);
 * ```
 */
export type TimerHandle = unknown;

/**
 * The clock every server-kit part takes. `now()` is epoch milliseconds.
 *
 * @example
 * ```ts
 * import { createFabricClient, type Clock } from 'cec-bar-host/server';
 * // A clock a test moves by hand: token lifetimes and retries pass in no time.
 * let now = 0;
 * const timers = new Map<number, { at: number; run: () => void }>();
 * let nextId = 0;
 * const testClock: Clock = {
 *   now: () => now,
 *   setTimeout: (run, ms) => {
 *     nextId += 1;
 *     timers.set(nextId, { at: now + ms, run });
 *     return nextId;
 *   },
 *   clearTimeout: (handle) => void timers.delete(handle as number),
 * };
 * const advance = (ms: number) => {
 *   now += ms;
 *   for (const [id, timer] of timers) {
 *     if (timer.at > now) continue;
 *     timers.delete(id);
 *     timer.run();
 *   }
 * };
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK, clock: testClock });
 * ```
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
 * ```ts
 * import { createFabricClient, systemClock } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK, clock: systemClock });
 * ```
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
