/** The CC-CMS real-time answers (docs/cec-reference.md §8.4, §8.5), read from the engine's state now. */
import type { CallCentre } from '../call-centre.js';
import { MOCK_CHOICES } from '../choices.js';

/** The ids of the calls an agent is handling (cec_07_0628): at most one in the mock. */
export function liveCallIds(centre: CallCentre, agentId: number): string[] {
  const call = centre.agentCall(agentId)?.call;
  return call && call.state !== 'released' ? [call.callId] : [];
}

/**
 * One call in progress (cec_07_0641). The page's field list is not public in full; the fields
 * here are chosen (docs/cec-reference.md §8.4): `beginTime` is when the call entered the centre.
 */
export function liveCallDetail(centre: CallCentre, callId: string) {
  const call = centre.calls.get(callId);
  if (!call || call.state === 'released') return undefined;
  return {
    callId: call.callId,
    callerNo: call.caller,
    calleeNo: call.called,
    agentId: call.workNo ?? 0,
    skillId: call.skillId ?? 0,
    callInOut: call.direction === 'inbound' ? MOCK_CHOICES.cdrCallTypes.inbound : MOCK_CHOICES.cdrCallTypes.outbound,
    callStatus: call.state,
    beginTime: call.enqueuedAt,
  };
}

/**
 * Per skill queue (cec_07_0711): agents signed in and per state, and the calls waiting now.
 * `maxCallWaitTimesIn5`: CEC says "longest wait (within 5 minutes)" without a unit; chosen here:
 * the longest wait of a call waiting now, in whole seconds.
 */
export function skillStates(centre: CallCentre, skillIds: readonly number[]) {
  const now = centre.clock.now();
  return skillIds
    .filter((skillId) => centre.skill(skillId) !== undefined)
    .map((skillId) => {
      const agents = [...centre.agents.values()].filter((runtime) => runtime.agent.skills.some((skill) => skill.skillId === skillId));
      const inPhase = (phase: string): number => agents.filter((runtime) => runtime.phase === phase).length;
      const waiting = (centre.queues.get(skillId) ?? []).map((callId) => centre.calls.get(callId)).filter((call) => call?.state === 'queued');
      const longestWaitMs = Math.max(0, ...waiting.map((call) => now - (call?.enqueuedAt ?? now)));
      return {
        skillId,
        agentLoginNums: agents.length - inPhase('signedOut'),
        agentTalkingNums: inPhase('talking') + inPhase('ringing') + inPhase('dialing'),
        agentIdleNums: inPhase('idle'),
        agentSetbusyNums: inPhase('busy'),
        agentRestNums: inPhase('rest'),
        agentWorkNums: inPhase('wrapUp'),
        callWaitNums: waiting.length,
        maxCallWaitTimesIn5: Math.floor(longestWaitMs / 1000),
      };
    });
}
