/**
 * The host's pending-command table (src/host/pending-commands.ts): every entry leaves the table,
 * with its timer cleared, however it ends. (Before the table, a checkMedia request kept its timer
 * after the answer and stayed in its map for good after a timeout.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BarError } from '../../../src/protocol/bar-error.js';
import type { ShellMessage } from '../../../src/protocol/bridge.js';
import { createPendingCommands } from '../../../src/host/pending-commands.js';
import type { Call } from '../../../src/host/types.js';

type Reply = Extract<ShellMessage, { kind: 'reply' }>;
const reply = (id: string, fields: Partial<Reply>): Reply => ({ v: 1, sessionId: 's'.repeat(32), shellId: 'shell-1', seq: 1, kind: 'reply', id, ok: true, ...fields }) as Reply;
const call = (callId: string): Call => ({ callId, direction: 'outbound', called: '100', media: 'audio', startedAt: 1 }) as Call;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('replies awaited by command id (checkMedia)', () => {
  it('an answer settles the request and clears its timer', async () => {
    const pending = createPendingCommands();
    const answer = pending.awaitReply('c1', 10_000);
    pending.onReply(reply('c1', { result: { problems: [] } }));
    await expect(answer).resolves.toEqual({ problems: [] });
    expect(pending.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a refusal rejects it', async () => {
    const pending = createPendingCommands();
    const answer = pending.awaitReply('c1', 10_000);
    pending.onReply(reply('c1', { ok: false, error: { code: 'NO', message: 'no' } }));
    await expect(answer).rejects.toMatchObject({ ok: false });
    expect([pending.size, vi.getTimerCount()]).toEqual([0, 0]);
  });

  it('no answer in time: rejected and gone from the table; a late answer finds nothing', async () => {
    const pending = createPendingCommands();
    const answer = pending.awaitReply('c1', 10_000);
    const outcome = answer.then(() => 'resolved', () => 'rejected');
    vi.advanceTimersByTime(9_999);
    expect(pending.size).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await outcome).toBe('rejected');
    expect(pending.size).toBe(0);
    pending.onReply(reply('c1', { result: 'late' }));
    expect([pending.size, vi.getTimerCount()]).toEqual([0, 0]);
  });
});

describe('callOuts', () => {
  it('dialing settles the oldest first; a refusing reply rejects its own callOut; timers are cleared', async () => {
    const pending = createPendingCommands();
    const first = pending.addCallOut(30_000);
    const second = pending.addCallOut(30_000);
    first.sent('c1');
    second.sent('c2');
    pending.onReply(reply('c1', { ok: true })); // accepted: still waits for its call
    expect(pending.size).toBe(2);
    pending.onReply(reply('c2', { ok: false, error: { code: 'REFUSED', message: 'busy' } }));
    await expect(second.call).rejects.toMatchObject({ code: 'CALL_OUT_FAILED', message: 'REFUSED: busy' });
    pending.settleOldestCallOut(call('k1'));
    await expect(first.call).resolves.toMatchObject({ callId: 'k1' });
    expect([pending.size, vi.getTimerCount()]).toEqual([0, 0]);
  });

  it('times out with CALL_OUT_TIMEOUT', async () => {
    const pending = createPendingCommands();
    const { call: dialing } = pending.addCallOut(30_000);
    const outcome = dialing.catch((error: BarError) => error.code);
    vi.advanceTimersByTime(30_000);
    expect(await outcome).toBe('CALL_OUT_TIMEOUT');
    expect(pending.size).toBe(0);
  });

  it('rejectAll rejects every callOut with the error and ends every reply wait', async () => {
    const pending = createPendingCommands();
    const { call: dialing } = pending.addCallOut(30_000);
    const media = pending.awaitReply('c9', 10_000);
    pending.rejectAll(new BarError('DESTROYED', 'destroyed'));
    await expect(dialing).rejects.toMatchObject({ code: 'DESTROYED' });
    await expect(media).rejects.toBeUndefined();
    expect([pending.size, vi.getTimerCount()]).toEqual([0, 0]);
  });
});
