/**
 * THE mapping from CEC event types to the host's agent and call model (one row per event type,
 * a unit test per row in test/unit/host/cec-map.test.ts). Sequences follow docs/cec-reference.md §2.5.
 *
 * - `agent`: the agent state the event puts the agent in (absent: no change).
 * - `call`: what the event does to a call:
 *   `ring` creates an alerting call (inbound → `call.ringing`; feature 7/43 → outbound → `call.dialing`),
 *   `info` enriches it (skill, parties) or creates an inbound ringing call,
 *   `dial` creates/marks an outbound call whose customer is alerting → `call.dialing`,
 *   `talk` connects it → `call.connected`,
 *   `customer` (customer hung up), `release` (the agent's leg released), `outFail` (callout failed) end it,
 *   `settle` ends every live call (the agent is idle again, so no call can be live).
 */
import type { KnownCecEventType } from '../protocol/cec-events.js';
import type { AgentState } from './types.js';

export type CallAction = 'ring' | 'info' | 'dial' | 'talk' | 'customer' | 'release' | 'outFail' | 'settle';
export interface Transition {
  readonly agent?: AgentState;
  readonly call?: CallAction;
}

/** @example CEC_TRANSITIONS.AgentEvent_Talking; // { agent: 'inCall', call: 'talk' } */
export const CEC_TRANSITIONS: { readonly [K in KnownCecEventType]: Transition } = {
  AgentState_Busy: { agent: 'inCall' }, // "handling a call"
  AgentState_Work: { agent: 'wrapUp' },
  AgentState_Ready: { agent: 'idle', call: 'settle' },
  AgentState_SetNotReady_Success: { agent: 'busy' },
  AgentState_CancelNotReady_Success: { agent: 'idle' },
  AgentState_SetRest_Success: { agent: 'rest' },
  AgentState_CancelRest_Success: { agent: 'idle' },
  AgentState_Rest_Timeout: {}, // a reminder only: still resting
  AgentState_SetWork_Success: { agent: 'wrapUp' },
  AgentState_CancelWork_Success: { agent: 'idle' },
  AgentEvent_Talking: { agent: 'inCall', call: 'talk' },
  AgentEvent_Customer_Alerting: { call: 'dial' },
  AgentEvent_Call_Out_Fail: { call: 'outFail' },
  AgentEvent_Call_Release: { call: 'release' },
  AgentEvent_Customer_Release: { call: 'customer' },
  AgentOther_PhoneAlerting: { call: 'ring' },
  AgentEvent_Ringing: { call: 'ring' },
  AgentEvent_Auto_Answer: { call: 'ring' },
  AgentEvent_Incoming_CallInfo: { call: 'info' },
  AgentEvent_Hold: {},
  // Signed in; AgentState_Ready follows (docs/cec-reference.md §2.5). Not documented by CEC; chosen here: no change.
  AgentOther_InService: {},
  // The phone line, not a call. Not documented by CEC as ending calls; chosen here: no change.
  AgentOther_PhoneRelease: {},
};

/**
 * How a call ends, by the state it was in. Not documented by CEC; chosen here:
 * connected → completed; never connected: inbound → missed (abandoned when the customer hung up),
 * outbound → failed (abandoned when the agent's leg was released while dialing).
 * `[outcome, endedBy]` per action, for [connected, inbound alerting, outbound dialing].
 */
export const END_RULES = {
  customer: [['completed', 'customer'], ['abandoned', 'customer'], ['failed', 'customer']],
  release: [['completed', 'agent'], ['missed', 'system'], ['abandoned', 'agent']],
  outFail: [['failed', 'system'], ['failed', 'system'], ['failed', 'system']],
  settle: [['completed', 'unknown'], ['missed', 'system'], ['failed', 'system']],
} as const;
