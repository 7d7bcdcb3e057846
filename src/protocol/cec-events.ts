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
/** The fields `normaliseNumbers` makes numbers; `CecEventContent` narrows the same names (spelt out there for the API reference). */
const NUMERIC_FIELDS = new Set(['feature', 'mediaAbility', 'skillId', 'mediaType', 'releaseAndReQueueCount', 'reason', 'phoneState']);

function normaliseNumbers(content: unknown): unknown {
  if (typeof content !== 'object' || content === null) return content;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(content)) out[k] = NUMERIC_FIELDS.has(k) && typeof v === 'string' ? Number(v) : v;
  return out;
}
// 1-64 characters (code units, as `length` counts them) in one regex: the host bundle then needs no
// min-length check class of zod's (-61 B gz).
const callIdSchema = z.string().check(z.regex(/^[\s\S]{1,64}$/));
const phoneSchema = z.string().check(z.maxLength(64));
const partySchema = z.optional(phoneSchema);

/** The call and its parties, as talking and ringing-style events carry them. */
const callPartiesShape = {
  /** The calling number (the customer's on an inbound call); up to 64 characters. */
  caller: partySchema,
  /** The called number (the customer's on an outbound call); up to 64 characters. */
  called: partySchema,
  /** CEC's call id, such as `"1456404043-37"`: the same call carries the same id in every event. */
  callid: callIdSchema,
  /** `main` for the agent's own call, `assistant` for a call the agent assists in. */
  type: z.optional(z.literal(['main', 'assistant'])),
  /** 0 inbound, 7 outbound, 43 predictive */
  feature: z.optional(intLike),
  /** 1 voice, 2 video, 3 both, 5 text, 6 H5 video */
  mediaAbility: z.optional(intLike),
};

/**
 * Ringing-style content: `AgentEvent_Ringing`, `AgentEvent_Auto_Answer`, `AgentOther_PhoneAlerting`
 * (docs/cec-reference.md §2.4).
 *
 * @example
 * ```ts
 * import { ringingContentSchema } from 'cec-bar-host/protocol';
 * const content = ringingContentSchema.safeParse({ caller: '13800138000', callid: '1456404043-37', transfer: 'no' });
 * if (content.success) console.log(content.data.callid);
 * ```
 */
export const ringingContentSchema = z.object({
  ...callPartiesShape,
  /** `yes` when the call was transferred to this agent. */
  transfer: z.optional(z.literal(['yes', 'no'])),
  /** Where a transferred call came from (CEC's spelling); empty or null otherwise. */
  transfrom: z.optional(z.union([z.string().check(z.maxLength(64)), z.literal(null)])),
});

/**
 * `AgentEvent_Talking` content: the call is connected (docs/cec-reference.md §2.4).
 *
 * @example
 * ```ts
 * bar.on('cec', (event) => {
 *   if (event.eventType === 'AgentEvent_Talking') console.log('talking on', event.content.callid, event.content.mediaAbility);
 * });
 * ```
 */
export const talkingContentSchema = z.object(callPartiesShape);

/**
 * `AgentEvent_Incoming_CallInfo` content: the queue and skill behind an inbound call.
 *
 * @example
 * ```ts
 * bar.on('cec', (event) => {
 *   if (event.eventType === 'AgentEvent_Incoming_CallInfo') console.log(event.content.skillName, event.content.releaseAndReQueueCount);
 * });
 * ```
 */
