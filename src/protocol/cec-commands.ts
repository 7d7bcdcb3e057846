/**
 * CEC commands, page → bar (docs/cec-reference.md §2.1): `eventpost` and `callout`, the only documented ones.
 * Both are sent as JSON strings, as CEC's demo does for `eventpost`. For `callout` the docs show
 * both `[number, mode]` and `{ number, mode }` params; builders produce either, parsers accept both.
 */
import { z, formatIssues } from './zod.js';
import { parseJsonBounded } from './json.js';

/**
 * The media of a call: CEC's `callout` `mode`.
 *
 * @example
 * ```ts
 * import type { CallMedia } from 'cec-bar-host';
 * const callBack = (number: string, media: CallMedia) => bar.callOut(number, { media });
 * await callBack('13800138000', 'video');
 * ```
 */
export type CallMedia = 'audio' | 'video';

/**
 * What `callOut` accepts: the CC-Gateway's `called`, 1-24 of 0-9, `*` and `#`.
 *
 * @example
 * ```ts
 * import { DIALABLE_NUMBER } from 'cec-bar-host/protocol';
 * const dialable = DIALABLE_NUMBER.test('+86 138 0013 8000'.replace(/[\s+]/g, '')); // true
 * ```
 */
export const DIALABLE_NUMBER = /^[0-9*#]{1,24}$/;

/**
 * True when `callOut` would accept `value` (see {@link DIALABLE_NUMBER}).
 *
 * @example
 * ```ts
 * import { isDialableNumber } from 'cec-bar-host/protocol';
 * const number = '13800138000';
 * if (isDialableNumber(number)) await bar.callOut(number);
 * ```
 */
export function isDialableNumber(value: unknown): value is string {
  return typeof value === 'string' && DIALABLE_NUMBER.test(value);
}

// Marked pure: the host imports this module for isDialableNumber only, and leaves these schemas out
// (src/protocol/zod.ts says why the arrow).
const numberSchema = /* @__PURE__ */ (() => z.string().check(z.regex(DIALABLE_NUMBER)))();
const mediaSchema = /* @__PURE__ */ z.literal(['audio', 'video']);
const eventNameSchema = /* @__PURE__ */ (() => z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,127}$/)))();

const eventpostSchema = /* @__PURE__ */ (() => z.object({
  name: z.literal('eventpost'),
  param: z.array(eventNameSchema).check(z.maxLength(256)),
}))();
const calloutSchema = /* @__PURE__ */ (() => z.object({
  name: z.literal('callout'),
  // `[number, mode?]`; checked member by member below (a zod tuple costs bundle size).
  param: z.union([
    z.array(z.string()).check(z.minLength(1), z.maxLength(2)),
    z.object({ number: numberSchema, mode: z.optional(mediaSchema) }),
  ]),
}))();
// Discriminated on `name` so an error points into the command's own fields, not "matches none".
const commandSchema = z.discriminatedUnion('name', [eventpostSchema, calloutSchema]);

/**
 * A command to the bar, as {@link parseBarCommand} reads it.
 *
 * @example
 * ```ts
 * import { parseBarCommand } from 'cec-bar-host/protocol';
 * const result = parseBarCommand(message.data);
 * if (result.ok && result.command.name === 'callout') console.log('dial', result.command.number, result.command.mode);
 * ```
 */
export type BarCommand =
  | {
      /** Subscribe to events. */
      readonly name: 'eventpost';
      /** The event names (`param`). */
      readonly events: readonly string[];
    }
  | {
      /** Dial. */
      readonly name: 'callout';
      /** The number to dial (1-24 of `0-9*#`). */
      readonly number: string;
      /** The media; `audio` when the command named none. */
      readonly mode: CallMedia;
      /** How `param` was written: `[number, mode]` or `{ number, mode }`. */
      readonly form: 'array' | 'object';
    };

/**
 * What {@link parseBarCommand} returns.
 *
 * @example
 * ```ts
 * import { parseBarCommand } from 'cec-bar-host/protocol';
 * const result = parseBarCommand('{"name":"callout","param":["88889007","audio"]}');
 * console.log(result.ok ? result.command.name : result.error);
 * ```
 */
export type BarCommandParseResult =
  | {
      /** Valid. */
      readonly ok: true;
      /** The command. */
      readonly command: BarCommand;
    }
  | {
      /** Refused. */
      readonly ok: false;
      /** `json`: not JSON; `size`: too long or too deep; `shape`: not one of the two commands. */
      readonly reason: 'json' | 'size' | 'shape';
      /** One line for people. */
      readonly error: string;
    };

/**
 * Largest command accepted, as JSON text (16 KiB).
 *
 * @example
 * ```ts
 * import { MAX_COMMAND_CHARS, parseJsonBounded } from 'cec-bar-host/protocol';
 * const parsed = parseJsonBounded(String(message.data), MAX_COMMAND_CHARS);
 * ```
 */
export const MAX_COMMAND_CHARS = 16 * 1024;

/**
 * CEC's `eventpost` command as a JSON string, as CEC's demo sends it:
 * `frames.ccbarclient.postMessage(buildEventpost([...]), cecOrigin)`.
 *
 * @param events - The event names to subscribe to.
 * @example
 * ```ts
 * import { buildEventpost } from 'cec-bar-host/protocol';
 * frame.postMessage(buildEventpost(['AgentEvent_Talking', 'AgentEvent_Call_Release']), cecOrigin);
 * ```
 */
export function buildEventpost(events: readonly string[]): string {
  return JSON.stringify({ name: 'eventpost', param: [...events] });
}

/**
 * CEC's `callout` command as a JSON string. `form: 'array'` gives `param: [number, mode]`,
 * `'object'` gives `{ number, mode }` (CEC documents both).
 *
 * @param number - 1-24 of `0-9*#`.
 * @param mode - The media.
 * @param form - How to write `param`.
 * @throws TypeError when `number` is not dialable (see {@link DIALABLE_NUMBER}).
 * @example
 * ```ts
 * import { buildCallout } from 'cec-bar-host/protocol';
 * frame.postMessage(buildCallout('88889007', 'audio'), cecOrigin);
 * ```
 */
export function buildCallout(number: string, mode: CallMedia = 'audio', form: 'array' | 'object' = 'array'): string {
  if (!isDialableNumber(number)) throw new TypeError(`not a dialable number: 1-24 of 0-9*#`);
  const param = form === 'array' ? [number, mode] : { number, mode };
  return JSON.stringify({ name: 'callout', param });
}

/**
 * Parse a command as the bar receives it (a JSON string or an object). Never throws.
 *
 * @param data - A `message` event's data.
 * @example
 * ```ts
 * import { parseBarCommand } from 'cec-bar-host/protocol';
 * const result = parseBarCommand(message.data);
 * if (result.ok && result.command.name === 'eventpost') console.log('subscribed to', result.command.events);
 * ```
 */
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
