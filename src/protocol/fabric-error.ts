import type { FabricErrorCode, SerializedError } from './errors.js';
import { FABRIC_ERROR_CODES } from './errors.js';

const FABRIC_ERROR_BRAND = Symbol.for('cec-bar-host.FabricError');

/**
 * The one error class of the server kit. Never carries the app secret or a token.
 *
 * @example
 * try { await fabric.queryAgentInfo(); }
 * catch (e) { if (isFabricError(e) && e.code === 'RATE_LIMITED') backOff(e.retryAfterMs); }
 */
export class FabricError extends Error {
  override readonly name = 'FabricError';
  readonly code: FabricErrorCode;
  /** HTTP status when the error came from a response. */
  readonly status: number | undefined;
  /** The API path that failed (no query string, no secrets). */
  readonly path: string | undefined;
  /** For INVALID_RESPONSE: where in the body the shape was wrong. */
  readonly issuePath: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: FabricErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number; path?: string; issuePath?: string; retryAfterMs?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options?.status;
    this.path = options?.path;
    this.issuePath = options?.issuePath;
    this.retryAfterMs = options?.retryAfterMs;
    Object.defineProperty(this, FABRIC_ERROR_BRAND, { value: true });
  }

  toJSON(): SerializedError & { status?: number; path?: string } {
    return { name: this.name, code: this.code, message: this.message, status: this.status, path: this.path };
  }
}

/** True for a `FabricError` from any bundle copy or realm. */
export function isFabricError(value: unknown): value is FabricError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[FABRIC_ERROR_BRAND] === true) return true;
  const v = value as { name?: unknown; code?: unknown };
  return v.name === 'FabricError' && typeof v.code === 'string' && (FABRIC_ERROR_CODES as readonly string[]).includes(v.code);
}
