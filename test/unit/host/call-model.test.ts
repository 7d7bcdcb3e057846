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

// Issue 14, item 13: after a reload the agent's session must be confirmed too.
describe('call model: a reloaded bar must confirm the agent is still signed in', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());
  const agentChanges = (seen: [string, unknown][]) => seen.filter(([n]) => n === 'agent.state').map(([, p]) => p as { state: string; previous: string; error?: { code: string } });

  it('silence for confirmMs: unconfirmed calls end as unknown, then the agent goes offline with SESSION_NOT_RESUMED (on agent.state and on error)', () => {
    const { m, seen, names } = model();
    m.apply(ring('c'));
    m.apply(ev('AgentState_Busy', null));
    m.apply(talk('c'));
    m.suspect();
    vi.advanceTimersByTime(49);
    expect(m.agent.state).toBe('inCall');
    vi.advanceTimersByTime(1);
    expect(m.agent.state).toBe('offline');
    expect(agentChanges(seen).at(-1)).toMatchObject({ state: 'offline', previous: 'inCall', error: { code: 'SESSION_NOT_RESUMED' } });
    expect(names().slice(-3)).toEqual(['call.ended', 'agent.state', 'error']);
    expect(seen.at(-1)?.[1]).toBe(agentChanges(seen).at(-1)?.error);
    expect(vi.getTimerCount()).toBe(0);
  });
  it('any event from the new bar confirms the session, even one of a type this version does not know', () => {
    const { m, seen } = model();
    m.apply(ev('AgentState_Ready', null));
    m.suspect();
    m.apply(ev('AgentOther_SomethingNew', null));
    vi.advanceTimersByTime(1000);
    expect(m.agent.state).toBe('idle');
    expect(agentChanges(seen).map((c) => c.state)).toEqual(['idle']);
    expect(seen.filter(([n]) => n === 'error')).toEqual([]);
  });
  it('an agent already offline has nothing to confirm; a reload after the verdict waits again', () => {
    const { m, seen } = model();
    m.suspect();
    expect(vi.getTimerCount()).toBe(0);
    m.apply(ev('AgentState_Ready', null));
    m.suspect();
    vi.advanceTimersByTime(50);
    m.apply(ev('AgentState_Ready', null)); // the agent signed in again in the bar
    m.suspect();
    vi.advanceTimersByTime(50);
    expect(agentChanges(seen).map((c) => [c.state, c.error?.code])).toEqual([['idle', undefined], ['offline', 'SESSION_NOT_RESUMED'], ['idle', undefined], ['offline', 'SESSION_NOT_RESUMED']]);
  });
  it('endAll (destroy) stops waiting: no verdict afterwards', () => {
    const { m, seen } = model();
    m.apply(ev('AgentState_Ready', null));
    m.suspect();
    m.endAll();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(agentChanges(seen).map((c) => c.state)).toEqual(['idle']);
  });
});
