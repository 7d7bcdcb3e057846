/**
 * The CEC call centre the mock simulates: agent states, calls, skill-queue routing and the event
 * sequences of docs/cec-reference.md §2.5. Transport-free: the gateway and the QA control drive it.
 */
import { randomBytes } from 'node:crypto';
import {
  AGENT_STATE_CODES,
  GATEWAY_RETCODES,
  cecEventEnvelope,
  type GatewayRetcode,
  type KnownCecEventType,
  type CEC_EVENT_CONTENT,
  type TransferBody,
} from '../src/protocol/index.js';
import type { z } from '../src/protocol/zod.js';
import type { MockClock, ClockTimer } from './clock.js';
import { TimerSet } from './clock.js';
import { MOCK_CHOICES } from './choices.js';
import { SessionTable, type QueuedEvent } from './sessions.js';
import type { OverflowTarget, TenantAgent, TenantConfig, TenantSkill } from './tenant.js';

/** Where an agent is. `ringing`/`dialing`/`talking` mean a call is attached. */
export type AgentPhase = 'signedOut' | 'idle' | 'busy' | 'rest' | 'wrapUp' | 'ringing' | 'dialing' | 'talking';
export type CallState = 'queued' | 'ringing' | 'dialing' | 'talking' | 'released';

export interface AgentRuntime {
  readonly agent: TenantAgent;
  phase: AgentPhase;
  /** Clock ms when the agent last became idle (longest idle is offered first). */
  idleSince: number;
  busyReason: number | undefined;
  restCause: number | undefined;
  callId: string | undefined;
  muted: boolean;
  wrapTimer: ClockTimer | undefined;
  restTimer: ClockTimer | undefined;
  log: LoggedEvent[];
}

export interface CallRecord {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly caller: string;
  readonly called: string;
  readonly callData: string | undefined;
  skillId: number | undefined;
  state: CallState;
  workNo: number | undefined;
  enqueuedAt: number;
  requeueCount: number;
  lastReleaseAgentId: number | undefined;
  held: boolean;
  /** When the call was answered (clock ms), for `calldata/{agentid}/callinfo`'s `begintime`. */
  answeredAt: number | undefined;
  /** Why it ended (released calls only). */
  endReason: string | undefined;
  timer: ClockTimer | undefined;
  waitTimer: ClockTimer | undefined;
}

/** One event the mock sent an agent, with its time (GET /__mock/events). */
export interface LoggedEvent {
  readonly seq: number;
  readonly at: number;
  readonly workNo: number;
  readonly envelope: { event: { eventType: string; workNo: string; content: unknown }; message: string };
}

/** Result of an engine command: a gateway retcode and a message. */
export type EngineResult<R = undefined> = { readonly retcode: GatewayRetcode; readonly message: string; readonly result?: R };

const ok = <R>(result?: R): EngineResult<R> => ({ retcode: GATEWAY_RETCODES.OK, message: 'success', ...(result === undefined ? {} : { result }) });
const fail = (retcode: GatewayRetcode, message: string): EngineResult<never> => ({ retcode, message });

/**
 * Thrown by the QA control for a bad request (HTTP 400/404/409).
 *
 * @example
 * try { fabric.control.hangupCall('1-1'); } catch (e) { if (e instanceof ControlError) console.log(e.status); } // 404
 */
export class ControlError extends Error {
  override readonly name = 'ControlError';
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
  ) {
    super(message);
  }
}

type ContentIn<K extends KnownCecEventType> = z.input<(typeof CEC_EVENT_CONTENT)[K]>;

/**
 * The simulated call centre for one tenant.
 *
 * @example
 * const engine = new Engine(tenant, realClock);
 * const { callId } = engine.injectCall({ caller: '13900000000', called: '66881' });
 */
export class Engine {
  readonly tenant: TenantConfig;
  readonly sessions: SessionTable;
  readonly agents = new Map<number, AgentRuntime>();
  readonly calls = new Map<string, CallRecord>();
  readonly #queues = new Map<number, string[]>();
  readonly #clock: MockClock;
  readonly #timers: TimerSet;
  #seq = 0;
  #callSeq = 0;
  /** Listeners for every emitted event (tests and the bench). */
  readonly listeners = new Set<(e: LoggedEvent) => void>();
  ringTimeoutMs: number = MOCK_CHOICES.ringTimeoutMs;

