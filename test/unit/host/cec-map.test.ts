// One test per row of CEC_TRANSITIONS (src/host/cec-map.ts), driven through the call model.
import { describe, expect, it } from 'vitest';
import type { KnownCecEventType } from '../../../src/protocol/cec-events.js';
import { ev, model } from '../../support/host-cec.js';
import { CEC_TRANSITIONS } from '../../../src/host/cec-map.js';
import type { BarEventMap } from '../../../src/host/types.js';

const ring = (id = '1456404043-37', feature = 0) => ev('AgentEvent_Ringing', { caller: '88880001', called: '6688', callid: id, feature, mediaAbility: 1 });
const talk = (id = '1456404043-37') => ev('AgentEvent_Talking', { caller: '88880001', called: '6688', callid: id, feature: 0, mediaAbility: 1 });
const alerting = (id = 'o-1') => ev('AgentEvent_Customer_Alerting', { callid: id, otherPhone: '88889007' });

describe('CEC_TRANSITIONS', () => {
  it('has a row for every known CEC event type and nothing else', async () => {
    const { KNOWN_CEC_EVENT_TYPES } = await import('../../../src/protocol/cec-events.js');
    expect(Object.keys(CEC_TRANSITIONS).sort()).toEqual([...KNOWN_CEC_EVENT_TYPES].sort());
  });

  const agentRows: [KnownCecEventType, unknown, string | undefined][] = [
    ['AgentState_Busy', null, 'inCall'],
    ['AgentState_Work', null, 'wrapUp'],
    ['AgentState_Ready', null, 'idle'],
    ['AgentState_SetNotReady_Success', { reason: 200 }, 'busy'],
    ['AgentState_CancelNotReady_Success', null, 'idle'],
    ['AgentState_SetRest_Success', null, 'rest'],
    ['AgentState_CancelRest_Success', null, 'idle'],
    ['AgentState_Rest_Timeout', null, undefined],
    ['AgentState_SetWork_Success', null, 'wrapUp'],
    ['AgentState_CancelWork_Success', null, 'idle'],
    ['AgentOther_InService', null, undefined],
    ['AgentOther_PhoneRelease', { phoneState: 2 }, undefined],
    ['AgentEvent_Hold', 'c-9', undefined],
  ];
  for (const [type, content, state] of agentRows) {
    it(`${type} → agent ${state ?? 'unchanged'}`, () => {
      const { m, seen } = model();
      // start from a state that differs from every target, so a change is visible
      m.apply(ev('AgentState_SetRest_Success', null));
      seen.length = 0;
      m.apply(ev(type, content));
      const changes = seen.filter(([n]) => n === 'agent.state').map(([, p]) => p as BarEventMap['agent.state']);
      if (state === undefined || state === 'rest') expect(changes).toEqual([]);
      else expect(changes).toEqual([{ state, previous: 'rest', at: 1000, ...(type === 'AgentState_SetNotReady_Success' ? { reason: 200 } : {}) }]);
      expect(m.agent.state).toBe(state ?? 'rest');
      expect(m.calls).toEqual([]);
    });
  }
  it('AgentState_SetRest_Success → agent rest', () => {
    const { m, seen } = model();
    m.apply(ev('AgentState_SetRest_Success', null));
    expect(seen).toEqual([['agent.state', { state: 'rest', previous: 'offline', at: 1000 }]]);
    expect(m.agent).toEqual({ state: 'rest', since: 1000, workNo: '101' });
  });

  it('AgentEvent_Ringing → call.ringing (inbound, parties, media)', () => {
    const { m, seen } = model();
    m.apply(ring());
    expect(seen).toEqual([['call.ringing', { callId: '1456404043-37', direction: 'inbound', caller: '88880001', called: '6688', media: 'audio', startedAt: 1000 }]]);
    expect(Object.isFrozen(seen[0]![1])).toBe(true);
  });
  it('AgentOther_PhoneAlerting → call.ringing', () => {
    const { m, names } = model();
    m.apply(ev('AgentOther_PhoneAlerting', { caller: '1', called: '2', callid: 'x' }));
    expect(names()).toEqual(['call.ringing']);
  });
  it('AgentEvent_Auto_Answer → call.ringing (then Talking connects it)', () => {
    const { m, names } = model();
    m.apply(ev('AgentEvent_Auto_Answer', { caller: '1', called: '2', callid: 'x', mediaAbility: 2 }));
    m.apply(talk('x'));
    expect(names()).toEqual(['call.ringing', 'call.connected', 'agent.state']);
    expect(m.calls[0]!.media).toBe('video');
  });
  it('AgentEvent_Ringing with feature 7 (outbound) → call.dialing', () => {
    const { m, names } = model();
    m.apply(ring('o', 7));
    expect(names()).toEqual(['call.dialing']);
    expect(m.calls[0]!.direction).toBe('outbound');
  });
  it('AgentEvent_Incoming_CallInfo → enriches the ringing call with the skill; creates it if first', () => {
    const a = model();
    a.m.apply(ring('c'));
    a.m.apply(ev('AgentEvent_Incoming_CallInfo', { callId: 'c', skillName: 'Sales', caller: '88880001', called: '6688' }));
    expect(a.names()).toEqual(['call.ringing']);
    expect(a.m.calls[0]!.skill).toBe('Sales');
    const b = model();
    b.m.apply(ev('AgentEvent_Incoming_CallInfo', { callId: 'd', skillName: 'Sales' }));
    expect(b.seen).toEqual([['call.ringing', { callId: 'd', direction: 'inbound', media: 'audio', startedAt: 1000, skill: 'Sales' }]]);
  });
  it('AgentEvent_Talking → call.connected once, agent inCall', () => {
    const { m, names } = model();
    m.apply(ring());
    m.apply(talk());
    m.apply(talk()); // re-sent (e.g. after a bar reload): no duplicate
    expect(names()).toEqual(['call.ringing', 'call.connected', 'agent.state']);
    expect(m.calls[0]!.connectedAt).toBe(1000);
  });
  it('AgentEvent_Customer_Alerting → call.dialing (outbound, called = otherPhone)', () => {
    const { m, seen } = model();
    m.apply(alerting());
    expect(seen).toEqual([['call.dialing', { callId: 'o-1', direction: 'outbound', called: '88889007', media: 'audio', startedAt: 1000 }]]);
  });
  it('AgentEvent_Call_Out_Fail → call.ended failed/system', () => {
    const { m, seen } = model();
    m.apply(alerting());
    m.apply(ev('AgentEvent_Call_Out_Fail', 'o-1'));
    expect(seen[1]).toEqual(['call.ended', expect.objectContaining({ callId: 'o-1', outcome: 'failed', endedBy: 'system', talkMs: 0 })]);
  });
  it('AgentEvent_Customer_Release → completed/customer after talking, abandoned while ringing', () => {
    let t = 1000;
    const a = model(() => t);
    a.m.apply(ring());
    a.m.apply(talk());
    t = 5000;
    a.m.apply(ev('AgentEvent_Customer_Release', { callid: '1456404043-37', number: '88880001' }));
    expect(a.seen.at(-1)).toEqual(['call.ended', expect.objectContaining({ outcome: 'completed', endedBy: 'customer', talkMs: 4000, endedAt: 5000 })]);
    const b = model();
    b.m.apply(ring());
    b.m.apply(ev('AgentEvent_Customer_Release', { callid: '1456404043-37' }));
    expect(b.seen.at(-1)).toEqual(['call.ended', expect.objectContaining({ outcome: 'abandoned', endedBy: 'customer' })]);
  });
  it('AgentEvent_Call_Release → completed/agent after talking, missed while ringing, abandoned while dialing', () => {
    const a = model();
    a.m.apply(ring());
    a.m.apply(talk());
    a.m.apply(ev('AgentEvent_Call_Release', '1456404043-37'));
    expect(a.seen.at(-1)).toEqual(['call.ended', expect.objectContaining({ outcome: 'completed', endedBy: 'agent' })]);
    const b = model();
    b.m.apply(ring());
    b.m.apply(ev('AgentEvent_Call_Release', '1456404043-37'));
    expect(b.seen.at(-1)).toEqual(['call.ended', expect.objectContaining({ outcome: 'missed', endedBy: 'system' })]);
    const c = model();
    c.m.apply(alerting());
    c.m.apply(ev('AgentEvent_Call_Release', 'o-1'));
    expect(c.seen.at(-1)).toEqual(['call.ended', expect.objectContaining({ outcome: 'abandoned', endedBy: 'agent' })]);
  });
  it('AgentState_Ready settles live calls: ringing → missed, talking → completed/unknown', () => {
    const { m, seen } = model();
    m.apply(ring('a'));
    m.apply(ring('b'));
    m.apply(talk('b'));
    m.apply(ev('AgentState_Ready', null));
    const ended = seen.filter(([n]) => n === 'call.ended').map(([, p]) => p as BarEventMap['call.ended']);
    expect(ended.map((c) => [c.callId, c.outcome, c.endedBy])).toEqual([['a', 'missed', 'system'], ['b', 'completed', 'unknown']]);
    expect(m.calls).toEqual([]);
  });
  it('unknown event types change nothing', () => {
    const { m, seen } = model();
    m.apply(ev('AgentEvent_Something_New', { a: 1 }));
    expect(seen).toEqual([]);
  });
});
