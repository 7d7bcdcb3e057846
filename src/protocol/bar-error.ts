import type { BarErrorCode, SerializedError } from './errors.js';
import { BAR_ERROR_CODES } from './errors.js';

// Symbol.for() is shared by every realm of a page, so the brand survives frames.
const BAR_ERROR_BRAND = Symbol.for('cec-bar-host.BarError');

/**
 * The one error class of the browser library; `code` is stable, `message` is for people.
 *
 * @example
 * bar.on('error', (err) => {
 *   if (err.code === 'AUTH_REJECTED') showLoginAgain();
 * });
 */
export class BarError extends Error {
  override readonly name = 'BarError';
  readonly code: BarErrorCode;
  /** Structured extra facts (never a token). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: BarErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details ? Object.freeze({ ...options.details }) : undefined;
    Object.defineProperty(this, BAR_ERROR_BRAND, { value: true });
  }

  toJSON(): SerializedError {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/**
 * True for a `BarError` from any frame or bundle copy (checks a global brand, not `instanceof`).
 *
 * @example
 * try { await bar.callOut('123'); } catch (e) { if (isBarError(e)) console.log(e.code); }
 */
export function isBarError(value: unknown): value is BarError {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[BAR_ERROR_BRAND] === true) return true;
  // Serialised errors (toJSON across frames) carry no brand; the name and a known code identify them.
  const v = value as { name?: unknown; code?: unknown };
  return v.name === 'BarError' && (BAR_ERROR_CODES as readonly string[]).includes(v.code as string);
}
