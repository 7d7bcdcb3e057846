/** What the QA control reads from a call centre: its state and its event log (shapes in mock-state.ts). */
import type { CallCentre } from './call-centre.js';
import { stateCode, type LoggedEvent, type MockState } from './mock-state.js';

/** Agents, queues and calls, JSON-safe (GET /__mock/state). */
export function takeSnapshot(centre: CallCentre): MockState {
  return {
    now: centre.clock.now(),
    agents: [...centre.agents.values()].map((runtime) => {
      const session = centre.sessions.get(runtime.agent.workNo);
      return {
        workNo: runtime.agent.workNo,
        accountCode: runtime.agent.accountCode,
        name: runtime.agent.name,
        phone: runtime.agent.phone,
        skills: runtime.agent.skills.map((skill) => skill.skillId),
        phase: runtime.phase,
        agentState: stateCode(runtime.phase),
        signedIn: session !== undefined,
        polling: session?.waiter !== undefined,
        idleSince: runtime.phase === 'idle' ? runtime.idleSince : null,
        busyReason: runtime.busyReason ?? null,
        callId: runtime.callId ?? null,
        muted: runtime.muted,
      };
    }),
    queues: centre.tenant.skills.map((skill) => ({
      skillId: skill.id,
      name: skill.name,
      waiting: [...(centre.queues.get(skill.id) ?? [])],
      maxWaitNum: skill.maxWaitNum,
      maxWaitTime: skill.maxWaitTime,
    })),
    calls: [...centre.calls.values()].map((call) => ({
      callId: call.callId,
      direction: call.direction,
      caller: call.caller,
      called: call.called,
      skillId: call.skillId ?? null,
      state: call.state,
      workNo: call.workNo ?? null,
      held: call.held,
      requeueCount: call.requeueCount,
      endReason: call.endReason ?? null,
      hasCallData: call.callData !== undefined,
      media: call.media,
    })),
  };
}

/** Every event sent, optionally for one agent, oldest first (GET /__mock/events). */
export function eventLog(centre: CallCentre, workNo?: number): LoggedEvent[] {
  const events = workNo === undefined ? [...centre.agents.values()].flatMap((runtime) => runtime.log) : (centre.agents.get(workNo)?.log ?? []);
  return events.slice().sort((a, b) => a.seq - b.seq);
}
