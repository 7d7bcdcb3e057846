/**
 * Stable error codes. They are part of the public contract: add, never rename.
 * `BarError` (browser) and `FabricError` (server) each use their half of the union.
 * docs/errors.md says, for each code, when it happens and what to do.
 */

/**
 * Every code a `BarError` can carry, in the order of the {@link BarErrorCode} union.
 *
 * @example
 * ```ts
 * import { BAR_ERROR_CODES } from 'cec-bar-host/protocol';
 * const known = (BAR_ERROR_CODES as readonly string[]).includes('AUTH_REJECTED'); // true
 * ```
 */
export const BAR_ERROR_CODES = [
  'INVALID_OPTIONS',
  'HANDSHAKE_TIMEOUT',
  'LOAD_FAILED',
  'AUTH_REJECTED',
  'TOKEN_FAILED',
  'BAR_FAILED',
  'CALL_OUT_FAILED',
  'CALL_OUT_TIMEOUT',
  'INVALID_NUMBER',
  'NOT_READY',
  'DESTROYED',
  'LISTENER_FAILED',
  'PROTOCOL_ERROR',
  'STANDBY',
  'TAKEOVER_REFUSED',
  'MEDIA_UNAVAILABLE',
  'SESSION_NOT_RESUMED',
] as const satisfies readonly BarErrorCode[];

/**
 * Every code a `FabricError` can carry, in the order of the {@link FabricErrorCode} union.
 *
 * @example
 * ```ts
 * import { FABRIC_ERROR_CODES } from 'cec-bar-host/protocol';
 * const retryable = FABRIC_ERROR_CODES.filter((code) => code === 'TIMEOUT' || code === 'SERVER_ERROR');
 * ```
 */
export const FABRIC_ERROR_CODES = [
  'INVALID_OPTIONS',
  'NETWORK_ERROR',
  'TIMEOUT',
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'SERVER_ERROR',
  'HTTP_ERROR',
  'INVALID_RESPONSE',
  'BUSINESS_ERROR',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_REPLAYED',
  'UNEXPECTED_REDIRECT',
  'CONFIG_REJECTED',
] as const satisfies readonly FabricErrorCode[];

/**
 * The `code` of a {@link BarError}: when each happens, and what to do (docs/errors.md has more).
 * The union is written out so that each code carries its own documentation; the compiler checks
 * that it lists exactly the codes of {@link BAR_ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { BarErrorCode } from 'cec-bar-host';
 * const retryable: readonly BarErrorCode[] = ['HANDSHAKE_TIMEOUT', 'LOAD_FAILED', 'TOKEN_FAILED'];
 * bar.on('connection', (change) => {
 *   if (change.state === 'failed' && change.error && !retryable.includes(change.error.code)) crm.askToSignInAgain();
 * });
 * ```
 */
export type BarErrorCode =
  /** `mountConnectionBar` got a bad option (`err.details.option` names it), or `callOut` a media other than `audio`/`video`. Fix the option: it is never retried. */
  | 'INVALID_OPTIONS'
  /** No shell page answered within `timeouts.handshakeMs`. Check that `shellUrl` loads in the browser and that the shell server's `hostOrigins` lists the CRM's origin. Retried per `retry`. */
  | 'HANDSHAKE_TIMEOUT'
  /** The shell page loaded but never answered, the bar script or CEC's `ccbarclient` frame failed, or no bar loaded within `timeouts.barLoadMs`. Check `cecContextPath` and the shell server's `/service-cloud/` proxy. Retried per `retry`. */
  | 'LOAD_FAILED'
  /** CEC's bar loader refused the token (your verification API said no). Not retried: check the tenant's verification URL and the token issuer, then `bar.reconnect()`. */
  | 'AUTH_REJECTED'
  /** `getAccessToken()` threw or returned no token (`err.cause` holds what it threw). Check the CRM's token endpoint. Retried per `retry`. */
  | 'TOKEN_FAILED'
  /** Reserved: not raised by this version. */
  | 'BAR_FAILED'
  /** CEC reported `AgentEvent_Call_Out_Fail`, or the shell refused the `callout` (its reason, such as `NOT_READY`, is in the message). Tell the agent; the bar shows why. */
  | 'CALL_OUT_FAILED'
  /** No `call.dialing` within `timeouts.callOutMs` (or, in a standby tab, no answer from the owner tab). The call may still start: watch `call.dialing` before dialling again. */
  | 'CALL_OUT_TIMEOUT'
  /** `callOut` got something other than 1-24 characters of `0-9*#`. Clean the number (no spaces, no `+`) before dialling. */
  | 'INVALID_NUMBER'
  /** Shell reply code: a `callout` arrived before the bar loaded. Seen inside a `CALL_OUT_FAILED` message; wait for `bar.ready`. */
  | 'NOT_READY'
  /** The bar was destroyed: `ready`, `callOut` and `checkMedia` reject with it. Mount a new bar. */
  | 'DESTROYED'
  /** One of your listeners, or a `screenPop` callback, threw (`err.cause` holds what). Fix the listener; the other listeners still ran. */
  | 'LISTENER_FAILED'
  /** Shell reply code: the shell could not parse a command. Seen inside a `CALL_OUT_FAILED` message; a host and shell of different versions cause it. */
  | 'PROTOCOL_ERROR'
  /** `cec-bar-host/tabs`: a standby tab's `checkMedia()` got no answer from the owner tab. Retry, or `takeOver()` to own the bar. */
  | 'STANDBY'
  /** `cec-bar-host/tabs`: `takeOver()` during a live call without `force`, or no owner tab answered. Ask the agent, then `takeOver({ force: true })`. */
  | 'TAKEOVER_REFUSED'
  /** `cec-bar-host/tabs`: the owner tab could not run `checkMedia()` for a standby tab (a plain bar's `checkMedia()` resolves with a problem sentence instead). Await `bar.ready`, then check again. */
  | 'MEDIA_UNAVAILABLE'
  /** The bar reloaded or moved to another tab, and nothing confirmed within `timeouts.callEndConfirmMs` that it resumed the agent's CEC session: the agent is reported `offline` (on `agent.state` and `error`). The agent signs in again in the bar; serve the shell same-site with the CRM (docs/troubleshooting.md). */
  | 'SESSION_NOT_RESUMED';