export const incomingCallInfoContentSchema = z.object({
  /** CEC's call id (spelled `callId` in this event only). */
  callId: callIdSchema,
  /** The skill queue the call came through. */
  skillName: z.optional(z.string().check(z.maxLength(256))),
  /** That skill's id (a digit string on the wire is made a number). */
  skillId: z.optional(intLike),
  /** The calling number. */
  caller: partySchema,
  /** The called number (the hotline). */
  called: partySchema,
  /** CEC's media type code of the call. */
  mediaType: z.optional(intLike),
  /** The agent that last released this call back to the queue, if any. */
  lastReleaseAgentId: z.optional(z.union([z.string().check(z.maxLength(64)), z.number().check(z.multipleOf(1))])),
  /** How many times the call was released and queued again. */
  releaseAndReQueueCount: z.optional(intLike),
  /** Whether the call was released and queued again (CEC sends a string, number or boolean). */
  releaseAndReQueueCallFlag: z.optional(z.union([z.string().check(z.maxLength(64)), z.number().check(z.multipleOf(1)), z.literal([true, false])])),
});

/**
 * `AgentEvent_Customer_Alerting` content: on an outbound call, the customer's phone rings.
 *
 * @example
 * ```ts
 * bar.on('cec', (event) => {
 *   if (event.eventType === 'AgentEvent_Customer_Alerting') console.log('ringing at', event.content.otherPhone);
 * });
 * ```
 */
export const customerAlertingContentSchema = z.object({
  /** CEC's call id. */
  callid: callIdSchema,
  /** The customer's number, or the called agent's id on an internal call. */
  otherPhone: partySchema,
  /** The called agent's work number on an internal call. */
  otherPhoneWorkno: z.optional(z.union([z.string().check(z.maxLength(64)), z.number().check(z.multipleOf(1))])),
  /** `main` for the agent's own call, `assistant` for a call the agent assists in. */
  type: z.optional(z.literal(['main', 'assistant'])),
});

/**
 * `AgentEvent_Customer_Release` content: the customer hung up.
 *
 * @example
 * ```ts
 * bar.on('cec', (event) => {
 *   if (event.eventType === 'AgentEvent_Customer_Release') console.log('customer left', event.content.callid);
 * });
 * ```
 */
export const customerReleaseContentSchema = z.object({
  /** CEC's call id. */
  callid: callIdSchema,
  /** The customer's number. */
  number: partySchema,
});

/**
 * `AgentState_SetNotReady_Success` content: why the agent is now busy (not ready).
 *
 * @example
 * ```ts
 * bar.on('cec', (event) => {
 *   if (event.eventType === 'AgentState_SetNotReady_Success' && event.content.reason === 2) crm.toast('Busy: a call went unanswered');
 * });
 * ```
 */
export const setNotReadyContentSchema = z.object({
  /** 1 busy, 2 no answer, 3 inspector, 4 rest, 5 phone unavailable, 7 rejected, 200-250 custom */
  reason: intLike,
});

/**
 * `AgentOther_PhoneRelease` content: the agent's phone was released.
 *
 * @example
 * ```ts
 * bar.on('cec', (event) => {
 *   if (event.eventType === 'AgentOther_PhoneRelease' && event.content.phoneState === 3) crm.toast('The platform released your phone');
 * });
 * ```
 */
export const phoneReleaseContentSchema = z.object({
  /** 2 released by agent, 3 by platform */
  phoneState: intLike,
});

/**
 * State events whose content CEC does not document. Not documented by CEC; chosen here:
 * accept null/absent, a short string, or an object of scalar fields (kept as given).
 */
const undocumentedContentSchema = z.optional(
  // The object's values are checked by `isScalarRecord` in parseCecEvent: a zod record costs
  // ~0.7 KB gz of the host's 15 KB budget.
  z.union([z.string().check(z.maxLength(1024)), z.looseObject({}), z.literal(null)]),
);
const nullContentSchema = z.optional(z.literal(null));
const callIdContentSchema = callIdSchema;

/**
 * Event types and their content schemas: the single table the {@link CecEvent} union is built from
 * (docs/cec-reference.md §2.3-2.4). Content CEC does not document is accepted as null, a short
 * string, or an object of scalar fields.
 *
 * @example
 * ```ts
 * import { CEC_EVENT_CONTENT } from 'cec-bar-host/protocol';
 * const ok = CEC_EVENT_CONTENT.AgentEvent_Customer_Release.safeParse({ callid: '1456404043-37', number: '13800138000' }).success;
 * ```
 */
