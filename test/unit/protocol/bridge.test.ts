/** Host ⇄ shell bridge: good messages accepted, bad ones refused with the right reason. */
import { describe, expect, it } from 'vitest';
import {
  MAX_BRIDGE_MESSAGE_CHARS,
  MAX_JSON_DEPTH,
  parseHostCommand,
  parseShellConfig,
  parseShellMessage,
  randomId,
  shellConfigSchema,
} from '../../../src/protocol/index.js';
import { HOST_COMMANDS, SHELL_CONFIG, SHELL_MESSAGES } from '../../fixtures/cec/bridge.js';
import { CALL_ID, VALID_EVENTS, UNKNOWN_EVENT } from '../../fixtures/cec/events.js';

function nest(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { d: v };
  return v;
}

describe('parseShellMessage', () => {
  for (const [kind, msg] of Object.entries(SHELL_MESSAGES)) {
    it(`accepts a ${kind} message (also after a JSON round trip)`, () => {
      for (const data of [msg, JSON.parse(JSON.stringify(msg)) as unknown]) {
        const r = parseShellMessage(data);
        if (!r.ok) throw new Error(r.error);
        expect(r.message.kind).toBe(kind);
      }
    });
  }
  it('a cec relay carries the re-validated, normalised event', () => {
    const r = parseShellMessage(SHELL_MESSAGES.cec);
    if (!r.ok || r.message.kind !== 'cec') throw new Error('refused');
    expect(r.message.event).toEqual({ eventType: 'AgentEvent_Talking', workNo: '101', content: VALID_EVENTS.AgentEvent_Talking.content, message: 'success' });
  });
  it('a relayed unknown event stays unknown', () => {
    const relayed = { ...SHELL_MESSAGES.cec, event: { eventType: 'unknown', rawEventType: UNKNOWN_EVENT.event.eventType, workNo: '101', content: UNKNOWN_EVENT.event.content } };
    const r = parseShellMessage(relayed);
    expect(r.ok && r.message.kind === 'cec' && r.message.event.eventType).toBe('unknown');
  });
  it('a known event relayed as unknown is refused (would bypass its content schema)', () => {
    const forged = { ...SHELL_MESSAGES.cec, event: { eventType: 'unknown', rawEventType: 'AgentEvent_Talking', workNo: '101', content: { callid: 42 } } };
    expect(parseShellMessage(forged)).toEqual({ ok: false, reason: 'shape', error: 'known event relayed as unknown' });
  });
  it('a relayed known event with bad content is refused naming the field', () => {
    const forged = { ...SHELL_MESSAGES.cec, event: { eventType: 'AgentEvent_Talking', workNo: '101', content: { callid: 42 } } };
    expect(parseShellMessage(forged)).toMatchObject({ ok: false, reason: 'shape', error: expect.stringContaining('callid') });
  });
  it('a relay without eventType is refused', () => {
    expect(parseShellMessage({ ...SHELL_MESSAGES.cec, event: { content: CALL_ID } })).toMatchObject({ ok: false, reason: 'shape' });
  });
  it('wrong or missing version → version', () => {
    for (const v of [0, 2, '1', undefined]) expect(parseShellMessage({ ...SHELL_MESSAGES.status, v })).toMatchObject({ ok: false, reason: 'version' });
  });
  it('non-objects → shape', () => {
    for (const x of [null, undefined, 1, 'x', true]) expect(parseShellMessage(x)).toMatchObject({ ok: false, reason: 'shape' });
  });
  it('oversized → size', () => {
    const big = { ...SHELL_MESSAGES.log, message: 'x'.repeat(MAX_BRIDGE_MESSAGE_CHARS) };
    expect(parseShellMessage(big)).toMatchObject({ ok: false, reason: 'size' });
  });
  it(`nested deeper than ${MAX_JSON_DEPTH} → size; cyclic → shape`, () => {
    expect(parseShellMessage({ ...SHELL_MESSAGES.reply, result: nest(MAX_JSON_DEPTH + 5) })).toMatchObject({ ok: false, reason: 'size' });
    const cyclic: Record<string, unknown> = { ...SHELL_MESSAGES.reply };
    cyclic.result = [cyclic];
    expect(parseShellMessage(cyclic).ok).toBe(false);
  });
  it('wrong field types → shape, naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...SHELL_MESSAGES.status, seq: '1' }, 'seq'],
      [{ ...SHELL_MESSAGES.status, seq: 0 }, 'seq'],
      [{ ...SHELL_MESSAGES.status, seq: 1.5 }, 'seq'],
      [{ ...SHELL_MESSAGES.status, sessionId: 'short' }, 'sessionId'],
      [{ ...SHELL_MESSAGES.status, shellId: 'has space' }, 'shellId'],
      [{ ...SHELL_MESSAGES.status, status: 'exploded' }, 'status'],
      [{ ...SHELL_MESSAGES.log, level: 'fatal' }, 'level'],
      [{ ...SHELL_MESSAGES.reply, ok: 'yes' }, 'ok'],
      [{ ...SHELL_MESSAGES.stats, relayed: -0.5 }, 'relayed'],
      [{ ...SHELL_MESSAGES.cec, at: '2024' }, 'at'],
      [{ ...SHELL_MESSAGES.status, kind: 'eval' }, 'kind'],
    ];
    for (const [msg, field] of cases) expect(parseShellMessage(msg), field).toMatchObject({ ok: false, reason: 'shape', error: expect.stringContaining(field) });
  });
  it('hostile keys neither pass as fields nor pollute Object.prototype', () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as Record<string, unknown>;
    const r = parseShellMessage({ ...SHELL_MESSAGES.log, ...hostile });
    // The message is accepted with its own fields only: the hostile keys are dropped, not kept.
    expect(r).toEqual({ ok: true, message: SHELL_MESSAGES.log });
    expect(r.ok && Object.keys(r.message)).toEqual(Object.keys(SHELL_MESSAGES.log));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseHostCommand', () => {
  for (const [kind, cmd] of Object.entries(HOST_COMMANDS)) {
    it(`accepts ${kind}`, () => {
      expect(parseHostCommand(cmd)).toEqual({ ok: true, command: cmd });
    });
  }
  it('refuses wrong version, bad number, bad media, negative replay, unknown kind', () => {
    expect(parseHostCommand({ ...HOST_COMMANDS.ping, v: 2 })).toMatchObject({ ok: false, reason: 'version' });
    const bad: [unknown, string][] = [
      [{ ...HOST_COMMANDS.callout, number: '+86 138' }, 'number'],
      [{ ...HOST_COMMANDS.callout, media: 'fax' }, 'media'],
      [{ ...HOST_COMMANDS.replay, fromSeq: -1 }, 'fromSeq'],
      [{ ...HOST_COMMANDS.subscribe, events: ['bad name'] }, 'events'],
      [{ ...HOST_COMMANDS.ping, id: '' }, 'id'],
      [{ ...HOST_COMMANDS.ping, kind: 'eval' }, 'kind'],
    ];
    for (const [c, field] of bad) expect(parseHostCommand(c), field).toMatchObject({ ok: false, reason: 'shape', error: expect.stringContaining(field) });
    for (const x of [null, 'ping', 3]) expect(parseHostCommand(x)).toMatchObject({ ok: false, reason: 'shape' });
  });
});

