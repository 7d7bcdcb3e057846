/** CEC events bar → page: every known type accepts its fixture and refuses its bad ones. */
import { describe, expect, it } from 'vitest';
import {
  CEC_EVENT_CONTENT,
  KNOWN_CEC_EVENT_TYPES,
  MAX_CEC_MESSAGE_CHARS,
  MAX_JSON_DEPTH,
  SUBSCRIBABLE_CEC_EVENTS,
  cecEventEnvelope,
  parseCecEvent,
} from '../../../src/protocol/index.js';
import { CALL_ID, REJECTED_ENVELOPES, REJECTED_EVENTS, UNKNOWN_EVENT, VALID_EVENTS, WORK_NO } from '../../fixtures/cec/events.js';

describe('fixtures cover the schema table', () => {
  it('every type in CEC_EVENT_CONTENT has a valid and a rejected fixture, and no extra ones', () => {
    expect(Object.keys(VALID_EVENTS).sort()).toEqual(Object.keys(CEC_EVENT_CONTENT).sort());
    expect(Object.keys(REJECTED_EVENTS).sort()).toEqual(Object.keys(CEC_EVENT_CONTENT).sort());
    for (const list of Object.values(REJECTED_EVENTS)) expect(list.length).toBeGreaterThan(0);
  });
  it('every subscribable event (docs/cec-reference.md §2.3) is a known type', () => {
    for (const t of SUBSCRIBABLE_CEC_EVENTS) expect(KNOWN_CEC_EVENT_TYPES).toContain(t);
  });
});

describe('valid fixtures', () => {
  for (const [type, f] of Object.entries(VALID_EVENTS)) {
    it(`${type}: accepted as an object and as a JSON string, content normalised`, () => {
      for (const data of [f.wire, JSON.stringify(f.wire)]) {
        const r = parseCecEvent(data);
        if (!r.ok) throw new Error(`${type} refused: ${r.error}`);
        expect(r.known).toBe(true);
        expect(r.event.eventType).toBe(type);
        expect(r.event.workNo).toBe(WORK_NO);
        expect(r.event.content).toEqual(f.content);
        expect(r.event.message).toBe('success');
      }
    });
  }
});

describe('rejected fixtures', () => {
  for (const [type, list] of Object.entries(REJECTED_EVENTS)) {
    for (const f of list) {
      it(`${type}: ${f.why} → refused, error names "${f.names}"`, () => {
        for (const data of [f.wire, JSON.stringify(f.wire)]) {
          const r = parseCecEvent(data);
          expect(r).toMatchObject({ ok: false, reason: 'shape', error: expect.stringContaining(type) });
          expect(r).toMatchObject({ error: expect.stringContaining(f.names) });
        }
      });
    }
  }
  for (const f of REJECTED_ENVELOPES) {
    it(`envelope: ${f.why} → refused, error names "${f.names}"`, () => {
      expect(parseCecEvent(f.wire)).toMatchObject({ ok: false, error: expect.stringContaining(f.names) });
    });
  }
});

describe('unknown event types', () => {
  it('pass through as the `unknown` variant with rawEventType and content kept', () => {
    for (const data of [UNKNOWN_EVENT, JSON.stringify(UNKNOWN_EVENT)]) {
      const r = parseCecEvent(data);
      if (!r.ok) throw new Error(r.error);
      expect(r.known).toBe(false);
      expect(r.event).toEqual({
        eventType: 'unknown',
        rawEventType: 'AgentEvent_Conference_Joined',
        workNo: WORK_NO,
        content: { callid: CALL_ID, partner: '102' },
        message: 'success',
      });
    }
  });
  it('an unknown type with no content gets content null; a missing workNo becomes ""', () => {
    const r = parseCecEvent({ event: { eventType: 'SomethingNew' } });
    if (!r.ok) throw new Error(r.error);
    expect(r.event).toEqual({ eventType: 'unknown', rawEventType: 'SomethingNew', workNo: '', content: null });
  });
  it('Object.prototype names are not mistaken for known types', () => {
    for (const t of ['toString', 'constructor', 'hasOwnProperty']) {
      const r = parseCecEvent({ event: { eventType: t, workNo: WORK_NO, content: null } });
      expect(r.ok && r.event.eventType).toBe('unknown');
    }
  });
});

describe('transport-level refusals', () => {
  it('bad JSON text → reason json', () => {
    expect(parseCecEvent('{"event":')).toMatchObject({ ok: false, reason: 'json' });
  });
  it(`text over ${MAX_CEC_MESSAGE_CHARS} chars → reason size`, () => {
    const big = JSON.stringify(cecEventEnvelope('AgentState_SetWork_Success', WORK_NO, 'x'.repeat(MAX_CEC_MESSAGE_CHARS)));
    expect(parseCecEvent(big)).toMatchObject({ ok: false, reason: 'size' });
  });
  it(`nesting deeper than ${MAX_JSON_DEPTH} in text → reason size`, () => {
    const deep = '{"event":{"eventType":"X","content":' + '['.repeat(MAX_JSON_DEPTH + 2) + ']'.repeat(MAX_JSON_DEPTH + 2) + '}}';
    expect(parseCecEvent(deep)).toMatchObject({ ok: false, reason: 'size' });
  });
  it('non-objects → reason shape', () => {
    for (const x of [null, undefined, 42, true, [], 'null', '"str"']) expect(parseCecEvent(x)).toMatchObject({ ok: false, reason: 'shape' });
  });
  it('__proto__ in JSON text does not reach the parsed event or Object.prototype', () => {
    const r = parseCecEvent('{"event":{"eventType":"X","content":{"__proto__":{"polluted":1},"a":1}}}');
    if (!r.ok) throw new Error(r.error);
    expect(r.event.content).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('cecEventEnvelope', () => {
  it('builds the wire form that parses back to the same event', () => {
    const wire = cecEventEnvelope('AgentEvent_Customer_Release', WORK_NO, { callid: CALL_ID, number: '13800000001' });
    expect(wire).toEqual({ event: { eventType: 'AgentEvent_Customer_Release', workNo: WORK_NO, content: { callid: CALL_ID, number: '13800000001' } }, message: 'success' });
    const r = parseCecEvent(JSON.stringify(wire));
    expect(r.ok && r.event.content).toEqual(wire.event.content);
  });
});
