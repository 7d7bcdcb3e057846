/**
 * Routing: a called number → its skill queue → the longest-idle agent with that skill; overflow
 * when nobody can take the call or it waits too long; a ringing call that the agent does not take
 * goes back to the front of its queue. (docs/cec-reference.md §6: skill queues and called routes.)
 */
import { ControlError } from './control-error.js';
import type { AgentRuntime, CallCentre, CallRecord } from './call-centre.js';
import type { OverflowTarget, TenantSkill } from './tenant.js';
import type { CallMedia } from '../src/protocol/cec-commands.js';
import { MEDIA_ABILITY, callMediaFor } from './call-media.js';

/** Overflow chains stop after this many hops. Not documented by CEC; chosen here. */
const MAX_OVERFLOW_HOPS = 4;

/**
 * Queues and offers calls of one call centre.
 *
 * @example
 * const routing = new Routing(centre, (call, runtime) => agents.returnRingingCall(runtime, call, 'no answer', 2));
 * const { callId } = routing.injectCall({ caller: '13900000000', called: '66881' });
 */
export class Routing {
  readonly #centre: CallCentre;
  readonly #onNoAnswer: (call: CallRecord, runtime: AgentRuntime) => void;

  /** `onNoAnswer` runs when an offered call rang for the whole ring timeout. */
  constructor(centre: CallCentre, onNoAnswer: (call: CallRecord, runtime: AgentRuntime) => void) {
    this.#centre = centre;
    this.#onNoAnswer = onNoAnswer;
  }

