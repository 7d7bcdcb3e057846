/** Redaction shared by the host recorder, logs and the server kit: tokens and phone numbers never leak. */

const SECRET_KEYS = /^(access_?token|accesstoken|token|app_?secret|appsecret|authorization|password|sippwd|secret|guid|set-guid|cookie|set-cookie)$/i;
const PHONE_KEYS = /^(caller|called|number|otherphone|phonenum|transfrom)$/i;
/** JWTs and long bearer-like strings anywhere in free text. */
const TOKEN_IN_TEXT = /\b(?:eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*|Bearer\s+[A-Za-z0-9._~+/=-]{8,})/g;

/**
 * What a secret is replaced with in logs and recordings.
 *
 * @example
 * ```ts
 * import { redact, REDACTED } from 'cec-bar-host/protocol';
 * redact({ access_token: 'eyJ…' }).access_token === REDACTED; // true
 * ```
 */
export const REDACTED = '[redacted]';

/**
 * Masks a phone number but its last 4 digits, so a person can still tell calls apart.
 *
 * @example
 * ```ts
 * import { redactPhone } from 'cec-bar-host/protocol';
 * redactPhone('13800138000'); // '*******8000'
 * ```
 */
export function redactPhone(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  return '*'.repeat(value.length - 4) + value.slice(-4);
}

/**
 * Replaces JWTs and `Bearer …` credentials anywhere in free text with {@link REDACTED}.
 *
 * @example
 * ```ts
 * import { redactText } from 'cec-bar-host/protocol';
 * redactText('Authorization: Bearer abcdef123456'); // 'Authorization: [redacted]'
 * ```
 */
export function redactText(text: string): string {
  return text.replace(TOKEN_IN_TEXT, REDACTED);
}

/**
 * Options of {@link redact}.
 *
 * @example
 * ```ts
 * import { redact, type RedactOptions } from 'cec-bar-host/protocol';
 * const options: RedactOptions = { phones: true, secrets: [SK] };
 * console.log(redact({ caller: '13800138000', note: `key ${SK}` }, options));
 * ```
 */
export interface RedactOptions {
  /**
   * Also mask phone numbers (the keys `caller`, `called`, `number`, `otherPhone`, `phonenum`, `transfrom`).
   * @default false
   */
  readonly phones?: boolean;
  /**
   * Extra literal secrets (4 characters or more) to strip wherever they occur.
   * @default []
   */
  readonly secrets?: readonly string[];
}

/**
 * A deep copy with secrets (and optionally phone numbers) masked: the values of keys such as
 * `access_token`, `app_secret`, `authorization`, `password` or `cookie`, and JWTs in any string.
 *
 * @param value - Any JSON-like value.
 * @param options - What else to mask.
 * @param depth - Internal recursion depth; leave it out.
 * @example
 * ```ts
 * import { redact } from 'cec-bar-host/protocol';
 * console.log(redact({ access_token: 'eyJhbGciOi.eyJzdWIiOi.sig', userAccount: 'alice' }));
 * // { access_token: '[redacted]', userAccount: 'alice' }
 * ```
 */
export function redact<T>(value: T, options: RedactOptions = {}, depth = 0): T {
  if (depth > 32) return REDACTED as unknown as T;
  if (typeof value === 'string') {
    let out = redactText(value);
    for (const s of options.secrets ?? []) if (s.length >= 4) out = out.split(s).join(REDACTED);
    return out as unknown as T;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, options, depth + 1)) as unknown as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    if (SECRET_KEYS.test(k)) out[k] = v === undefined || v === null || v === '' ? v : REDACTED;
    else if (options.phones && PHONE_KEYS.test(k) && typeof v === 'string') out[k] = redactPhone(v);
    else out[k] = redact(v, options, depth + 1);
  }
  return out as T;
}
