/**
 * The recorder masks phone numbers wherever they appear (issue 14, item 11): under any key, in
 * free text and in key names, for the documented events and for events this version does not
 * know, while call ids, dates, timestamps, work numbers and sequence numbers stay readable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecorder, replayRecording } from '../../../src/host/recorder.js';
import { redact } from '../../../src/protocol/redact.js';
import { AGENT_PHONE, CALL_ID, CUSTOMER, UNKNOWN_EVENT, VALID_EVENTS, type WireEnvelope } from '../../fixtures/cec/events.js';

const SESSION_ID = '0123456789abcdef0123456789abcdef';

/** A shell → host relay of one CEC event, as the host records it. */
function relay(seq: number, event: WireEnvelope['event'], at = 1_700_000_000_000 + seq): Record<string, unknown> {
  return { v: 1, sessionId: SESSION_ID, shellId: 'shell-01', seq, kind: 'cec', at, event };
}
function recorded(...events: WireEnvelope['event'][]): string {
  const recorder = createRecorder();
  events.forEach((event, index) => recorder.add('in', relay(index + 1, event)));
  return JSON.stringify(recorder);
}
const unknownEvent = (content: unknown, eventType = 'AgentEvent_Not_Documented'): WireEnvelope['event'] => ({ eventType, workNo: '101', content });

describe('recorder: phone numbers in events it does not know', () => {
  it('masks them under any key name, as JSON numbers, and inside free text', () => {
    const json = recorded(unknownEvent({
      callerNo: '13800000001',
      ani: '+86 138 0000 0002',
      displayNumber: '138-0000-0003',
      phoneNumber: '0755-12345678',
      callbackNumber: 13800000005,
      message: 'Customer 13800000006 asked for a call back on (010) 8888 9999, or +1-202-555-0147.',
      parties: [{ who: 'customer', dialled: '008613800000007' }],
      '13800000008': 'a number as a key',
    }));
    for (const full of ['13800000001', '138 0000 0002', '138-0000-0003', '0755-1234', '13800000005', '13800000006', '8888 9999', '202-555-0147', '8613800000007', '13800000008']) {
      expect(json, full).not.toContain(full);
    }
    // The last four digits stay, so a person can still tell the numbers apart.
    expect(json).toContain('"callerNo":"*******0001"');
    expect(json).toContain('"ani":"*************0002"');
    expect(json).toContain('"phoneNumber":"*********5678"');
    expect(json).toContain('"callbackNumber":"*******0005"');
    expect(json).toContain('Customer *******0006 asked for a call back on (010) *****9999, or ***********0147.');
  });

  it('keeps call ids, dates, timestamps, work numbers, sequence numbers and short codes readable', () => {
    const content = {
      callId: '1700000000-12',
      callid: CALL_ID,
      relatedCallId: '1700000000-13',
      beginTime: 1_700_000_000_123,
      createTime: '1700000000123',
      timestamp: 1_700_000_000,
      skillId: 3,
      queueSeq: 1234567,
      tenantSpaceId: '202201010001',
      reason: 'released after 1456404043-37 ended on 2024-01-15 10:30:00 (cause 1234, agent 101)',
      waitSeconds: 42,
      extension: '6688',
      trace: 'id ab1234567890cd, hex 0123456789abcdef',
    };
    const json = recorded(unknownEvent(content));
    const recording = JSON.parse(json) as { messages: { data: { at: number; seq: number; sessionId: string; event: { workNo: string; content: unknown } } }[] };
    const [message] = recording.messages;
    expect(message!.data.event.content).toEqual(content);
    expect(message!.data).toMatchObject({ at: 1_700_000_000_001, seq: 1, sessionId: SESSION_ID, event: { workNo: '101' } });
  });

  it('masks the unknown-event fixture and every documented event fixture, keeping each call id', () => {
    const events = [UNKNOWN_EVENT.event, ...Object.values(VALID_EVENTS).map((fixture) => fixture.wire.event)];
    const json = recorded(...events);
    expect(json).not.toContain(CUSTOMER);
    expect(json).not.toContain(AGENT_PHONE);
    expect(json.split(CALL_ID).length - 1).toBe(JSON.stringify(events).split(CALL_ID).length - 1);
  });

  it('a recording still replays through the call model with its call ids and masked numbers', () => {
    const recorder = createRecorder();
    recorder.add('in', relay(1, VALID_EVENTS.AgentEvent_Ringing.wire.event));
    recorder.add('in', relay(2, VALID_EVENTS.AgentEvent_Talking.wire.event));
    recorder.add('in', relay(3, unknownEvent({ callid: CALL_ID, note: `customer ${CUSTOMER} on hold` })));
    recorder.add('in', relay(4, VALID_EVENTS.AgentEvent_Customer_Release.wire.event));
    const seen: [string, unknown][] = [];
    replayRecording(JSON.parse(JSON.stringify(recorder)), (name, payload) => seen.push([name, payload]));
    expect(seen.filter(([name]) => name.startsWith('call.')).map(([name]) => name)).toEqual(['call.ringing', 'call.connected', 'call.ended']);
    expect(seen.at(-1)![1]).toMatchObject({ callId: CALL_ID, caller: '*******0001', outcome: 'completed' });
    expect(JSON.stringify(seen)).not.toContain(CUSTOMER);
  });
});

