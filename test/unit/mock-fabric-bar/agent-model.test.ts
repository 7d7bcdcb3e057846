import { describe, it, expect } from 'vitest';
import { INITIAL_MODEL, applyGatewayEvent, applyAgentStatus, callIdOf, type BarModel } from '../../../mock-fabric/bar/agent-model.js';

const run = (events: Array<[string, unknown]>, start: BarModel = INITIAL_MODEL, now = 1000): BarModel =>
  events.reduce((m, [t, c]) => applyGatewayEvent(m, t, c, now), start);

describe('applyGatewayEvent', () => {
  it('sign-in then Ready → idle', () => {
    const m = run([['AgentOther_InService', null], ['AgentState_Ready', null]]);
    expect(m).toMatchObject({ agentState: 'idle', callState: 'none' });
  });
  it('inbound: ringing → talking → released, then wrap-up and ready', () => {
    const idle = run([['AgentOther_InService', null], ['AgentState_Ready', null]]);
    const ringing = run([['AgentOther_PhoneAlerting', { caller: '139', called: '66881', callid: 'c-1' }], ['AgentEvent_Ringing', { caller: '139', callid: 'c-1' }]], idle);
    expect(ringing).toMatchObject({ agentState: 'ringing', callState: 'ringing', call: { callId: 'c-1', peer: '139', direction: 'inbound' } });
    const talking = run([['AgentState_Busy', null], ['AgentEvent_Talking', { caller: '139', callid: 'c-1' }]], ringing, 5000);
    expect(talking).toMatchObject({ agentState: 'inCall', callState: 'talking', call: { talkingSince: 5000 } });
    const held = run([['AgentEvent_Hold', 'c-1']], talking);
    expect(held.callState).toBe('held');
    const released = run([['AgentEvent_Customer_Release', { callid: 'c-1', number: '139' }], ['AgentEvent_Call_Release', 'c-1']], talking);
    expect(released).toMatchObject({ callState: 'none', call: null, message: 'The customer hung up.' });
    expect(run([['AgentState_Work', null]], released).agentState).toBe('wrapUp');
    expect(run([['AgentState_Work', null], ['AgentState_Ready', null]], released).agentState).toBe('idle');
  });
  it('outbound: customer alerting → talking keeps the direction and peer', () => {
    const idle = run([['AgentState_Ready', null]]);
    const dialing = run([['AgentState_Busy', null], ['AgentEvent_Customer_Alerting', { callid: 'o-1', otherPhone: '88889007' }]], idle);
    expect(dialing).toMatchObject({ agentState: 'inCall', callState: 'dialing', call: { direction: 'outbound', peer: '88889007' } });
    expect(run([['AgentEvent_Talking', { callid: 'o-1', feature: 7 }]], dialing)).toMatchObject({ callState: 'talking', call: { direction: 'outbound', peer: '88889007' } });
    expect(run([['AgentEvent_Call_Out_Fail', 'o-1']], dialing)).toMatchObject({ callState: 'none', message: 'The call could not be connected.' });
  });
  it('state events: busy with reason 2, rest, timeout reminder', () => {
    const idle = run([['AgentState_Ready', null]]);
    expect(run([['AgentState_SetNotReady_Success', { reason: 2 }]], idle)).toMatchObject({ agentState: 'busy', message: expect.stringContaining('not answered') });
    const rest = run([['AgentState_SetRest_Success', null]], idle);
    expect(rest.agentState).toBe('rest');
    expect(run([['AgentState_Rest_Timeout', null]], rest)).toMatchObject({ agentState: 'rest', message: 'Your break time is over.' });
  });
  it('state events during a call do not hide the call', () => {
    const talking = run([['AgentEvent_Talking', { callid: 'c-9', caller: '1' }]]);
    expect(run([['AgentState_Ready', null], ['AgentState_SetNotReady_Success', { reason: 1 }]], talking)).toMatchObject({ agentState: 'inCall', callState: 'talking' });
  });
  it('ignores unknown events and malformed content', () => {
    const idle = run([['AgentState_Ready', null]]);
    expect(run([['Something_New', { x: 1 }]], idle)).toBe(idle);
    expect(run([['AgentOther_PhoneAlerting', 42]], idle)).toMatchObject({ callState: 'ringing', call: { callId: '', peer: '' } });
  });
});

describe('applyAgentStatus / callIdOf', () => {
  it('maps gateway codes when no call is up', () => {
    expect(applyAgentStatus(INITIAL_MODEL, 4).agentState).toBe('idle');
    expect(applyAgentStatus(INITIAL_MODEL, 5).agentState).toBe('wrapUp');
    expect(applyAgentStatus(INITIAL_MODEL, 99)).toBe(INITIAL_MODEL);
    const talking = run([['AgentEvent_Talking', { callid: 'c' }]]);
    expect(applyAgentStatus(talking, 4)).toBe(talking);
  });
  it('reads call ids from strings and both spellings', () => {
    expect(callIdOf('a-1')).toBe('a-1');
    expect(callIdOf({ callid: 'b' })).toBe('b');
    expect(callIdOf({ callId: 'c' })).toBe('c');
    expect(callIdOf(null)).toBe('');
  });
});
