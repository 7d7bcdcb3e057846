/** Exponential backoff with jitter, honouring `Retry-After` (RFC 9110 §10.2.3). */

/**
 * How failed calls are retried. Network errors, timeouts, 5xx and 429 are retried.
 *
 * @example
 * ```ts
 * import { createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK, retry: { maxTries: 5, baseDelayMs: 100, maxDelayMs: 2000 } }); // 1 try + up to 4 retries
 * ```
 */
export interface RetryOptions {
  /**
   * Most tries of one call, the first included (1-20): 1 never retries. (Named apart from
   * the host's `RetryPolicy.attempts`, which counts retries after the first.)
   * @default 4
   */
  readonly maxTries?: number;
  /**
   * First backoff step, in ms.
   * @default 200
   */
  readonly baseDelayMs?: number;
  /**
   * Cap of one backoff step, in ms.
   * @default 5000
   */
  readonly maxDelayMs?: number;
  /**
   * A `Retry-After` longer than this (ms) is not waited for: the call fails with RATE_LIMITED.
   * @default 30000
   */
  readonly maxRetryAfterMs?: number;
  /**
   * Random source in [0, 1) for the jitter; injectable for tests.
   * @default Math.random
   */
  readonly random?: () => number;
}

export type ResolvedRetry = Required<RetryOptions>;

export function resolveRetry(options: RetryOptions | undefined): ResolvedRetry {
  // The option's old name meant the same as maxTries; refuse it rather than ignore it silently.
  if (options && 'attempts' in options) throw new RangeError('retry.attempts is now retry.maxTries (tries of one call, the first included)');
  const r: ResolvedRetry = {
    maxTries: options?.maxTries ?? 4,
    baseDelayMs: options?.baseDelayMs ?? 200,
    maxDelayMs: options?.maxDelayMs ?? 5000,
    maxRetryAfterMs: options?.maxRetryAfterMs ?? 30_000,
    random: options?.random ?? Math.random,
  };
  const ok =
    Number.isInteger(r.maxTries) && r.maxTries >= 1 && r.maxTries <= 20 &&
    r.baseDelayMs >= 0 && r.maxDelayMs >= r.baseDelayMs && r.maxRetryAfterMs >= 0;
  if (!ok) throw new RangeError('retry: maxTries must be 1-20 and 0 <= baseDelayMs <= maxDelayMs');
  return r;
}

/** "Equal jitter": half the exponential step fixed, half random, so retries never bunch at 0. */
export function backoffDelay(retry: ResolvedRetry, failedAttempt: number): number {
  const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (failedAttempt - 1));
  return step / 2 + retry.random() * (step / 2);
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
