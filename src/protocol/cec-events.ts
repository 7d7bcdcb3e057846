/**
 * CEC events, bar → page: `{ event: { eventType, workNo, content }, message }` (docs/cec-reference.md §2.2).
 * The data may arrive as a JSON string or an object; both are accepted.
 * Known event types get a strict `content` schema; unknown ones pass through as the
 * `unknown` variant so that a CEC upgrade never breaks a CRM.
 */
import { z, formatIssues } from './zod.js';
import { parseJsonBounded } from './json.js';

/**
 * Numbers that CEC documents as integers; real gateways sometimes send them as digit strings.
 * Accepted in both forms and normalised to numbers by `parseCecEvent` (see NUMERIC_FIELDS).
 * (No zod pipe/transform here: it costs bundle size the host budget cannot spare.)
 */
const intLike = z.union([z.number().check(z.multipleOf(1)), z.string().check(z.regex(/^-?\d{1,9}$/))]);
/** workNo is an int 101-59999 in the Fabric API, a string in gateway events: normalised to a string. */
const workNoSchema = z.union([z.number().check(z.multipleOf(1)), z.string().check(z.regex(/^\d{0,9}$/))]);
const NUMERIC_FIELDS = new Set(['feature', 'mediaAbility', 'skillId', 'mediaType', 'releaseAndReQueueCount', 'reason', 'phoneState']);
type NumericField = 'feature' | 'mediaAbility' | 'skillId' | 'mediaType' | 'releaseAndReQueueCount' | 'reason' | 'phoneState';
/** The parsed type with intLike fields narrowed to number (what `normaliseNumbers` guarantees). */
type Normalised<T> = T extends object ? { readonly [K in keyof T]: K extends NumericField ? Exclude<T[K], string> : T[K] } : T;

function normaliseNumbers(content: unknown): unknown {
  if (typeof content !== 'object' || content === null) return content;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(content)) out[k] = NUMERIC_FIELDS.has(k) && typeof v === 'string' ? Number(v) : v;
  return out;
}
const callIdSchema = z.string().check(z.minLength(1), z.maxLength(64));
const phoneSchema = z.string().check(z.maxLength(64));
const partySchema = z.optional(phoneSchema);

/** The call and its parties, as talking and ringing-style events carry them. */
const callPartiesShape = {
  caller: partySchema,
  called: partySchema,
  callid: callIdSchema,
  type: z.optional(z.enum(['main', 'assistant'])),
  /** 0 inbound, 7 outbound, 43 predictive */
  feature: z.optional(intLike),
  /** 1 voice, 2 video, 3 both, 5 text, 6 H5 video */
  mediaAbility: z.optional(intLike),
};

/** Ringing-style content: AgentEvent_Ringing, AgentEvent_Auto_Answer, AgentOther_PhoneAlerting. */
export const ringingContentSchema = z.object({
  ...callPartiesShape,
  transfer: z.optional(z.enum(['yes', 'no'])),
  transfrom: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
});

export const talkingContentSchema = z.object(callPartiesShape);

export const incomingCallInfoContentSchema = z.object({
  callId: callIdSchema,
  skillName: z.optional(z.string().check(z.maxLength(256))),
  skillId: z.optional(intLike),
  caller: partySchema,
  called: partySchema,
  mediaType: z.optional(intLike),
  lastReleaseAgentId: z.optional(z.union([z.string().check(z.maxLength(64)), z.number().check(z.multipleOf(1))])),
  releaseAndReQueueCount: z.optional(intLike),
  releaseAndReQueueCallFlag: z.optional(z.union([z.string().check(z.maxLength(64)), z.number().check(z.multipleOf(1)), z.boolean()])),
});

export const customerAlertingContentSchema = z.object({
  callid: callIdSchema,
  otherPhone: partySchema,
  otherPhoneWorkno: z.optional(z.union([z.string().check(z.maxLength(64)), z.number().check(z.multipleOf(1))])),
  type: z.optional(z.enum(['main', 'assistant'])),
});

export const customerReleaseContentSchema = z.object({
  callid: callIdSchema,
  number: partySchema,
});

