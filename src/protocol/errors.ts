/**
 * Stable error codes. They are part of the public contract: add, never rename.
 * `BarError` (browser) and `FabricError` (server) each use their half of the union.
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
  // The bar reloaded (or moved to another tab) and nothing confirmed that it resumed the agent's CEC
  // session: the agent is reported offline (docs/troubleshooting.md).
  'SESSION_NOT_RESUMED',
] as const;

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
] as const;

export type BarErrorCode = (typeof BAR_ERROR_CODES)[number];
export type FabricErrorCode = (typeof FABRIC_ERROR_CODES)[number];
/** Every stable code either error class can carry. */
export type ErrorCode = BarErrorCode | FabricErrorCode;

/** Plain, serialisable form of an error, as it crosses frames. */
export interface SerializedError {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}
