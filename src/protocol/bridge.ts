/**
 * Host ⇄ shell wire (versioned, `v: 1`). Carried by postmate: the host passes `ShellConfig` as the
 * handshake model, calls the shell's `hostCommand` method with a `HostCommand`, and listens to the
 * shell's `shellMessage` emits, each a `ShellMessage`. Every message carries the mount's random
 * `sessionId`; shell messages also carry the shell page instance (`shellId`) and a per-instance
 * sequence number `seq` (1, 2, 3…), so the host can drop forged, replayed and reordered messages.
 */
import { z, formatIssues } from './zod.js';
import { DIALABLE_NUMBER } from './cec-commands.js';
import { CEC_EVENT_CONTENT } from './cec-events.js';
import { parseCecEvent, type CecEvent } from './cec-events.js';
import { depthOf, MAX_JSON_DEPTH } from './json.js';

export const BRIDGE_VERSION = 1 as const;
/** postmate method name the shell exposes. */
export const SHELL_COMMAND_METHOD = 'hostCommand' as const;
/** postmate event name the shell emits on. */
export const SHELL_MESSAGE_EVENT = 'shellMessage' as const;
/** Largest bridge message, as JSON text. Larger ones are dropped and counted as `size`. */
export const MAX_BRIDGE_MESSAGE_CHARS = 64 * 1024;
/** How many relayed events the shell keeps for replay. */
export const SHELL_REPLAY_BUFFER = 256;

const sessionIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/));
const originSchema = z.string().check(z.regex(/^https?:\/\/[^/\s]+$/), z.maxLength(256));
const idSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
/** CEC event names the host subscribes to (in the handshake and in `subscribe`). */
const eventNamesSchema = z.array(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,127}$/))).check(z.maxLength(128));

/** The handshake model the host hands to the shell. */
export const shellConfigSchema = z.object({
  v: z.literal(BRIDGE_VERSION),
  sessionId: sessionIdSchema,
  /** The CRM origin, as the host sees itself; the shell also checks it against its allow-list. */
  hostOrigin: originSchema,
  /** `$aicc_ContextPath` as the shell sees it, ending in `/service-cloud/`. */
  cecContextPath: z.string().check(z.regex(/^https?:\/\/[^\s]+\/$/), z.maxLength(512)),
  /** Path below the context path that serves the bar script. Not fully documented by CEC; configurable. */
  scriptPath: z.string().check(z.regex(/^[A-Za-z0-9._~\-/]+$/), z.maxLength(256)),
  tenantSpaceId: z.string().check(z.minLength(1), z.maxLength(128)),
  userAccount: z.string().check(z.minLength(1), z.maxLength(100)),
  accessToken: z.string().check(z.minLength(1), z.maxLength(4096)),
  events: eventNamesSchema,
  /** ms to wait for the bar script and its frame before reporting `bar-failed`. */
  barLoadTimeoutMs: z.number().check(z.multipleOf(1), z.gte(100), z.lte(600_000)),
});
export type ShellConfig = z.infer<typeof shellConfigSchema>;
export const DEFAULT_SCRIPT_PATH = 'ccdesktop/pages/cc-bar/js/ccbarclient.js';

/** Shell status as reported to the host. */
export const SHELL_STATUSES = ['loading', 'loaded', 'token-rejected', 'bar-failed', 'bar-reloaded'] as const;
export type ShellStatus = (typeof SHELL_STATUSES)[number];

const errorSchema = z.object({
  code: z.string().check(z.maxLength(64)),
  message: z.string().check(z.maxLength(2048)),
});

/** Both directions keep their schemas in a kind → schema record; the union is for typing and reference. */
type SchemasByKind = Record<string, z.ZodMiniObject>;

function unionOf<Schemas extends SchemasByKind>(schemas: Schemas) {
  return z.union(Object.values(schemas) as [Schemas[keyof Schemas], ...Schemas[keyof Schemas][]]);
}

// --- host → shell -------------------------------------------------------------------------

