/**
 * What {@link parseJsonBounded} returns: the parsed value, or why the text was refused.
 *
 * @example
 * ```ts
 * import { parseJsonBounded } from 'cec-bar-host/protocol';
 * const result = parseJsonBounded('{"a":1}', 1024);
 * if (!result.ok) console.warn(result.reason, result.error);
 * ```
 */
export type JsonParseResult =
  | {
      /** Parsed. */
      readonly ok: true;
      /** The parsed value, with `__proto__`, `constructor` and `prototype` keys dropped. */
      readonly value: unknown;
    }
  | {
      /** Refused. */
      readonly ok: false;
      /** `json`: not valid JSON; `size`: longer than the limit or nested deeper than {@link MAX_JSON_DEPTH}. */
      readonly reason: 'json' | 'size';
      /** One line for people. */
      readonly error: string;
    };

/** Largest nesting accepted; deeper input is refused before it can blow a stack later. */
export const MAX_JSON_DEPTH = 32;

/**
 * Bounded, prototype-safe `JSON.parse` for anything that crosses a trust boundary: refuses text
 * longer than `maxChars` and values nested deeper than {@link MAX_JSON_DEPTH}, drops keys that could
 * poison prototypes. Never throws.
 *
 * @param text - The JSON text.
 * @param maxChars - The longest text accepted, in UTF-16 code units.
 * @example
 * ```ts
 * import { parseJsonBounded } from 'cec-bar-host/protocol';
 * const result = parseJsonBounded(String(message.data), 64 * 1024);
 * if (result.ok) console.log(result.value);
 * ```
 */
export function parseJsonBounded(text: string, maxChars: number): JsonParseResult {
  if (text.length > maxChars) return { ok: false, reason: 'size', error: `message of ${text.length} chars exceeds ${maxChars}` };
  let value: unknown;
  try {
    // The reviver drops keys that could poison prototypes if a consumer ever merged the object.
    value = JSON.parse(text, (key, v: unknown) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : v));
  } catch {
    return { ok: false, reason: 'json', error: 'message is not valid JSON' };
  }
  if (depthOf(value, 0) > MAX_JSON_DEPTH) return { ok: false, reason: 'size', error: `nesting deeper than ${MAX_JSON_DEPTH}` };
  return { ok: true, value };
}

/**
 * Depth of a JSON-like value (a scalar is 0 deep), stopping early once {@link MAX_JSON_DEPTH} is passed.
 *
 * @param value - Any value; cycles are safe (the walk stops past the limit).
 * @param depth - The depth `value` sits at: 0 for a root.
 * @example
 * ```ts
 * import { depthOf } from 'cec-bar-host/protocol';
 * depthOf({ a: [1] }, 0); // 2
 * ```
 */
export function depthOf(value: unknown, depth: number): number {
  if (depth > MAX_JSON_DEPTH || typeof value !== 'object' || value === null) return depth;
  let max = depth + 1;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    max = Math.max(max, depthOf(v, depth + 1));
    if (max > MAX_JSON_DEPTH) break;
  }
  return max;
}
