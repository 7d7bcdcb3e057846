// call.ended exactly once per call, in every end path (CEC event, settle, silence, destroy).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ev, model } from '../../support/host-cec.js';

const ring = (id: string) => ev('AgentEvent_Ringing', { caller: '1', called: '2', callid: id });
const talk = (id: string) => ev('AgentEvent_Talking', { caller: '1', called: '2', callid: id });
const ends = (seen: [string, unknown][]) => seen.filter(([n]) => n === 'call.ended').map(([, p]) => p as { callId: string; outcome: string; endedBy: string });

describe('call model: exactly one call.ended', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('inbound completed: Customer_Release + Call_Release + Work + Ready end it once (endedBy customer)', () => {
    const { m, seen } = model();
    for (const e of [ring('c'), ev('AgentState_Busy', null), talk('c'), ev('AgentEvent_Customer_Release', { callid: 'c' }), ev('AgentEvent_Call_Release', 'c'), ev('AgentState_Work', null), ev('AgentState_Ready', null)]) m.apply(e);
    expect(ends(seen).map((c) => [c.callId, c.outcome, c.endedBy])).toEqual([['c', 'completed', 'customer']]);
  });
  it('missed: ringing then Ready without talking', () => {
    const { m, seen } = model();
    m.apply(ring('c'));
    m.apply(ev('AgentState_Ready', null));
    m.apply(ev('AgentEvent_Call_Release', 'c'));
    expect(ends(seen).map((c) => c.outcome)).toEqual(['missed']);
  });
  it('silent bar: unconfirmed after confirmMs → unknown, once; later events do not end it again', () => {
    const { m, seen } = model();
    m.apply(ring('c'));
    m.apply(talk('c'));
    m.suspect();
    m.suspect(); // a second suspicion does not start a second timer
    vi.advanceTimersByTime(49);
    expect(ends(seen)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ends(seen).map((c) => [c.outcome, c.endedBy])).toEqual([['unknown', 'unknown']]);
    m.apply(ev('AgentEvent_Customer_Release', { callid: 'c' }));
    expect(ends(seen)).toHaveLength(1);
  });
  it('a word about the call after a reload confirms it: no unknown end, the real end later', () => {
    const { m, seen } = model();
    m.apply(ring('c'));
    m.apply(talk('c'));
    m.suspect();
    m.apply(talk('c')); // the reloaded bar reports the call again
    vi.advanceTimersByTime(1000);
    expect(ends(seen)).toEqual([]);
    expect(seen.filter(([n]) => n === 'call.connected')).toHaveLength(1);
    m.apply(ev('AgentEvent_Customer_Release', { callid: 'c' }));
    expect(ends(seen).map((c) => c.outcome)).toEqual(['completed']);
  });
  it('Ready while unconfirmed → unknown (the end cannot be told)', () => {
    const { m, seen } = model();
    m.apply(ring('c'));
    m.apply(talk('c'));
    m.suspect();
    m.apply(ev('AgentState_Ready', null));
    vi.advanceTimersByTime(1000);
    expect(ends(seen).map((c) => c.outcome)).toEqual(['unknown']);
  });
  it('endAll (destroy) ends each live call once as unknown and clears timers', () => {
    const { m, seen } = model();
    m.apply(ring('a'));
    m.apply(ring('b'));
    m.suspect();
    m.endAll();
    m.endAll();
    expect(ends(seen).map((c) => c.callId)).toEqual(['a', 'b']);
    expect(vi.getTimerCount()).toBe(0);
  });
  it('outbound: dialing then Call_Out_Fail → failed, and onOutFail/onDial hooks fire', async () => {
    const { createCallModel } = await import('../../../src/host/call-model.js');
    const hooks: string[] = [];
    const seen: [string, unknown][] = [];
    const m = createCallModel({ emit: (n, p) => seen.push([n, p]), confirmMs: 10, onDial: (c) => hooks.push(`dial ${c.callId}`), onOutFail: (id) => hooks.push(`fail ${id}`) });
    m.apply(ev('AgentEvent_Customer_Alerting', { callid: 'o' }));
    m.apply(ev('AgentEvent_Call_Out_Fail', 'o'));
    m.apply(ev('AgentState_Ready', null));
    expect(hooks).toEqual(['dial o', 'fail o']);
    expect(ends(seen).map((c) => c.outcome)).toEqual(['failed']);
  });
});