const commandBase = { v: z.literal(BRIDGE_VERSION), sessionId: sessionIdSchema, id: idSchema };
/** Each host command's schema, by kind. */
const HOST_COMMAND_SCHEMAS = {
  callout: z.object({ ...commandBase, kind: z.literal('callout'), number: z.string().check(z.regex(DIALABLE_NUMBER)), media: z.enum(['audio', 'video']) }),
  replay: z.object({ ...commandBase, kind: z.literal('replay'), fromSeq: z.number().check(z.multipleOf(1), z.gte(0)) }),
  subscribe: z.object({ ...commandBase, kind: z.literal('subscribe'), events: eventNamesSchema }),
  ping: z.object({ ...commandBase, kind: z.literal('ping') }),
  checkMedia: z.object({ ...commandBase, kind: z.literal('checkMedia') }),
};
/**
 * Every host command. A plain union (not `discriminatedUnion`, which costs ~0.5 KB gz of the host
 * budget); `parseHostCommand` dispatches on `kind` itself for precise errors.
 */
export const hostCommandSchema = /* @__PURE__ */ unionOf(HOST_COMMAND_SCHEMAS);
export type HostCommand = z.infer<typeof hostCommandSchema>;
export type HostCommandKind = HostCommand['kind'];

// --- shell → host -------------------------------------------------------------------------

// Whole numbers are `multipleOf(1)`, not zod's `int` schema: that adds ~420 B gz to the host bundle
// (its number-format check and range table; measured against the 15 KB ceiling) for a safe-integer
// bound no field here needs.
const messageBase = {
  v: z.literal(BRIDGE_VERSION),
  sessionId: sessionIdSchema,
  shellId: idSchema,
  seq: z.number().check(z.multipleOf(1), z.gte(1)),
};

/** The relayed CEC event is re-validated by the host with `parseCecEvent` (see `parseShellMessage`). */
const cecRelaySchema = z.object({
  ...messageBase,
  kind: z.literal('cec'),
  /** true when sent again in answer to a `replay` command. */
  replay: z.optional(z.boolean()),
  /** ms since epoch when the shell received it from the bar. */
  at: z.number(),
  /** A `CecEvent`; validated by `parseCecEvent` in `parseShellMessage`, not here. */
  event: z.looseObject({}),
});

const statusSchema = z.object({
  ...messageBase,
  kind: z.literal('status'),
  status: z.enum(SHELL_STATUSES),
  detail: z.optional(z.string().check(z.maxLength(2048))),
});

const replySchema = z.object({
  ...messageBase,
  kind: z.literal('reply'),
  id: idSchema,
  ok: z.boolean(),
  result: z.optional(z.unknown()),
  error: z.optional(errorSchema),
});

const logSchema = z.object({
  ...messageBase,
  kind: z.literal('log'),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string().check(z.maxLength(2048)),
});

/** Counters of what the shell itself refused from the bar, sent now and then. */
const shellStatsSchema = z.object({
  ...messageBase,
  kind: z.literal('stats'),
  /** reason → count; values checked in `parseShellMessage` (a zod record costs ~0.7 KB gz). */
  rejected: z.looseObject({}),
  relayed: z.number().check(z.multipleOf(1)),
});

/** Each shell message's schema, by kind. */
const SHELL_MESSAGE_SCHEMAS = { cec: cecRelaySchema, status: statusSchema, reply: replySchema, log: logSchema, stats: shellStatsSchema };
/** Every shell message (typing and reference); `parseShellMessage` dispatches on `kind` itself. */
export const shellMessageSchema = /* @__PURE__ */ unionOf(SHELL_MESSAGE_SCHEMAS);

type RawShellMessage = z.infer<typeof shellMessageSchema>;
/** A validated shell message; a `cec` relay carries a fully validated `CecEvent`. */
export type ShellMessage =
  | (Omit<Extract<RawShellMessage, { kind: 'cec' }>, 'event'> & { readonly event: CecEvent })
  | (Omit<Extract<RawShellMessage, { kind: 'stats' }>, 'rejected'> & { readonly rejected: Readonly<Record<string, number>> })
  | Exclude<RawShellMessage, { kind: 'cec' | 'stats' }>;
export type ShellMessageKind = ShellMessage['kind'];

/** Why a message was refused; the host counts each reason separately. */
export type RejectReason = 'origin' | 'source' | 'session' | 'sequence' | 'shape' | 'size' | 'version';

/** A refused bridge message and why. */
export type BridgeRefusal = { readonly ok: false; readonly reason: RejectReason; readonly error: string };

/**
 * What every bridge parser returns: the value under its own name (`message`, `command`, `config`),
 * or why it was refused.
 *
 * @example
 * const r: BridgeParseResult<'command', HostCommand> = parseHostCommand(data);
 * if (r.ok) run(r.command); else count(r.reason);
 */
