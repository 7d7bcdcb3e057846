/**
 * Host ⇄ shell wire (versioned, `v: 1`). Carried by postmate: the host passes `ShellConfig` as the
 * handshake model, calls the shell's `hostCommand` method with a `HostCommand`, and listens to the
 * shell's `shellMessage` emits, each a `ShellMessage`. Every message carries the mount's random
 * `sessionId`; shell messages also carry the shell page instance (`shellId`) and a per-instance
 * sequence number `seq` (1, 2, 3…), so the host can drop forged, replayed and reordered messages.
 */
import { z, formatIssues, builtOnFirstUse } from './zod.js';
import { DIALABLE_NUMBER } from './cec-commands.js';
import { CEC_EVENT_CONTENT } from './cec-events.js';
import { parseCecEvent, type CecEvent } from './cec-events.js';
import { depthOf, MAX_JSON_DEPTH } from './json.js';

/**
 * The version every bridge message carries as `v`; a message of another version is dropped and counted as `version`.
 *
 * @example
 * ```ts
 * import { BRIDGE_VERSION } from 'cec-bar-host/protocol';
 * const current = (data: { v?: unknown }) => data.v === BRIDGE_VERSION;
 * ```
 */
export const BRIDGE_VERSION = 1 as const;
/**
 * postmate method name the shell exposes: the host calls it with each {@link HostCommand}.
 *
 * @example
 * ```ts
 * import { SHELL_COMMAND_METHOD } from 'cec-bar-host/protocol';
 * console.log(`the shell's model exposes ${SHELL_COMMAND_METHOD}(command)`);
 * ```
 */
export const SHELL_COMMAND_METHOD = 'hostCommand' as const;
/**
 * postmate event name the shell emits on: each emit carries one {@link ShellMessage}.
 *
 * @example
 * ```ts
 * import { SHELL_MESSAGE_EVENT } from 'cec-bar-host/protocol';
 * console.log(`listen to the shell's ${SHELL_MESSAGE_EVENT} events`);
 * ```
 */
export const SHELL_MESSAGE_EVENT = 'shellMessage' as const;
/**
 * Largest bridge message, as JSON text (64 KiB). Larger ones are dropped and counted as `size`.
 *
 * @example
 * ```ts
 * import { MAX_BRIDGE_MESSAGE_CHARS } from 'cec-bar-host/protocol';
 * const fits = (data: unknown) => JSON.stringify(data).length <= MAX_BRIDGE_MESSAGE_CHARS;
 * ```
 */
export const MAX_BRIDGE_MESSAGE_CHARS = 64 * 1024;
/**
 * How many relayed events the shell keeps for a `replay` command (the latest ones).
 *
 * @example
 * ```ts
 * import { SHELL_REPLAY_BUFFER } from 'cec-bar-host/protocol';
 * console.log(`a reconnecting host can ask for the last ${SHELL_REPLAY_BUFFER} events again`);
 * ```
 */
export const SHELL_REPLAY_BUFFER = 256;

const sessionIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/));
// Used by both sides: sessionIdSchema, idSchema. The rest is used by one side only: the shell's are
// built on first use, after the shell page's first task (`builtOnFirstUse`), the host's are marked
// pure so that the shell's bundle leaves them out (src/protocol/zod.ts says why the arrow).
const originSchema = builtOnFirstUse(() => z.string().check(z.regex(/^https?:\/\/[^/\s]+$/), z.maxLength(256)));
const idSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
/** CEC event names the host subscribes to (in the handshake and in `subscribe`). */
const eventNamesSchema = builtOnFirstUse(() => z.array(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,127}$/))).check(z.maxLength(128)));

