/**
 * Call control: what the agent does to a call (CC-Gateway `voicecall/*`, docs/cec-reference.md
 * §5.5) and what the customer does to it (the QA control plays the customer).
 */
import { GATEWAY_RETCODES, type TransferBody } from '../src/protocol/index.js';
import type { AgentStates } from './agent-states.js';
import { refused, succeeded, type AgentRuntime, type CallCentre, type CallRecord, type EngineResult } from './call-centre.js';
import { MOCK_CHOICES } from './choices.js';
import { ControlError } from './control-error.js';
import { NOT_READY_REASONS, type AgentPhase } from './mock-state.js';
import type { Routing } from './routing.js';
import { MEDIA_ABILITY, calloutMedia } from './call-media.js';

/** Phases an agent may call out from. */
const CAN_CALL_OUT: readonly AgentPhase[] = ['idle', 'busy', 'wrapUp', 'rest'];

/** What `callout` takes (the gateway's callout body, validated). */
export interface CalloutInput {
  readonly called: string;
  readonly caller?: string;
  readonly skillid?: number;
  readonly callappdata?: string;
  /** 0 audio, 1 video (docs/cec-reference.md §5.5). */
  readonly mediaability?: number;
}

/**
 * The agent's and the customer's actions on the calls of one call centre.
 *
 * @example
 * const calls = new CallControl(centre, routing, agents);
 * calls.answer(101, undefined);
 * calls.customerHangup(callId);
 */
export class CallControl {
  readonly #centre: CallCentre;
  readonly #routing: Routing;
  readonly #agents: AgentStates;

  constructor(centre: CallCentre, routing: Routing, agents: AgentStates) {
    this.#centre = centre;
    this.#routing = routing;
    this.#agents = agents;
  }

  answer(workNo: number, callId: string | undefined): EngineResult {
    const hit = this.#centre.agentCall(workNo);
    if (!hit || hit.runtime.phase !== 'ringing' || (callId && callId !== hit.call.callId)) return refused(GATEWAY_RETCODES.ANSWER_FAILED, 'no ringing call to answer');
    const { runtime, call } = hit;
    call.timer?.cancel();
    call.timer = undefined;
    call.state = 'talking';
    call.answeredAt = this.#centre.clock.now();
    runtime.phase = 'talking';
    this.#centre.emit(workNo, 'AgentState_Busy', null);
    this.#emitTalking(workNo, call, 0);
    return succeeded();
  }

  /** The agent hangs up, cancels its callout, or rejects a ringing call (busy reason 7, the call is requeued). */
  release(workNo: number): EngineResult {
    const hit = this.#centre.agentCall(workNo);
    if (!hit) return refused(GATEWAY_RETCODES.CALL_NOT_FOUND, 'no call to release');
    const { runtime, call } = hit;
    if (runtime.phase === 'ringing') {
      this.#agents.returnRingingCall(runtime, call, 'rejected', NOT_READY_REASONS.REJECTED);
      return succeeded();
    }
    const dialing = runtime.phase === 'dialing';
    this.#routing.endCall(call, dialing ? 'agent cancelled the callout' : 'agent hung up');
    this.#centre.emit(workNo, 'AgentEvent_Call_Release', call.callId);
    if (dialing) this.#agents.becomeIdle(runtime);
    else this.#agents.afterCall(runtime, call.skillId);
    return succeeded();
  }

  hold(workNo: number): EngineResult {
    const hit = this.#centre.agentCall(workNo);
    if (!hit || hit.runtime.phase !== 'talking' || hit.call.held) return refused(GATEWAY_RETCODES.CALL_CONTROL_FAILED, 'no active call to hold');
    hit.call.held = true;
    this.#centre.emit(workNo, 'AgentEvent_Hold', hit.call.callId);
    return succeeded();
  }

  getHold(workNo: number, callId: string | undefined): EngineResult {
    const hit = this.#centre.agentCall(workNo);
    if (!hit || !hit.call.held || (callId && callId !== hit.call.callId)) return refused(GATEWAY_RETCODES.CALL_CONTROL_FAILED, 'no held call');
    hit.call.held = false;
    this.#emitTalking(workNo, hit.call, hit.call.direction === 'inbound' ? 0 : 7);
    return succeeded();
  }

  mute(workNo: number, on: boolean): EngineResult {
    const hit = this.#centre.agentCall(workNo);
    if (!hit || hit.runtime.phase !== 'talking') return refused(GATEWAY_RETCODES.CALL_CONTROL_FAILED, 'no active call to mute');
    hit.runtime.muted = on;
    return succeeded();
  }