export const setNotReadyContentSchema = z.object({
  /** 1 busy, 2 no answer, 3 inspector, 4 rest, 5 phone unavailable, 7 rejected, 200-250 custom */
  reason: intLike,
});

export const phoneReleaseContentSchema = z.object({
  /** 2 released by agent, 3 by platform */
  phoneState: intLike,
});

/**
 * State events whose content CEC does not document. Not documented by CEC; chosen here:
 * accept null/absent, a short string, or an object of scalar fields (kept as given).
 */
const undocumentedContentSchema = z.optional(
  z.nullable(
    // The object's values are checked by `isScalarRecord` in parseCecEvent: a zod record costs
    // ~0.7 KB gz of the host's 15 KB budget.
    z.union([z.string().check(z.maxLength(1024)), z.looseObject({})]),
  ),
);
const nullContentSchema = z.optional(z.null());
const callIdContentSchema = callIdSchema;

/** Event types and their content schemas: the single table the union is built from. */
export const CEC_EVENT_CONTENT = {
  AgentState_Busy: undocumentedContentSchema,
  AgentState_Work: undocumentedContentSchema,
  AgentState_Ready: undocumentedContentSchema,
  AgentState_SetNotReady_Success: setNotReadyContentSchema,
  AgentState_CancelNotReady_Success: undocumentedContentSchema,
  AgentState_SetRest_Success: undocumentedContentSchema,
  AgentState_CancelRest_Success: undocumentedContentSchema,
  AgentState_Rest_Timeout: nullContentSchema,
  AgentState_SetWork_Success: undocumentedContentSchema,
  AgentState_CancelWork_Success: undocumentedContentSchema,
  AgentEvent_Talking: talkingContentSchema,
  AgentEvent_Customer_Alerting: customerAlertingContentSchema,
  AgentEvent_Call_Out_Fail: callIdContentSchema,
  AgentEvent_Call_Release: callIdContentSchema,
  AgentEvent_Customer_Release: customerReleaseContentSchema,
  AgentOther_PhoneAlerting: ringingContentSchema,
  AgentEvent_Ringing: ringingContentSchema,
  AgentEvent_Auto_Answer: ringingContentSchema,
  AgentEvent_Incoming_CallInfo: incomingCallInfoContentSchema,
  AgentEvent_Hold: callIdContentSchema,
  AgentOther_InService: nullContentSchema,
  AgentOther_PhoneRelease: phoneReleaseContentSchema,
} as const;

export type KnownCecEventType = keyof typeof CEC_EVENT_CONTENT;
export const KNOWN_CEC_EVENT_TYPES = Object.keys(CEC_EVENT_CONTENT) as KnownCecEventType[];

/** The events a page may subscribe to through `eventpost` (docs/cec-reference.md §2.3). */
export const SUBSCRIBABLE_CEC_EVENTS = [
  'AgentState_Busy',
  'AgentState_Work',
  'AgentState_Ready',
  'AgentState_SetNotReady_Success',
  'AgentState_CancelNotReady_Success',
  'AgentState_SetRest_Success',
  'AgentState_CancelRest_Success',
  'AgentState_Rest_Timeout',
  'AgentState_SetWork_Success',
  'AgentState_CancelWork_Success',
  'AgentEvent_Talking',
  'AgentEvent_Customer_Alerting',
  'AgentEvent_Call_Out_Fail',
  'AgentEvent_Call_Release',
  'AgentEvent_Customer_Release',
  'AgentOther_PhoneAlerting',
] as const satisfies readonly KnownCecEventType[];

/** What the library subscribes to by default: every documented event plus the gateway ones the bar can forward. */
export const DEFAULT_SUBSCRIBED_EVENTS: readonly KnownCecEventType[] = KNOWN_CEC_EVENT_TYPES;

type ContentOf<K extends KnownCecEventType> = Normalised<z.infer<(typeof CEC_EVENT_CONTENT)[K]>>;

/** A validated, known CEC event. `workNo` is always a string. */
export type KnownCecEvent = {
  [K in KnownCecEventType]: {
    readonly eventType: K;
    readonly workNo: string;
    readonly content: ContentOf<K>;
    readonly message?: string;
  };
}[KnownCecEventType];