  constructor(tenant: TenantConfig, clock: MockClock) {
    this.tenant = tenant;
    this.#clock = clock;
    this.#timers = new TimerSet(clock);
    this.sessions = new SessionTable(clock, (workNo) => this.signOut(workNo, 'no poll for 2 minutes'));
    this.#init();
  }

  #init(): void {
    for (const a of this.tenant.agents) {
      this.agents.set(a.workNo, { agent: a, phase: 'signedOut', idleSince: 0, busyReason: undefined, restCause: undefined, callId: undefined, muted: false, wrapTimer: undefined, restTimer: undefined, log: [] });
    }
    for (const s of this.tenant.skills) this.#queues.set(s.id, []);
  }

  /** Forget every session, call, queue and event (POST /__mock/reset). */
  reset(): void {
    this.sessions.clear();
    this.#timers.cancelAll();
    this.agents.clear();
    this.calls.clear();
    this.#queues.clear();
    this.#init();
  }

  /** Stop every timer and end every poll (close). */
  dispose(): void {
    this.sessions.clear();
    this.#timers.cancelAll();
  }

  // ── events ────────────────────────────────────────────────────────────────

  emit<K extends KnownCecEventType>(workNo: number, eventType: K, content: ContentIn<K>): void {
    const rt = this.agents.get(workNo);
    if (!rt) return;
    const envelope = cecEventEnvelope(eventType, String(workNo), content);
    const at = this.#clock.now();
    const seq = ++this.#seq;
    const logged: LoggedEvent = { seq, at, workNo, envelope };
    rt.log.push(logged);
    if (rt.log.length > MOCK_CHOICES.eventLogPerAgent) rt.log.shift();
    const queued: QueuedEvent = { ...envelope.event, message: envelope.message, at, seq };
    this.sessions.push(workNo, queued);
    for (const l of this.listeners) l(logged);
  }

  // ── sign-in / sign-out ────────────────────────────────────────────────────

  agentByWorkNo(workNo: number): AgentRuntime | undefined {
    return this.agents.get(workNo);
  }

  /** After a successful sign-in or forcelogin: InService, then Ready (docs/cec-reference.md §2.5). */
  signIn(workNo: number, force: boolean): string {
    const rt = this.agents.get(workNo);
    if (!rt) throw new Error(`no agent ${workNo}`);
    const session = this.sessions.open(workNo);
    this.emit(workNo, 'AgentOther_InService', null);
    if (!force || rt.phase === 'signedOut') this.#becomeIdle(rt);
    else if (rt.phase === 'idle') this.emit(workNo, 'AgentState_Ready', null);
    return session.guid;
  }

  /** Sign an agent out (logout, or no poll for 2 minutes). A call it holds is released. */
  signOut(workNo: number, why: string): void {
    const rt = this.agents.get(workNo);
    if (!rt) return;
    if (rt.callId) {
      const call = this.calls.get(rt.callId);
      if (call) this.#detachAgent(call, rt, why, call.state === 'ringing');
    }
    this.#clearAgentTimers(rt);
    rt.phase = 'signedOut';
    rt.callId = undefined;
    this.sessions.end(workNo, GATEWAY_RETCODES.NOT_SIGNED_IN);
    // A call taken back from a ringing agent goes to the next one.
    this.#dispatchAll();
  }

  #clearAgentTimers(rt: AgentRuntime): void {
    rt.wrapTimer?.cancel();
    rt.wrapTimer = undefined;
    rt.restTimer?.cancel();
    rt.restTimer = undefined;
  }

  #becomeIdle(rt: AgentRuntime): void {
    this.#clearAgentTimers(rt);
    rt.phase = 'idle';
    rt.busyReason = undefined;
    rt.restCause = undefined;
    rt.callId = undefined;
    rt.muted = false;
    rt.idleSince = this.#clock.now();
    this.emit(rt.agent.workNo, 'AgentState_Ready', null);
    this.#dispatchAll();
  }

  // ── agent states (CC-Gateway onlineagent/*) ───────────────────────────────

  status(workNo: number): EngineResult<{ agentState: number; isWorking: boolean }> {
    const rt = this.agents.get(workNo);
    if (!rt) return fail(GATEWAY_RETCODES.BAD_PARAMETER, 'unknown agent');
    return ok({ agentState: stateCode(rt.phase), isWorking: rt.phase === 'wrapUp' });
  }

  /** A state change allowed from `from` only; any other phase gets the gateway's 100-009. */
  #change(workNo: number, from: readonly AgentPhase[], what: string, apply: (rt: AgentRuntime) => void): EngineResult {
    const rt = this.agents.get(workNo);
    if (!rt || !from.includes(rt.phase)) return fail(GATEWAY_RETCODES.STATE_CHANGE_FAILED, `cannot ${what} while ${rt?.phase ?? 'unknown'}`);
    apply(rt);
    return ok();
  }

  /** cancelbusy / cancelrest / cancelwork: announce the cancel, then the agent is idle. */
  #cancel(workNo: number, from: AgentPhase, event: 'AgentState_CancelNotReady_Success' | 'AgentState_CancelRest_Success' | 'AgentState_CancelWork_Success'): EngineResult {
    return this.#change(workNo, [from], `cancel ${from}`, (rt) => {
      this.emit(workNo, event, null);
      this.#becomeIdle(rt);
    });
  }

  sayBusy(workNo: number, reason: number): EngineResult {
    return this.#change(workNo, ['idle', 'wrapUp', 'rest', 'busy'], 'set busy', (rt) => {
      this.#clearAgentTimers(rt);
      rt.phase = 'busy';
      rt.busyReason = reason;
      this.emit(workNo, 'AgentState_SetNotReady_Success', { reason });
    });
  }

  cancelBusy(workNo: number): EngineResult {
    return this.#cancel(workNo, 'busy', 'AgentState_CancelNotReady_Success');
  }

  sayFree(workNo: number): EngineResult {
    return this.#change(workNo, ['idle', 'busy', 'rest', 'wrapUp'], 'set idle', (rt) => rt.phase !== 'idle' && this.#becomeIdle(rt));
  }

  rest(workNo: number, seconds: number, cause: number): EngineResult {
    return this.#change(workNo, ['idle', 'busy', 'wrapUp'], 'rest', (rt) => {
      this.#clearAgentTimers(rt);
      rt.phase = 'rest';
      rt.restCause = cause;
      this.emit(workNo, 'AgentState_SetRest_Success', null);
      // Rest_Timeout is a reminder only: the agent keeps resting (docs/cec-reference.md §2.5).
      rt.restTimer = this.#timers.start(() => {
        rt.restTimer = undefined;
        if (rt.phase === 'rest') this.emit(workNo, 'AgentState_Rest_Timeout', null);
      }, seconds * 1000);
    });
  }

  cancelRest(workNo: number): EngineResult {
    return this.#cancel(workNo, 'rest', 'AgentState_CancelRest_Success');
  }

  work(workNo: number): EngineResult {
    return this.#change(workNo, ['idle', 'busy', 'wrapUp'], 'enter wrap-up', (rt) => {
      // Manual wrap-up has no end: it also stops an automatic wrap-up's timer.
      this.#clearAgentTimers(rt);
      rt.phase = 'wrapUp';
      this.emit(workNo, 'AgentState_SetWork_Success', null);
    });
  }

  cancelWork(workNo: number): EngineResult {
    return this.#cancel(workNo, 'wrapUp', 'AgentState_CancelWork_Success');
  }

  // ── routing ───────────────────────────────────────────────────────────────

  /** A new call record, registered; the rest of its fields start empty. */
  #newCall(c: Pick<CallRecord, 'direction' | 'caller' | 'called' | 'callData' | 'skillId' | 'state' | 'workNo'>): CallRecord {
    const call: CallRecord = { ...c, callId: this.#newCallId(), enqueuedAt: this.#clock.now(), requeueCount: 0, lastReleaseAgentId: undefined, held: false, answeredAt: undefined, endReason: undefined, timer: undefined, waitTimer: undefined };
    this.calls.set(call.callId, call);
    return call;
  }

  #newCallId(): string {
    // CEC call ids look like "1456404043-37".
    this.#callSeq += 1;
    return `${Math.floor(this.#clock.now() / 1000)}-${this.#callSeq}`;
  }

  #skill(id: number | undefined): TenantSkill | undefined {
    return this.tenant.skills.find((s) => s.id === id);
  }

  /**
   * A customer calls `called`: route → skill queue → longest-idle agent (QA control).
   * Throws ControlError(400) when no route matches.
   */
  injectCall(input: { caller: string; called: string; callData?: string }): { callId: string } {
    const route = this.tenant.calledRoutes.find((r) => r.accessCode + r.extCode === input.called);
    if (!route) throw new ControlError(`no called route for ${input.called} (routes: ${this.tenant.calledRoutes.map((r) => r.accessCode + r.extCode).join(', ')})`, 400);
    const call = this.#newCall({ direction: 'inbound', caller: input.caller, called: input.called, callData: input.callData, skillId: route.skillId, state: 'queued', workNo: undefined });
    if (route.deviceType === 'ivr') this.#endCall(call, 'routed to IVR (the mock has no IVR)');
    else this.#enqueue(call, route.skillId ?? -1, 0);
    return { callId: call.callId };
  }

  #enqueue(call: CallRecord, skillId: number, depth: number): void {
    const skill = this.#skill(skillId);
    if (!skill) return this.#endCall(call, `unknown skill ${skillId}`);
    call.skillId = skill.id;
    const queue = this.#queues.get(skill.id) ?? [];
    const staffed = [...this.agents.values()].some((rt) => rt.phase !== 'signedOut' && rt.agent.skills.some((s) => s.skillId === skill.id));
    if (!staffed) return this.#overflow(call, skill, 'noAgents', depth);
    if (queue.length >= skill.maxWaitNum) return this.#overflow(call, skill, 'allBusy', depth);
    call.state = 'queued';
    call.workNo = undefined;
    call.enqueuedAt = this.#clock.now();
    queue.push(call.callId);
    this.#queues.set(skill.id, queue);
    call.waitTimer?.cancel();
    call.waitTimer = this.#timers.start(() => {
      call.waitTimer = undefined;
      if (call.state !== 'queued') return;
      this.#removeFromQueue(call);
      this.#overflow(call, skill, 'timeout', depth);
    }, skill.maxWaitTime * 1000);
    this.#dispatch(skill.id);
  }

  #overflow(call: CallRecord, skill: TenantSkill, why: 'noAgents' | 'allBusy' | 'timeout', depth: number): void {
    const target: OverflowTarget = skill.overflow[why] ?? { type: 'release' };
    // Overflow chains stop after 4 hops. Not documented by CEC; chosen here.
    if (target.type === 'skill' && depth < 4) return this.#enqueue(call, target.skillId, depth + 1);
    this.#endCall(call, `overflow ${why} from skill ${skill.id}: ${target.type === 'skill' ? 'too many overflow hops' : target.type}`);
  }

  #removeFromQueue(call: CallRecord): void {
    if (call.skillId === undefined) return;
    const q = this.#queues.get(call.skillId);
    const i = q?.indexOf(call.callId) ?? -1;
    if (q && i >= 0) q.splice(i, 1);
  }

  #endCall(call: CallRecord, reason: string): void {
    call.timer?.cancel();
    call.waitTimer?.cancel();
    call.timer = undefined;
    call.waitTimer = undefined;
    this.#removeFromQueue(call);
    call.state = 'released';
    call.endReason = reason;
    call.workNo = undefined;
  }

  #dispatchAll(): void {
    for (const id of this.#queues.keys()) this.#dispatch(id);
  }

  /** Offer queued calls of one skill to idle agents, longest idle first; weight breaks ties. */
  #dispatch(skillId: number): void {
    const queue = this.#queues.get(skillId);
    while (queue && queue.length > 0) {
      const callId = queue[0];
      const call = callId === undefined ? undefined : this.calls.get(callId);
      if (!call || call.state !== 'queued') {
        queue.shift();
        continue;
      }
      const agent = this.#pickAgent(skillId);
      if (!agent) return;
      queue.shift();
      this.#offer(call, agent);
    }
  }

  #pickAgent(skillId: number): AgentRuntime | undefined {
    let best: { rt: AgentRuntime; weight: number } | undefined;
    for (const rt of this.agents.values()) {
      if (rt.phase !== 'idle' || !this.sessions.get(rt.agent.workNo)) continue;
      const weight = rt.agent.skills.find((s) => s.skillId === skillId)?.weight;
      if (weight === undefined) continue;
      if (!best || rt.idleSince < best.rt.idleSince || (rt.idleSince === best.rt.idleSince && weight > best.weight)) best = { rt, weight };
    }
    return best?.rt;
  }

  #offer(call: CallRecord, rt: AgentRuntime): void {
    const workNo = rt.agent.workNo;
    call.waitTimer?.cancel();
    call.waitTimer = undefined;
    call.state = 'ringing';
    call.workNo = workNo;
    rt.phase = 'ringing';
    rt.callId = call.callId;
    const skill = this.#skill(call.skillId);
    const ring = { caller: call.caller, called: call.called, callid: call.callId, type: 'main' as const, feature: 0, mediaAbility: 1, transfer: 'no' as const, transfrom: null };
    this.emit(workNo, 'AgentOther_PhoneAlerting', ring);
    this.emit(workNo, 'AgentEvent_Ringing', ring);
    this.emit(workNo, 'AgentEvent_Incoming_CallInfo', {
      callId: call.callId,
      skillName: skill?.name ?? '',
      skillId: call.skillId ?? 0,
      caller: call.caller,
      called: call.called,
      mediaType: skill?.mediaType ?? 5,
      lastReleaseAgentId: call.lastReleaseAgentId === undefined ? '' : String(call.lastReleaseAgentId),
      releaseAndReQueueCount: call.requeueCount,
      releaseAndReQueueCallFlag: call.requeueCount > 0 ? '1' : '0',
    });
    call.timer = this.#timers.start(() => {
      call.timer = undefined;
      if (call.state !== 'ringing' || call.workNo !== workNo) return;
      // No answer in time: agent forced busy (reason 2), call back to the front of its queue.
      this.#detachAgent(call, rt, 'no answer', true);
      rt.phase = 'busy';
      rt.busyReason = 2;
      rt.callId = undefined;
      this.emit(workNo, 'AgentState_SetNotReady_Success', { reason: 2 });
      this.#dispatchAll();
    }, this.ringTimeoutMs);
  }

  /** Take an agent off a call; a ringing inbound call goes back to the front of its queue. */
  #detachAgent(call: CallRecord, rt: AgentRuntime, why: string, requeue: boolean): void {
    call.timer?.cancel();
    call.timer = undefined;
    this.emit(rt.agent.workNo, 'AgentEvent_Call_Release', call.callId);
    if (requeue && call.direction === 'inbound' && call.skillId !== undefined) {
      call.requeueCount += 1;
      call.lastReleaseAgentId = rt.agent.workNo;
      call.state = 'queued';
      call.workNo = undefined;
      const q = this.#queues.get(call.skillId);
      q?.unshift(call.callId);
      const skill = this.#skill(call.skillId);
      if (skill) {
        call.waitTimer = this.#timers.start(() => {
          call.waitTimer = undefined;
          if (call.state !== 'queued') return;
          this.#removeFromQueue(call);
          this.#overflow(call, skill, 'timeout', 0);
        }, Math.max(0, call.enqueuedAt + skill.maxWaitTime * 1000 - this.#clock.now()));
      }
    } else {
      this.#endCall(call, why);
    }
  }

  /** After a call: wrap-up for maxAgentWrapupTime when the skill has one, then Ready. */
  #afterCall(rt: AgentRuntime, skillId: number | undefined): void {
    rt.callId = undefined;
    rt.muted = false;
    const wrapS = this.#skill(skillId)?.maxAgentWrapupTime ?? 0;
    if (wrapS <= 0 || rt.phase === 'signedOut') return this.#becomeIdle(rt);
    rt.phase = 'wrapUp';
    this.emit(rt.agent.workNo, 'AgentState_Work', null);
    rt.wrapTimer = this.#timers.start(() => {
      rt.wrapTimer = undefined;
      if (rt.phase === 'wrapUp') this.#becomeIdle(rt);
    }, wrapS * 1000);
  }

  // ── call control (CC-Gateway voicecall/*) ─────────────────────────────────

  #agentCall(workNo: number): { rt: AgentRuntime; call: CallRecord } | undefined {
    const rt = this.agents.get(workNo);
    const call = rt?.callId ? this.calls.get(rt.callId) : undefined;
    return rt && call ? { rt, call } : undefined;
  }

  answer(workNo: number, callId: string | undefined): EngineResult {
    const hit = this.#agentCall(workNo);
    if (!hit || hit.rt.phase !== 'ringing' || (callId && callId !== hit.call.callId)) return fail(GATEWAY_RETCODES.ANSWER_FAILED, 'no ringing call to answer');
    const { rt, call } = hit;
    call.timer?.cancel();
    call.timer = undefined;
    call.state = 'talking';
    call.answeredAt = this.#clock.now();
    rt.phase = 'talking';
    this.emit(workNo, 'AgentState_Busy', null);
    this.emit(workNo, 'AgentEvent_Talking', { caller: call.caller, called: call.called, callid: call.callId, type: 'main', feature: 0, mediaAbility: 1 });
    return ok();
  }

  /** The agent hangs up (or rejects a ringing call: busy reason 7, the call is requeued). */
  release(workNo: number): EngineResult {
    const hit = this.#agentCall(workNo);
    if (!hit) return fail(GATEWAY_RETCODES.CALL_NOT_FOUND, 'no call to release');
    const { rt, call } = hit;
    if (rt.phase === 'ringing') {
      this.#detachAgent(call, rt, 'rejected', true);
      rt.phase = 'busy';
      rt.busyReason = 7;
      rt.callId = undefined;
      this.emit(workNo, 'AgentState_SetNotReady_Success', { reason: 7 });
      this.#dispatchAll();
      return ok();
    }
    if (rt.phase === 'dialing') {
      this.#endCall(call, 'agent cancelled the callout');
      this.emit(workNo, 'AgentEvent_Call_Release', call.callId);
      this.#becomeIdle(rt);
      return ok();
    }
    this.#endCall(call, 'agent hung up');
    this.emit(workNo, 'AgentEvent_Call_Release', call.callId);
    this.#afterCall(rt, call.skillId);
    return ok();
  }

  hold(workNo: number): EngineResult {
    const hit = this.#agentCall(workNo);
    if (!hit || hit.rt.phase !== 'talking' || hit.call.held) return fail(GATEWAY_RETCODES.CALL_CONTROL_FAILED, 'no active call to hold');
    hit.call.held = true;
    this.emit(workNo, 'AgentEvent_Hold', hit.call.callId);
    return ok();
  }

  getHold(workNo: number, callId: string | undefined): EngineResult {
    const hit = this.#agentCall(workNo);
    if (!hit || !hit.call.held || (callId && callId !== hit.call.callId)) return fail(GATEWAY_RETCODES.CALL_CONTROL_FAILED, 'no held call');
    const { call } = hit;
    call.held = false;
    this.emit(workNo, 'AgentEvent_Talking', { caller: call.caller, called: call.called, callid: call.callId, type: 'main', feature: call.direction === 'inbound' ? 0 : 7, mediaAbility: 1 });
    return ok();
  }

  mute(workNo: number, on: boolean): EngineResult {
    const hit = this.#agentCall(workNo);
    if (!hit || hit.rt.phase !== 'talking') return fail(GATEWAY_RETCODES.CALL_CONTROL_FAILED, 'no active call to mute');
    hit.rt.muted = on;
    return ok();
  }

  /** Blind transfer: the agent leaves the call; a skill or agent target gets it offered. */
  transfer(workNo: number, body: TransferBody): EngineResult {
    const hit = this.#agentCall(workNo);
    if (!hit || hit.rt.phase !== 'talking') return fail(GATEWAY_RETCODES.CALL_CONTROL_FAILED, 'no active call to transfer');
    const { rt, call } = hit;
    if (body.devicetype === 1) {
      const skillId = Number(body.address);
      if (!this.#skill(skillId)) return fail(GATEWAY_RETCODES.BAD_PARAMETER, `unknown skill ${body.address}`);
      this.emit(workNo, 'AgentEvent_Call_Release', call.callId);
      this.#afterCall(rt, call.skillId);
      call.held = false;
      this.#enqueue(call, skillId, 0);
      return ok();
    }
    if (body.devicetype === 2) {
      const target = this.agents.get(Number(body.address));
      if (!target || target === rt || target.phase !== 'idle' || !this.sessions.get(target.agent.workNo)) return fail(GATEWAY_RETCODES.CALL_CONTROL_FAILED, `agent ${body.address} is not available`);
      this.emit(workNo, 'AgentEvent_Call_Release', call.callId);
      this.#afterCall(rt, call.skillId);
      call.held = false;
      this.#offer(call, target);
      return ok();
    }
    // IVR, access code and external numbers leave the mock's world: the call ends for the agent.
    this.#endCall(call, `transferred to ${body.address} (devicetype ${body.devicetype})`);
    this.emit(workNo, 'AgentEvent_Call_Release', call.callId);
    this.#afterCall(rt, call.skillId);
    return ok();
  }

  /** The agent dials out: Busy + Customer_Alerting; the QA control answers or hangs up for the customer. */
  callout(workNo: number, input: { called: string; caller?: string; skillid?: number; callappdata?: string }): EngineResult<string> {
    const rt = this.agents.get(workNo);
    if (!rt || !['idle', 'busy', 'wrapUp', 'rest'].includes(rt.phase)) return fail(GATEWAY_RETCODES.CALL_CONTROL_FAILED, `cannot call out while ${rt?.phase ?? 'unknown'}`);
    if (input.skillid !== undefined && !this.#skill(input.skillid)) return fail(GATEWAY_RETCODES.BAD_PARAMETER, `unknown skill ${input.skillid}`);
    this.#clearAgentTimers(rt);
    const call = this.#newCall({ direction: 'outbound', caller: input.caller ?? rt.agent.sipAccount, called: input.called, callData: input.callappdata, skillId: input.skillid, state: 'dialing', workNo });
    rt.phase = 'dialing';
    rt.callId = call.callId;
    this.emit(workNo, 'AgentState_Busy', null);
    this.emit(workNo, 'AgentEvent_Customer_Alerting', { callid: call.callId, otherPhone: call.called, otherPhoneWorkno: '', type: 'main' });
    call.timer = this.#timers.start(() => {
      call.timer = undefined;
      if (call.state === 'dialing') this.#calloutFailed(call, rt, 'customer did not answer');
    }, MOCK_CHOICES.calloutRingTimeoutMs);
    return ok(call.callId);
  }

  #calloutFailed(call: CallRecord, rt: AgentRuntime, why: string): void {
    this.#endCall(call, why);
    this.emit(rt.agent.workNo, 'AgentEvent_Call_Out_Fail', call.callId);
    this.#becomeIdle(rt);
  }

  // ── the customer's side (QA control) ──────────────────────────────────────

  /** The customer answers an outbound call. */
  customerAnswer(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) throw new ControlError(`no call ${callId}`, 404);
    const rt = call.workNo === undefined ? undefined : this.agents.get(call.workNo);
    if (call.direction !== 'outbound' || call.state !== 'dialing' || !rt) throw new ControlError(`call ${callId} is ${call.state}, not an outbound call ringing the customer`, 409);
    call.timer?.cancel();
    call.timer = undefined;
    call.state = 'talking';
    call.answeredAt = this.#clock.now();
    rt.phase = 'talking';
    this.emit(rt.agent.workNo, 'AgentEvent_Talking', { caller: call.caller, called: call.called, callid: call.callId, type: 'main', feature: 7, mediaAbility: 1 });
  }

  /** The customer hangs up, whatever the call's state. */
  customerHangup(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) throw new ControlError(`no call ${callId}`, 404);
    if (call.state === 'released') throw new ControlError(`call ${callId} already ended`, 409);
    const rt = call.workNo === undefined ? undefined : this.agents.get(call.workNo);
    const state = call.state;
    this.#endCall(call, 'customer hung up');
    if (!rt) return;
    const workNo = rt.agent.workNo;
    if (state === 'dialing') return this.#calloutFailedAfterEnd(call, rt);
    this.emit(workNo, 'AgentEvent_Customer_Release', { callid: call.callId, number: call.direction === 'inbound' ? call.caller : call.called });
    this.emit(workNo, 'AgentEvent_Call_Release', call.callId);
    if (state === 'ringing') return this.#becomeIdle(rt);
    this.#afterCall(rt, call.skillId);
  }

  #calloutFailedAfterEnd(call: CallRecord, rt: AgentRuntime): void {
    this.emit(rt.agent.workNo, 'AgentEvent_Call_Out_Fail', call.callId);
    this.#becomeIdle(rt);
  }

  // ── inspection ────────────────────────────────────────────────────────────

  /** Agents, queues and calls, JSON-safe (GET /__mock/state). */
  snapshot(): MockState {
    return {
      now: this.#clock.now(),
      agents: [...this.agents.values()].map((rt) => ({
        workNo: rt.agent.workNo,
        accountCode: rt.agent.accountCode,
        name: rt.agent.name,
        phone: rt.agent.phone,
        skills: rt.agent.skills.map((s) => s.skillId),
        phase: rt.phase,
        agentState: stateCode(rt.phase),
        signedIn: this.sessions.get(rt.agent.workNo) !== undefined,
        polling: this.sessions.get(rt.agent.workNo)?.waiter !== undefined,
        idleSince: rt.phase === 'idle' ? rt.idleSince : null,
        busyReason: rt.busyReason ?? null,
        callId: rt.callId ?? null,
        muted: rt.muted,
      })),
      queues: this.tenant.skills.map((s) => ({ skillId: s.id, name: s.name, waiting: [...(this.#queues.get(s.id) ?? [])], maxWaitNum: s.maxWaitNum, maxWaitTime: s.maxWaitTime })),
      calls: [...this.calls.values()].map((c) => ({
        callId: c.callId,
        direction: c.direction,
        caller: c.caller,
        called: c.called,
        skillId: c.skillId ?? null,
        state: c.state,
        workNo: c.workNo ?? null,
        held: c.held,
        requeueCount: c.requeueCount,
        endReason: c.endReason ?? null,
        hasCallData: c.callData !== undefined,
      })),
    };
  }

  /** Every event sent, optionally for one agent, oldest first (GET /__mock/events). */
  eventLog(workNo?: number): LoggedEvent[] {
    const all = workNo === undefined ? [...this.agents.values()].flatMap((rt) => rt.log) : (this.agents.get(workNo)?.log ?? []);
    return all.slice().sort((a, b) => a.seq - b.seq);
  }
}

/** CC-Gateway agentState code for a phase (docs/cec-reference.md §5.6). Ringing/dialing count as talking (chosen here). */
export function stateCode(phase: AgentPhase): number {
  switch (phase) {
    case 'signedOut':
      return AGENT_STATE_CODES.SIGNED_OUT;
    case 'busy':
      return AGENT_STATE_CODES.BUSY;
    case 'idle':
      return AGENT_STATE_CODES.IDLE;
    case 'wrapUp':
      return AGENT_STATE_CODES.WRAP_UP;
    case 'rest':
      return AGENT_STATE_CODES.REST;
    default:
      return AGENT_STATE_CODES.TALKING;
  }
}

/** GET /__mock/state. */
export interface MockState {
  now: number;
  agents: Array<{
    workNo: number;
    accountCode: string;
    name: string;
    phone: string;
    skills: number[];
    phase: AgentPhase;
    agentState: number;
    signedIn: boolean;
    polling: boolean;
    idleSince: number | null;
    busyReason: number | null;
    callId: string | null;
    muted: boolean;
  }>;
  queues: Array<{ skillId: number; name: string; waiting: string[]; maxWaitNum: number; maxWaitTime: number }>;
  calls: Array<{
    callId: string;
    direction: 'inbound' | 'outbound';
    caller: string;
    called: string;
    skillId: number | null;
    state: CallState;
    workNo: number | null;
    held: boolean;
    requeueCount: number;
    endReason: string | null;
    hasCallData: boolean;
  }>;
}

/** A random opaque id (tickets, cookies). */
export function randomToken(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}
