/**
 * What a bar that resumes its gateway session after a reload shows, and says to its page.
 *
 * CEC's bar comes back from a reload in the state its session is in, a live call with its
 * controls included. The gateway tells the state (`agentstatus`, docs/cec-reference.md §5.4, §5.6)
 * and the call (`calldata/{agentid}/callinfo`, CEC page `api-cec/cec_07_1261`); the events that led
 * there went to the page that is gone. So the bar restates them to its new page, as the gateway
 * events that lead to that state (not documented by CEC; chosen here): the page learns that the
 * session is live, and sees the call it would otherwise never hear of until it ends.
 */
import { AGENT_STATE_CODES } from '../../src/protocol/gateway.js';
import { z } from '../../src/protocol/zod.js';
import { INITIAL_MODEL, applyAgentStatus, applyGatewayEvent, type BarModel } from './agent-model.js';
import type { GatewayEvent } from './event-poller.js';

const party = z.union([z.string().check(z.maxLength(64)), z.number()]);
/** The `result` fields of `callinfo` this bar reads. */
const callInfoSchema = z.object({
  callid: z.string().check(z.minLength(1), z.maxLength(64)),
  callfeature: z.optional(z.number()),
  caller: z.optional(party),
  called: z.optional(party),
  /** ms since epoch when the call was answered; 0 or absent while it is not. */
  begintime: z.optional(z.number()),
  mediaType: z.optional(z.number()),
});
type CallInfo = z.infer<typeof callInfoSchema>;

export interface ResumedSession {
  readonly model: BarModel;
  /** Gateway-shaped events that bring a new page to this state, oldest first. */
  readonly events: readonly GatewayEvent[];
}

const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

/** The state the agent is in, as the event CEC sends on entering it. */
function stateEvent(code: number, workNo: string): GatewayEvent | undefined {
  const event = (eventType: string, content: unknown = null): GatewayEvent => ({ eventType, workNo, content, message: 'success' });
  switch (code) {
    case AGENT_STATE_CODES.IDLE:
      return event('AgentState_Ready');
    // agentstatus does not say why the agent is busy; chosen here: 1, the agent's own choice.
    case AGENT_STATE_CODES.BUSY:
      return event('AgentState_SetNotReady_Success', { reason: 1 });
    case AGENT_STATE_CODES.WRAP_UP:
      return event('AgentState_Work');
    case AGENT_STATE_CODES.REST:
    case AGENT_STATE_CODES.REST_REQUESTED:
      return event('AgentState_SetRest_Success');
    case AGENT_STATE_CODES.TALKING:
      return event('AgentState_Busy');
    default:
      return undefined;
  }
}

/** The live call, as the event that announced its current phase: talking, ringing the agent, or ringing the customer. */
function callEvent(call: CallInfo, workNo: string): GatewayEvent {
  const outbound = call.callfeature === 7 || call.callfeature === 43;
  const parties = { caller: text(call.caller), called: text(call.called), callid: call.callid, type: 'main', feature: call.callfeature ?? 0, mediaAbility: call.mediaType === 19 ? 2 : 1 };
  if (call.begintime) return { eventType: 'AgentEvent_Talking', workNo, content: parties, message: 'success' };
  if (outbound) return { eventType: 'AgentEvent_Customer_Alerting', workNo, content: { callid: call.callid, otherPhone: parties.called, otherPhoneWorkno: '', type: 'main' }, message: 'success' };
  return { eventType: 'AgentOther_PhoneAlerting', workNo, content: { ...parties, transfer: 'no', transfrom: null }, message: 'success' };
}

/**
 * The resumed bar's model and what it restates to its page, from `agentstatus`'s code and
 * `callinfo`'s `result` (anything unreadable there counts as no call). `undefined`: signed out.
 *
 * @example
 * const resumed = resumeSession(7, { callid: '1-1', callfeature: 0, caller: '139', called: '66881', begintime: 1 }, '101', Date.now());
 * resumed?.model.callState; // 'talking'
 */
export function resumeSession(code: number, callInfoResult: unknown, workNo: string, now: number): ResumedSession | undefined {
  if (code === AGENT_STATE_CODES.SIGNED_OUT || code === AGENT_STATE_CODES.UNKNOWN) return undefined;
  const parsed = callInfoSchema.safeParse(callInfoResult);
  const call = parsed.success ? parsed.data : undefined;
  const announced = call ? callEvent(call, workNo) : undefined;
  // A call ringing the agent comes without a state event, as when it first rang (docs/cec-reference.md §2.5).
  const state = announced?.eventType === 'AgentOther_PhoneAlerting' ? undefined : stateEvent(code, workNo);
  const events = [state, announced].filter((event): event is GatewayEvent => event !== undefined);
  let model = applyAgentStatus({ ...INITIAL_MODEL, agentState: 'idle' }, code);
  // The call timer counts from the answer, not from the reload.
  for (const event of events) model = applyGatewayEvent(model, event.eventType, event.content, call?.begintime || now);
  return { model: call ? model : { ...model, message: 'Session resumed.' }, events };
}
