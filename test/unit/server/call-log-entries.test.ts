/** How call log entries change: reports count, provisional outcomes give way, the CDR wins. */
import { describe, expect, it } from 'vitest';
import { outcomeFromRecord, withLiveCall, withRecord, withReport, type BrowserCallReport } from '../../../src/server/call-log-entries.js';
import type { CmsCallRecord } from '../../../src/server/cms-client.js';

const report: BrowserCallReport = { callId: '1764320400-7', direction: 'inbound', caller: '13800000001', outcome: 'unknown', endedBy: 'unknown', talkMs: 2_000 };
const record: CmsCallRecord = { callId: '1764320400-7', direction: 'inbound', caller: '13800000001', called: '66881', agentId: 101, skillId: 1, queueWaitMs: 3_000, ringMs: 2_000, talkMs: 41_000, releaseCause: 0 };

describe('call log entries', () => {
  it('counts a second report without changing a final outcome, and lets a final report replace unknown', () => {
    const first = withReport(undefined, { ...report, outcome: 'completed', endedBy: 'customer', talkMs: 40_000 }, 'alice', 1);
    const second = withReport(first, report, 'bob', 2);
    expect(second).toMatchObject({ outcome: 'completed', endedBy: 'customer', talkMs: 40_000, reports: 2, reportedBy: 'alice' });
    const unknownFirst = withReport(undefined, report, 'alice', 1);
    expect(withReport(unknownFirst, { ...report, outcome: 'completed', endedBy: 'agent' }, 'alice', 2)).toMatchObject({ outcome: 'completed', endedBy: 'agent', reports: 2 });
  });

  it('lets the CDR correct the outcome and talk time, and a later report never undo it', () => {
    const corrected = withRecord(withReport(undefined, report, 'alice', 1), record, 2);
    expect(corrected).toMatchObject({ outcome: 'completed', talkMs: 41_000, queueWaitMs: 3_000, releaseCause: 0, fromCdr: true, reports: 1 });
    expect(withReport(corrected, { ...report, outcome: 'missed' }, 'bob', 3)).toMatchObject({ outcome: 'completed', talkMs: 41_000, reports: 2 });
  });

  it('reads the outcome of unanswered calls from the record', () => {
    expect(outcomeFromRecord({ ...record, talkMs: 0 }, undefined)).toBe('missed');
    expect(outcomeFromRecord({ ...record, talkMs: 0, agentId: undefined }, undefined)).toBe('abandoned');
    expect(outcomeFromRecord({ ...record, talkMs: 0, direction: 'outbound' }, undefined)).toBe('failed');
    const sawConnected = withReport(undefined, { ...report, outcome: 'completed', talkMs: 400 }, 'alice', 1);
    expect(outcomeFromRecord({ ...record, talkMs: 0 }, sawConnected)).toBe('completed');
  });

  it('logs a live call only when nothing logged it yet', () => {
    const live = { callId: record.callId, direction: 'inbound' as const, caller: '1', called: '2', agentId: 101, skillId: 1, status: 'talking', beganAt: 0 };
    expect(withLiveCall(undefined, live, 1)).toMatchObject({ outcome: 'inProgress', reports: 0 });
    expect(withLiveCall(withReport(undefined, report, 'alice', 1), live, 2)).toBeUndefined();
  });
});
