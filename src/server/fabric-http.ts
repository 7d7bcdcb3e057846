/** One API Fabric HTTP exchange and its retry loop: statuses become typed `FabricError`s. */
import type { FabricErrorCode } from '../protocol/errors.js';
import { FabricError, isFabricError } from '../protocol/fabric-error.js';
import { formatIssues, type z } from '../protocol/zod.js';
import { sleep, type Clock } from './clock.js';
import { backoffDelay, parseRetryAfter, type ResolvedRetry } from './retry.js';

/**
 * The `fetch` the Fabric client uses (default `globalThis.fetch`); inject one for proxies or tests.
 *
 * @example
 * ```ts
 * import { createFabricClient, type FetchLike } from 'cec-bar-host/server';
 * const loggedFetch: FetchLike = async (url, init) => {
 *   const response = await globalThis.fetch(url, init);
 *   console.log(init.method, new URL(url).pathname, response.status); // never the headers: they carry the token
 *   return response;
 * };
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK, fetch: loggedFetch });
 * ```
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpContext {
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly retry: ResolvedRetry;
  readonly onRetry: (error: FabricError, attempt: number, delayMs: number) => void;
}

export interface HttpRequest {
  readonly path: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

const RETRYABLE: ReadonlySet<FabricErrorCode> = new Set(['NETWORK_ERROR', 'TIMEOUT', 'RATE_LIMITED', 'SERVER_ERROR']);

function statusCode(status: number): FabricErrorCode {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'SERVER_ERROR';
  return 'HTTP_ERROR';
}

/**
 * A redirect is never followed: it would carry the app secret, the access token or the app key to
 * whatever origin `Location` names, and that origin's answer would be believed. `followed`: an
 * injected fetch went on by itself, so only its answer can still be refused.
 */
function redirectRefused(path: string, status: number, followed: boolean): FabricError {
  const what = followed ? `the answer (HTTP ${status}) came through a redirect` : `HTTP ${status || '3xx'} redirect`;
  return new FabricError('UNEXPECTED_REDIRECT', `${path}: ${what}; refused, credentials are never sent on`, { status, path });
}

/** One try: resolves with the parsed JSON body of a 2xx answer. Messages never carry headers or bodies. */
export async function sendOnce(ctx: HttpContext, req: HttpRequest): Promise<unknown> {
  const ctrl = new AbortController();
  const timer = ctx.clock.setTimeout(() => ctrl.abort(), ctx.timeoutMs);
  let status: number;
  let text: string;
  let retryAfter: string | null;
  let followed: boolean;
  let opaqueRedirect: boolean;
  try {
    const init: RequestInit = { method: req.method, headers: req.headers, body: req.body, signal: ctrl.signal, redirect: 'manual' };
    const res = await ctx.fetch(ctx.baseUrl + req.path, init);
    status = res.status;
    followed = res.redirected;
    // A browser-style fetch reports a manual redirect as an opaque response with status 0.
    opaqueRedirect = res.type === 'opaqueredirect';
    retryAfter = res.headers.get('retry-after');
    text = await res.text();
  } catch (cause) {
    if (ctrl.signal.aborted) throw new FabricError('TIMEOUT', `${req.path}: no answer within ${ctx.timeoutMs} ms`, { path: req.path });
    // undici's causes name the socket error (ECONNRESET...), never our headers or body.
    throw new FabricError('NETWORK_ERROR', `${req.path}: network error`, { path: req.path, cause });
  } finally {
    ctx.clock.clearTimeout(timer);
  }
  if (followed || opaqueRedirect || (status >= 300 && status <= 399)) throw redirectRefused(req.path, status, followed);
  if (status < 200 || status > 299) {
    const retryAfterMs = parseRetryAfter(retryAfter, ctx.clock.now());
    throw new FabricError(statusCode(status), `${req.path}: HTTP ${status}`, { status, path: req.path, retryAfterMs });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FabricError('INVALID_RESPONSE', `${req.path}: body is not JSON`, { status, path: req.path, issuePath: '(root)' });
  }
}

/** `sendOnce` again after network errors, timeouts, 5xx and 429, waiting backoff or `Retry-After`. */
export async function sendWithRetry(ctx: HttpContext, req: HttpRequest): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sendOnce(ctx, req);
    } catch (error) {
      if (!isFabricError(error) || !RETRYABLE.has(error.code) || attempt >= ctx.retry.maxTries) throw error;
      const after = error.retryAfterMs;
      if (after !== undefined && after > ctx.retry.maxRetryAfterMs) throw error;
      const delayMs = Math.max(backoffDelay(ctx.retry, attempt), after ?? 0);
      ctx.onRetry(error, attempt, delayMs);
      await sleep(ctx.clock, delayMs);
    }
  }
}

/** Checks a body against its schema; a wrong shape is INVALID_RESPONSE naming the first failing path. */
export function validateBody<S extends z.ZodMiniType>(schema: S, body: unknown, path: string): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data as z.infer<S>;
  const first = result.error.issues[0];
  const issuePath = first && first.path.length ? first.path.map(String).join('.') : '(root)';
  throw new FabricError('INVALID_RESPONSE', `${path}: response has the wrong shape: ${formatIssues(result.error.issues)}`, { path, issuePath });
}
