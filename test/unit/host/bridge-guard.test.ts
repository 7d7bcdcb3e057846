// The host message filter with synthetic MessageEvent-likes (happy-dom gets origin/source wrong).
import { describe, expect, it } from 'vitest';
import { createBridgeGuard } from '../../../src/host/bridge-guard.js';
import { POSTMATE_TYPE, SHELL_LISTENING } from '../../../src/protocol/postmate-wire.js';

const SID = 'a'.repeat(32);
const ORIGIN = 'http://localhost:4001';
const shellWin = {};
const setup = () => createBridgeGuard({ sessionId: SID, origin: ORIGIN, source: () => shellWin });
const relay = (seq: number, over: Record<string, unknown> = {}) => ({
  v: 1, sessionId: SID, shellId: 'shell1', seq, kind: 'cec', at: 1,
  event: { eventType: 'AgentState_Ready', workNo: '101', content: null }, ...over,
});
const emit = (data: unknown) => ({ postmate: 'emit', type: POSTMATE_TYPE, value: { name: 'shellMessage', data } });
const msg = (data: unknown, source: unknown = shellWin, origin = ORIGIN) => ({ data, source, origin }) as unknown as MessageEvent;

describe('bridge guard', () => {
  it('passes a valid relay and recognises the handshake reply', () => {
    const g = setup();
    expect(g.check(msg({ postmate: 'handshake-reply', type: POSTMATE_TYPE }))).toBe('handshake');
    const m = g.check(msg(emit(relay(1))));
    expect(typeof m === 'object' && m.kind).toBe('cec');
    expect(g.counts.delivered).toBe(1);
  });
  it("recognises the shell page's listening announcement from the shell's window and origin only", () => {
    const g = setup();
    expect(g.check(msg({ postmate: SHELL_LISTENING, type: POSTMATE_TYPE }))).toBe('listening');
    expect(g.check(msg({ postmate: SHELL_LISTENING, type: POSTMATE_TYPE }, {}))).toBeUndefined();
    expect(g.check(msg({ postmate: SHELL_LISTENING, type: POSTMATE_TYPE }, shellWin, 'http://evil.test'))).toBeUndefined();
    expect(g.check(msg({ postmate: SHELL_LISTENING }))).toBeUndefined();
    expect(g.counts.rejected).toMatchObject({ source: 1, origin: 1, shape: 1 });
    expect(g.counts.delivered).toBe(0);
  });
  it('counts each rejection reason in order origin → source → envelope → shape/size/version → session → sequence', () => {
    const g = setup();
    const cases: [MessageEvent, string][] = [
      [msg(emit(relay(1)), {}), 'source'],
      [msg(emit(relay(1)), null), 'source'],
      [msg(emit(relay(1)), shellWin, 'http://evil.test'), 'origin'],
      // A foreign frame has both a foreign window and a foreign origin: it counts as `origin`.
      [msg(emit(relay(1)), {}, 'http://evil.test'), 'origin'],
      [msg(emit(relay(1)), null, 'null'), 'origin'],
      [msg('{"postmate":"emit"}'), 'shape'],
      [msg({ postmate: 'emit', type: 'other', value: { name: 'shellMessage', data: relay(1) } }), 'shape'],
      [msg({ postmate: 'emit', type: POSTMATE_TYPE, value: { name: 'other', data: relay(1) } }), 'shape'],
      [msg(emit({ ...relay(1), v: 2 })), 'version'],
      [msg(emit(relay(1, { event: { eventType: 'AgentEvent_Talking', workNo: '1', content: { nope: 1 } } }))), 'shape'],
      [msg(emit(relay(1, { event: { eventType: 'AgentState_Ready', content: 'x'.repeat(70_000) } }))), 'size'],
      [msg(emit(JSON.parse(`{"v":1,"sessionId":"${SID}","shellId":"s","seq":1,"kind":"status","status":"loaded","__proto__":{"polluted":1}}`))), 'shape'],
      [msg(emit(relay(1, { event: { eventType: 'AgentState_Ready', content: { constructor: { prototype: { polluted: 1 } } } } }))), 'shape'],
      [msg(emit(relay(1, { sessionId: 'b'.repeat(32) }))), 'session'],
    ];
    for (const [e] of cases) expect(g.check(e)).toBeUndefined();
    const expected: Record<string, number> = { origin: 0, source: 0, session: 0, sequence: 0, shape: 0, size: 0, version: 0 };
    for (const [, r] of cases) expected[r]!++;
    expect(g.counts.rejected).toEqual(expected);
    expect(g.counts.received).toBe(cases.length);
    expect(g.counts.delivered).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('drops duplicates and reordered messages, records gaps, pins the shell id until reset', () => {
    const g = setup();
    const seqs = [1, 2, 2, 1, 5, 4, 6];
    const passed = seqs.filter((s) => g.check(msg(emit(relay(s)))));
    expect(passed).toEqual([1, 2, 5, 6]);
    expect(g.counts.rejected.sequence).toBe(3);
    expect(g.counts).toMatchObject({ gaps: 1, missing: 2, lastSeq: 6 });
    expect(g.check(msg(emit(relay(7, { shellId: 'other' }))))).toBeUndefined();
    expect(g.counts.rejected.session).toBe(1);
    g.reset(); // the shell page reloaded
    expect(g.check(msg(emit(relay(1, { shellId: 'other' }))))).toBeTruthy();
  });
  it('ignores postmate replies to repeated handshakes without counting them', () => {
    const g = setup();
    expect(g.check(msg({ postmate: 'reply', type: POSTMATE_TYPE }))).toBeUndefined();
    expect(Object.values(g.counts.rejected).reduce((a, b) => a + b)).toBe(0);
  });
});