export const CEC_EVENT_CONTENT = {
  /** The agent is handling a call (content not documented by CEC). */
  AgentState_Busy: undocumentedContentSchema,
  /** The agent entered wrap-up (content not documented by CEC). */
  AgentState_Work: undocumentedContentSchema,
  /** The agent is idle (content not documented by CEC). */
  AgentState_Ready: undocumentedContentSchema,
  /** The agent entered busy (not ready), with a `reason`. */
  AgentState_SetNotReady_Success: setNotReadyContentSchema,
  /** The agent left busy (content not documented by CEC). */
  AgentState_CancelNotReady_Success: undocumentedContentSchema,
  /** A rest was granted (content not documented by CEC). */
  AgentState_SetRest_Success: undocumentedContentSchema,
  /** The rest was cancelled (content not documented by CEC). */
  AgentState_CancelRest_Success: undocumentedContentSchema,
  /** A reminder that the rest has run over; the agent is still resting. Content `null`. */
  AgentState_Rest_Timeout: nullContentSchema,
  /** The agent entered the work state (content not documented by CEC). */
  AgentState_SetWork_Success: undocumentedContentSchema,
  /** The agent left the work state (content not documented by CEC). */
  AgentState_CancelWork_Success: undocumentedContentSchema,
  /** A call is connected. */
  AgentEvent_Talking: talkingContentSchema,
  /** Outbound: the customer's phone rings. */
  AgentEvent_Customer_Alerting: customerAlertingContentSchema,
  /** An outbound call failed; content is the call id as a bare string. */
  AgentEvent_Call_Out_Fail: callIdContentSchema,
  /** The call ended; content is the call id as a bare string. */
  AgentEvent_Call_Release: callIdContentSchema,
  /** The customer hung up. */
  AgentEvent_Customer_Release: customerReleaseContentSchema,
  /** Inbound: the agent's phone rings (read with the `AgentEvent_Ringing` fields). */
  AgentOther_PhoneAlerting: ringingContentSchema,
  /** Inbound: a call is offered to the agent (gateway event). */
  AgentEvent_Ringing: ringingContentSchema,
  /** Inbound: a call was answered automatically (gateway event). */
  AgentEvent_Auto_Answer: ringingContentSchema,
  /** Inbound: the queue and skill behind the call (gateway event). */
  AgentEvent_Incoming_CallInfo: incomingCallInfoContentSchema,
  /** The call was put on hold; content is the call id as a bare string (gateway event). */
  AgentEvent_Hold: callIdContentSchema,
  /** The agent signed in and is in service. Content `null`. */
  AgentOther_InService: nullContentSchema,
  /** The agent's phone was released, with a `phoneState`. */
  AgentOther_PhoneRelease: phoneReleaseContentSchema,
} as const;

/**
 * Every CEC event type this version validates (a key of {@link CEC_EVENT_CONTENT}).
 *
 * @example
 * ```ts
 * import { mountConnectionBar, type KnownCecEventType } from 'cec-bar-host';
 * const callEvents: readonly KnownCecEventType[] = ['AgentEvent_Talking', 'AgentEvent_Call_Release'];
 * mountConnectionBar({ ...options, events: callEvents });
 * ```
 */
export type KnownCecEventType = keyof typeof CEC_EVENT_CONTENT;
/**
 * The keys of {@link CEC_EVENT_CONTENT}, as an array.
 *
 * @example
 * ```ts
 * import { KNOWN_CEC_EVENT_TYPES } from 'cec-bar-host/protocol';
 * const isKnown = (type: string) => (KNOWN_CEC_EVENT_TYPES as readonly string[]).includes(type);
 * ```
 */
export const KNOWN_CEC_EVENT_TYPES = Object.keys(CEC_EVENT_CONTENT) as KnownCecEventType[];

