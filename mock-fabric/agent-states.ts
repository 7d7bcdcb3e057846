/**
 * Agent states (CC-Gateway `onlineagent/*`, docs/cec-reference.md §5.4): sign-in and sign-out,
 * busy, rest, wrap-up and idle, each announced with CEC's events. An agent who becomes idle is
 * offered the next queued call.
 */
import { GATEWAY_RETCODES } from '../src/protocol/index.js';
import { refused, succeeded, type AgentRuntime, type CallCentre, type CallRecord, type EngineResult } from './call-centre.js';
import { stateCode, type AgentPhase } from './mock-state.js';
import type { Routing } from './routing.js';

/** The cancel events of busy, rest and wrap-up. */
type CancelEvent = 'AgentState_CancelNotReady_Success' | 'AgentState_CancelRest_Success' | 'AgentState_CancelWork_Success';

/**
 * State changes of the agents of one call centre.
 *
 * @example
 * const agents = new AgentStates(centre, routing);
 * agents.signIn(101, false); // InService, then Ready
 * agents.sayBusy(101, 201);
 */
export class AgentStates {
  readonly #centre: CallCentre;
  readonly #routing: Routing;

  constructor(centre: CallCentre, routing: Routing) {
    this.#centre = centre;
    this.#routing = routing;
  }

  /** After a successful sign-in or forcelogin: InService, then Ready (docs/cec-reference.md §2.5). Returns the new GUID. */
  signIn(workNo: number, force: boolean): string {
    const runtime = this.#centre.agents.get(workNo);
    if (!runtime) throw new Error(`no agent ${workNo}`);
    const session = this.#centre.sessions.open(workNo);
    this.#centre.emit(workNo, 'AgentOther_InService', null);
    if (!force || runtime.phase === 'signedOut') this.becomeIdle(runtime);
    else if (runtime.phase === 'idle') this.#centre.emit(workNo, 'AgentState_Ready', null);
    return session.guid;
  }

  /** Sign an agent out (logout, or no poll for 2 minutes). A call it holds is released. */
  signOut(workNo: number, why: string): void {
    const runtime = this.#centre.agents.get(workNo);
    if (!runtime) return;
    const call = runtime.callId === undefined ? undefined : this.#centre.calls.get(runtime.callId);
    if (call) this.#routing.detachAgent(call, runtime, why, call.state === 'ringing');
    this.clearTimers(runtime);
    runtime.phase = 'signedOut';
    runtime.callId = undefined;
    this.#centre.sessions.end(workNo, GATEWAY_RETCODES.NOT_SIGNED_IN);
    // A call taken back from a ringing agent goes to the next one.
    this.#routing.dispatchAll();
  }

  status(workNo: number): EngineResult<{ agentState: number; isWorking: boolean }> {
    const runtime = this.#centre.agents.get(workNo);
    if (!runtime) return refused(GATEWAY_RETCODES.BAD_PARAMETER, 'unknown agent');
    return succeeded({ agentState: stateCode(runtime.phase), isWorking: runtime.phase === 'wrapUp' });
  }