// Strict: a handshake model is a ShellConfig and nothing else (postmate's own Model, which a shell
// page of your own may use, copies every key of it into the page's model and its methods).
const shellConfig = builtOnFirstUse(() => z.strictObject({
  /** {@link BRIDGE_VERSION}. */
  v: z.literal(BRIDGE_VERSION),
  /** The mount's random session id (16-64 of `A-Za-z0-9_-`): every later message carries it. */
  sessionId: sessionIdSchema,
  /** The CRM origin, as the host sees itself; the shell also checks it against its allow-list. */
  hostOrigin: originSchema(),
  /** `$aicc_ContextPath` as the shell sees it, ending in `/service-cloud/`. */
  cecContextPath: z.string().check(z.regex(/^https?:\/\/[^\s]+\/$/), z.maxLength(512)),
  /** Path below the context path that serves the bar script. Not fully documented by CEC; configurable. */
  scriptPath: z.string().check(z.regex(/^[A-Za-z0-9._~\-/]+$/), z.maxLength(256)),
  /** The CEC tenant space. */
  tenantSpaceId: z.string().check(z.minLength(1), z.maxLength(128)),
  /** The agent's CEC account. */
  userAccount: z.string().check(z.minLength(1), z.maxLength(100)),
  /** The enterprise's bar token, which the bar hands to CEC (redacted in every recording). */
  accessToken: z.string().check(z.minLength(1), z.maxLength(4096)),
  /** The CEC event names to subscribe to (at most 128). */
  events: eventNamesSchema(),
  /** ms to wait for the bar script and its frame before reporting `bar-failed`. */
  barLoadTimeoutMs: z.number().check(z.multipleOf(1), z.gte(100), z.lte(600_000)),
}));
/**
 * The handshake model the host hands to the shell. A model with any other key is refused.
 *
 * @example
 * ```ts
 * import { parseShellConfig } from 'cec-bar-host/protocol';
 * const result = parseShellConfig(message.data);
 * if (result.ok) console.log('shell for', result.config.userAccount);
 * ```
 */
export const shellConfigSchema = /* @__PURE__ */ shellConfig();
/**
 * The handshake model, as {@link shellConfigSchema} accepts it.
 * @interface
 */
export type ShellConfig = z.infer<typeof shellConfigSchema>;
/**
 * Where the bar script lives below CEC's context path unless `scriptPath` says otherwise.
 *
 * @example
 * ```ts
 * import { DEFAULT_SCRIPT_PATH } from 'cec-bar-host/protocol';
 * const scriptUrl = new URL(DEFAULT_SCRIPT_PATH, 'https://bar.crm.example.com/service-cloud/');
 * ```
 */
export const DEFAULT_SCRIPT_PATH = 'ccdesktop/pages/cc-bar/js/ccbarclient.js';

/**
 * Every {@link ShellStatus}, in the order a load goes through them.
 *
 * @example
 * ```ts
 * import { SHELL_STATUSES } from 'cec-bar-host/protocol';
 * const isStatus = (value: string) => (SHELL_STATUSES as readonly string[]).includes(value);
 * ```
 */
export const SHELL_STATUSES = ['loading', 'loaded', 'token-rejected', 'bar-failed', 'bar-reloaded'] as const;
/**
 * The shell's status, as reported to the host (and shown in `bar.diagnostics().status`).
 *
 * @example
 * ```ts
 * import type { ShellStatus } from 'cec-bar-host/protocol';
 * const usable: readonly ShellStatus[] = ['loaded', 'bar-reloaded'];
 * ```
 */
export type ShellStatus =
  /** The bar script and its frame are loading. */
  | 'loading'
  /** The bar loaded; commands can be sent. */
  | 'loaded'
  /** CEC's bar loader refused the token (the host raises `AUTH_REJECTED`). */
  | 'token-rejected'
  /** The bar script or frame failed, or timed out (the host raises `LOAD_FAILED`). */
  | 'bar-failed'
  /** CEC's `ccbarclient` frame reloaded by itself; its subscriptions were sent again. */
  | 'bar-reloaded';
