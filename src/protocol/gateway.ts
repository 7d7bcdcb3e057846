/**
 * CC-Gateway wire (docs/cec-reference.md §5): what a bar sends to `/agentgateway/resource/` and gets back.
 * Shared by the mock gateway and the mock bar page.
 */
import { z } from './zod.js';
import { DIALABLE_NUMBER } from './cec-commands.js';

/**
 * Where the CC-Gateway's REST resources live on its host (§5.1).
 *
 * @example
 * ```ts
 * import { GATEWAY_BASE_PATH } from 'cec-bar-host/protocol';
 * const statusUrl = new URL(`${GATEWAY_BASE_PATH}onlineagent/101/agentstatus`, 'https://cec.example.com:8043');
 * ```
 */
export const GATEWAY_BASE_PATH = '/agentgateway/resource/';
/**
 * The request header that carries the agent's GUID on every call after sign-in (§5.1).
 *
 * @example
 * ```ts
 * import { GUID_HEADER, SET_GUID_HEADER } from 'cec-bar-host/protocol';
 * let guid = '';
 * const remember = (response: Response) => (guid = response.headers.get(SET_GUID_HEADER) ?? guid);
 * const headers = () => ({ [GUID_HEADER]: guid });
 * ```
 */
export const GUID_HEADER = 'Guid';
/**
 * The response header that hands out a new GUID: at sign-in, and now and then on an event poll (§5.1).
 *
 * @example
 * ```ts
 * import { SET_GUID_HEADER } from 'cec-bar-host/protocol';
 * const newGuid = (response: Response) => response.headers.get(SET_GUID_HEADER);
 * ```
 */
export const SET_GUID_HEADER = 'Set-GUID';

/**
 * The CC-Gateway's `retcode`s (§5.8): strings, `"0"` is success.
 *
 * @example
 * ```ts
 * import { GATEWAY_RETCODES, gatewayEnvelopeSchema } from 'cec-bar-host/protocol';
 * const reply = gatewayEnvelopeSchema.parse({ message: 'already signed in', retcode: '100-002' });
 * if (reply.retcode === GATEWAY_RETCODES.ALREADY_SIGNED_IN) console.log('offer a forced sign-in');
 * ```
 */
export const GATEWAY_RETCODES = {
  /** Success. */
  OK: '0',
  /** Bad parameter or address. */
  BAD_PARAMETER: '000-002',
  /** No permission; the agent's GUID may have expired. */
  NO_PERMISSION: '000-003',
  /** Sign-in parameters empty or invalid. */
  SIGNIN_PARAMS_INVALID: '100-001',
  /** Already signed in (elsewhere): a forced sign-in takes over. */
  ALREADY_SIGNED_IN: '100-002',
  /** Wrong user name or password. */
  WRONG_PASSWORD: '100-004',
  /** Not signed in, or a wrong or stale GUID. */
  NOT_SIGNED_IN: '100-006',
  /** Internal error during the operation. */
  INTERNAL_ERROR: '100-007',
  /** Already signed out. */
  ALREADY_SIGNED_OUT: '100-008',
  /** State change failed. */
  STATE_CHANGE_FAILED: '100-009',
  /** Answer failed. */
  ANSWER_FAILED: '200-002',
  /** No such call (a call-control failure; the mock's choice of `200-xxx`). */
  CALL_NOT_FOUND: '200-001',
  /** Another call-control failure (the mock's choice of `200-xxx`). */
  CALL_CONTROL_FAILED: '200-007',
} as const;
/**
 * One of {@link GATEWAY_RETCODES}.
 *
 * @example
 * ```ts
 * import { GATEWAY_RETCODES, type GatewayRetcode } from 'cec-bar-host/protocol';
 * const signInProblems: readonly GatewayRetcode[] = [GATEWAY_RETCODES.WRONG_PASSWORD, GATEWAY_RETCODES.ALREADY_SIGNED_IN];
 * ```
 */
export type GatewayRetcode = (typeof GATEWAY_RETCODES)[keyof typeof GATEWAY_RETCODES];

/**
 * Envelope of every gateway response (§5.2); `retcode` is a string.
 *
 * @example
 * ```ts
 * import { gatewayEnvelopeSchema } from 'cec-bar-host/protocol';
 * const reply = gatewayEnvelopeSchema.safeParse({ message: 'success', retcode: '0', result: { agentState: 4 } });
 * ```
 */
