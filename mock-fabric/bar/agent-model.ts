/**
 * What the bar shows, derived from gateway events: a pure reducer, so it is easy to test.
 * Values match the test hooks in docs/internal-contracts.md (`data-agent-state`, `data-call-state`).
 */
import { AGENT_STATE_CODES } from '../../src/protocol/gateway.js';
import { NOT_READY_REASONS } from '../mock-state.js';

/** The agent as the mock bar shows it (`data-agent-state`). Not the host's public `AgentState`: the bar also shows `ringing`. */
export type BarAgentState = 'offline' | 'idle' | 'busy' | 'rest' | 'wrapUp' | 'inCall' | 'ringing';
/** The call as the mock bar shows it (`data-call-state`). */
export type BarCallState = 'none' | 'ringing' | 'dialing' | 'talking' | 'held';

export interface CallInfo {
  readonly callId: string;
  /** The other party's number as far as the bar knows it. */
  readonly peer: string;
  readonly direction: 'inbound' | 'outbound';
  /** When talking started (ms since epoch), for the call timer. */
  readonly talkingSince: number | null;
}

export interface BarModel {
  readonly agentState: BarAgentState;
  readonly callState: BarCallState;
  readonly call: CallInfo | null;
  readonly muted: boolean;
  /** Plain-language status line. */
  readonly message: string;
}

export const INITIAL_MODEL: BarModel = {
  agentState: 'offline',
  callState: 'none',
  call: null,
  muted: false,
  message: 'Offline. Select Sign In to start taking calls.',
};

function obj(content: unknown): Record<string, unknown> {
  return typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : {};
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
/** Call id carried by an event: a plain string, or `callid`/`callId` in an object. */
export function callIdOf(content: unknown): string {
  if (typeof content === 'string') return content;
  const o = obj(content);
  return str(o.callid) || str(o.callId);
}

/**
 * Apply one gateway event.
 *
 * @example
 * let m = INITIAL_MODEL;
 * m = applyGatewayEvent(m, 'AgentOther_InService', null, Date.now());
 * m = applyGatewayEvent(m, 'AgentState_Ready', null, Date.now()); // m.agentState === 'idle'
 */
export function applyGatewayEvent(m: BarModel, eventType: string, content: unknown, now: number): BarModel {
  const o = obj(content);
  switch (eventType) {
    case 'AgentOther_InService':
      return { ...m, agentState: m.agentState === 'offline' ? 'busy' : m.agentState, message: 'Signed in.' };
    case 'AgentState_Ready':
    case 'AgentState_CancelNotReady_Success':
    case 'AgentState_CancelRest_Success':
    case 'AgentState_CancelWork_Success':
      if (m.callState !== 'none') return m;
      return { ...m, agentState: 'idle', message: 'Ready: waiting for calls.' };
    case 'AgentState_SetNotReady_Success': {
      const reason = Number(o.reason);
      const why = reason === NOT_READY_REASONS.NO_ANSWER ? ' (a call was not answered)' : reason === NOT_READY_REASONS.PHONE_UNAVAILABLE ? ' (phone unavailable)' : '';
      return { ...m, agentState: m.callState === 'none' ? 'busy' : m.agentState, message: `Busy${why}: no new calls.` };
    }
    case 'AgentState_SetRest_Success':
      return { ...m, agentState: m.callState === 'none' ? 'rest' : m.agentState, message: 'On a break.' };
    case 'AgentState_Rest_Timeout':
      return { ...m, message: 'Your break time is over.' };
    case 'AgentState_SetWork_Success':
    case 'AgentState_Work':
      if (m.callState !== 'none') return m;
      return { ...m, agentState: 'wrapUp', message: 'Wrap-up: finish your notes.' };
    case 'AgentState_Busy':
      return m.callState === 'none' ? m : { ...m, agentState: m.callState === 'ringing' ? 'ringing' : 'inCall' };
    case 'AgentOther_PhoneAlerting':
    case 'AgentEvent_Ringing': {
      const callId = callIdOf(content);
      const peer = str(o.caller);
      if (m.callState === 'ringing' && m.call?.callId === callId) return m;
      return {
        ...m,
        agentState: 'ringing',
        callState: 'ringing',
        muted: false,
        call: { callId, peer, direction: 'inbound', talkingSince: null },
        message: `Incoming call from ${peer || 'an unknown number'}.`,
      };
    }
    case 'AgentEvent_Customer_Alerting': {
      const callId = callIdOf(content);
      const peer = str(o.otherPhone) || m.call?.peer || '';
      return {
        ...m,
        agentState: 'inCall',
        callState: 'dialing',
        muted: false,
        call: { callId, peer, direction: 'outbound', talkingSince: null },
        message: `Calling ${peer}…`,
      };
    }
    case 'AgentEvent_Talking': {
      const callId = callIdOf(content) || m.call?.callId || '';
      const direction = m.call?.direction ?? (Number(o.feature) === 7 ? 'outbound' : 'inbound');
      const peer = m.call?.peer || str(direction === 'outbound' ? o.called : o.caller);
      const talkingSince = m.call?.callId === callId && m.call.talkingSince ? m.call.talkingSince : now;
      return {
        ...m,
        agentState: 'inCall',
        callState: 'talking',
        call: { callId, peer, direction, talkingSince },
        message: `In a call with ${peer || 'the customer'}.`,
      };
    }
    case 'AgentEvent_Hold':
      return m.call ? { ...m, callState: 'held', message: 'Call on hold.' } : m;
    case 'AgentEvent_Customer_Release':
      return m.call ? { ...m, message: 'The customer hung up.' } : m;
    case 'AgentEvent_Call_Release':
    case 'AgentEvent_Call_Out_Fail': {
      const failed = eventType === 'AgentEvent_Call_Out_Fail';
      const ended = failed ? 'The call could not be connected.' : m.message === 'The customer hung up.' ? m.message : 'Call ended.';
      // The agent's next state arrives as its own event (Work or Ready); "busy" until then.
      return { ...m, agentState: 'busy', callState: 'none', call: null, muted: false, message: ended };
    }
    case 'AgentOther_PhoneRelease':
      return { ...m, message: 'Your phone was disconnected.' };
    default:
      return m;
  }
}

/**
 * Map a gateway `agentState` code (docs/cec-reference.md §5.6) to the bar's state, keeping call states.
 *
 * @example
 * applyAgentStatus(model, 4).agentState // 'idle'
 */
export function applyAgentStatus(m: BarModel, code: number): BarModel {
  if (m.callState !== 'none') return m;
  const map: Record<number, BarAgentState> = {
    [AGENT_STATE_CODES.SIGNED_OUT]: 'offline',
    [AGENT_STATE_CODES.BUSY]: 'busy',
    [AGENT_STATE_CODES.IDLE]: 'idle',
    [AGENT_STATE_CODES.WRAP_UP]: 'wrapUp',
    [AGENT_STATE_CODES.TALKING]: 'inCall',
    [AGENT_STATE_CODES.REST]: 'rest',
    [AGENT_STATE_CODES.REST_REQUESTED]: 'rest',
  };
  const agentState = map[code];
  return agentState && agentState !== m.agentState ? { ...m, agentState } : m;
}
