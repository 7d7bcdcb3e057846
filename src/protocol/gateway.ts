/**
 * CC-Gateway wire (docs/cec-reference.md §5): what a bar sends to `/agentgateway/resource/` and gets back.
 * Shared by the mock gateway and the mock bar page.
 */
import { z } from './zod.js';
import { DIALABLE_NUMBER } from './cec-commands.js';

export const GATEWAY_BASE_PATH = '/agentgateway/resource/';
export const GUID_HEADER = 'Guid';
export const SET_GUID_HEADER = 'Set-GUID';

/** retcode table. */
export const GATEWAY_RETCODES = {
  OK: '0',
  BAD_PARAMETER: '000-002',
  NO_PERMISSION: '000-003',
  SIGNIN_PARAMS_INVALID: '100-001',
  ALREADY_SIGNED_IN: '100-002',
  WRONG_PASSWORD: '100-004',
  NOT_SIGNED_IN: '100-006',
  INTERNAL_ERROR: '100-007',
  ALREADY_SIGNED_OUT: '100-008',
  STATE_CHANGE_FAILED: '100-009',
  ANSWER_FAILED: '200-002',
  CALL_NOT_FOUND: '200-001',
  CALL_CONTROL_FAILED: '200-007',
} as const;
export type GatewayRetcode = (typeof GATEWAY_RETCODES)[keyof typeof GATEWAY_RETCODES];

/** Envelope of every gateway response; `retcode` is a string. */
export const gatewayEnvelopeSchema = z.object({
  message: z.string(),
  retcode: z.string(),
  result: z.optional(z.unknown()),
});
export type GatewayEnvelope<R = unknown> = { message: string; retcode: string; result?: R };

export const signInBodySchema = z.object({
  password: z.string().check(z.maxLength(128)),
  phonenum: z.string().check(z.maxLength(64)),
  autoanswer: z.optional(z.boolean()),
  autoenteridle: z.optional(z.boolean()),
  releasephone: z.optional(z.boolean()),
  agenttype: z.optional(z.int()),
  status: z.optional(z.int()),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const CALLAPPDATA_MAX_BYTES = 16 * 1024;

export const calloutBodySchema = z.object({
  caller: z.optional(z.string().check(z.maxLength(24))),
  called: z.string().check(z.regex(DIALABLE_NUMBER)),
  skillid: z.optional(z.int()),
  callappdata: z.optional(z.string().check(z.maxLength(CALLAPPDATA_MAX_BYTES))),
  /** 0 audio, 1 video */
  mediaability: z.optional(z.union([z.literal(0), z.literal(1)])),
});
export type CalloutBody = z.infer<typeof calloutBodySchema>;

export const transferBodySchema = z.object({
  /** 1 skill, 2 agent, 3 IVR, 4 system access code, 5 external number */
  devicetype: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  address: z.string().check(z.minLength(1), z.maxLength(64)),
  mode: z.optional(z.int()),
});
export type TransferBody = z.infer<typeof transferBodySchema>;

/** CC-Gateway agent state codes. */
export const AGENT_STATE_CODES = {
  UNKNOWN: 0,
  SIGNED_OUT: 2,
  BUSY: 3,
  IDLE: 4,
  WRAP_UP: 5,
  TALKING: 7,
  REST: 8,
  REST_REQUESTED: 9,
} as const;
export type AgentStateCode = (typeof AGENT_STATE_CODES)[keyof typeof AGENT_STATE_CODES];

export const agentStatusResultSchema = z.object({ agentState: z.int(), isWorking: z.boolean() });
export type AgentStatusResult = z.infer<typeof agentStatusResultSchema>;

/** One long-poll answer: `event` is null when the poll timed out with nothing queued (chosen here). */
export const agentEventPollSchema = z.object({
  message: z.string(),
  retcode: z.string(),
  event: z.optional(
    z.nullable(z.object({ eventType: z.string(), workNo: z.union([z.string(), z.int()]), content: z.optional(z.unknown()) })),
  ),
});
export type AgentEventPoll = z.infer<typeof agentEventPollSchema>;

/** Timing rules (docs/cec-reference.md §5.7). */
export const GATEWAY_TIMING = {
  longPollMs: 10_000,
  repollMinMs: 200,
  repollMaxMs: 500,
  signOutAfterNoPollMs: 120_000,
  guidRotateMs: 60_000,
  guidGraceMs: 120_000,
} as const;