export const gatewayEnvelopeSchema = z.object({
  /** Free text for people. */
  message: z.string(),
  /** One of {@link GATEWAY_RETCODES}; `"0"` is success. */
  retcode: z.string(),
  /** The call's answer, when it has one. */
  result: z.optional(z.unknown()),
});
/**
 * A gateway response with a typed `result`.
 *
 * @example
 * ```ts
 * import type { GatewayEnvelope, AgentStatusResult } from 'cec-bar-host/protocol';
 * const reply: GatewayEnvelope<AgentStatusResult> = { message: 'success', retcode: '0', result: { agentState: 4, isWorking: true } };
 * ```
 */
export type GatewayEnvelope<R = unknown> = {
  /** Free text for people. */
  message: string;
  /** One of {@link GATEWAY_RETCODES}; `"0"` is success. */
  retcode: string;
  /** The call's answer, when it has one. */
  result?: R;
};

/**
 * The body of the sign-in call, `PUT onlineagent/{agentid}` (§5.3).
 *
 * @example
 * ```ts
 * import { signInBodySchema } from 'cec-bar-host/protocol';
 * const body = signInBodySchema.parse({ password: '', phonenum: '88880001', autoanswer: false });
 * ```
 */
// Marked pure (src/protocol/zod.ts): the mock's bar and phone pages import this module but not every body schema.
export const signInBodySchema = /* @__PURE__ */ (() => z.object({
  /** The agent's password (empty with third-party authentication). */
  password: z.string().check(z.maxLength(128)),
  /** The agent's phone number (the softphone's number). */
  phonenum: z.string().check(z.maxLength(64)),
  /** Answer calls automatically. */
  autoanswer: z.optional(z.boolean()),
  /** Become idle right after signing in. */
  autoenteridle: z.optional(z.boolean()),
  /** Release the phone when signing out. */
  releasephone: z.optional(z.boolean()),
  /** CEC's agent type code. */
  agenttype: z.optional(z.int()),
  /** The agent state to sign in to (CEC's code). */
  status: z.optional(z.int()),
}))();
/**
 * A sign-in body, as {@link signInBodySchema} accepts it.
 * @interface
 */
export type SignInBody = z.infer<typeof signInBodySchema>;

/**
 * The largest `callappdata` of a gateway callout (16 KiB).
 *
 * @example
 * ```ts
 * import { CALLAPPDATA_MAX_BYTES } from 'cec-bar-host/protocol';
 * const fits = (data: string) => new TextEncoder().encode(data).length <= CALLAPPDATA_MAX_BYTES;
 * ```
 */
export const CALLAPPDATA_MAX_BYTES = 16 * 1024;

/**
 * The body of the gateway's `PUT voicecall/{agentid}/callout` (§5.5).
 *
 * @example
 * ```ts
 * import { calloutBodySchema } from 'cec-bar-host/protocol';
 * const body = calloutBodySchema.parse({ called: '13800138000', mediaability: 0 });
 * ```
 */
export const calloutBodySchema = /* @__PURE__ */ (() => z.object({
  /** The calling number to show the customer; the tenant's default when left out. */
  caller: z.optional(z.string().check(z.maxLength(24))),
  /** The number to dial: 1-24 of `0-9*#`. */
  called: z.string().check(z.regex(DIALABLE_NUMBER)),
  /** The skill the call counts against. */
  skillid: z.optional(z.int()),
  /** Data attached to the call, at most {@link CALLAPPDATA_MAX_BYTES}. */
  callappdata: z.optional(z.string().check(z.maxLength(CALLAPPDATA_MAX_BYTES))),
  /** 0 audio, 1 video */
  mediaability: z.optional(z.union([z.literal(0), z.literal(1)])),
}))();
/**
 * A callout body, as {@link calloutBodySchema} accepts it.
 * @interface
 */
export type CalloutBody = z.infer<typeof calloutBodySchema>;

/**
 * The body of the gateway's `POST voicecall/{agentid}/transfer` (§5.5).
 *
 * @example
 * ```ts
 * import { transferBodySchema } from 'cec-bar-host/protocol';
 * const toSkillQueue = transferBodySchema.parse({ devicetype: 1, address: '3' });
 * ```
 */
export const transferBodySchema = /* @__PURE__ */ (() => z.object({
  /** 1 skill, 2 agent, 3 IVR, 4 system access code, 5 external number */
  devicetype: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  /** The skill id, work number, IVR access code or number, as `devicetype` says. */
  address: z.string().check(z.minLength(1), z.maxLength(64)),
  /** CEC's transfer mode code. */
  mode: z.optional(z.int()),
}))();
/**
 * A transfer body, as {@link transferBodySchema} accepts it.
 * @interface
 */
