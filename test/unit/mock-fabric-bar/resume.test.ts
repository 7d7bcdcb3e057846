/**
 * Issue 14, item 18: what a mock bar that resumes its gateway session shows, and restates to its
 * page, from `agentstatus` and `callinfo` (mock-fabric/bar/resume.ts).
 */
import { describe, expect, it } from 'vitest';
import { resumeSession } from '../../../mock-fabric/bar/resume.js';
import { parseCecEvent } from '../../../src/protocol/cec-events.js';

const NOW = 1_700_000_100_000;
const ANSWERED = 1_700_000_000_000;
const inbound = { callfeature: 0, callid: '1700000000-1', caller: '13900000001', called: '66881', callskill: 'General support', callskillid: 1, orgicallednum: '66881', calldata: '', mediaType: 5 };
const types = (resumed: ReturnType<typeof resumeSession>) => resumed?.events.map((event) => event.eventType);

describe('resumeSession', () => {
  it('a talking call: the bar shows it with the call timer from the answer, and restates Busy + Talking', () => {
    const resumed = resumeSession(7, { ...inbound, begintime: ANSWERED }, '101', NOW);
    expect(resumed?.model).toMatchObject({ agentState: 'inCall', callState: 'talking', call: { callId: '1700000000-1', peer: '13900000001', direction: 'inbound', talkingSince: ANSWERED } });
    expect(types(resumed)).toEqual(['AgentState_Busy', 'AgentEvent_Talking']);
    expect(resumed?.events[1]?.content).toMatchObject({ callid: '1700000000-1', caller: '13900000001', called: '66881', feature: 0 });
  });

  it('a call still ringing the agent: ringing, restated as PhoneAlerting only; an outbound call still dialling: Busy + Customer_Alerting', () => {
    const ringing = resumeSession(7, { ...inbound, begintime: 0 }, '101', NOW);
    expect(ringing?.model).toMatchObject({ agentState: 'ringing', callState: 'ringing', call: { callId: '1700000000-1' } });
    expect(types(ringing)).toEqual(['AgentOther_PhoneAlerting']);
    const dialling = resumeSession(7, { ...inbound, callfeature: 7, caller: '8001', called: '13900000002', begintime: 0 }, '101', NOW);
    expect(dialling?.model).toMatchObject({ agentState: 'inCall', callState: 'dialing', call: { direction: 'outbound', peer: '13900000002' } });
    expect(types(dialling)).toEqual(['AgentState_Busy', 'AgentEvent_Customer_Alerting']);
  });

  it('no call: the state alone, as the event of entering it', () => {
    expect(types(resumeSession(4, undefined, '101', NOW))).toEqual(['AgentState_Ready']);
    expect(resumeSession(4, undefined, '101', NOW)?.model).toMatchObject({ agentState: 'idle', callState: 'none', message: 'Session resumed.' });
    expect(types(resumeSession(3, undefined, '101', NOW))).toEqual(['AgentState_SetNotReady_Success']);
    expect(types(resumeSession(5, undefined, '101', NOW))).toEqual(['AgentState_Work']);
    expect(types(resumeSession(8, undefined, '101', NOW))).toEqual(['AgentState_SetRest_Success']);
    expect(resumeSession(8, undefined, '101', NOW)?.model.agentState).toBe('rest');
  });

  it('every restated event is valid on the CEC wire (the shell and the host accept it)', () => {
    const all = [resumeSession(7, { ...inbound, begintime: ANSWERED }, '101', NOW), resumeSession(7, { ...inbound, begintime: 0 }, '101', NOW), resumeSession(7, { ...inbound, callfeature: 7, begintime: 0 }, '101', NOW), resumeSession(3, undefined, '101', NOW), resumeSession(5, undefined, '101', NOW)];
    for (const event of all.flatMap((resumed) => resumed?.events ?? [])) {
      const parsed = parseCecEvent({ event: { eventType: event.eventType, workNo: event.workNo, content: event.content }, message: event.message });
      expect(parsed.ok && parsed.event.eventType, event.eventType).toBe(event.eventType);
    }
  });

  it('signed out (or unknown): nothing to resume; an unreadable callinfo counts as no call', () => {
    expect(resumeSession(2, undefined, '101', NOW)).toBeUndefined();
    expect(resumeSession(0, undefined, '101', NOW)).toBeUndefined();
    expect(resumeSession(4, { callid: 42 }, '101', NOW)?.model.call).toBeNull();
  });
});