  /**
   * A customer calls `called`: route → skill queue → longest-idle agent (QA control).
   * Throws ControlError(400) when no route matches.
   */
  injectCall(input: { caller: string; called: string; callData?: string; media?: CallMedia }): { callId: string } {
    const routes = this.#centre.tenant.calledRoutes;
    const route = routes.find((r) => r.accessCode + r.extCode === input.called);
    if (!route) throw new ControlError(`no called route for ${input.called} (routes: ${routes.map((r) => r.accessCode + r.extCode).join(', ')})`, 400);
    const media = callMediaFor(this.#centre.skill(route.skillId), input.media);
    const call = this.#centre.newCall({ direction: 'inbound', caller: input.caller, called: input.called, callData: input.callData, skillId: route.skillId, state: 'queued', workNo: undefined, media });
    if (route.deviceType === 'ivr') this.endCall(call, 'routed to IVR (the mock has no IVR)');
    else this.enqueue(call, route.skillId ?? -1, 0);
    return { callId: call.callId };
  }

  /** Put a call at the back of a skill's queue (or overflow it), then offer what can be offered. */
  enqueue(call: CallRecord, skillId: number, overflowHops: number): void {
    const skill = this.#centre.skill(skillId);
    if (!skill) return this.endCall(call, `unknown skill ${skillId}`);
    call.skillId = skill.id;
    const queue = this.#centre.queues.get(skill.id) ?? [];
    const staffed = [...this.#centre.agents.values()].some((runtime) => runtime.phase !== 'signedOut' && runtime.agent.skills.some((s) => s.skillId === skill.id));
    if (!staffed) return this.#overflow(call, skill, 'noAgents', overflowHops);
    if (queue.length >= skill.maxWaitNum) return this.#overflow(call, skill, 'allBusy', overflowHops);
    call.state = 'queued';
    call.workNo = undefined;
    call.enqueuedAt = this.#centre.clock.now();
    queue.push(call.callId);
    this.#centre.queues.set(skill.id, queue);
    this.#startWaitTimer(call, skill, skill.maxWaitTime * 1000, overflowHops);
    this.#dispatch(skill.id);
  }

  /** A queued call that waits `ms` more overflows with `timeout`. */
  #startWaitTimer(call: CallRecord, skill: TenantSkill, ms: number, overflowHops: number): void {
    call.waitTimer?.cancel();
    call.waitTimer = this.#centre.timers.start(() => {
      call.waitTimer = undefined;
      if (call.state !== 'queued') return;
      this.#removeFromQueue(call);
      this.#overflow(call, skill, 'timeout', overflowHops);
    }, ms);
  }

  #overflow(call: CallRecord, skill: TenantSkill, why: 'noAgents' | 'allBusy' | 'timeout', overflowHops: number): void {
    const target: OverflowTarget = skill.overflow[why] ?? { type: 'release' };
    if (target.type === 'skill' && overflowHops < MAX_OVERFLOW_HOPS) return this.enqueue(call, target.skillId, overflowHops + 1);
    this.endCall(call, `overflow ${why} from skill ${skill.id}: ${target.type === 'skill' ? 'too many overflow hops' : target.type}`);
  }

  #removeFromQueue(call: CallRecord): void {
    if (call.skillId === undefined) return;
    const queue = this.#centre.queues.get(call.skillId);
    const index = queue?.indexOf(call.callId) ?? -1;
    if (queue && index >= 0) queue.splice(index, 1);
  }

  /** The call is over: timers stopped, out of its queue, released with `reason`, into the history. */
  endCall(call: CallRecord, reason: string): void {
    const alreadyEnded = call.state === 'released';
    call.timer?.cancel();
    call.waitTimer?.cancel();
    call.timer = undefined;
    call.waitTimer = undefined;
    this.#removeFromQueue(call);
    call.state = 'released';
    call.endReason = reason;
    call.workNo = undefined;
    if (!alreadyEnded) this.#centre.callEnded(call);
  }

  /** Offer queued calls of every skill (an agent became free, or a call came back). */
  dispatchAll(): void {
    for (const skillId of this.#centre.queues.keys()) this.#dispatch(skillId);
  }

  /** Offer queued calls of one skill to idle agents, longest idle first; weight breaks ties. */
  #dispatch(skillId: number): void {
    const queue = this.#centre.queues.get(skillId);
    while (queue && queue.length > 0) {
      const callId = queue[0];
      const call = callId === undefined ? undefined : this.#centre.calls.get(callId);
      if (!call || call.state !== 'queued') {
        queue.shift();
        continue;
      }
      const runtime = this.#pickAgent(skillId);
      if (!runtime) return;
      queue.shift();
      this.offer(call, runtime);
    }
  }

  #pickAgent(skillId: number): AgentRuntime | undefined {
    let best: { runtime: AgentRuntime; weight: number } | undefined;
    for (const runtime of this.#centre.agents.values()) {
      if (runtime.phase !== 'idle' || !this.#centre.sessions.get(runtime.agent.workNo)) continue;
      const weight = runtime.agent.skills.find((s) => s.skillId === skillId)?.weight;
      if (weight === undefined) continue;
      const longerIdle = !best || runtime.idleSince < best.runtime.idleSince;
      const sameIdleHeavier = best !== undefined && runtime.idleSince === best.runtime.idleSince && weight > best.weight;
      if (longerIdle || sameIdleHeavier) best = { runtime, weight };
    }
    return best?.runtime;
  }

  /** Ring an agent with a call (docs/cec-reference.md §2.5, inbound sequence); unanswered in time → `onNoAnswer`. */
  offer(call: CallRecord, runtime: AgentRuntime): void {
    const centre = this.#centre;
    const workNo = runtime.agent.workNo;
    call.waitTimer?.cancel();
    call.waitTimer = undefined;
    call.state = 'ringing';
    call.workNo = workNo;
    call.lastAgent = workNo;
    runtime.phase = 'ringing';
    runtime.callId = call.callId;
    const skill = centre.skill(call.skillId);
    const ring = { caller: call.caller, called: call.called, callid: call.callId, type: 'main' as const, feature: 0, mediaAbility: MEDIA_ABILITY[call.media], transfer: 'no' as const, transfrom: null };
    centre.emit(workNo, 'AgentOther_PhoneAlerting', ring);
    centre.emit(workNo, 'AgentEvent_Ringing', ring);
    centre.emit(workNo, 'AgentEvent_Incoming_CallInfo', {
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
    call.timer = centre.timers.start(() => {
      call.timer = undefined;
      if (call.state === 'ringing' && call.workNo === workNo) this.#onNoAnswer(call, runtime);
    }, centre.ringTimeoutMs);
  }

  /**
   * Take an agent off a call (Call_Release to the agent). A ringing inbound call with `requeue`
   * goes back to the front of its queue, keeping its original wait deadline; any other call ends.
   */
  detachAgent(call: CallRecord, runtime: AgentRuntime, why: string, requeue: boolean): void {
    call.timer?.cancel();
    call.timer = undefined;
    this.#centre.emit(runtime.agent.workNo, 'AgentEvent_Call_Release', call.callId);
    if (!requeue || call.direction !== 'inbound' || call.skillId === undefined) return this.endCall(call, why);
    call.requeueCount += 1;
    call.lastReleaseAgentId = runtime.agent.workNo;
    call.state = 'queued';
    call.workNo = undefined;
    this.#centre.queues.get(call.skillId)?.unshift(call.callId);
    const skill = this.#centre.skill(call.skillId);
    if (skill) this.#startWaitTimer(call, skill, Math.max(0, call.enqueuedAt + skill.maxWaitTime * 1000 - this.#centre.clock.now()), 0);
  }
}
