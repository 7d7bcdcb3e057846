/** Redaction shared by the host recorder, logs and the server kit: tokens and phone numbers never leak. */

const SECRET_KEYS = /^(access_?token|accesstoken|token|app_?secret|appsecret|authorization|password|sippwd|secret|guid|set-guid|cookie|set-cookie)$/i;
const PHONE_KEYS = /^(caller|called|number|otherphone|phonenum|transfrom)$/i;
/** Values under these keys are ids, sequence numbers or times, never phone numbers (unless the key names a caller or phone). */
const NOT_PHONE_KEYS = /^(?!.*(?:caller|phone|mobile|msisdn|tel))(?:at|.*(?:id|seq|time|stamp))$/i;
/**
 * A phone-like run in free text: 7-15 digits, maybe after a `+`, with single spaces or dashes between
 * digits, not touching a letter, digit, `_` or `-` (so not inside a word or a hex id). Group 2 catches
 * the runs that only look like one, kept as they are: an ISO date and a CEC call id (`1456404043-37`).
 */
const PHONE_IN_TEXT = /(^|[^\w-])(?:(\d{4}-\d\d-\d\d|\d{10}-\d{1,6})|\+?\d(?:[ -]?\d){6,14})(?![\w-])/g;
/** A cheap first look: a run that could be a phone number has at least 7 digits. */
const SEVEN_DIGITS = /\d(?:[ -]?\d){6}/;
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
  return text.includes('eyJ') || text.includes('Bearer') ? text.replace(TOKEN_IN_TEXT, REDACTED) : text;
}

/**
 * Masks every phone-like run in `text` (see PHONE_IN_TEXT) with `redactPhone`.
 * @example redactPhonesInText('call back 138 0013 8000 re 1456404043-37'); // 'call back *********8000 re 1456404043-37'
 */
function redactPhonesInText(text: string): string {
  // Most keys and values hold no run of 7 digits: skip the costly replace (the recorder redacts every bridged message).
  if (!SEVEN_DIGITS.test(text)) return text;
  return text.replace(PHONE_IN_TEXT, (run: string, before: string, lookalike?: string) => (lookalike ? run : before + redactPhone(run.slice(before.length))));
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
   * Also mask phone numbers (recorder); logs keep them off by default. Masked: the whole string
   * under a CEC phone key (`caller`, `called`, `number`, `otherPhone`, …), and every phone-like run
   * (7-15 digits, maybe after a `+`, single spaces or dashes between them) in any other string, key
   * name or integer, except under keys naming an id, sequence number or time (`callId`, `seq`, `at`,
   * `beginTime`, `timestamp`, …); CEC call ids and ISO dates in free text are kept. The host's
   * `BarRecorder` documents the rule in full.
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
 * console.log(redact({ access_token: 'eyJhbGciOi.eyJzdWIiOi.sig', userAccount: 'alice.chen' }));
 * // { access_token: '[redacted]', userAccount: 'alice.chen' }
 * ```
 */
export function redact<T>(value: T, options: RedactOptions = {}, depth = 0): T {
  if (depth > 32) return REDACTED as unknown as T;
  if (typeof value === 'string') {
    let out = redactText(value);
    for (const s of options.secrets ?? []) if (s.length >= 4 && out.includes(s)) out = out.split(s).join(REDACTED);
    return (options.phones ? redactPhonesInText(out) : out) as unknown as T;
  }
  if (typeof value === 'number' && options.phones) {
    const masked = redactPhonesInText(String(value));
    return (masked === String(value) ? value : masked) as unknown as T;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, options, depth + 1)) as unknown as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[options.phones ? redactPhonesInText(k) : k] = redactEntry(k, v, options, depth);
  }
  return out as T;
}

function redactEntry(key: string, value: unknown, options: RedactOptions, depth: number): unknown {
  if (SECRET_KEYS.test(key)) return value === undefined || value === null || value === '' ? value : REDACTED;
  if (!options.phones) return redact(value, options, depth + 1);
  if (PHONE_KEYS.test(key) && typeof value === 'string') return redactPhone(value);
  // An id or a time is kept as it is; an object under such a key is still searched.
  const keepNumbers = NOT_PHONE_KEYS.test(key) && (typeof value !== 'object' || value === null);
  return redact(value, keepNumbers ? { ...options, phones: false } : options, depth + 1);
}
