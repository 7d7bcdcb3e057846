/**
 * The mock's CC-CMS call detail records (CDR, docs/cec-reference.md §8.3): one record for every
 * call the engine ends, with the engine's own timings, kept one day on the mock's clock.
 */
import type { CallCentre, CallRecord } from '../call-centre.js';
import { MOCK_CHOICES } from '../choices.js';
import type { LoggedEvent } from '../mock-state.js';

/** One CDR as `querycalldetailbyid` answers it (times in whole seconds). */
export interface CallDetailRecord {
  readonly vdn: number;
  readonly callId: string;
  readonly callerNo: string;
  readonly calleeNo: string;
  /** MOCK_CHOICES.cdrCallTypes: 0 inbound, 1 outbound. */
  readonly callType: number;
  /** The agent who last had the call; 0 when none did. */
  readonly agentId: number;
  /** 0 when the call never reached a skill queue. */
  readonly skillId: number;
  readonly anonyCall: number;
  /** Seconds in the queue before the call was offered (or ended). */
  readonly queueWaitTime: number;
  readonly ivrCallTime: number;
  /** Seconds the agent's phone rang before the answer; 0 when unanswered. */
  readonly ackTime: number;
  /** Seconds of talk; 0 when unanswered. */
  readonly callTime: number;
  /** MOCK_CHOICES.cdrReleaseCauses. */
  readonly releaseCause: number;
}

interface StoredRecord {
  readonly record: CallDetailRecord;
  readonly endedAt: number;
}

const MS_PER_SECOND = 1000;

function seconds(fromMs: number | undefined, toMs: number | undefined): number {
  if (fromMs === undefined || toMs === undefined) return 0;
  return Math.max(0, Math.round((toMs - fromMs) / MS_PER_SECOND));
}

function releaseCause(reason: string | undefined): number {
  const causes = MOCK_CHOICES.cdrReleaseCauses;
  if (reason === 'customer hung up') return causes.customer;
  if (reason === 'agent hung up' || reason === 'agent cancelled the callout') return causes.agent;
  return causes.system;
}

/**
 * Records every ended call and answers CDR lookups.
 *
 * @example
 * const book = new CallRecordBook(engine.centre, 1);
 * book.find(callId);
 */
export class CallRecordBook {
  readonly #centre: CallCentre;
  readonly #vdn: number;
  readonly #records = new Map<string, StoredRecord>();
  /** When each live call was last offered (ringing) to an agent, for `ackTime`. */
  readonly #offeredAt = new Map<string, number>();
  readonly #onEvent = (event: LoggedEvent): void => this.#noteOffer(event);
  readonly #onEnded = (call: CallRecord, endedAt: number): void => this.#record(call, endedAt);

  constructor(centre: CallCentre, vdn: number) {
    this.#centre = centre;
    this.#vdn = vdn;
    centre.listeners.add(this.#onEvent);
    centre.endedCallListeners.add(this.#onEnded);
  }

  /** Stop listening to the engine. */
  dispose(): void {
    this.#centre.listeners.delete(this.#onEvent);
    this.#centre.endedCallListeners.delete(this.#onEnded);
  }

  /** The CDR of a call ended within the retention, if any. */
  find(callId: string): CallDetailRecord | undefined {
    this.#forgetExpired();
    return this.#records.get(callId)?.record;
  }

  #noteOffer(event: LoggedEvent): void {
    const { eventType, content } = event.envelope.event;
    if (eventType !== 'AgentEvent_Ringing' && eventType !== 'AgentEvent_Customer_Alerting') return;
    if (content && typeof content === 'object' && 'callid' in content && typeof content.callid === 'string') this.#offeredAt.set(content.callid, event.at);
  }

  #record(call: CallRecord, endedAt: number): void {
    const offeredAt = this.#offeredAt.get(call.callId);
    this.#offeredAt.delete(call.callId);
    const answered = call.answeredAt !== undefined;
    const record: CallDetailRecord = {
      vdn: this.#vdn,
      callId: call.callId,
      callerNo: call.caller,
      calleeNo: call.called,
      callType: call.direction === 'inbound' ? MOCK_CHOICES.cdrCallTypes.inbound : MOCK_CHOICES.cdrCallTypes.outbound,
      agentId: call.lastAgent ?? 0,
      skillId: call.skillId ?? 0,
      anonyCall: 0,
      queueWaitTime: call.direction === 'inbound' ? seconds(call.enqueuedAt, offeredAt ?? call.answeredAt ?? endedAt) : 0,
      ivrCallTime: 0,
      ackTime: answered ? seconds(offeredAt ?? call.answeredAt, call.answeredAt) : 0,
      callTime: answered ? seconds(call.answeredAt, endedAt) : 0,
      releaseCause: releaseCause(call.endReason),
    };
    this.#records.set(call.callId, { record, endedAt });
    this.#forgetExpired();
  }

  /** Records older than the retention go (Map order is insertion order: oldest first). */
  #forgetExpired(): void {
    const oldestKept = this.#centre.clock.now() - MOCK_CHOICES.cdrRetentionMs;
    for (const [callId, stored] of this.#records) {
      if (stored.endedAt >= oldestKept) return;
      this.#records.delete(callId);
    }
  }
}
