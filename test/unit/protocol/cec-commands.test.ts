/** CEC commands page → bar: both forms round-trip; bad numbers, modes and sizes are refused. */
import { describe, expect, it } from 'vitest';
import {
  MAX_COMMAND_CHARS,
  SUBSCRIBABLE_CEC_EVENTS,
  buildCallout,
  buildEventpost,
  isDialableNumber,
  parseBarCommand,
} from '../../../src/protocol/index.js';

describe('eventpost', () => {
  it('is built as a JSON string of exactly CEC form', () => {
    const wire = buildEventpost(['AgentEvent_Talking', 'AgentState_Ready']);
    expect(typeof wire).toBe('string');
    expect(JSON.parse(wire)).toEqual({ name: 'eventpost', param: ['AgentEvent_Talking', 'AgentState_Ready'] });
  });
  it('round-trips as a string and as an object', () => {
    const wire = buildEventpost(SUBSCRIBABLE_CEC_EVENTS);
    for (const data of [wire, JSON.parse(wire) as unknown]) {
      expect(parseBarCommand(data)).toEqual({ ok: true, command: { name: 'eventpost', events: [...SUBSCRIBABLE_CEC_EVENTS] } });
    }
  });
  it('refuses event names that are not identifiers, non-arrays and over 256 names', () => {
    for (const param of [['bad name'], [''], [1], 'AgentState_Ready', Array.from({ length: 257 }, (_, i) => `E${i}`)]) {
      expect(parseBarCommand({ name: 'eventpost', param })).toMatchObject({ ok: false, reason: 'shape', error: expect.stringContaining('param') });
    }
  });
});

describe('callout', () => {
  it('array form: ["88889007","audio"], round-trips', () => {
    const wire = buildCallout('88889007', 'audio');
    expect(JSON.parse(wire)).toEqual({ name: 'callout', param: ['88889007', 'audio'] });
    for (const data of [wire, JSON.parse(wire) as unknown]) {
      expect(parseBarCommand(data)).toEqual({ ok: true, command: { name: 'callout', number: '88889007', mode: 'audio', form: 'array' } });
    }
  });
  it('object form: { number, mode }, round-trips', () => {
    const wire = buildCallout('13800000001', 'video', 'object');
    expect(JSON.parse(wire)).toEqual({ name: 'callout', param: { number: '13800000001', mode: 'video' } });
    for (const data of [wire, JSON.parse(wire) as unknown]) {
      expect(parseBarCommand(data)).toEqual({ ok: true, command: { name: 'callout', number: '13800000001', mode: 'video', form: 'object' } });
    }
  });
  it('mode defaults to audio when absent, in both forms', () => {
    expect(parseBarCommand({ name: 'callout', param: ['66881'] })).toMatchObject({ ok: true, command: { mode: 'audio', form: 'array' } });
    expect(parseBarCommand({ name: 'callout', param: { number: '*#1' } })).toMatchObject({ ok: true, command: { mode: 'audio', form: 'object' } });
  });
  it('the builder refuses undialable numbers with a TypeError', () => {
    for (const n of ['', '1'.repeat(25), '+8613800000001', '138 0000', 'abc']) expect(() => buildCallout(n)).toThrow(TypeError);
  });
  it('the parser refuses undialable numbers, bad modes, extra array members', () => {
    const bad: unknown[] = [
      { name: 'callout', param: ['+8613800000001', 'audio'] },
      { name: 'callout', param: ['1'.repeat(25)] },
      { name: 'callout', param: ['88889007', 'fax'] },
      { name: 'callout', param: ['88889007', 'audio', 'x'] },
      { name: 'callout', param: [] },
      { name: 'callout', param: [88889007, 'audio'] },
      { name: 'callout', param: { number: 'abc', mode: 'audio' } },
      { name: 'callout', param: { number: '88889007', mode: 'VIDEO' } },
      { name: 'callout', param: '88889007' },
    ];
    for (const b of bad) expect(parseBarCommand(b), JSON.stringify(b)).toMatchObject({ ok: false, reason: 'shape', error: expect.stringContaining('param') });
  });
  it('isDialableNumber: 1-24 of 0-9*#', () => {
    expect(isDialableNumber('0123456789*#')).toBe(true);
    expect(isDialableNumber('1'.repeat(24))).toBe(true);
    expect(isDialableNumber('1'.repeat(25))).toBe(false);
    expect(isDialableNumber(88889007)).toBe(false);
  });
});

describe('any command', () => {
  it('an unknown command name is refused with an error that names `name`', () => {
    expect(parseBarCommand({ name: 'answer', param: [] })).toMatchObject({ ok: false, reason: 'shape', error: expect.stringContaining('name') });
  });
  it('unknown names and non-objects are refused as shape', () => {
    for (const x of [{ name: 'answer', param: [] }, { param: [] }, null, 1, [], '"callout"']) expect(parseBarCommand(x)).toMatchObject({ ok: false, reason: 'shape' });
  });
  it('text over MAX_COMMAND_CHARS → size; bad JSON → json', () => {
    expect(parseBarCommand(' '.repeat(MAX_COMMAND_CHARS + 1))).toMatchObject({ ok: false, reason: 'size' });
    expect(parseBarCommand('{"name":"callout"')).toMatchObject({ ok: false, reason: 'json' });
  });
});
