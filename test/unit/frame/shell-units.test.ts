import { describe, expect, it } from 'vitest';
import { createShellSequencer } from '../../../src/frame/sequencer.js';
import { checkHandshakeModel, installParentGate } from '../../../src/frame/parent-gate.js';
import { listenToBar } from '../../../src/frame/bar-relay.js';
import { allowsBarFeatures } from '../../../src/frame/bar-frame.js';
import { parseShellMessage, SHELL_REPLAY_BUFFER, type ShellConfig, type ShellMessage } from '../../../src/protocol/bridge.js';
import { cecEventEnvelope } from '../../../src/protocol/cec-events.js';

const SESSION = 'abcdefghijklmnop1234';
const HOST = 'http://127.0.0.1:4000';

/** A window stand-in: an EventTarget with a parent. DOM emulators get origin/source wrong, so events are synthetic. */
function fakeWindow(parent?: object): Window {
  const w = new EventTarget() as unknown as Window & { parent: unknown };
  (w as { parent: unknown }).parent = parent ?? {};
  return w;
}
function message(win: Window, data: unknown, origin: string, source: unknown): Event {
  const e = new Event('message');
  Object.defineProperties(e, { data: { value: data }, origin: { value: origin }, source: { value: source } });
  win.dispatchEvent(e);
  return e;
}
function config(over: Partial<ShellConfig> = {}): ShellConfig {
  return {
    v: 1, sessionId: SESSION, hostOrigin: HOST, cecContextPath: 'http://localhost:5000/service-cloud/',
    scriptPath: 'ccdesktop/pages/cc-bar/js/ccbarclient.js', tenantSpaceId: 't1', userAccount: 'agent1',
    accessToken: 'tok', events: ['AgentState_Ready'], barLoadTimeoutMs: 5000, ...over,
  };
}
const talking = (callid: string) => ({ eventType: 'AgentEvent_Talking', workNo: '101', content: { callid } }) as const;

