/** Compile-only: CecEvent narrows on eventType, the unknown variant, error code unions. */
import {
  BarError,
  FabricError,
  parseCecEvent,
  parseShellMessage,
  type BarErrorCode,
  type CecEvent,
  type CecEventOf,
  type FabricErrorCode,
  type KnownCecEventType,
  type ShellMessage,
} from '../../src/protocol/index.js';
import type { Equal } from './assert.js';
function assertType<T extends true>(_: T): void {}

declare const ev: CecEvent;

switch (ev.eventType) {
  case 'AgentEvent_Talking': {
    const callid: string = ev.content.callid;
    // Digit strings are normalised: feature is a number after parsing, never a string.
    assertType<Equal<typeof ev.content.feature, number | undefined>>(true);
    // @ts-expect-error Talking content has no otherPhone
    void ev.content.otherPhone;
    void callid;
    break;
  }
  case 'AgentEvent_Call_Release':
  case 'AgentEvent_Hold':
    assertType<Equal<typeof ev.content, string>>(true);
    break;
  case 'AgentState_SetNotReady_Success':
    assertType<Equal<typeof ev.content.reason, number>>(true);
    break;
  case 'AgentOther_PhoneRelease':
    assertType<Equal<typeof ev.content.phoneState, number>>(true);
    break;
  case 'AgentOther_InService':
  case 'AgentState_Rest_Timeout':
    assertType<Equal<typeof ev.content, null | undefined>>(true);
    break;
  case 'AgentEvent_Incoming_CallInfo': {
    const id: string = ev.content.callId;
    // @ts-expect-error CallInfo spells it callId, not callid
    void ev.content.callid;
    void id;
    break;
  }
  case 'unknown': {
    const raw: string = ev.rawEventType;
    assertType<Equal<typeof ev.content, unknown>>(true);
    void raw;
    break;
  }
  default:
    break;
}

// workNo is always a string.
assertType<Equal<CecEvent['workNo'], string>>(true);

// rawEventType exists only on the unknown variant.
// @ts-expect-error not every CecEvent has rawEventType
void ev.rawEventType;

// CecEventOf picks one variant.
declare const ringing: CecEventOf<'AgentEvent_Ringing'>;
const transfer: 'yes' | 'no' | undefined = ringing.content.transfer;
void transfer;
// @ts-expect-error not a known event type
type Bad = CecEventOf<'AgentEvent_Nope'>;

// KnownCecEventType is a closed union.
const t: KnownCecEventType = 'AgentState_Ready';
// @ts-expect-error unknown is a variant tag, not a known type
const u: KnownCecEventType = 'unknown';
void t; void u;

// Parse results narrow on ok.
const r = parseCecEvent('{}');
if (r.ok) {
  const e: CecEvent = r.event;
  void e;
} else {
  const reason: 'json' | 'size' | 'shape' = r.reason;
  void reason;
  // @ts-expect-error a failed result has no event
  void r.event;
}

// A cec shell message carries a CecEvent.
const m = parseShellMessage({});
if (m.ok && m.message.kind === 'cec') {
  const e: CecEvent = m.message.event;
  void e;
}
declare const sm: ShellMessage;
if (sm.kind === 'status') {
  // @ts-expect-error status messages have no event
  void sm.event;
}

// Error codes are string unions, not string.
assertType<Equal<string extends BarErrorCode ? true : false, false>>(true);
assertType<Equal<string extends FabricErrorCode ? true : false, false>>(true);
const be = new BarError('INVALID_NUMBER', 'x');
const bc: BarErrorCode = be.code;
void bc;
// @ts-expect-error not a BarError code
new BarError('RATE_LIMITED', 'x');
// @ts-expect-error not a FabricError code
new FabricError('INVALID_NUMBER', 'x');
new FabricError('RATE_LIMITED', 'x');
