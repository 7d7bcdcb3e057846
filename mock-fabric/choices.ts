/**
 * Every timing rule and limit of the mock in one place. Values CEC documents cite docs/cec-reference.md;
 * the rest are "not documented by CEC; chosen here" and easy to change.
 */
import { GATEWAY_TIMING, CALLAPPDATA_MAX_BYTES, MAX_TOKEN_EXPIRE_SECONDS } from '../src/protocol/index.js';

/**
 * Every timing rule and limit of the mock; the ones CEC does not document are chosen here.
 *
 * @example
 * ```ts
 * import { MOCK_CHOICES } from 'cec-bar-host/mock-fabric';
 * const waitForRingOut = MOCK_CHOICES.ringTimeoutMs + 1000;
 * ```
 */
export const MOCK_CHOICES = {
  /** Long-poll wait with nothing queued (docs/cec-reference.md §5.7: about 10 s). */
  longPollMs: GATEWAY_TIMING.longPollMs,
  /** No poll for 2 minutes signs the agent out (docs/cec-reference.md §5.7). */
  signOutAfterNoPollMs: GATEWAY_TIMING.signOutAfterNoPollMs,
  /** GUID rotation ~60 s, old one accepted ~120 s more (docs/cec-reference.md §5.1). */
  guidRotateMs: GATEWAY_TIMING.guidRotateMs,
  /** The old GUID stays valid this long after a new one (docs/cec-reference.md §5.1). */
  guidGraceMs: GATEWAY_TIMING.guidGraceMs,
  /** Not documented by CEC; chosen here: an offered call rings this long before "no answer". */
  ringTimeoutMs: 15_000,
  /** Not documented by CEC; chosen here: a callout's customer side rings this long before Call_Out_Fail. */
  calloutRingTimeoutMs: 30_000,
  /** Default token lifetime when X-Token-Expire is absent. Not documented by CEC; chosen here. */
  defaultTokenExpireSeconds: 600,
  /** docs/cec-reference.md §3.1: maximum X-Token-Expire. */
  maxTokenExpireSeconds: MAX_TOKEN_EXPIRE_SECONDS,
  /** Not documented by CEC; chosen here: request bodies above this answer 413. */
  maxBodyBytes: 64 * 1024,
  /** docs/cec-reference.md §5.5: callout's callappdata ≤ 16 KB. */
  maxCallAppDataBytes: CALLAPPDATA_MAX_BYTES,
  /** Not documented by CEC; chosen here: events kept per agent for /__mock/events. */
  eventLogPerAgent: 2_000,
  /** Not documented by CEC; chosen here: events kept for /__mock/events across all agents (oldest dropped), so a long run stays flat. */
  eventLogTotal: 20_000,
  /** Not documented by CEC; chosen here: ended calls kept for /__mock/state (oldest forgotten; live calls always kept). Option `endedCallHistory`. */
  endedCallHistory: 500,
  /** Not documented by CEC; chosen here: queued events per session before the oldest are dropped. */
  maxQueuedEventsPerSession: 1_000,
  /** Not documented by CEC; chosen here: a bar ticket (loader → sign-in password) is valid this long, once. */
  ticketTtlMs: 10 * 60_000,
  /** Not documented by CEC; chosen here: how long the loader waits for the validate URL. */
  validateTimeoutMs: 5_000,
  /** Not documented by CEC; chosen here: a queue is re-checked this often for maxWaitTime. */
  queueSweepMs: 1_000,
  /** Mock gateway address reported by querySysInfo / SIP info (fake; nothing listens there). */
  sipServiceIp: '127.0.0.1',
  /** Mock SIP port reported by querySysInfo / SIP info (fake; nothing listens there). */
  sipServicePort: 5060,
  /**
   * Not documented by CEC; chosen here: a configuration API (config-api/) refuses bad input with HTTP 200 and its own
   * envelope's failure code ("1") and a message naming the field (`resultMessage` / `description`).
   */
  configFailureCode: '1',
  /**
   * Not documented by CEC beyond "any state can be deleted" (docs/cec-reference.md §6.7); chosen here: deleting a
   * signed-in agent first signs it out (a live call is released, a ringing one goes back to its queue), then deletes it.
   */
  deleteSignedInAgent: 'sign-out-then-delete',
  /** Not documented by CEC; chosen here: an allocated workNo is the highest in use + 1 (else the lowest free, 101-59999). */
  workNoAllocation: 'highest-plus-one',
  /** Not documented by CEC; chosen here: an allocated sipAccount is this prefix + the workNo (4 digits at least). */
  sipAccountPrefix: '8888',
  /** Not documented by CEC; chosen here: an agent created through the API has this phone (the browser's WebRTC phone). */
  createdAgentPhone: 'webrtc',
  /** Not documented by CEC; chosen here: the highest agentWeight the mock accepts (its tenant file's weight range). */
  maxAgentWeight: 100,
  /** Not documented by CEC; chosen here: agentAccount/query without paging answers the first page of this size. */
  defaultAgentPageSize: 100,
  /** docs/cec-reference.md §8.3: the CDR query keeps a call's record one day. */
  cdrRetentionMs: 24 * 60 * 60_000,
  /** Not documented by CEC; chosen here: a C2 signature older or newer than this (mock clock) is refused with 401. */
  c2MaxClockSkewMs: 15 * 60_000,
  /** Not documented by CEC; chosen here: CDR `releaseCause` codes the mock writes (CEC lists none publicly). */
  cdrReleaseCauses: {
    /** The customer hung up. */
    customer: 0,
    /** The agent hung up or cancelled the callout. */
    agent: 1,
    /** Anything else: overflow, ring-out, transfer out of the mock. */
    system: 2,
  },
  /** Not documented by CEC; chosen here: the CC-CMS answer to a `ccId`/`vdn` that is not the tenant's. */
  cmsWrongCallCentre: {
    /** Failure (versions up to 8.13). */
    result: '1',
    /** Failure (later versions). */
    resultCode: '0100001',
    /** For people. */
    resultDesc: 'ccId or vdn is not this tenant',
  },
  /** Not documented by CEC; chosen here: CDR `callType` 0 inbound, 1 outbound (the same as `callInOut` of cec_07_0629). */
  cdrCallTypes: {
    /** A customer called in. */
    inbound: 0,
    /** An agent called out. */
    outbound: 1,
  },
} as const;

export type MockChoices = typeof MOCK_CHOICES;