/**
 * The events a page may subscribe to through `eventpost` (docs/cec-reference.md §2.3).
 *
 * @example
 * ```ts
 * import { mountConnectionBar } from 'cec-bar-host';
 * import { SUBSCRIBABLE_CEC_EVENTS } from 'cec-bar-host/protocol';
 * mountConnectionBar({ ...options, events: SUBSCRIBABLE_CEC_EVENTS });
 * ```
 */
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

/**
 * What `mountConnectionBar` subscribes to when `events` is left out: every documented event plus
 * the gateway ones the bar can forward (all of {@link KNOWN_CEC_EVENT_TYPES}).
 *
 * @example
 * ```ts
 * import { mountConnectionBar } from 'cec-bar-host';
 * import { DEFAULT_SUBSCRIBED_EVENTS } from 'cec-bar-host/protocol';
 * mountConnectionBar({ ...options, events: DEFAULT_SUBSCRIBED_EVENTS.filter((type) => type !== 'AgentEvent_Hold') });
 * ```
 */
export const DEFAULT_SUBSCRIBED_EVENTS: readonly KnownCecEventType[] = KNOWN_CEC_EVENT_TYPES;

/**
 * The validated `content` of a known event type: its schema's output, with the numeric fields CEC
 * sometimes sends as digit strings (`feature`, `mediaAbility`, `skillId`, `reason`, …) made numbers.
 *
 * @example
 * ```ts
 * import type { CecEventContent } from 'cec-bar-host';
 * const describeTalk = (content: CecEventContent<'AgentEvent_Talking'>) => `${content.caller ?? '?'} → ${content.called ?? '?'}`;
 * ```
 */
export type CecEventContent<K extends KnownCecEventType> =
  z.infer<(typeof CEC_EVENT_CONTENT)[K]> extends infer Content
    ? Content extends object
      ? {
          readonly [Field in keyof Content]: Field extends 'feature' | 'mediaAbility' | 'skillId' | 'mediaType' | 'releaseAndReQueueCount' | 'reason' | 'phoneState'
            ? Exclude<Content[Field], string>
            : Content[Field];
        }
      : Content
    : never;

/**
 * A validated, known CEC event. `workNo` is always a string.
 *
 * @example
 * ```ts
 * import type { KnownCecEvent } from 'cec-bar-host';
 * const callIdOf = (event: KnownCecEvent) => (event.eventType === 'AgentEvent_Talking' ? event.content.callid : undefined);
 * ```
 */
export type KnownCecEvent = {
  [K in KnownCecEventType]: {
    /** The event type; narrows `content`. */
    readonly eventType: K;
    /** The agent's work number, as a string (`''` when CEC sent none). */
    readonly workNo: string;
    /** The validated content of this event type. */
    readonly content: CecEventContent<K>;
    /** CEC's free-text `message`, usually `success`. */
    readonly message?: string;
  };
}[KnownCecEventType];

/**
 * An event whose type this version does not know; passed through, never dropped.
 *
 * @example
 * ```ts
 * bar.on('cec', (event) => {
 *   if (event.eventType === 'unknown') console.info('new CEC event', event.rawEventType, event.content);
 * });
 * ```
 */
export interface UnknownCecEvent {
  /** Always `unknown`; the real type is in `rawEventType`. */
  readonly eventType: 'unknown';
  /** The `eventType` CEC sent. */
  readonly rawEventType: string;
  /** The agent's work number, as a string (`''` when CEC sent none). */
  readonly workNo: string;
  /** The content as CEC sent it (`null` when absent); not validated. */
  readonly content: unknown;
  /** CEC's free-text `message`. */
  readonly message?: string;
}

/**
 * Every CEC event, discriminated on `eventType` (what the bar's `cec` event carries).
 *
 * @example
 * ```ts
 * import type { CecEvent } from 'cec-bar-host';
 * const log: CecEvent[] = [];
 * bar.on('cec', (event) => log.push(event));
 * ```
 */