describe('parseShellConfig', () => {
  it('accepts a complete config', () => {
    expect(parseShellConfig(SHELL_CONFIG)).toEqual({ ok: true, config: SHELL_CONFIG });
  });
  it('refuses bad fields, naming each', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ ...SHELL_CONFIG, v: 2 }, 'v'],
      [{ ...SHELL_CONFIG, hostOrigin: 'http://127.0.0.1:8080/path' }, 'hostOrigin'],
      [{ ...SHELL_CONFIG, hostOrigin: 'javascript:alert(1)' }, 'hostOrigin'],
      [{ ...SHELL_CONFIG, cecContextPath: 'https://cec.example.com/service-cloud' }, 'cecContextPath'],
      [{ ...SHELL_CONFIG, scriptPath: '../../evil.js?x=<' }, 'scriptPath'],
      [{ ...SHELL_CONFIG, accessToken: '' }, 'accessToken'],
      [{ ...SHELL_CONFIG, barLoadTimeoutMs: 50 }, 'barLoadTimeoutMs'],
      [{ ...SHELL_CONFIG, events: 'AgentState_Ready' }, 'events'],
    ];
    for (const [c, field] of bad) expect(parseShellConfig(c), field).toMatchObject({ ok: false, error: expect.stringContaining(field) });
  });
  it('refuses any key a ShellConfig does not have (postmate would copy it into the shell\'s model)', () => {
    for (const extra of [{ hostCommand: 'x' }, { extra: 1 }, JSON.parse('{"__proto__":{"polluted":1}}') as object]) {
      expect(parseShellConfig({ ...SHELL_CONFIG, ...extra }), JSON.stringify(extra)).toMatchObject({ ok: false, reason: 'shape' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('exports the schema it parses with', () => {
    expect(shellConfigSchema.safeParse(SHELL_CONFIG).success).toBe(true);
    expect(shellConfigSchema.safeParse({ ...SHELL_CONFIG, extra: 1 }).success).toBe(false);
  });
});

describe('randomId', () => {
  it('is a session id the schemas accept, and differs each call', () => {
    const a = randomId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(randomId()).not.toBe(a);
    expect(parseShellConfig({ ...SHELL_CONFIG, sessionId: a }).ok).toBe(true);
  });
});
