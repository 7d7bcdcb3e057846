/** Bounded, prototype-safe JSON parsing for anything that crosses a trust boundary. */
export type JsonParseResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: 'json' | 'size'; readonly error: string };

/** Largest nesting accepted; deeper input is refused before it can blow a stack later. */
export const MAX_JSON_DEPTH = 32;

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

/** Depth of a JSON-like value, stopping early once the limit is passed. */
export function depthOf(value: unknown, depth: number): number {
  if (depth > MAX_JSON_DEPTH || typeof value !== 'object' || value === null) return depth;
  let max = depth + 1;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    max = Math.max(max, depthOf(v, depth + 1));
    if (max > MAX_JSON_DEPTH) break;
  }
  return max;
}
