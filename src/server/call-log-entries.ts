/**
 * How a call log entry changes: a browser's `call.ended` report, a call CEC shows live, and CEC's
 * call record (CDR, the truth once it exists). Pure functions: the call log applies them inside
 * the store's atomic `update`.
 */
import type { CmsCallRecord, CmsLiveCall } from './cms-client.js';
import type { CallLogEntry, CallLogOutcome } from './call-log-store.js';

/** What a browser reports: the host's `call.ended` payload (extra fields are ignored). */
export interface BrowserCallReport {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly caller?: string | undefined;
  readonly called?: string | undefined;
  readonly outcome: 'completed' | 'missed' | 'failed' | 'abandoned' | 'unknown';
  readonly endedBy: 'agent' | 'customer' | 'system' | 'unknown';
  readonly talkMs: number;
  readonly endedAt?: number | undefined;
}

/** Outcomes that say nothing final: a later report or the CDR replaces them. */
const PROVISIONAL: ReadonlySet<CallLogOutcome> = new Set(['unknown', 'inProgress']);

/** A browser report joins the entry: counted once more; its outcome is taken only over a provisional one. */
export function withReport(current: CallLogEntry | undefined, report: BrowserCallReport, user: string, now: number): CallLogEntry {
  if (!current) {
    return {
      callId: report.callId,
      direction: report.direction,
      ...(report.caller === undefined ? {} : { caller: report.caller }),
      ...(report.called === undefined ? {} : { called: report.called }),
      reportedBy: user,
      outcome: report.outcome,
      endedBy: report.endedBy,
      talkMs: report.talkMs,
      reports: 1,
      fromCdr: false,
      ...(report.endedAt === undefined ? {} : { endedAt: report.endedAt }),
      updatedAt: now,
    };
  }
  const counted = { ...current, reports: current.reports + 1, reportedBy: current.reportedBy ?? user, updatedAt: now };
  if (current.fromCdr || !PROVISIONAL.has(current.outcome) || report.outcome === 'unknown') {
    return current.endedBy === 'unknown' ? { ...counted, endedBy: report.endedBy } : counted;
  }
  return { ...counted, outcome: report.outcome, endedBy: report.endedBy, talkMs: report.talkMs, ...(report.endedAt === undefined ? {} : { endedAt: report.endedAt }) };
}

/** A call CEC shows live: logged as `inProgress` unless something already logged it. */
export function withLiveCall(current: CallLogEntry | undefined, live: CmsLiveCall, now: number): CallLogEntry | undefined {
  if (current) return undefined;
  return {
    callId: live.callId,
    direction: live.direction,
    caller: live.caller,
    called: live.called,
    ...(live.agentId === undefined ? {} : { agentId: live.agentId }),
    outcome: 'inProgress',
    endedBy: 'unknown',
    talkMs: 0,
    reports: 0,
    fromCdr: false,
    updatedAt: now,
  };
}

/**
 * The outcome CEC's record implies: talk time (or a browser that saw the call connected) means completed; an unanswered outbound call
 * failed; an unanswered inbound call was missed when an agent had it, abandoned when none did
 * (a browser's own `missed`/`abandoned` is kept: it saw the ringing).
 */
export function outcomeFromRecord(record: CmsCallRecord, current: CallLogEntry | undefined): CallLogOutcome {
  // CEC counts talk in whole seconds: a call connected for under a second has callTime 0, so a
  // browser that saw it connected (`completed`) is kept.
  if (record.talkMs > 0 || current?.outcome === 'completed') return 'completed';
  if (record.direction === 'outbound') return 'failed';
  if (current?.outcome === 'missed' || current?.outcome === 'abandoned') return current.outcome;
  return record.agentId === undefined ? 'abandoned' : 'missed';
}

/** CEC's record completes (and corrects) the entry, or makes one for a call nobody reported. */
export function withRecord(current: CallLogEntry | undefined, record: CmsCallRecord, now: number): CallLogEntry {
  const agentId = record.agentId ?? current?.agentId;
  const skillId = record.skillId ?? current?.skillId;
  return {
    reports: 0,
    endedBy: 'unknown',
    ...current,
    callId: record.callId,
    direction: record.direction,
    caller: record.caller,
    called: record.called,
    ...(agentId === undefined ? {} : { agentId }),
    ...(skillId === undefined ? {} : { skillId }),
    outcome: outcomeFromRecord(record, current),
    talkMs: record.talkMs,
    queueWaitMs: record.queueWaitMs,
    releaseCause: record.releaseCause,
    fromCdr: true,
    updatedAt: now,
  };
}