/** An event whose type this version does not know; passed through, never dropped. */
export interface UnknownCecEvent {
  readonly eventType: 'unknown';
  readonly rawEventType: string;
  readonly workNo: string;
  readonly content: unknown;
  readonly message?: string;
}

/** Every CEC event, discriminated on `eventType`. */
export type CecEvent = KnownCecEvent | UnknownCecEvent;
export type CecEventOf<K extends KnownCecEventType> = Extract<KnownCecEvent, { eventType: K }>;

const eventTypeSchema = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z][A-Za-z0-9_]*$/));

const envelopeSchema = z.object({
  event: z.object({
    eventType: eventTypeSchema,
    workNo: z.optional(z.nullable(workNoSchema)),
    content: z.optional(z.unknown()),
  }),
  message: z.optional(z.nullable(z.string().check(z.maxLength(4096)))),
});

export type CecEventParseResult =
  | { readonly ok: true; readonly event: CecEvent; readonly known: boolean }
  | { readonly ok: false; readonly reason: 'json' | 'size' | 'shape'; readonly error: string };

/** Largest CEC message accepted, as JSON text. Not documented by CEC; chosen here. */
export const MAX_CEC_MESSAGE_CHARS = 64 * 1024;

/** Strings, objects of at most 64 scalar fields (strings ≤ 1024 chars), null or absent. */
function isScalarRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const entries = Object.entries(value);
  return entries.length <= 64 && entries.every(([, v]) => v === null || typeof v === 'boolean' || (typeof v === 'number' && isFinite(v)) || (typeof v === 'string' && v.length <= 1024));
}

function isKnown(type: string): type is KnownCecEventType {
  return Object.prototype.hasOwnProperty.call(CEC_EVENT_CONTENT, type);
}

/**
 * Validate one message from the bar (a JSON string or an object). Never throws.
 *
 * @example
 * const r = parseCecEvent(messageEvent.data);
 * if (r.ok && r.event.eventType === 'AgentEvent_Talking') console.log(r.event.content.callid);
 */
export function parseCecEvent(data: unknown): CecEventParseResult {
  let value: unknown = data;
  if (typeof data === 'string') {
    const parsed = parseJsonBounded(data, MAX_CEC_MESSAGE_CHARS);
    if (!parsed.ok) return { ok: false, reason: parsed.reason, error: parsed.error };
    value = parsed.value;
  }
  const env = envelopeSchema.safeParse(value);
  if (!env.success) return { ok: false, reason: 'shape', error: `not a CEC event: ${formatIssues(env.error.issues)}` };
  const { eventType, workNo, content } = env.data.event;
  const message = env.data.message ?? undefined;
  const base = { workNo: workNo == null ? '' : String(workNo), ...(message !== undefined ? { message } : {}) };
  if (!isKnown(eventType)) {
    const event: UnknownCecEvent = { eventType: 'unknown', rawEventType: eventType, content: content ?? null, ...base };
    return { ok: true, event, known: false };
  }
  const schema = CEC_EVENT_CONTENT[eventType];
  const parsedContent = schema.safeParse(content);
  if (!parsedContent.success) {
    return { ok: false, reason: 'shape', error: `${eventType} content: ${formatIssues(parsedContent.error.issues)}` };
  }
  if (schema === undocumentedContentSchema && !isScalarRecord(parsedContent.data)) {
    return { ok: false, reason: 'shape', error: `${eventType} content: values must be short strings, numbers, booleans or null` };
  }
  const event = { eventType, content: normaliseNumbers(parsedContent.data ?? null), ...base } as KnownCecEvent;
  return { ok: true, event, known: true };
}

/**
 * Build the wire envelope for an event, exactly as the bar posts it (used by the mock bar and tests).
 *
 * @example
 * bar.postMessage(cecEventEnvelope('AgentState_Ready', '101', null), parentOrigin);
 */
export function cecEventEnvelope<K extends KnownCecEventType>(
  eventType: K,
  workNo: string,
  content: z.input<(typeof CEC_EVENT_CONTENT)[K]>,
  message = 'success',
): { event: { eventType: K; workNo: string; content: unknown }; message: string } {
  return { event: { eventType, workNo, content: content ?? null }, message };
}
