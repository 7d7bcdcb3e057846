/**
 * fast-check arbitraries for the protocol shapes, shared by the property tests (and reusable by
 * any suite that needs valid or hostile protocol messages).
 */
import fc from 'fast-check';
import { BRIDGE_VERSION, SHELL_STATUSES, type KnownCecEventType } from '../../src/protocol/index.js';

export const genSessionId = fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/);
export const genId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
export const genCallId = fc.stringMatching(/^[0-9]{6,10}-[0-9]{1,4}$/);
const phone = fc.stringMatching(/^[0-9]{3,15}$/);
const intLike = (min: number, max: number) => fc.oneof(fc.integer({ min, max }), fc.integer({ min, max }).map(String));

const ringing = fc.record({ caller: phone, called: phone, callid: genCallId, type: fc.constantFrom('main', 'assistant'), feature: intLike(0, 43), mediaAbility: intLike(1, 6), transfer: fc.constantFrom('yes', 'no') }, { requiredKeys: ['callid'] });
const talking = fc.record({ caller: phone, called: phone, callid: genCallId, type: fc.constantFrom('main', 'assistant'), feature: intLike(0, 43), mediaAbility: intLike(1, 6) }, { requiredKeys: ['callid'] });
const scalarRecord = fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 });
const undocumented = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string({ maxLength: 40 }), scalarRecord);

/** A valid `content` for each known event type. */
export function genContent(type: KnownCecEventType): fc.Arbitrary<unknown> {
  switch (type) {
    case 'AgentEvent_Ringing':
    case 'AgentEvent_Auto_Answer':
    case 'AgentOther_PhoneAlerting':
      return ringing;
    case 'AgentEvent_Talking':
      return talking;
    case 'AgentEvent_Incoming_CallInfo':
      return fc.record({ callId: genCallId, skillName: fc.string({ maxLength: 20 }), skillId: intLike(1, 99), caller: phone, called: phone, mediaType: intLike(1, 53) }, { requiredKeys: ['callId'] });
    case 'AgentEvent_Customer_Alerting':
      return fc.record({ callid: genCallId, otherPhone: phone, type: fc.constantFrom('main', 'assistant') }, { requiredKeys: ['callid'] });
    case 'AgentEvent_Customer_Release':
      return fc.record({ callid: genCallId, number: phone }, { requiredKeys: ['callid'] });
    case 'AgentEvent_Call_Out_Fail':
    case 'AgentEvent_Call_Release':
    case 'AgentEvent_Hold':
      return genCallId;
    case 'AgentState_SetNotReady_Success':
      return fc.record({ reason: intLike(1, 250) });
    case 'AgentOther_PhoneRelease':
      return fc.record({ phoneState: intLike(2, 3) });
    case 'AgentState_Rest_Timeout':
    case 'AgentOther_InService':
      return fc.constant(null);
    default:
      return undocumented;
  }
}

const base = { v: fc.constant(BRIDGE_VERSION), sessionId: genSessionId, shellId: genId, seq: fc.integer({ min: 1, max: 2 ** 31 }) };

/** Any valid shell → host message (the `cec` relay carries a valid known event). */
export const genShellMessage = fc.oneof(
  fc.record({ ...base, kind: fc.constant('cec'), at: fc.integer({ min: 0 }), event: talking.map((content) => ({ eventType: 'AgentEvent_Talking', workNo: '101', content })) }),
  fc.record({ ...base, kind: fc.constant('status'), status: fc.constantFrom(...SHELL_STATUSES) }),
  fc.record({ ...base, kind: fc.constant('reply'), id: genId, ok: fc.boolean() }),
  fc.record({ ...base, kind: fc.constant('log'), level: fc.constantFrom('debug', 'info', 'warn', 'error'), message: fc.string({ maxLength: 100 }) }),
  fc.record({ ...base, kind: fc.constant('stats'), rejected: fc.dictionary(fc.stringMatching(/^[a-z]{1,10}$/), fc.nat()), relayed: fc.nat() }),
);

const cmdBase = { v: fc.constant(BRIDGE_VERSION), sessionId: genSessionId, id: genId };
/** Any valid host → shell command. */
export const genHostCommand = fc.oneof(
  fc.record({ ...cmdBase, kind: fc.constant('callout'), number: fc.stringMatching(/^[0-9*#]{1,24}$/), media: fc.constantFrom('audio', 'video') }),
  fc.record({ ...cmdBase, kind: fc.constant('replay'), fromSeq: fc.nat() }),
  fc.record({ ...cmdBase, kind: fc.constant('subscribe'), events: fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/), { maxLength: 5 }) }),
  fc.record({ ...cmdBase, kind: fc.constant('ping') }),
  fc.record({ ...cmdBase, kind: fc.constant('checkMedia') }),
);

/** Objects built with hostile keys, the way JSON.parse builds them (own `__proto__` properties). */
export const hostile = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty').chain((k) =>
  fc.json().map((j) => JSON.parse(`{"${k}":${j},"v":1,"kind":"cec","event":{"${k}":{"polluted":true}}}`) as unknown),
);
