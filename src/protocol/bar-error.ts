import type { BarErrorCode, SerializedError } from './errors.js';
import { BAR_ERROR_CODES } from './errors.js';

// Symbol.for() is shared by every realm of a page, so the brand survives frames.
const BAR_ERROR_BRAND = Symbol.for('cec-bar-host.BarError');

/**
 * The one error class of the browser library: `code` is stable (see {@link BarErrorCode} for when
 * each happens and what to do), `message` is for people and never carries a token.
 * Test with {@link isBarError}, which works across frames, rather than `instanceof`.
 *
 * @example
 * ```ts
 * import { isBarError } from 'cec-bar-host';
 * bar.on('error', (error) => {
 *   if (error.code === 'AUTH_REJECTED') crm.askToSignInAgain();
 * });
 * try {
 *   await bar.callOut('13800138000');
 * } catch (error) {
 *   if (isBarError(error) && error.code === 'INVALID_NUMBER') crm.toast('That number cannot be dialled');
 * }
 * ```
 */
export class BarError extends Error {
  /** Always `'BarError'`, also after crossing frames as JSON. */
  override readonly name = 'BarError';
  /** Stable: branch on it (see {@link BarErrorCode}). */
  readonly code: BarErrorCode;
  /** Structured extra facts (never a token), such as `{ option: 'shellUrl' }` for `INVALID_OPTIONS`. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  /**
   * Makes a `BarError`; the library raises them, your code rarely needs to.
   *
   * @param code - The stable code.
   * @param message - For people; must not carry a token.
   * @param options - `cause`: the error behind this one; `details`: structured facts, copied and frozen.
   */
  constructor(code: BarErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details ? Object.freeze({ ...options.details }) : undefined;
    Object.defineProperty(this, BAR_ERROR_BRAND, { value: true });
  }

  /** The plain form that crosses frames: `{ name, code, message }` (no `details`, no `cause`). */
  toJSON(): SerializedError {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/**
 * True for a `BarError` from any frame or bundle copy (checks a global brand, not `instanceof`),
 * and for its serialised form `{ name: 'BarError', code }` with a known code.
 *
 * @example
 * ```ts
 * import { isBarError } from 'cec-bar-host';
 * try {
 *   await bar.callOut('13800138000');
 * } catch (error) {
 *   if (isBarError(error)) crm.toast(`Call failed (${error.code})`);
 * }
 * ```
 */
export function isBarError(value: unknown): value is BarError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[BAR_ERROR_BRAND] === true) return true;
  // Serialised errors (toJSON across frames) carry no brand; the name and a known code identify them.
  const v = value as { name?: unknown; code?: unknown };
  return v.name === 'BarError' && (BAR_ERROR_CODES as readonly string[]).includes(v.code as string);
}
