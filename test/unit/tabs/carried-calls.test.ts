/** The calls a tab inherits when it becomes the owner mid-call end exactly once, from the new frame's CEC events. */
import { describe, expect, it } from 'vitest';
import { createCarriedCalls } from '../../../src/tabs/carried-calls.js';
import type { CecEvent } from '../../../src/protocol/cec-events.js';
import type { Call, EndedCall } from '../../../src/host/types.js';

const connected = { callId: 'k1', direction: 'inbound', caller: '100', called: '200', media: 'audio', startedAt: 1_000, connectedAt: 2_000 } as Call;
const ringing = { callId: 'k2', direction: 'inbound', caller: '101', media: 'audio', startedAt: 1_500 } as Call;
const dialing = { callId: 'k3', direction: 'outbound', called: '300', media: 'audio', startedAt: 1_700 } as Call;
const ev = (eventType: string, content: unknown): CecEvent => ({ eventType, workNo: '101', content }) as CecEvent;

function carry(calls: Call[]) {
  const out: { name: string; p: EndedCall | Call }[] = [];
  const c = createCarriedCalls(calls, (name, p) => out.push({ name, p }), () => 10_000);
  return { c, out, ended: () => out.filter((o) => o.name === 'call.ended').map((o) => o.p as EndedCall) };
}

describe('carried calls', () => {
  it('the customer hanging up ends an inherited connected call once, completed by the customer, with its talk time', () => {
    const { c, ended } = carry([connected]);
    c.onCec(ev('AgentEvent_Customer_Release', { callid: 'k1', number: '100' }));
    c.onCec(ev('AgentEvent_Call_Release', 'k1'));
    c.onCec(ev('AgentState_Ready', null));
    expect(ended()).toEqual([expect.objectContaining({ callId: 'k1', outcome: 'completed', endedBy: 'customer', talkMs: 8_000, endedAt: 10_000, startedAt: 1_000 })]);
    expect(c.calls).toEqual([]);
  });

  it('follows END_RULES by the state the call was in', () => {
    const { c, ended } = carry([connected, ringing, dialing]);
    c.onCec(ev('AgentEvent_Call_Release', 'k1'));
    c.onCec(ev('AgentEvent_Customer_Release', { callid: 'k2' }));
    c.onCec(ev('AgentEvent_Call_Out_Fail', 'k3'));
    expect(ended().map((e) => [e.callId, e.outcome, e.endedBy])).toEqual([
      ['k1', 'completed', 'agent'],
      ['k2', 'abandoned', 'customer'],
      ['k3', 'failed', 'system'],
    ]);
  });

  it('the agent becoming ready settles every inherited call; events about other calls change nothing', () => {
    const { c, ended } = carry([connected, ringing]);
    c.onCec(ev('AgentEvent_Customer_Release', { callid: 'other' }));
    c.onCec(ev('AgentState_Busy', null));
    c.onCec({ eventType: 'unknown', rawEventType: 'X', workNo: '1', content: 'k1' });
    expect(ended()).toEqual([]);
    expect(c.calls.map((x) => x.callId)).toEqual(['k1', 'k2']);
    c.onCec(ev('AgentState_Ready', null));
    expect(ended().map((e) => [e.callId, e.outcome])).toEqual([
      ['k1', 'completed'],
      ['k2', 'missed'],
    ]);
  });

  it('a call the core announces itself is handed over: no repeat announcement, inherited times, one end', () => {
    const { c, out } = carry([ringing]);
    const fromCore = { ...ringing, startedAt: 9_000 };
    expect(c.fromCore('call.ringing', fromCore)).toBeUndefined();
    expect(c.calls).toEqual([]);
    const conn = c.fromCore('call.connected', { ...fromCore, connectedAt: 9_500 });
    expect(conn).toMatchObject({ callId: 'k2', startedAt: 1_500, connectedAt: 9_500 });
    expect(c.view({ ...fromCore, connectedAt: 9_500 })).toMatchObject({ startedAt: 1_500 });
    const end = c.fromCore('call.ended', { ...fromCore, connectedAt: 9_500, outcome: 'completed', endedBy: 'agent', talkMs: 100, endedAt: 9_600 });
    expect(end).toMatchObject({ startedAt: 1_500, talkMs: 100 });
    c.onCec(ev('AgentState_Ready', null));
    expect(out).toEqual([]);
  });

  it('an inherited connected call the core reports connected again is not announced twice; the end keeps the first connect time', () => {
    const { c } = carry([connected]);
    expect(c.fromCore('call.connected', { ...connected, startedAt: 9_000, connectedAt: 9_000 })).toBeUndefined();
    const end = c.fromCore('call.ended', { ...connected, startedAt: 9_000, connectedAt: 9_000, outcome: 'completed', endedBy: 'customer', talkMs: 1_000, endedAt: 10_000 });
    expect(end).toMatchObject({ startedAt: 1_000, connectedAt: 2_000, talkMs: 8_000 });
  });

  it('calls it never inherited pass through untouched', () => {
    const { c } = carry([connected]);
    const other = { ...ringing, callId: 'new' };
    expect(c.fromCore('call.ringing', other)).toBe(other);
  });

  it('endAll ends what is left as unknown, once', () => {
    const { c, ended } = carry([connected, ringing]);
    c.endAll();
    c.endAll();
    expect(ended().map((e) => [e.callId, e.outcome, e.endedBy])).toEqual([
      ['k1', 'unknown', 'unknown'],
      ['k2', 'unknown', 'unknown'],
    ]);
  });

  it('a call the resumed frame re-announces knowing less (no skill) keeps what the tabs knew, in the view and in its end', () => {
    const withSkill = { ...connected, skill: 'Billing' } as Call;
    const { c, out } = carry([withSkill]);
    const reannounced = { callId: 'k1', direction: 'inbound', caller: '100', called: '200', media: 'audio', startedAt: 9_000, connectedAt: 9_000 } as Call;
    expect(c.fromCore('call.connected', reannounced)).toBeUndefined();
    expect(c.view(reannounced)).toEqual({ ...withSkill });
    const endedByCore = { ...reannounced, outcome: 'completed', endedBy: 'agent', talkMs: 1_000, endedAt: 10_000 } as EndedCall;
    expect(c.fromCore('call.ended', endedByCore)).toEqual({ ...withSkill, outcome: 'completed', endedBy: 'agent', talkMs: 8_000, endedAt: 10_000 });
    expect(out).toEqual([]);
  });
});
