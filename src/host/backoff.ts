/** Reconnect delays: exponential backoff, capped, with jitter. */

/**
 * Delay before retry number `n` (0-based): `min(max, base·2ⁿ)`, then spread by ±`jitter`
 * (0..1) with `random()`, never above `max`.
 * @example
 * backoffDelay(2, { baseDelayMs: 500, maxDelayMs: 10_000, jitter: 0 }); // 2000
 */
export function backoffDelay(
  n: number,
  p: { readonly baseDelayMs: number; readonly maxDelayMs: number; readonly jitter: number },
  random: () => number = Math.random,
): number {
  const d = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** n);
  return Math.max(0, Math.round(Math.min(p.maxDelayMs, d * (1 + p.jitter * (2 * random() - 1)))));
}