/** Compiles only when ShellStatus lists exactly SHELL_STATUSES (it is written out for its documentation). */
type ShellStatusesListed<Same extends true> = Same;
type ShellStatusCheck = ShellStatusesListed<[ShellStatus] extends [(typeof SHELL_STATUSES)[number]] ? ([(typeof SHELL_STATUSES)[number]] extends [ShellStatus] ? true : false) : false>;

const errorSchema = /* @__PURE__ */ (() => z.object({
  /** A `BarErrorCode` such as `NOT_READY`. */
  code: z.string().check(z.maxLength(64)),
  /** For people. */
  message: z.string().check(z.maxLength(2048)),
}))();

/** Both directions keep their schemas in a kind → schema record; the union is for typing and reference. */
type SchemasByKind = Record<string, z.ZodMiniObject>;

function unionOf<Schemas extends SchemasByKind>(schemas: Schemas) {
  return z.union(Object.values(schemas) as [Schemas[keyof Schemas], ...Schemas[keyof Schemas][]]);
}

// --- host → shell -------------------------------------------------------------------------

const commandBase = builtOnFirstUse(() => ({
  /** {@link BRIDGE_VERSION}. */
  v: z.literal(BRIDGE_VERSION),
  /** The mount's session id. */
  sessionId: sessionIdSchema,
  /** The command's id: the shell's `reply` carries it back. */
  id: idSchema,
}));
/** Each host command's schema, by kind. */
const hostCommandSchemas = builtOnFirstUse(() => ({
  callout: z.object({
    ...commandBase(),
    /** Dial `number`. */
    kind: z.literal('callout'),
    /** 1-24 of `0-9*#`. */
    number: z.string().check(z.regex(DIALABLE_NUMBER)),
    /** The call's media. */
    media: z.literal(['audio', 'video']),
  }),
  replay: z.object({
    ...commandBase(),
    /** Send the buffered CEC events again. */
    kind: z.literal('replay'),
    /** Resend events from this sequence number on. */
    fromSeq: z.number().check(z.multipleOf(1), z.gte(0)),
  }),
  subscribe: z.object({
    ...commandBase(),
    /** Subscribe the bar to `events`. */
    kind: z.literal('subscribe'),
    /** The CEC event names. */
    events: eventNamesSchema(),
  }),
  ping: z.object({
    ...commandBase(),
    /** Ask for a reply, to see that the shell is alive. */
    kind: z.literal('ping'),
  }),
  checkMedia: z.object({
    ...commandBase(),
    /** Run the media preflight; the reply's `result` is a `MediaCheck`. */
    kind: z.literal('checkMedia'),
  }),
}));
/**
 * Every host command. A plain union (not `discriminatedUnion`, which costs ~0.5 KB gz of the host
 * budget); `parseHostCommand` dispatches on `kind` itself for precise errors.
 *
 * @example
 * ```ts
 * import { hostCommandSchema } from 'cec-bar-host/protocol';
 * const valid = hostCommandSchema.safeParse({ v: 1, sessionId: 'a'.repeat(32), id: 'c1', kind: 'ping' }).success;
 * ```
 */
export const hostCommandSchema = /* @__PURE__ */ (() => unionOf(hostCommandSchemas()))();
/**
 * A command from the host to the shell, discriminated on `kind`.
 *
 * @example
 * ```ts
 * import type { HostCommand } from 'cec-bar-host/protocol';
 * const dial: HostCommand = { v: 1, sessionId: 'a'.repeat(32), id: 'c1', kind: 'callout', number: '13800138000', media: 'audio' };
 * ```
 */
export type HostCommand = z.infer<typeof hostCommandSchema>;
/**
 * The `kind` of a {@link HostCommand}.
 *
 * @example
 * ```ts
 * import type { HostCommandKind } from 'cec-bar-host/protocol';
 * const answeredAtOnce: readonly HostCommandKind[] = ['ping', 'replay', 'subscribe'];
 * ```
 */
export type HostCommandKind = HostCommand['kind'];