// Generated unknown events: phone numbers written the ways people write them, hidden at any depth
// under any key, alone, in a sentence or as a key.
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
/** 7-15 digits in groups of 1-5, joined by one space or dash, maybe after a +. */
const writtenPhone = fc
  .tuple(fc.boolean(), fc.array(digits(1, 5), { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', '-', ''))
  .map(([plus, groups, separator]) => `${plus ? '+' : ''}${groups.join(separator)}`)
  .filter((phone) => {
    const count = phone.replace(/\D/g, '').length;
    // Exactly a date or a CEC call id is kept by design (see redact.ts): not a phone for this test.
    return count >= 7 && count <= 15 && !/^\d{4}-\d\d-\d\d(?!\d)/.test(phone) && !/^\d{10}-\d{1,6}$/.test(phone);
  });
const word = fc.stringMatching(/^[A-Za-z]{0,12}$/);
const key = fc.stringMatching(/^[a-z][A-Za-z]{0,15}$/).filter((name) => !/(?:id|seq|time|stamp)$|^at$/i.test(name));
const placement = fc.oneof(
  writtenPhone.map((phone) => ({ phone, put: (name: string) => ({ [name]: phone }) })),
  fc.tuple(writtenPhone, word, word, fc.constantFrom('.', ',', '!', ')', ';', '')).map(([phone, before, after, stop]) => ({
    phone,
    put: (name: string) => ({ [name]: `${before} ${phone}${stop} ${after}`.trim() }),
  })),
  writtenPhone.map((phone) => ({ phone, put: () => ({ [phone]: 'value' }) })),
);

describe('recorder: generated unknown events', () => {
  it('no phone number survives, and its last four characters stay', () => {
    fc.assert(
      fc.property(placement, key, fc.array(fc.constantFrom('object', 'array'), { maxLength: 4 }), word, ({ phone, put }, name, path, eventSuffix) => {
        let payload: unknown = put(name);
        for (const step of path) payload = step === 'array' ? [payload] : { detail: payload };
        const recording = JSON.parse(recorded(unknownEvent({ callid: CALL_ID, payload }, `AgentEvent_${eventSuffix || 'X'}`))) as { messages: { data: { event: { content: { callid: string; payload: unknown } } } }[] };
        const { callid, payload: masked } = recording.messages[0]!.data.event.content;
        const json = JSON.stringify(masked);
        // Checked as the masked form itself: "9740974" → "***0974" rightly contains "974".
        expect(json).not.toContain(phone);
        expect(json).not.toContain(phone.replace(/\D/g, ''));
        expect(json).toContain(`${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`);
        expect(callid).toBe(CALL_ID);
      }),
      { numRuns: 500 },
    );
  });

  it('numbers shorter than seven digits are kept wherever they are', () => {
    fc.assert(
      fc.property(key, fc.integer({ min: 0, max: 999_999 }), word, (name, value, text) => {
        const content = { [name]: value, note: `${text} ${value} ${text}`, list: [String(value)] };
        expect(redact(content, { phones: true })).toEqual(content);
      }),
      { numRuns: 300 },
    );
  });
});