export type BridgeParseResult<Name extends string, Value> = ({ readonly ok: true } & { readonly [Key in Name]: Value }) | BridgeRefusal;
export type ShellMessageParseResult = BridgeParseResult<'message', ShellMessage>;
export type HostCommandParseResult = BridgeParseResult<'command', HostCommand>;
export type ShellConfigParseResult = BridgeParseResult<'config', ShellConfig>;

/** Parses `data` with the schema of its `kind`; an unknown kind or a failed schema is `shape`. */
function parseByKind<Schemas extends SchemasByKind>(schemas: Schemas, data: object): BridgeParseResult<'value', z.infer<Schemas[keyof Schemas]>> {
  const kind = (data as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(schemas, kind)) {
    return { ok: false, reason: 'shape', error: `kind: expected one of ${Object.keys(schemas).join(', ')}` };
  }
  const r = schemas[kind]!.safeParse(data);
  return r.success ? { ok: true, value: r.data as z.infer<Schemas[keyof Schemas]> } : { ok: false, reason: 'shape', error: formatIssues(r.error.issues) };
}

/**
 * Validate a shell message's shape and size (origin, source, session and sequence are the
 * receiver's checks, done before this). Never throws.
 */
export function parseShellMessage(data: unknown): ShellMessageParseResult {
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'shape', error: 'not an object' };
  if ((data as { v?: unknown }).v !== BRIDGE_VERSION) return { ok: false, reason: 'version', error: 'unsupported bridge version' };
  if (depthOf(data, 0) > MAX_JSON_DEPTH) return { ok: false, reason: 'size', error: 'nested too deeply' };
  let size: number;
  try {
    size = JSON.stringify(data).length;
  } catch {
    return { ok: false, reason: 'shape', error: 'not serialisable' };
  }
  if (size > MAX_BRIDGE_MESSAGE_CHARS) return { ok: false, reason: 'size', error: `message of ${size} chars exceeds ${MAX_BRIDGE_MESSAGE_CHARS}` };
  const parsed = parseByKind(SHELL_MESSAGE_SCHEMAS, data as object);
  if (!parsed.ok) return parsed;
  const msg = parsed.value;
  if (msg.kind === 'stats') {
    const counts = Object.entries(msg.rejected);
    if (counts.length > 32 || !counts.every(([k, v]) => k.length <= 32 && Number.isInteger(v) && (v as number) >= 0)) {
      return { ok: false, reason: 'shape', error: 'rejected: expected counts' };
    }
    return { ok: true, message: msg as ShellMessage };
  }
  if (msg.kind !== 'cec') return { ok: true, message: msg };
  // Re-validate the relayed event against the CEC schemas: the host trusts nothing the shell says.
  const { rawEventType, eventType: relayedType, workNo, content, message } = msg.event;
  const eventType = relayedType === 'unknown' ? rawEventType : relayedType;
  if (typeof eventType !== 'string') return { ok: false, reason: 'shape', error: 'event without eventType' };
  if (relayedType === 'unknown' && Object.prototype.hasOwnProperty.call(CEC_EVENT_CONTENT, eventType)) {
    return { ok: false, reason: 'shape', error: 'known event relayed as unknown' };
  }
  const ev = parseCecEvent({ event: { eventType, workNo, content }, message });
  if (!ev.ok) return { ok: false, reason: 'shape', error: ev.error };
  return { ok: true, message: { ...msg, event: ev.event } };
}

/** Validate a host command as the shell receives it. Never throws. */
export function parseHostCommand(data: unknown): HostCommandParseResult {
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'shape', error: 'not an object' };
  if ((data as { v?: unknown }).v !== BRIDGE_VERSION) return { ok: false, reason: 'version', error: 'unsupported bridge version' };
  const parsed = parseByKind(HOST_COMMAND_SCHEMAS, data as object);
  return parsed.ok ? { ok: true, command: parsed.value } : parsed;
}

/** Validate the handshake config as the shell receives it. Never throws. */
export function parseShellConfig(data: unknown): ShellConfigParseResult {
  const r = shellConfigSchema.safeParse(data);
  if (!r.success) return { ok: false, reason: 'shape', error: formatIssues(r.error.issues) };
  return { ok: true, config: r.data };
}

/** A random id of the shape `sessionId` and `shellId` use (WebCrypto; browser and Node ≥ 19). */
export function randomId(bytes = 16): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let s = '';
  for (const b of buf) s += b.toString(16).padStart(2, '0');
  return s;
}