describe('createShellSequencer', () => {
  it('stamps session, shell id and consecutive seq on every kind; each message passes parseShellMessage', () => {
    const sent: ShellMessage[] = [];
    const s = createShellSequencer({ sessionId: SESSION, shellId: 'shell1', post: (m) => sent.push(m) });
    s.send({ kind: 'status', status: 'loading' });
    s.send({ kind: 'cec', at: 1, event: talking('c1') });
    s.send({ kind: 'reply', id: 'x1', ok: true });
    expect(sent.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(s.lastSeq).toBe(3);
    for (const m of sent) {
      expect(m.sessionId).toBe(SESSION);
      expect(m.shellId).toBe('shell1');
      expect(parseShellMessage(JSON.parse(JSON.stringify(m))).ok).toBe(true);
    }
  });

  it('replays only buffered cec relays after fromSeq, same seq, marked replay', () => {
    const sent: ShellMessage[] = [];
    const s = createShellSequencer({ sessionId: SESSION, shellId: 'shell1', post: (m) => sent.push(m) });
    s.send({ kind: 'status', status: 'loaded' }); // 1
    s.send({ kind: 'cec', at: 1, event: talking('a') }); // 2
    s.send({ kind: 'cec', at: 2, event: talking('b') }); // 3
    s.send({ kind: 'stats', rejected: {}, relayed: 2 }); // 4
    s.send({ kind: 'cec', at: 3, event: talking('c') }); // 5
    sent.length = 0;
    const r = s.replay(2);
    expect(r).toEqual({ replayed: 2, oldestSeq: 2, gap: false });
    expect(sent.map((m) => [m.kind, m.seq, m.kind === 'cec' && m.replay])).toEqual([['cec', 3, true], ['cec', 5, true]]);
    expect(s.lastSeq).toBe(5); // a replay does not consume sequence numbers
  });

  it('is bounded: keeps the last bufferSize relays and reports a gap when asked for evicted ones', () => {
    const sent: ShellMessage[] = [];
    const s = createShellSequencer({ sessionId: SESSION, shellId: 's', post: (m) => sent.push(m), bufferSize: 4 });
    for (let i = 0; i < 10; i += 1) s.send({ kind: 'cec', at: i, event: talking(`c${i}`) });
    sent.length = 0;
    expect(s.replay(0)).toEqual({ replayed: 4, oldestSeq: 7, gap: true });
    expect(sent.map((m) => m.seq)).toEqual([7, 8, 9, 10]);
    expect(s.replay(6).gap).toBe(false);
  });

  it('defaults to SHELL_REPLAY_BUFFER entries', () => {
    const s = createShellSequencer({ sessionId: SESSION, shellId: 's', post: () => undefined });
    for (let i = 0; i < SHELL_REPLAY_BUFFER + 10; i += 1) s.send({ kind: 'cec', at: i, event: talking('c') });
    expect(s.replay(0).replayed).toBe(SHELL_REPLAY_BUFFER);
  });
});

describe('checkHandshakeModel', () => {
  it.each([
    ['not an object', 'x'],
    ['null', null],
    ['an extra key that would overwrite hostCommand', { ...config(), hostCommand: 'x' }],
    ['a __proto__ key', JSON.parse(`{"__proto__":{"polluted":1},${JSON.stringify(config()).slice(1)}`)],
    ['a wrong version', { ...config(), v: 2 }],
    ['a bad session id', { ...config(), sessionId: 'short' }],
    ['a hostOrigin that is not the sender', config({ hostOrigin: 'http://127.0.0.1:4001' })],
  ])('refuses %s', (_name, model) => {
    expect(checkHandshakeModel(model, HOST).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('accepts a valid config from its own origin', () => {
    expect(checkHandshakeModel(config(), HOST)).toEqual({ ok: true, config: config() });
  });
});

describe('installParentGate', () => {
  const handshake = (model: unknown = config()) => ({ postmate: 'handshake', type: 'application/x-postmate-v1+json', model });

  function setup() {
    const parent = {};
    const win = fakeWindow(parent);
    const configs: ShellConfig[] = [];
    const rejects: string[] = [];
    const gate = installParentGate({ win, hostOrigins: [HOST], onConfig: (c) => configs.push(c), onReject: (r) => rejects.push(r) });
    // A later listener stands in for postmate: it sees only what the gate let through.
    const passed: unknown[] = [];
    win.addEventListener('message', (e) => passed.push((e as MessageEvent).data));
    return { parent, win, configs, rejects, gate, passed };
  }

  it('stops handshakes from another origin, another window, or with a bad model before postmate sees them', () => {
    const t = setup();
    message(t.win, handshake(), 'http://evil.example', t.parent);
    message(t.win, handshake(), HOST, {}); // right origin, wrong window
    message(t.win, handshake({ ...config(), extra: 1 }), HOST, t.parent);
    message(t.win, { postmate: 'call', property: 'hostCommand', data: {} }, HOST, t.parent); // before handshake
    expect(t.passed).toEqual([]);
    expect(t.configs).toEqual([]);
    expect(t.rejects).toEqual(['origin', 'source', 'handshake', 'handshake']);
    expect(t.gate.hostOrigin).toBeNull();
  });

  it('accepts one handshake, then lets calls from that host through and stops repeated handshakes', () => {
    const t = setup();
    message(t.win, handshake(), HOST, t.parent);
    expect(t.configs).toEqual([config()]);
    expect(t.gate.hostOrigin).toBe(HOST);
    message(t.win, handshake(), HOST, t.parent); // postmate resends every 500 ms
    message(t.win, { postmate: 'call', property: 'hostCommand', data: { x: 1 } }, HOST, t.parent);
    expect(t.passed.length).toBe(2);
    expect(t.rejects).toEqual(['repeat']);
  });

  it('leaves non-postmate messages (the bar\'s) alone', () => {
    const t = setup();
    message(t.win, '{"event":{}}', 'http://localhost:5000', {});
    expect(t.passed).toEqual(['{"event":{}}']);
    expect(t.rejects).toEqual([]);
  });

  it('remove() detaches the listener', () => {
    const t = setup();
    t.gate.remove();
    message(t.win, handshake(), 'http://evil.example', t.parent);
    expect(t.rejects).toEqual([]);
  });
});

describe('listenToBar', () => {
  const BAR_ORIGIN = 'http://localhost:5000';
  function setup() {
    const parent = {};
    const win = fakeWindow(parent);
    const bar = {} as Window;
    const events: unknown[] = [];
    const rejects: string[] = [];
    const stop = listenToBar({ win, barWindow: () => bar, barOrigin: BAR_ORIGIN, onEvent: (e) => events.push(e), onReject: (r) => rejects.push(r), now: () => 42 });
    return { parent, win, bar, events, rejects, stop };
  }

  it('relays a valid event from the bar window and origin, string or object', () => {
    const t = setup();
    message(t.win, JSON.stringify(cecEventEnvelope('AgentState_Ready', '101', null)), BAR_ORIGIN, t.bar);
    message(t.win, cecEventEnvelope('AgentEvent_Customer_Release', '101', { callid: 'c1', number: '123' }), BAR_ORIGIN, t.bar);
    expect(t.events).toHaveLength(2);
    expect(t.rejects).toEqual([]);
  });

  it('counts and drops the wrong window, the wrong origin, bad JSON, oversized and malformed events', () => {
    const t = setup();
    const ok = cecEventEnvelope('AgentState_Ready', '101', null);
    message(t.win, ok, BAR_ORIGIN, {});
    message(t.win, ok, 'http://evil.example', t.bar);
    message(t.win, '{not json', BAR_ORIGIN, t.bar);
    message(t.win, `"${'x'.repeat(70_000)}"`, BAR_ORIGIN, t.bar);
    message(t.win, { event: { eventType: 'AgentEvent_Talking', workNo: '101', content: { nocallid: 1 } } }, BAR_ORIGIN, t.bar);
    message(t.win, { event: { eventType: 'x y' } }, BAR_ORIGIN, t.bar);
    expect(t.events).toEqual([]);
    expect(t.rejects).toEqual(['source', 'origin', 'json', 'size', 'shape', 'shape']);
  });

  it('ignores the parent\'s traffic (postmate\'s business)', () => {
    const t = setup();
    message(t.win, { postmate: 'call' }, HOST, t.parent);
    expect(t.rejects).toEqual([]);
    t.stop();
    message(t.win, {}, BAR_ORIGIN, {});
    expect(t.rejects).toEqual([]);
  });
});

describe('allowsBarFeatures', () => {
  it.each([
    ['microphone; camera; autoplay', true],
    ['camera *; microphone https://x.example;autoplay', true],
    ['microphone; camera', false],
    [null, false],
    ['', false],
  ])('%s → %s', (allow, expected) => expect(allowsBarFeatures(allow)).toBe(expected));
});
