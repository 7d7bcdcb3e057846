/** The API Fabric client (docs/cec-reference.md §3): cached AK/SK token, typed business calls, retries. */
import { FabricError, isFabricError } from '../protocol/fabric-error.js';
import {
  APP_KEY_HEADER,
  FABRIC_PATHS,
  MAX_TOKEN_EXPIRE_SECONDS,
  TOKEN_EXPIRE_HEADER,
  queryAgentInfoResponseSchema,
  queryAgentLoginParamsRequestSchema,
  queryAgentLoginParamsResponseSchema,
  querySysInfoResponseSchema,
  tokenByAkSkResponseSchema,
  type QueryAgentInfoResponse,
  type QueryAgentLoginParamsRequest,
  type QueryAgentLoginParamsResponse,
  type QuerySysInfoResponse,
} from '../protocol/fabric.js';
import type { z } from '../protocol/zod.js';
import { systemClock, type Clock } from './clock.js';
import { sendWithRetry, validateBody, type FetchLike, type HttpContext, type HttpRequest } from './fabric-http.js';
import { safeLog, type ServerLogger } from './logger.js';
import { resolveRetry, type RetryOptions } from './retry.js';

/**
 * Options of {@link createFabricClient}.
 *
 * @example
 * ```ts
 * import { createFabricClient, type FabricClientOptions } from 'cec-bar-host/server';
 * const options: FabricClientOptions = { baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK, timeoutMs: 5000 };
 * const fabric = createFabricClient(options);
 * ```
 */
export interface FabricClientOptions {
  /** `https://<domain>` of the API Fabric, without a trailing path. */
  readonly baseUrl: string;
  /** The app key (AK) of the tenant's API Fabric app. */
  readonly appKey: string;
  /** The app secret (SK): it stays in this process, and never appears in errors or logs. */
  readonly appSecret: string;
  /**
   * Sent as `X-Token-Expire`: the access token's lifetime, 1-3600 s.
   * @default 600
   */
  readonly tokenTtlSeconds?: number;
  /** Renew this long before expiry. Default: 10% of the lifetime, at least 30 s, at most half of it. */
  readonly refreshMarginSeconds?: number;
  /**
   * The `fetch` to use (a proxy agent, a test double).
   * @default globalThis.fetch
   */
  readonly fetch?: FetchLike;
  /**
   * How network errors, timeouts, 5xx and 429 are retried (with backoff and jitter).
   * @default { maxTries: 4, baseDelayMs: 200, maxDelayMs: 5000, maxRetryAfterMs: 30000 }
   */
  readonly retry?: RetryOptions;
  /**
   * Per HTTP try, body included, in ms; past it the try fails with `TIMEOUT`.
   * @default 10000
   */
  readonly timeoutMs?: number;
  /**
   * Where retries and token renewals are logged (redacted).
   * @default none
   */
  readonly logger?: ServerLogger;
  /**
   * The clock token lifetimes and retries are timed on.
   * @default systemClock
   */
  readonly clock?: Clock;
}

/**
 * A typed API Fabric client. Every method rejects only with a `FabricError`.
 *
 * @example
 * ```ts
 * import { createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const { agents } = await fabric.queryAgentInfo();
 * ```
 */
export interface FabricClient {
  /** The cached access token; at most one token request is ever in flight. */
  getAccessToken(): Promise<string>;
  /** Every agent's softphone account (`GET queryAgentInfo`). */
  queryAgentInfo(): Promise<QueryAgentInfoResponse>;
  /** The SIP server and the CC-Gateway's address (`GET querySysInfo`). */
  querySysInfo(): Promise<QuerySysInfoResponse>;
  /** Rejects with `BUSINESS_ERROR` when `returnCode` is not "0". */
  queryAgentLoginParams(request: QueryAgentLoginParamsRequest): Promise<QueryAgentLoginParamsResponse>;
  /** Forget the cached token (the next call authenticates again). */
  invalidateToken(): void;
}