// --- shell → host -------------------------------------------------------------------------

// Whole numbers are `multipleOf(1)`, not zod's `int` schema: that adds ~420 B gz to the host bundle
// (its number-format check and range table; measured against the 15 KB ceiling) for a safe-integer
// bound no field here needs.
const messageBase = /* @__PURE__ */ (() => ({
  /** {@link BRIDGE_VERSION}. */
  v: z.literal(BRIDGE_VERSION),
  /** The mount's session id. */
  sessionId: sessionIdSchema,
  /** The shell page instance: a reloaded shell has a new one and starts `seq` over. */
  shellId: idSchema,
  /** 1, 2, 3… per shell page: the host drops replayed and reordered messages by it. ≥ 1 is checked by `parseShellMessage`. */
  seq: z.number().check(z.multipleOf(1)),
}))();

/** The relayed CEC event is re-validated by the host with `parseCecEvent` (see `parseShellMessage`). */
const cecRelaySchema = /* @__PURE__ */ (() => z.object({
  ...messageBase,
  /** A CEC event from the bar. */
  kind: z.literal('cec'),
  /** true when sent again in answer to a `replay` command. */
  replay: z.optional(z.literal([true, false])),
  /** ms since epoch when the shell received it from the bar. */
  at: z.number(),
  /** A `CecEvent`; validated by `parseCecEvent` in `parseShellMessage`, not here. */
  event: z.looseObject({}),
}))();

const statusSchema = /* @__PURE__ */ (() => z.object({
  ...messageBase,
  /** The shell's status changed. */
  kind: z.literal('status'),
  /** The new {@link ShellStatus}. */
  status: z.literal(SHELL_STATUSES),
  /** Why, for `token-rejected` and `bar-failed`. */
  detail: z.optional(z.string().check(z.maxLength(2048))),
}))();

const replySchema = /* @__PURE__ */ (() => z.object({
  ...messageBase,
  /** The answer to a host command. */
  kind: z.literal('reply'),
  /** The command's id. */
  id: idSchema,
  /** The command was carried out. */
  ok: z.literal([true, false]),
  /** What the command produced (a `MediaCheck` for `checkMedia`). */
  result: z.optional(z.unknown()),
  /** Why the command was refused. */
  error: z.optional(errorSchema),
}))();

const logSchema = /* @__PURE__ */ (() => z.object({
  ...messageBase,
  /** A line for the host's `logger`. */
  kind: z.literal('log'),
  /** The logger method it goes to. */
  level: z.literal(['debug', 'info', 'warn', 'error']),
  /** The line (redacted by the shell). */
  message: z.string().check(z.maxLength(2048)),
}))();

/** Counters of what the shell itself refused from the bar, sent now and then. */
const shellStatsSchema = /* @__PURE__ */ (() => z.object({
  ...messageBase,
  /** The shell's own counters. */
  kind: z.literal('stats'),
  /** reason → count; values checked in `parseShellMessage` (a zod record costs ~0.7 KB gz). */
  rejected: z.looseObject({}),
  /** CEC events relayed to the host so far. */
  relayed: z.number().check(z.multipleOf(1)),
}))();

/** Each shell message's schema, by kind. */
const SHELL_MESSAGE_SCHEMAS = { cec: cecRelaySchema, status: statusSchema, reply: replySchema, log: logSchema, stats: shellStatsSchema };
/**
 * Every shell message (typing and reference); `parseShellMessage` dispatches on `kind` itself.
 *
 * @example
 * ```ts
 * import { parseShellMessage } from 'cec-bar-host/protocol';
 * const result = parseShellMessage(message.data); // checks size and version too, unlike the schema alone
 * ```
 */
export const shellMessageSchema = /* @__PURE__ */ unionOf(SHELL_MESSAGE_SCHEMAS);

/**
 * A `cec` shell message: a CEC event the shell relayed from the bar, validated again by the host.
 * @interface
 */