export type CecEvent = KnownCecEvent | UnknownCecEvent;
/**
 * The known event of one type.
 *
 * @example
 * ```ts
 * import type { CecEventOf } from 'cec-bar-host';
 * const onRelease = (event: CecEventOf<'AgentEvent_Customer_Release'>) => console.log(event.content.number);
 * ```
 */
export type CecEventOf<K extends KnownCecEventType> = Extract<
  KnownCecEvent,
  {
    /** The event type to pick. */
    eventType: K;
  }
>;

const eventTypeSchema = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,127}$/));

const envelopeSchema = z.object({
  event: z.object({
    eventType: eventTypeSchema,
    workNo: z.optional(z.union([workNoSchema, z.literal(null)])),
    content: z.optional(z.unknown()),
  }),
  message: z.optional(z.union([z.string().check(z.maxLength(4096)), z.literal(null)])),
});

/**
 * What {@link parseCecEvent} returns.
 *
 * @example
 * ```ts
 * import { parseCecEvent } from 'cec-bar-host/protocol';
 * const result = parseCecEvent(message.data);
 * if (!result.ok) console.warn(result.reason, result.error);
 * ```
 */
export type CecEventParseResult =
  | {
      /** Valid. */
      readonly ok: true;
      /** The validated event. */
      readonly event: CecEvent;
      /** False when the event type is not one of {@link KNOWN_CEC_EVENT_TYPES} (`event` is then an {@link UnknownCecEvent}). */
      readonly known: boolean;
    }
  | {
      /** Refused. */
      readonly ok: false;
      /** `json`: not JSON; `size`: too long or too deep; `shape`: not a CEC event, or bad content. */
      readonly reason: 'json' | 'size' | 'shape';
      /** One line for people. */
      readonly error: string;
    };

/**
 * Largest CEC message accepted, as JSON text (64 KiB). Not documented by CEC; chosen here.
 *
 * @example
 * ```ts
 * import { MAX_CEC_MESSAGE_CHARS } from 'cec-bar-host/protocol';
 * const tooLong = typeof message.data === 'string' && message.data.length > MAX_CEC_MESSAGE_CHARS;
 * ```
 */
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
 * @param data - A `message` event's data.
 * @example
 * ```ts
 * import { parseCecEvent } from 'cec-bar-host/protocol';
 * const result = parseCecEvent(message.data);
 * if (result.ok && result.event.eventType === 'AgentEvent_Talking') console.log(result.event.content.callid);
 * ```
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
 * An event as the bar posts it (docs/cec-reference.md §2.2), before validation.
 *
 * @example
 * ```ts
 * import { cecEventEnvelope, type CecEventEnvelope } from 'cec-bar-host/protocol';
 * const ready: CecEventEnvelope<'AgentState_Ready'> = cecEventEnvelope('AgentState_Ready', '101', null);
 * ```
 */
export interface CecEventEnvelope<K extends KnownCecEventType> {
  /** The event itself. */
  event: {
    /** The event type. */
    eventType: K;
    /** The agent's work number. */
    workNo: string;
    /** The content, as CEC sends it. */
    content: unknown;
  };
  /** CEC's free-text message, usually `success`. */
  message: string;
}

/**
 * Build the wire envelope for an event, exactly as the bar posts it (used by the mock bar and tests).
 *
 * @param eventType - A known event type.
 * @param workNo - The agent's work number.
 * @param content - The content, as CEC sends it (digit strings allowed where CEC sends them).
 * @param message - CEC's free-text message.
 * @example
 * ```ts
 * import { cecEventEnvelope } from 'cec-bar-host/protocol';
 * frame.postMessage(JSON.stringify(cecEventEnvelope('AgentState_Ready', '101', null)), cecOrigin);
 * ```
 */
export function cecEventEnvelope<K extends KnownCecEventType>(
  eventType: K,
  workNo: string,
  content: z.input<(typeof CEC_EVENT_CONTENT)[K]>,
  message = 'success',
): CecEventEnvelope<K> {
  return { event: { eventType, workNo, content: content ?? null }, message };
}