/**
 * The `code` of a {@link FabricError}: when each happens, and what to do (docs/errors.md has more).
 * The union is written out so that each code carries its own documentation; the compiler checks
 * that it lists exactly the codes of {@link FABRIC_ERROR_CODES}.
 *
 * @example
 * ```ts
 * import { isFabricError, type FabricErrorCode } from 'cec-bar-host/server';
 * const configProblems: readonly FabricErrorCode[] = ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'];
 * const isConfigProblem = (error: unknown) => isFabricError(error) && configProblems.includes(error.code);
 * ```
 */
export type FabricErrorCode =
  /** A factory of the server kit got a bad option (the message names it), or the shell server found no built shell. Fix the option or run the build. */
  | 'INVALID_OPTIONS'
  /** The request could not be sent or completed (DNS, TLS, connection reset). Retried per `retry`; if it persists, check the route to `baseUrl`. */
  | 'NETWORK_ERROR'
  /** No answer within `timeoutMs`. Retried per `retry`; if it persists, raise `timeoutMs` or check the API Fabric's health. */
  | 'TIMEOUT'
  /** HTTP 400: the API Fabric refused the request's shape. Check the arguments (for example `queryAgentLoginParams`). */
  | 'BAD_REQUEST'
  /** HTTP 401. The client authenticates again once by itself; seen here, the AK/SK pair is wrong or revoked. */
  | 'UNAUTHORIZED'
  /** HTTP 403: wrong AK/SK, or the server's IP is outside the app's allow-list. Fix the app's configuration in CEC. */
  | 'FORBIDDEN'
  /** HTTP 404: `baseUrl` points at the wrong host or path. */
  | 'NOT_FOUND'
  /** HTTP 429. Retried, honouring `Retry-After` (`err.retryAfterMs`); seen here, call less often. */
  | 'RATE_LIMITED'
  /** HTTP 5xx. Retried per `retry`; seen here, CEC is down: try again later. */
  | 'SERVER_ERROR'
  /** Any other HTTP status (`err.status`). */
  | 'HTTP_ERROR'
  /** The body is not JSON or has the wrong shape (`err.issuePath` says where). Usually `baseUrl` reaches something that is not the API Fabric. */
  | 'INVALID_RESPONSE'
  /** `queryAgentLoginParams` answered a `returnCode` other than `"0"` (in the message). Check the account and password. */
  | 'BUSINESS_ERROR'
  /** Reserved: bar token checks report `verify().reason` instead. */
  | 'TOKEN_INVALID'
  /** Reserved: bar token checks report `verify().reason` instead. */
  | 'TOKEN_EXPIRED'
  /** Reserved: bar token checks report `verify().reason` instead. */
  | 'TOKEN_REPLAYED'
  /** The API Fabric answered with a redirect (`err.status` says which). Never followed, since it would send the AK/SK or `X-APP-Key` to another origin; not retried. Fix `baseUrl` (often `http:` for `https:`, or a missing path). */
  | 'UNEXPECTED_REDIRECT'
  /** A tenant configuration API answered a failure `resultCode`/`returnCode` (the message carries CEC's reason: a bad field, a duplicate account, an unknown skill). Fix the request; it is not retried. */
  | 'CONFIG_REJECTED';

/** Compiles only when `Unlisted` is `never`: every code of a union appears in its array. */
type EveryCodeListed<Unlisted extends never> = Unlisted;
// The unions above are written out for their documentation; these keep them equal to the arrays.
type BarCodesListed = EveryCodeListed<Exclude<BarErrorCode, (typeof BAR_ERROR_CODES)[number]>>;
type FabricCodesListed = EveryCodeListed<Exclude<FabricErrorCode, (typeof FABRIC_ERROR_CODES)[number]>>;

/**
 * Every stable code either error class can carry.
 *
 * @example
 * ```ts
 * import type { ErrorCode } from 'cec-bar-host/protocol';
 * const alertOn: readonly ErrorCode[] = ['AUTH_REJECTED', 'FORBIDDEN'];
 * ```
 */
export type ErrorCode = BarErrorCode | FabricErrorCode;

/**
 * Plain, serialisable form of an error, as it crosses frames (what `BarError#toJSON` returns).
 *
 * @example
 * ```ts
 * import type { SerializedError } from 'cec-bar-host/protocol';
 * const sent: SerializedError = { name: 'BarError', code: 'DESTROYED', message: 'destroyed' };
 * ```
 */
export interface SerializedError {
  /** `'BarError'` or `'FabricError'`. */
  readonly name: string;
  /** One of {@link ErrorCode}; typed `string` because it comes from another frame or process. */
  readonly code: string;
  /** For people; never carries a token or a secret. */
  readonly message: string;
}
