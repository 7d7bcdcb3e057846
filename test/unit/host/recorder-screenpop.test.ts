import { describe, expect, it } from 'vitest';
import { createRecorder, replayRecording, RECORDER_LIMIT } from '../../../src/host/recorder.js';
import { screenPop } from '../../../src/host/screen-pop.js';
import { createEmitter } from '../../../src/host/emitter.js';
import { errorSinks } from '../../../src/host/internal.js';
import type { BarEventMap, Call, ConnectionBar } from '../../../src/host/types.js';
import type { BarError } from '../../../src/protocol/bar-error.js';

const relay = (seq: number, eventType: string, content: unknown) => ({ v: 1, sessionId: 's'.repeat(16), shellId: 'x', seq, kind: 'cec', at: 1, event: { eventType, workNo: '101', content } });

describe('recorder', () => {
  it('redacts tokens (keys and given secrets) and phone numbers, and is bounded', () => {
    const r = createRecorder(() => ['secret-token-123']);
    r.add('out', { kind: 'callout', number: '88889007', accessToken: 'abc', note: 'has secret-token-123 inside' });
    r.add('in', relay(1, 'AgentEvent_Ringing', { caller: '13800001234', called: '6688', callid: 'c1' }));
    const json = JSON.stringify(r);
    expect(json).not.toContain('88889007');
    expect(json).not.toContain('13800001234');
    expect(json).not.toContain('secret-token-123');
    expect(json).not.toContain('"abc"');
    expect(json).toContain('****9007');
    expect(json).toContain('c1');
    for (let i = 0; i < RECORDER_LIMIT + 5; i++) r.add('in', { i });
    expect(r.messages).toHaveLength(RECORDER_LIMIT);
    r.clear();
    expect(r.toJSON()).toEqual({ version: 1, messages: [] });
  });
  it('a recording replays through the call model to the same call events', () => {
    const r = createRecorder();
    r.add('in', relay(1, 'AgentEvent_Ringing', { caller: '13800001234', called: '6688', callid: 'c1' }));
    r.add('in', relay(2, 'AgentEvent_Talking', { caller: '13800001234', called: '6688', callid: 'c1' }));
    r.add('in', relay(3, 'AgentEvent_Customer_Release', { callid: 'c1', number: '13800001234' }));
    r.add('in', { kind: 'status', status: 'loaded' });
    r.add('out', { kind: 'replay', fromSeq: 0 });
    const seen: [string, unknown][] = [];
    replayRecording(JSON.parse(JSON.stringify(r)), (name, p) => seen.push([name, p]));
    expect(seen.map(([n]) => n)).toEqual(['cec', 'call.ringing', 'cec', 'call.connected', 'agent.state', 'cec', 'call.ended']);
    expect(seen.at(-1)![1]).toMatchObject({ callId: 'c1', outcome: 'completed', endedBy: 'customer', caller: '*******1234' });
  });
});

function fakeBar() {
  const errors: BarError[] = [];
  const bus = createEmitter<BarEventMap>(() => {});
  const bar = { on: bus.on, once: bus.once, off: bus.off } as unknown as ConnectionBar;
  errorSinks.set(bar, (e) => errors.push(e));
  return { bar, bus, errors };
}
const call = (callId: string): Call => ({ callId, direction: 'inbound', media: 'audio', startedAt: 1, caller: '1' });
const ended = (c: Call) => ({ ...c, outcome: 'completed' as const, endedBy: 'agent' as const, talkMs: 0, endedAt: 2 });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('screenPop', () => {
  it('looks up once per call across ringing/connected and opens the record', async () => {
    const { bar, bus } = fakeBar();
    const lookups: string[] = [];
    const opened: string[] = [];
    screenPop(bar, { lookup: async (c) => (lookups.push(c.callId), `rec-${c.callId}`), open: (r) => opened.push(r) });
    bus.emit('call.ringing', call('a'));
    bus.emit('call.connected', call('a'));
    await tick();
    expect(lookups).toEqual(['a']);
    expect(opened).toEqual(['rec-a']);
  });
  it('ignores a lookup resolved after the call ended', async () => {
    const { bar, bus } = fakeBar();
    let resolve!: (v: string) => void;
    const opened: string[] = [];
    screenPop(bar, { lookup: () => new Promise<string>((r) => (resolve = r)), open: (r) => opened.push(r) });
    bus.emit('call.ringing', call('a'));
    await tick();
    bus.emit('call.ended', ended(call('a')));
    resolve('late');
    await tick();
    expect(opened).toEqual([]);
  });
  it('routes lookup and open errors to the bar error event; stop() ignores pending lookups', async () => {
    const { bar, bus, errors } = fakeBar();
    screenPop(bar, { lookup: (c) => { if (c.callId === 'x') throw new Error('crm down'); return 1; }, open: () => { throw new Error('open failed'); } });
    bus.emit('call.ringing', call('x'));
    bus.emit('call.ringing', call('y'));
    await tick();
    await tick();
    expect(errors.map((e) => [e.code, e.message])).toEqual([['LISTENER_FAILED', 'screenPop: crm down'], ['LISTENER_FAILED', 'screenPop: open failed']]);
    const b = fakeBar();
    const opened: number[] = [];
    const stop = screenPop(b.bar, { lookup: async () => 1, open: (r) => opened.push(r) });
    b.bus.emit('call.ringing', call('z'));
    stop();
    await tick();
    expect(opened).toEqual([]);
  });
});