  /** Blind transfer: the agent leaves the call; a skill or agent target gets it offered. */
  transfer(workNo: number, body: TransferBody): EngineResult {
    const hit = this.#centre.agentCall(workNo);
    if (!hit || hit.runtime.phase !== 'talking') return refused(GATEWAY_RETCODES.CALL_CONTROL_FAILED, 'no active call to transfer');
    const { runtime, call } = hit;
    if (body.devicetype === 1) {
      const skillId = Number(body.address);
      if (!this.#centre.skill(skillId)) return refused(GATEWAY_RETCODES.BAD_PARAMETER, `unknown skill ${body.address}`);
      this.#leaveCall(runtime, call);
      call.held = false;
      this.#routing.enqueue(call, skillId, 0);
      return succeeded();
    }
    if (body.devicetype === 2) {
      const target = this.#centre.agents.get(Number(body.address));
      if (!target || target === runtime || target.phase !== 'idle' || !this.#centre.sessions.get(target.agent.workNo)) {
        return refused(GATEWAY_RETCODES.CALL_CONTROL_FAILED, `agent ${body.address} is not available`);
      }
      this.#leaveCall(runtime, call);
      call.held = false;
      this.#routing.offer(call, target);
      return succeeded();
    }
    // IVR, access code and external numbers leave the mock's world: the call ends for the agent.
    this.#routing.endCall(call, `transferred to ${body.address} (devicetype ${body.devicetype})`);
    this.#leaveCall(runtime, call);
    return succeeded();
  }

  /** The agent dials out: Busy + Customer_Alerting; the QA control answers or hangs up for the customer. */
  callout(workNo: number, input: CalloutInput): EngineResult<string> {
    const runtime = this.#centre.agents.get(workNo);
    if (!runtime || !CAN_CALL_OUT.includes(runtime.phase)) return refused(GATEWAY_RETCODES.CALL_CONTROL_FAILED, `cannot call out while ${runtime?.phase ?? 'unknown'}`);
    if (input.skillid !== undefined && !this.#centre.skill(input.skillid)) return refused(GATEWAY_RETCODES.BAD_PARAMETER, `unknown skill ${input.skillid}`);
    this.#agents.clearTimers(runtime);
    const call = this.#centre.newCall({ direction: 'outbound', caller: input.caller ?? runtime.agent.sipAccount, called: input.called, callData: input.callappdata, skillId: input.skillid, state: 'dialing', workNo, media: calloutMedia(input.mediaability) });
    runtime.phase = 'dialing';
    runtime.callId = call.callId;
    this.#centre.emit(workNo, 'AgentState_Busy', null);
    this.#centre.emit(workNo, 'AgentEvent_Customer_Alerting', { callid: call.callId, otherPhone: call.called, otherPhoneWorkno: '', type: 'main' });
    call.timer = this.#centre.timers.start(() => {
      call.timer = undefined;
      if (call.state !== 'dialing') return;
      this.#routing.endCall(call, 'customer did not answer');
      this.#calloutFailed(runtime, call);
    }, MOCK_CHOICES.calloutRingTimeoutMs);
    return succeeded(call.callId);
  }

  /** The customer answers an outbound call. */
  customerAnswer(callId: string): void {
    const call = this.#existingCall(callId);
    const runtime = call.workNo === undefined ? undefined : this.#centre.agents.get(call.workNo);
    if (call.direction !== 'outbound' || call.state !== 'dialing' || !runtime) throw new ControlError(`call ${callId} is ${call.state}, not an outbound call ringing the customer`, 409);
    call.timer?.cancel();
    call.timer = undefined;
    call.state = 'talking';
    call.answeredAt = this.#centre.clock.now();
    runtime.phase = 'talking';
    this.#emitTalking(runtime.agent.workNo, call, 7);
  }

  /** The customer hangs up, whatever the call's state. */
  customerHangup(callId: string): void {
    const call = this.#existingCall(callId);
    if (call.state === 'released') throw new ControlError(`call ${callId} already ended`, 409);
    const runtime = call.workNo === undefined ? undefined : this.#centre.agents.get(call.workNo);
    const stateBefore = call.state;
    this.#routing.endCall(call, 'customer hung up');
    if (!runtime) return;
    if (stateBefore === 'dialing') return this.#calloutFailed(runtime, call);
    const workNo = runtime.agent.workNo;
    this.#centre.emit(workNo, 'AgentEvent_Customer_Release', { callid: call.callId, number: call.direction === 'inbound' ? call.caller : call.called });
    this.#centre.emit(workNo, 'AgentEvent_Call_Release', call.callId);
    if (stateBefore === 'ringing') return this.#agents.becomeIdle(runtime);
    this.#agents.afterCall(runtime, call.skillId);
  }

  #existingCall(callId: string): CallRecord {
    const call = this.#centre.calls.get(callId);
    if (!call) throw new ControlError(`no call ${callId}`, 404);
    return call;
  }

  /** Talking (again); `feature` 0 for an inbound call, 7 for an outbound one. */
  #emitTalking(workNo: number, call: CallRecord, feature: 0 | 7): void {
    this.#centre.emit(workNo, 'AgentEvent_Talking', { caller: call.caller, called: call.called, callid: call.callId, type: 'main', feature, mediaAbility: MEDIA_ABILITY[call.media] });
  }

  /** The agent is off the call (Call_Release), then wraps up or is idle. */
  #leaveCall(runtime: AgentRuntime, call: CallRecord): void {
    this.#centre.emit(runtime.agent.workNo, 'AgentEvent_Call_Release', call.callId);
    this.#agents.afterCall(runtime, call.skillId);
  }

  /** An ended callout: Call_Out_Fail, and the agent is idle again. */
  #calloutFailed(runtime: AgentRuntime, call: CallRecord): void {
    this.#centre.emit(runtime.agent.workNo, 'AgentEvent_Call_Out_Fail', call.callId);
    this.#agents.becomeIdle(runtime);
  }
}
