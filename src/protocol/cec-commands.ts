/**
 * CEC commands, page → bar (docs/cec-reference.md §2.1): `eventpost` and `callout`, the only documented ones.
 * Both are sent as JSON strings, as CEC's demo does for `eventpost`. For `callout` the docs show
 * both `[number, mode]` and `{ number, mode }` params; builders produce either, parsers accept both.
 */
import { z, formatIssues } from './zod.js';
import { parseJsonBounded } from './json.js';

export type CallMedia = 'audio' | 'video';

/** CC-Gateway `called`: 1-24 of 0-9, * and #. */
export const DIALABLE_NUMBER = /^[0-9*#]{1,24}$/;

export function isDialableNumber(value: unknown): value is string {
  return typeof value === 'string' && DIALABLE_NUMBER.test(value);
}

const numberSchema = z.string().check(z.regex(DIALABLE_NUMBER));
const mediaSchema = z.enum(['audio', 'video']);
const eventNameSchema = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z][A-Za-z0-9_]*$/));

const eventpostSchema = z.object({
  name: z.literal('eventpost'),
  param: z.array(eventNameSchema).check(z.maxLength(256)),
});
const calloutSchema = z.object({
  name: z.literal('callout'),
  // `[number, mode?]`; checked member by member below (a zod tuple costs bundle size).
  param: z.union([
    z.array(z.string()).check(z.minLength(1), z.maxLength(2)),
    z.object({ number: numberSchema, mode: z.optional(mediaSchema) }),
  ]),
});
// Discriminated on `name` so an error points into the command's own fields, not "matches none".
const commandSchema = z.discriminatedUnion('name', [eventpostSchema, calloutSchema]);

export type BarCommand =
  | { readonly name: 'eventpost'; readonly events: readonly string[] }
  | { readonly name: 'callout'; readonly number: string; readonly mode: CallMedia; readonly form: 'array' | 'object' };

export type BarCommandParseResult =
  | { readonly ok: true; readonly command: BarCommand }
  | { readonly ok: false; readonly reason: 'json' | 'size' | 'shape'; readonly error: string };

export const MAX_COMMAND_CHARS = 16 * 1024;

/**
 * `frames.ccbarclient.postMessage(buildEventpost([...]), cecOrigin)`: the data is a JSON string.
 *
 * @example
 * barWindow.postMessage(buildEventpost(['AgentEvent_Talking']), 'https://cec.example');
 */
export function buildEventpost(events: readonly string[]): string {
  return JSON.stringify({ name: 'eventpost', param: [...events] });
}

/**
 * Build CEC's `callout`. `form: 'array'` gives `param: [number, mode]`, `'object'` gives `{ number, mode }`.
 *
 * @example
 * barWindow.postMessage(buildCallout('88889007', 'audio'), cecOrigin);
 */
export function buildCallout(number: string, mode: CallMedia = 'audio', form: 'array' | 'object' = 'array'): string {
  if (!isDialableNumber(number)) throw new TypeError(`not a dialable number: 1-24 of 0-9*#`);
  const param = form === 'array' ? [number, mode] : { number, mode };
  return JSON.stringify({ name: 'callout', param });
}

/** Parse a command as the bar receives it (string or object). Never throws. */
export function parseBarCommand(data: unknown): BarCommandParseResult {
  let value: unknown = data;
  if (typeof data === 'string') {
    const parsed = parseJsonBounded(data, MAX_COMMAND_CHARS);
    if (!parsed.ok) return parsed;
    value = parsed.value;
  }
  const r = commandSchema.safeParse(value);
  if (!r.success) return { ok: false, reason: 'shape', error: `not a CEC command: ${formatIssues(r.error.issues)}` };
  const cmd = r.data;
  if (cmd.name === 'eventpost') return { ok: true, command: { name: 'eventpost', events: cmd.param } };
  if (Array.isArray(cmd.param)) {
    const [number, mode] = cmd.param as string[];
    if (!isDialableNumber(number)) return { ok: false, reason: 'shape', error: 'not a CEC command: param.0: not a dialable number' };
    if (mode !== undefined && mode !== 'audio' && mode !== 'video') return { ok: false, reason: 'shape', error: 'not a CEC command: param.1: expected "audio" or "video"' };
    return { ok: true, command: { name: 'callout', number, mode: mode ?? 'audio', form: 'array' } };
  }
  const p = cmd.param as { number: string; mode?: CallMedia };
  return { ok: true, command: { name: 'callout', number: p.number, mode: p.mode ?? 'audio', form: 'object' } };
}