export type ShellCecMessage = Omit<z.infer<typeof cecRelaySchema>, 'event'> & {
  /** The relayed CEC event, validated again by the host. */
  readonly event: CecEvent;
};
/**
 * A `stats` shell message: the shell's own counters.
 * @interface
 */
export type ShellStatsMessage = Omit<z.infer<typeof shellStatsSchema>, 'rejected'> & {
  /** Reason → how many messages from the bar the shell refused for it. */
  readonly rejected: Readonly<Record<string, number>>;
};
/**
 * A `status` shell message: the shell's {@link ShellStatus} changed.
 * @interface
 */
export type ShellStatusMessage = z.infer<typeof statusSchema>;
/**
 * A `reply` shell message: the answer to a {@link HostCommand}.
 * @interface
 */
export type ShellReplyMessage = z.infer<typeof replySchema>;
/**
 * A `log` shell message: a line for the host's `logger`.
 * @interface
 */
export type ShellLogMessage = z.infer<typeof logSchema>;

/**
 * A validated shell message, discriminated on `kind`; a `cec` relay carries a fully validated `CecEvent`.
 *
 * @example
 * ```ts
 * import { parseShellMessage } from 'cec-bar-host/protocol';
 * const result = parseShellMessage(message.data);
 * if (result.ok && result.message.kind === 'status') console.log('shell is', result.message.status);
 * ```
 */
export type ShellMessage = ShellCecMessage | ShellStatusMessage | ShellReplyMessage | ShellLogMessage | ShellStatsMessage;
/**
 * The `kind` of a {@link ShellMessage}.
 *
 * @example
 * ```ts
 * import type { ShellMessageKind } from 'cec-bar-host/protocol';
 * const counted: Record<ShellMessageKind, number> = { cec: 0, status: 0, reply: 0, log: 0, stats: 0 };
 * ```
 */
export type ShellMessageKind = ShellMessage['kind'];

/**
 * Why a bridge message was refused; `bar.diagnostics().rejected` counts each reason separately.
 * The host checks in this order and counts a message once, under the first check it fails.
 *
 * @example
 * ```ts
 * const { rejected } = bar.diagnostics();
 * if (rejected.origin > 0) console.warn('messages from foreign origins were dropped:', rejected.origin);
 * ```
 */
export type RejectReason =
  /** The message came from an origin other than the shell's (an attack, an extension, the CRM's own frames). */
  | 'origin'
  /** The shell's origin, but not the host's shell window (a second bar on the page, a stale shell). */
  | 'source'
  /** Not a well-formed bridge message of a known kind, or its fields are wrong. */
  | 'shape'
  /** Longer than {@link MAX_BRIDGE_MESSAGE_CHARS} or nested too deeply. */
  | 'size'
  /** Another {@link BRIDGE_VERSION}. */
  | 'version'
  /** Another mount's session id, or another shell page's id. */
  | 'session'
  /** Repeats or goes back in the sequence (a replay). */
  | 'sequence';

/**
 * A refused bridge message and why.
 *
 * @example
 * ```ts
 * import { parseHostCommand, type BridgeRefusal } from 'cec-bar-host/protocol';
 * const result = parseHostCommand({ kind: 'ping' });
 * const refusal: BridgeRefusal | undefined = result.ok ? undefined : result;
 * ```
 */
export type BridgeRefusal = {
  /** Refused. */
  readonly ok: false;
  /** Which check it failed. */
  readonly reason: RejectReason;
  /** One line for people. */
  readonly error: string;
};

/**
 * What every bridge parser returns: the value under its own name (`message`, `command`, `config`),
 * or why it was refused.
 *
 * @example
 * ```ts
 * import { parseHostCommand, type BridgeParseResult, type HostCommand } from 'cec-bar-host/protocol';
 * const result: BridgeParseResult<'command', HostCommand> = parseHostCommand(message.data);
 * if (result.ok) console.log(result.command.kind);
 * else console.warn(result.reason, result.error);
 * ```
 */