  sayBusy(workNo: number, reason: number): EngineResult {
    return this.#change(workNo, ['idle', 'wrapUp', 'rest', 'busy'], 'set busy', (runtime) => {
      this.clearTimers(runtime);
      runtime.phase = 'busy';
      runtime.busyReason = reason;
      this.#centre.emit(workNo, 'AgentState_SetNotReady_Success', { reason });
    });
  }

  cancelBusy(workNo: number): EngineResult {
    return this.#cancel(workNo, 'busy', 'AgentState_CancelNotReady_Success');
  }

  sayFree(workNo: number): EngineResult {
    return this.#change(workNo, ['idle', 'busy', 'rest', 'wrapUp'], 'set idle', (runtime) => {
      if (runtime.phase !== 'idle') this.becomeIdle(runtime);
    });
  }

  rest(workNo: number, seconds: number, cause: number): EngineResult {
    return this.#change(workNo, ['idle', 'busy', 'wrapUp'], 'rest', (runtime) => {
      this.clearTimers(runtime);
      runtime.phase = 'rest';
      runtime.restCause = cause;
      this.#centre.emit(workNo, 'AgentState_SetRest_Success', null);
      // Rest_Timeout is a reminder only: the agent keeps resting (docs/cec-reference.md §2.5).
      runtime.restTimer = this.#centre.timers.start(() => {
        runtime.restTimer = undefined;
        if (runtime.phase === 'rest') this.#centre.emit(workNo, 'AgentState_Rest_Timeout', null);
      }, seconds * 1000);
    });
  }

  cancelRest(workNo: number): EngineResult {
    return this.#cancel(workNo, 'rest', 'AgentState_CancelRest_Success');
  }

  work(workNo: number): EngineResult {
    return this.#change(workNo, ['idle', 'busy', 'wrapUp'], 'enter wrap-up', (runtime) => {
      // Manual wrap-up has no end: it also stops an automatic wrap-up's timer.
      this.clearTimers(runtime);
      runtime.phase = 'wrapUp';
      this.#centre.emit(workNo, 'AgentState_SetWork_Success', null);
    });
  }

  cancelWork(workNo: number): EngineResult {
    return this.#cancel(workNo, 'wrapUp', 'AgentState_CancelWork_Success');
  }

  /** Ready for calls: announced, then offered the next queued call. */
  becomeIdle(runtime: AgentRuntime): void {
    this.clearTimers(runtime);
    runtime.phase = 'idle';
    runtime.busyReason = undefined;
    runtime.restCause = undefined;
    runtime.callId = undefined;
    runtime.muted = false;
    runtime.idleSince = this.#centre.clock.now();
    this.#centre.emit(runtime.agent.workNo, 'AgentState_Ready', null);
    this.#routing.dispatchAll();
  }

  /** After a call: wrap-up for the skill's maxAgentWrapupTime when it has one, then Ready. */
  afterCall(runtime: AgentRuntime, skillId: number | undefined): void {
    runtime.callId = undefined;
    runtime.muted = false;
    const wrapUpSeconds = this.#centre.skill(skillId)?.maxAgentWrapupTime ?? 0;
    if (wrapUpSeconds <= 0 || runtime.phase === 'signedOut') return this.becomeIdle(runtime);
    runtime.phase = 'wrapUp';
    this.#centre.emit(runtime.agent.workNo, 'AgentState_Work', null);
    runtime.wrapTimer = this.#centre.timers.start(() => {
      runtime.wrapTimer = undefined;
      if (runtime.phase === 'wrapUp') this.becomeIdle(runtime);
    }, wrapUpSeconds * 1000);
  }

  /**
   * The agent did not take a ringing call (no answer: busy reason 2; rejected: 7): the call goes
   * back to the front of its queue and the agent is busy, so it is not offered the call again.
   */
  returnRingingCall(runtime: AgentRuntime, call: CallRecord, why: string, busyReason: number): void {
    this.#routing.detachAgent(call, runtime, why, true);
    runtime.phase = 'busy';
    runtime.busyReason = busyReason;
    runtime.callId = undefined;
    this.#centre.emit(runtime.agent.workNo, 'AgentState_SetNotReady_Success', { reason: busyReason });
    this.#routing.dispatchAll();
  }

  /** Stop the wrap-up and rest timers (a new state replaces them). */
  clearTimers(runtime: AgentRuntime): void {
    runtime.wrapTimer?.cancel();
    runtime.wrapTimer = undefined;
    runtime.restTimer?.cancel();
    runtime.restTimer = undefined;
  }

  /** A state change allowed from `from` only; any other phase gets the gateway's 100-009. */
  #change(workNo: number, from: readonly AgentPhase[], what: string, apply: (runtime: AgentRuntime) => void): EngineResult {
    const runtime = this.#centre.agents.get(workNo);
    if (!runtime || !from.includes(runtime.phase)) return refused(GATEWAY_RETCODES.STATE_CHANGE_FAILED, `cannot ${what} while ${runtime?.phase ?? 'unknown'}`);
    apply(runtime);
    return succeeded();
  }

  /** cancelbusy / cancelrest / cancelwork: announce the cancel, then the agent is idle. */
  #cancel(workNo: number, from: AgentPhase, event: CancelEvent): EngineResult {
    return this.#change(workNo, [from], `cancel ${from}`, (runtime) => {
      this.#centre.emit(workNo, event, null);
      this.becomeIdle(runtime);
    });
  }
}
