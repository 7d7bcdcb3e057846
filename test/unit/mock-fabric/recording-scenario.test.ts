/** recordingToScenario on hand-made recordings: who did what, stand-in numbers, masked routes, ring-out vs reject. */
import { describe, expect, it } from 'vitest';
import { recordingToScenario, type RecordingInput } from '../../../mock-fabric/recording-scenario.js';

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);
let seq = 0;
/** One relayed CEC event as the host's recorder keeps it (numbers already masked). */
function cec(offsetMs: number, eventType: string, content: unknown, workNo = '101') {
  seq += 1;
  return { at: T0 + offsetMs, dir: 'in' as const, data: { v: 1, kind: 'cec', seq, event: { eventType, workNo, content } } };
}
const ring = (offsetMs: number, callid: string, caller: string) => [
  cec(offsetMs, 'AgentOther_PhoneAlerting', { caller, called: '*6882', callid }),
  cec(offsetMs, 'AgentEvent_Ringing', { caller, called: '*6882', callid }),
];

describe('recordingToScenario', () => {
  it('replays an answered call, an abandon, a ring-out, a reject and an outbound call at their recorded times', () => {
    const recording: RecordingInput = {
      version: 1,
      messages: [
        cec(0, 'AgentState_Ready', null),
        ...ring(10_000, '1700000000-1', '*******8001'),
        cec(12_000, 'AgentEvent_Talking', { callid: '1700000000-1', caller: '*******8001' }),
        cec(20_000, 'AgentEvent_Customer_Release', { callid: '1700000000-1', number: '*******8001' }),
        cec(20_000, 'AgentEvent_Call_Release', '1700000000-1'),
        ...ring(30_000, '1700000000-2', '*******8002'),
        cec(31_000, 'AgentEvent_Customer_Release', { callid: '1700000000-2' }),
        cec(31_000, 'AgentEvent_Call_Release', '1700000000-2'),
        ...ring(40_000, '1700000000-3', '*******8003'),
        cec(55_000, 'AgentEvent_Call_Release', '1700000000-3'),
        cec(55_000, 'AgentState_SetNotReady_Success', { reason: 2 }),
        ...ring(60_000, '1700000000-4', '*******8004'),
        cec(61_000, 'AgentEvent_Call_Release', '1700000000-4'),
        cec(61_000, 'AgentState_SetNotReady_Success', { reason: 7 }),
        cec(70_000, 'AgentEvent_Customer_Alerting', { callid: '1700000000-5', otherPhone: '*******8005' }),
        cec(72_000, 'AgentEvent_Talking', { callid: '1700000000-5' }),
        cec(80_000, 'AgentEvent_Call_Release', '1700000000-5'),
        { at: T0 + 81_000, dir: 'out' as const, data: { kind: 'ping' } },
      ],
    };
    const scenario = recordingToScenario(recording);
    expect(scenario.timeline).toEqual([
      { at: 1_000, do: 'call', call: 'call-1', caller: '13900018001', called: '66882' },
      { at: 3_000, do: 'agent', workNo: 101, command: 'answer' },
      { at: 11_000, do: 'hangUp', call: 'call-1' },
      { at: 21_000, do: 'call', call: 'call-2', caller: '13900028002', called: '66882' },
      { at: 22_000, do: 'hangUp', call: 'call-2' },
      { at: 31_000, do: 'call', call: 'call-3', caller: '13900038003', called: '66882' },
      { at: 51_000, do: 'call', call: 'call-4', caller: '13900048004', called: '66882' },
      { at: 52_000, do: 'agent', workNo: 101, command: 'hangUp' },
      { at: 61_000, do: 'agent', workNo: 101, command: 'callOut', called: '18800058005', call: 'call-5' },
      { at: 63_000, do: 'answer', call: 'call-5' },
      { at: 71_000, do: 'agent', workNo: 101, command: 'hangUp' },
    ]);
    expect(scenario.durationMs).toBe(76_000);
    expect(scenario.expect[0]).toEqual({ expect: 'sequence', call: 'call-1', workNo: 101, eventTypes: ['AgentOther_PhoneAlerting', 'AgentEvent_Ringing', 'AgentEvent_Talking', 'AgentEvent_Customer_Release', 'AgentEvent_Call_Release'] });
    expect(scenario.expect.map((expectation) => expectation.expect)).toEqual(['sequence', 'sequence', 'sequence', 'sequence', 'sequence', 'noEventLost']);
  });

  it('without agent actions: only the customer side, and outbound calls are answered as whatever rings', () => {
    const recording: RecordingInput = {
      version: 1,
      messages: [
        ...ring(0, '1700000000-1', '*******8001'),
        cec(2_000, 'AgentEvent_Talking', { callid: '1700000000-1' }),
        cec(5_000, 'AgentEvent_Call_Release', '1700000000-1'),
        cec(9_000, 'AgentEvent_Customer_Alerting', { callid: '1700000000-2', otherPhone: '*******8005' }),
        cec(10_000, 'AgentEvent_Talking', { callid: '1700000000-2' }),
      ],
    };
    const scenario = recordingToScenario(recording, { agentActions: false, routes: ['70001', '76882'] });
    expect(scenario.timeline).toEqual([
      { at: 1_000, do: 'call', call: 'call-1', caller: '13900018001', called: '76882' },
      { at: 11_000, do: 'answer' },
    ]);
    expect(scenario.expect).toHaveLength(2);
  });

  it('skips a call already under way when the recording starts, and an empty recording gives an empty scenario', () => {
    const partial = recordingToScenario({ version: 1, messages: [cec(0, 'AgentEvent_Talking', { callid: '1700000000-9' }), cec(1_000, 'AgentEvent_Call_Release', '1700000000-9')] });
    expect(partial.timeline).toEqual([]);
    expect(recordingToScenario({ version: 1, messages: [] }).expect).toEqual([{ expect: 'noEventLost' }]);
  });
});