export type TransferBody = z.infer<typeof transferBodySchema>;

/**
 * CC-Gateway agent state codes, as `agentstatus` answers them (§5.6).
 *
 * @example
 * ```ts
 * import { AGENT_STATE_CODES, type AgentStatusResult } from 'cec-bar-host/protocol';
 * const canTakeCalls = (status: AgentStatusResult) => status.agentState === AGENT_STATE_CODES.IDLE;
 * ```
 */
export const AGENT_STATE_CODES = {
  /** Unknown. */
  UNKNOWN: 0,
  /** Signed out. */
  SIGNED_OUT: 2,
  /** Busy (not ready). */
  BUSY: 3,
  /** Idle: calls may be offered. */
  IDLE: 4,
  /** Wrap-up after a call. */
  WRAP_UP: 5,
  /** Talking. */
  TALKING: 7,
  /** Resting. */
  REST: 8,
  /** A rest was requested during a call; it starts when the call ends. */
  REST_REQUESTED: 9,
} as const;
/**
 * One of {@link AGENT_STATE_CODES}.
 *
 * @example
 * ```ts
 * import { AGENT_STATE_CODES, type AgentStateCode } from 'cec-bar-host/protocol';
 * const away: readonly AgentStateCode[] = [AGENT_STATE_CODES.REST, AGENT_STATE_CODES.SIGNED_OUT];
 * ```
 */
export type AgentStateCode = (typeof AGENT_STATE_CODES)[keyof typeof AGENT_STATE_CODES];

/**
 * The `result` of the gateway's `GET onlineagent/{agentid}/agentstatus` (§5.4).
 *
 * @example
 * ```ts
 * import { agentStatusResultSchema } from 'cec-bar-host/protocol';
 * const status = agentStatusResultSchema.parse({ agentState: 4, isWorking: true });
 * ```
 */
export const agentStatusResultSchema = z.object({
  /** One of {@link AGENT_STATE_CODES}. */
  agentState: z.int(),
  /** True while the agent is in the work state. */
  isWorking: z.boolean(),
});
/**
 * An agent status, as {@link agentStatusResultSchema} accepts it.
 * @interface
 */
export type AgentStatusResult = z.infer<typeof agentStatusResultSchema>;

/**
 * One answer of the gateway's event long poll, `GET agentevent/{agentid}` (§5.7): `event` is null
 * when the poll timed out with nothing queued (chosen here).
 *
 * @example
 * ```ts
 * import { agentEventPollSchema } from 'cec-bar-host/protocol';
 * const poll = agentEventPollSchema.parse({ message: 'success', retcode: '0', event: null });
 * ```
 */
export const agentEventPollSchema = z.object({
  /** Free text for people. */
  message: z.string(),
  /** One of {@link GATEWAY_RETCODES}. */
  retcode: z.string(),
  /** The event, in the envelope of docs/cec-reference.md §2.2; null or absent when none came. */
  event: z.optional(
    z.nullable(
      z.object({
        /** The CEC event type. */
        eventType: z.string(),
        /** The agent's work number. */
        workNo: z.union([z.string(), z.int()]),
        /** The event's content (see {@link CEC_EVENT_CONTENT}). */
        content: z.optional(z.unknown()),
      }),
    ),
  ),
});
/**
 * An event poll answer, as {@link agentEventPollSchema} accepts it.
 * @interface
 */
export type AgentEventPoll = z.infer<typeof agentEventPollSchema>;

/**
 * The gateway's timing rules (docs/cec-reference.md §5.7), in ms.
 *
 * @example
 * ```ts
 * import { GATEWAY_TIMING } from 'cec-bar-host/protocol';
 * const nextPollIn = GATEWAY_TIMING.repollMinMs + Math.random() * (GATEWAY_TIMING.repollMaxMs - GATEWAY_TIMING.repollMinMs);
 * ```
 */
export const GATEWAY_TIMING = {
  /** An event poll with nothing to say answers after this long. */
  longPollMs: 10_000,
  /** The client polls again at least this long after an answer… */
  repollMinMs: 200,
  /** …and at most this long. */
  repollMaxMs: 500,
  /** An agent who sends no request for this long is signed out. */
  signOutAfterNoPollMs: 120_000,
  /** A new GUID is handed out this often. */
  guidRotateMs: 60_000,
  /** The old GUID stays valid this long after a new one. */
  guidGraceMs: 120_000,
} as const;