export type BridgeParseResult<Name extends string, Value> =
  | ({
      /** Valid: the value is under `Name`. */
      readonly ok: true;
    } & { readonly [Key in Name]: Value })
  | BridgeRefusal;
/**
 * What {@link parseShellMessage} returns.
 *
 * @example
 * ```ts
 * import { parseShellMessage, type ShellMessageParseResult } from 'cec-bar-host/protocol';
 * const result: ShellMessageParseResult = parseShellMessage(message.data);
 * ```
 */
export type ShellMessageParseResult = BridgeParseResult<'message', ShellMessage>;
/**
 * What {@link parseHostCommand} returns.
 *
 * @example
 * ```ts
 * import { parseHostCommand, type HostCommandParseResult } from 'cec-bar-host/protocol';
 * const result: HostCommandParseResult = parseHostCommand(message.data);
 * ```
 */
export type HostCommandParseResult = BridgeParseResult<'command', HostCommand>;
/**
 * What {@link parseShellConfig} returns.
 *
 * @example
 * ```ts
 * import { parseShellConfig, type ShellConfigParseResult } from 'cec-bar-host/protocol';
 * const result: ShellConfigParseResult = parseShellConfig(message.data);
 * ```
 */
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
 * receiver's checks, done before this). A relayed CEC event is validated again with
 * `parseCecEvent`. Never throws.
 *
 * @param data - The data of a postmate `shellMessage` emit.
 * @example
 * ```ts
 * import { parseShellMessage } from 'cec-bar-host/protocol';
 * const result = parseShellMessage(message.data);
 * if (result.ok && result.message.kind === 'cec') console.log(result.message.event.eventType);
 * ```
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
  // By hand, not with the schema's z.gte(1): zod's greater-than check alone cost 147 B gz of the host bundle.
  if (msg.seq < 1) return { ok: false, reason: 'shape', error: 'seq: expected ≥ 1' };
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

/**
 * Validate a host command as the shell receives it. Never throws.
 *
 * @param data - The argument of the shell's `hostCommand` method.
 * @example
 * ```ts
 * import { parseHostCommand } from 'cec-bar-host/protocol';
 * const result = parseHostCommand({ v: 1, sessionId: 'a'.repeat(32), id: 'c1', kind: 'ping' });
 * console.log(result.ok); // true
 * ```
 */
export function parseHostCommand(data: unknown): HostCommandParseResult {
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'shape', error: 'not an object' };
  if ((data as { v?: unknown }).v !== BRIDGE_VERSION) return { ok: false, reason: 'version', error: 'unsupported bridge version' };
  const parsed = parseByKind(hostCommandSchemas(), data as object);
  return parsed.ok ? { ok: true, command: parsed.value } : parsed;
}

/**
 * Validate the handshake config as the shell receives it. Never throws.
 *
 * @param data - postmate's handshake model.
 * @example
 * ```ts
 * import { parseShellConfig } from 'cec-bar-host/protocol';
 * const result = parseShellConfig(message.data);
 * if (!result.ok) console.warn('bad handshake:', result.error);
 * ```
 */
export function parseShellConfig(data: unknown): ShellConfigParseResult {
  const r = shellConfig().safeParse(data);
  if (!r.success) return { ok: false, reason: 'shape', error: formatIssues(r.error.issues) };
  return { ok: true, config: r.data };
}

/**
 * A random hex id of the shape `sessionId` and `shellId` use (WebCrypto; browser and Node ≥ 19).
 *
 * @param bytes - Random bytes; the id has twice as many characters.
 * @example
 * ```ts
 * import { randomId } from 'cec-bar-host/protocol';
 * const sessionId = randomId(); // 32 hex characters
 * ```
 */
export function randomId(bytes = 16): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  let s = '';
  for (const b of buf) s += b.toString(16).padStart(2, '0');
  return s;
}
