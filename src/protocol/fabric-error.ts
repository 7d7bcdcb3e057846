import type { FabricErrorCode, SerializedError } from './errors.js';
import { FABRIC_ERROR_CODES } from './errors.js';

const FABRIC_ERROR_BRAND = Symbol.for('cec-bar-host.FabricError');

/**
 * The one error class of the server kit: `code` is stable (see {@link FabricErrorCode} for when
 * each happens and what to do). It never carries the app secret or a token.
 *
 * @example
 * ```ts
 * import { createFabricClient, isFabricError } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * try {
 *   await fabric.queryAgentInfo();
 * } catch (error) {
 *   if (isFabricError(error) && error.code === 'FORBIDDEN') console.error('check the AK/SK and the IP allow-list', error.path);
 * }
 * ```
 */
export class FabricError extends Error {
  /** Always `'FabricError'`. */
  override readonly name = 'FabricError';
  /** Stable: branch on it (see {@link FabricErrorCode}). */
  readonly code: FabricErrorCode;
  /** HTTP status when the error came from a response. */
  readonly status: number | undefined;
  /** The API path that failed (no query string, no secrets). */
  readonly path: string | undefined;
  /** For INVALID_RESPONSE: where in the body the shape was wrong. */
  readonly issuePath: string | undefined;
  /** For RATE_LIMITED: the wait the server asked for with `Retry-After`, in ms. */
  readonly retryAfterMs: number | undefined;

  /**
   * Makes a `FabricError`; the server kit raises them, your code rarely needs to.
   *
   * @param code - The stable code.
   * @param message - For people; must not carry the secret or a token.
   * @param options - The error behind this one (`cause`) and the facts above.
   */
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

  /** The plain form for logs and other processes: `{ name, code, message, status, path }`. */
  toJSON(): SerializedError & {
    /** HTTP status, when the error came from a response. */
    status?: number;
    /** The API path that failed. */
    path?: string;
  } {
    return { name: this.name, code: this.code, message: this.message, status: this.status, path: this.path };
  }
}

/**
 * True for a `FabricError` from any bundle copy or realm, and for its serialised form with a known code.
 *
 * @example
 * ```ts
 * import { isFabricError } from 'cec-bar-host/server';
 * const describe = (error: unknown) => (isFabricError(error) ? `${error.code} ${error.path ?? ''}` : String(error));
 * ```
 */
export function isFabricError(value: unknown): value is FabricError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[FABRIC_ERROR_BRAND] === true) return true;
  const v = value as { name?: unknown; code?: unknown };
  return v.name === 'FabricError' && typeof v.code === 'string' && (FABRIC_ERROR_CODES as readonly string[]).includes(v.code);
}
