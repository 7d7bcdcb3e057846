// The bridge's kind records, shared event-name rule and one parse-result shape (src/protocol/bridge.ts).
import { describe, expect, it } from 'vitest';
import { parseHostCommand, parseShellConfig, parseShellMessage, type BridgeParseResult } from '../../../src/protocol/index.js';
import { HOST_COMMANDS, SHELL_CONFIG, SHELL_MESSAGES } from '../../fixtures/cec/bridge.js';

describe('kind records', () => {
  it('an unknown host command kind is refused naming every kind there is', () => {
    expect(parseHostCommand({ ...HOST_COMMANDS.ping, kind: 'eval' })).toEqual({ ok: false, reason: 'shape', error: 'kind: expected one of callout, replay, subscribe, ping, checkMedia' });
  });

  it('an unknown shell message kind is refused naming every kind there is', () => {
    expect(parseShellMessage({ ...SHELL_MESSAGES.log, kind: 'eval' })).toEqual({ ok: false, reason: 'shape', error: 'kind: expected one of cec, status, reply, log, stats' });
  });

  it('inherited property names are not kinds', () => {
    for (const kind of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(parseHostCommand({ ...HOST_COMMANDS.ping, kind })).toMatchObject({ ok: false, reason: 'shape' });
      expect(parseShellMessage({ ...SHELL_MESSAGES.log, kind })).toMatchObject({ ok: false, reason: 'shape' });
    }
  });
});

describe('one event-name rule for the handshake and subscribe', () => {
  const names: [string, boolean][] = [
    ['AgentEvent_Talking', true],
    ['a'.repeat(128), true],
    ['a'.repeat(129), false],
    ['1Agent', false],
    ['Agent-Event', false],
    ['', false],
  ];
  for (const [name, accepted] of names) {
    it(`${accepted ? 'accepts' : 'refuses'} ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…(${name.length})` : name)} in both`, () => {
      expect(parseShellConfig({ ...SHELL_CONFIG, events: [name] }).ok).toBe(accepted);
      expect(parseHostCommand({ ...HOST_COMMANDS.subscribe, events: [name] }).ok).toBe(accepted);
    });
  }
  it('at most 128 names in both', () => {
    const many = Array.from({ length: 129 }, (_, i) => `E${i}`);
    expect(parseShellConfig({ ...SHELL_CONFIG, events: many }).ok).toBe(false);
    expect(parseHostCommand({ ...HOST_COMMANDS.subscribe, events: many }).ok).toBe(false);
    expect(parseHostCommand({ ...HOST_COMMANDS.subscribe, events: many.slice(1) }).ok).toBe(true);
  });
});

describe('one parse-result shape', () => {
  it('a refused handshake config says why, like the other parsers', () => {
    const refused: BridgeParseResult<'config', unknown> = parseShellConfig({ ...SHELL_CONFIG, barLoadTimeoutMs: 1.5 });
    expect(refused).toMatchObject({ ok: false, reason: 'shape' });
    expect(!refused.ok && refused.error).toContain('barLoadTimeoutMs');
  });

  it('whole numbers only where the bridge counts', () => {
    expect(parseHostCommand({ ...HOST_COMMANDS.replay, fromSeq: 2.5 })).toMatchObject({ ok: false, reason: 'shape' });
    expect(parseShellMessage({ ...SHELL_MESSAGES.stats, relayed: 3.5 })).toMatchObject({ ok: false, reason: 'shape' });
    expect(parseShellMessage({ ...SHELL_MESSAGES.status, seq: 2.5 })).toMatchObject({ ok: false, reason: 'shape' });
    expect(parseShellConfig({ ...SHELL_CONFIG, barLoadTimeoutMs: 100 }).ok).toBe(true);
  });
});