/**
 * Sends one business call with a client's token, `X-APP-Key`, retries and redirect rules, and
 * checks the answer against `schema`. Internal: other server-kit modules call through a client.
 */
export type BusinessCall = <S extends z.ZodMiniType>(request: Omit<HttpRequest, 'headers'>, schema: S) => Promise<z.infer<S>>;

/** Each client's business call, kept off its public shape. */
const businessCalls = new WeakMap<FabricClient, BusinessCall>();

/** The business call of a client made by {@link createFabricClient}; undefined for any other object. */
export function businessCallOf(fabric: FabricClient): BusinessCall | undefined {
  return businessCalls.get(fabric);
}

interface CachedToken {
  readonly token: string;
  readonly refreshAt: number;
  /** Still usable until here if a renewal fails (half the margin before the real expiry). */
  readonly usableUntil: number;
}

function invalidOptions(message: string): FabricError {
  return new FabricError('INVALID_OPTIONS', `createFabricClient: ${message}`);
}

function checkOptions(o: FabricClientOptions): { baseUrl: string; ttl: number; timeoutMs: number } {
  let url: URL;
  try {
    url = new URL(o.baseUrl);
  } catch {
    throw invalidOptions('baseUrl is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidOptions('baseUrl must be http(s)');
  if (typeof o.appKey !== 'string' || o.appKey.length === 0) throw invalidOptions('appKey is required');
  if (typeof o.appSecret !== 'string' || o.appSecret.length === 0) throw invalidOptions('appSecret is required');
  const ttl = o.tokenTtlSeconds ?? 600;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_EXPIRE_SECONDS) throw invalidOptions(`tokenTtlSeconds must be an integer 1-${MAX_TOKEN_EXPIRE_SECONDS}`);
  const timeoutMs = o.timeoutMs ?? 10_000;
  if (!(timeoutMs > 0)) throw invalidOptions('timeoutMs must be > 0');
  if (o.refreshMarginSeconds !== undefined && !(o.refreshMarginSeconds >= 0)) throw invalidOptions('refreshMarginSeconds must be >= 0');
  return { baseUrl: o.baseUrl.replace(/\/+$/, ''), ttl, timeoutMs };
}

/**
 * Creates an API Fabric client. The app secret and tokens never appear in its errors or logs.
 * Its methods reject only with `FabricError`: `NETWORK_ERROR`, `TIMEOUT`, `BAD_REQUEST`,
 * `UNAUTHORIZED`, `FORBIDDEN`, `NOT_FOUND`, `RATE_LIMITED`, `SERVER_ERROR`, `HTTP_ERROR`,
 * `UNEXPECTED_REDIRECT`, `INVALID_RESPONSE`, and `BUSINESS_ERROR` (docs/errors.md).
 *
 * @param options - Where the API Fabric is, and the app's AK/SK.
 * @throws FabricError `INVALID_OPTIONS` for a bad option (not a URL, no key or secret, a TTL outside 1-3600).
 * @example
 * ```ts
 * import { createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK, tokenTtlSeconds: 600 });
 * const { agents } = await fabric.queryAgentInfo();
 * ```
 */
export function createFabricClient(options: FabricClientOptions): FabricClient {
  const { baseUrl, ttl, timeoutMs } = checkOptions(options);
  const { appKey, appSecret } = options;
  const clock = options.clock ?? systemClock;
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let cached: CachedToken | undefined;
  let inflight: Promise<string> | undefined;
  const log = safeLog(options.logger, () => (cached ? [appSecret, cached.token] : [appSecret]));

  const ctx: HttpContext = {
    baseUrl,
    fetch: fetchImpl,
    timeoutMs,
    clock,
    retry: resolveRetry(options.retry),
    onRetry: (error, attempt, delayMs) =>
      log('warn', 'fabric: retrying', { path: error.path, code: error.code, status: error.status, attempt, delayMs: Math.round(delayMs) }),
  };

  async function requestToken(): Promise<string> {
    let startedAt = clock.now();
    const req: HttpRequest = {
      path: FABRIC_PATHS.tokenByAkSk,
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_EXPIRE_HEADER]: String(ttl) },
      body: JSON.stringify({ app_key: appKey, app_secret: appSecret }),
    };
    // Lifetime counts from the start of the try that succeeded, so clock time in flight is never borrowed.
    const body = await sendWithRetry({ ...ctx, fetch: (input, init) => ((startedAt = clock.now()), fetchImpl(input, init)) }, req);
    const token = validateBody(tokenByAkSkResponseSchema, body, req.path);
    const lifetimeMs = Math.min(Number(token.Expires), MAX_TOKEN_EXPIRE_SECONDS) * 1000;
    if (!(lifetimeMs > 0)) throw new FabricError('INVALID_RESPONSE', `${req.path}: Expires must be > 0`, { path: req.path, issuePath: 'Expires' });
    const wantedMargin = options.refreshMarginSeconds !== undefined ? options.refreshMarginSeconds * 1000 : Math.max(30_000, lifetimeMs / 10);
    const margin = Math.min(wantedMargin, lifetimeMs / 2);
    cached = { token: token.AccessToken, refreshAt: startedAt + lifetimeMs - margin, usableUntil: startedAt + lifetimeMs - margin / 2 };
    log('info', 'fabric: access token obtained', { expiresInSeconds: lifetimeMs / 1000 });
    return token.AccessToken;
  }

  function getAccessToken(): Promise<string> {
    if (cached && clock.now() < cached.refreshAt) return Promise.resolve(cached.token);
    inflight ??= requestToken()
      .catch((error: unknown) => {
        // A failed renewal is not an outage while the old token still has time left.
        const old = cached;
        if (old && clock.now() < old.usableUntil) {
          log('warn', 'fabric: token renewal failed; using the current token until it nears expiry', { code: isFabricError(error) ? error.code : 'unknown' });
          return old.token;
        }
        throw error;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  }

  async function business<S extends z.ZodMiniType>(req: Omit<HttpRequest, 'headers'>, schema: S): Promise<z.infer<S>> {
    const send = (token: string) =>
      sendWithRetry(ctx, {
        ...req,
        headers: {
          authorization: `Bearer ${token}`,
          [APP_KEY_HEADER]: appKey,
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      });
    const token = await getAccessToken();
    let body: unknown;
    try {
      body = await send(token);
    } catch (error) {
      if (!isFabricError(error) || error.code !== 'UNAUTHORIZED') throw error;
      // The token was revoked or expired early: one re-authentication, one retry.
      if (cached?.token === token) cached = undefined;
      log('warn', 'fabric: 401 on a business call; authenticating again', { path: req.path });
      body = await send(await getAccessToken());
    }
    return validateBody(schema, body, req.path);
  }

  const client: FabricClient = {
    getAccessToken,
    queryAgentInfo: () => business({ path: FABRIC_PATHS.queryAgentInfo, method: 'GET' }, queryAgentInfoResponseSchema),
    querySysInfo: () => business({ path: FABRIC_PATHS.querySysInfo, method: 'GET' }, querySysInfoResponseSchema),
    async queryAgentLoginParams(request) {
      const parsed = queryAgentLoginParamsRequestSchema.safeParse(request);
      if (!parsed.success) throw invalidOptions('queryAgentLoginParams needs { account (1-100 chars), password (≤128 chars) }');
      const path = FABRIC_PATHS.queryAgentLoginParams;
      const reply = await business({ path, method: 'POST', body: JSON.stringify(parsed.data) }, queryAgentLoginParamsResponseSchema);
      // Success code not documented by CEC; chosen here: "0", as in its other APIs.
      if (reply.returnCode !== '0') throw new FabricError('BUSINESS_ERROR', `${path}: returnCode ${reply.returnCode}`, { path });
      return reply;
    },
    invalidateToken() {
      cached = undefined;
    },
  };
  businessCalls.set(client, business);
  return client;
}
