/** createAgentDirectory: polling, diffs, staleness, no overlap, stop(); fake clock + scripted Fabric, and real HTTP. */
import { describe, expect, it } from 'vitest';
import type { FabricAgent, QueryAgentInfoResponse } from '../../../src/protocol/fabric.js';
import { FabricError, isFabricError } from '../../../src/protocol/fabric-error.js';
import { createAgentDirectory, createFabricClient, type AgentDirectory } from '../../../src/server/index.js';
import { createManualClock, settle } from '../../support/server-clock.js';
import { startFakeFabric } from '../../support/server-fake-fabric.js';

const alice: FabricAgent = { workNo: 101, sipAccount: '88880101', sipPwd: 'p1', accountCode: 'alice.chen' };
const bob: FabricAgent = { workNo: 102, sipAccount: '88880102', sipPwd: 'p2', accountCode: 'bob.meyer' };
const carol: FabricAgent = { workNo: 103, sipAccount: '88880103', sipPwd: 'p3', accountCode: 'carol.diaz' };
const reply = (agents: FabricAgent[]): QueryAgentInfoResponse => ({ sipServiceIp: '10.0.0.5', sipServicePort: 5060, agents });

/** A Fabric whose next answers are queued by the test; each call waits for one. */
function scriptedFabric() {
  const waiting: { resolve: (r: QueryAgentInfoResponse) => void; reject: (e: unknown) => void }[] = [];
  let calls = 0;
  return {
    fabric: {
      queryAgentInfo: () => {
        calls += 1;
        return new Promise<QueryAgentInfoResponse>((resolve, reject) => waiting.push({ resolve, reject }));
      },
    },
    calls: () => calls,
    pending: () => waiting.length,
    answer: async (agents: FabricAgent[]) => {
      waiting.shift()?.resolve(reply(agents));
      await settle();
    },
    fail: async (error: unknown) => {
      waiting.shift()?.reject(error);
      await settle();
    },
  };
}

function record(directory: AgentDirectory) {
  const events: string[] = [];
  directory.on('added', (a) => events.push(`added ${a.workNo}`));
  directory.on('removed', (a) => events.push(`removed ${a.workNo}`));
  directory.on('changed', ({ before, after }) => events.push(`changed ${before.workNo} ${before.accountCode}->${after.accountCode}`));
  directory.on('error', (e) => events.push(`error ${e.code}`));
  return events;
}

describe('createAgentDirectory', () => {
  it('syncs at once, looks agents up, then diffs each poll into added/removed/changed', async () => {
    const clock = createManualClock();
    const f = scriptedFabric();
    const directory = createAgentDirectory({ fabric: f.fabric, intervalMs: 1000, jitter: 0, clock });
    const events = record(directory);
    expect(f.calls()).toBe(1);
    await f.answer([alice, bob]);
    await directory.ready;
    expect(directory.byAccountCode('bob.meyer')).toEqual(bob);
    expect(directory.byWorkNo(101)).toEqual(alice);
    expect(directory.byAccountCode('nobody')).toBeUndefined();
    expect(events).toEqual(['added 101', 'added 102']);

    await clock.advance(1000);
    expect(f.calls()).toBe(2);
    await f.answer([{ ...alice, accountCode: 'alice2' }, carol]);
    expect(events.slice(2)).toEqual(['added 103', 'removed 102', 'changed 101 alice.chen->alice2']);
    expect(directory.byAccountCode('alice.chen')).toBeUndefined();
    expect(directory.byAccountCode('alice2')?.workNo).toBe(101);
    expect(directory.byWorkNo(102)).toBeUndefined();

    await clock.advance(1000);
    await f.answer([{ ...alice, accountCode: 'alice2' }, carol]);
    expect(events).toHaveLength(5); // nothing changed, nothing emitted
    directory.stop();
  });

  it('keeps the last good snapshot on failure, marked stale, emits error, and recovers', async () => {
    const clock = createManualClock();
    const f = scriptedFabric();
    const directory = createAgentDirectory({ fabric: f.fabric, intervalMs: 1000, jitter: 0, clock });
    const events = record(directory);
    await f.answer([alice]);
    const good = directory.snapshot();
    expect(good).toMatchObject({ stale: false, sipServicePort: 5060, agents: [alice] });

    await clock.advance(1000);
    await f.fail(new FabricError('SERVER_ERROR', 'boom', { status: 500 }));
    const stale = directory.snapshot();
    expect(stale.stale).toBe(true);
    expect(stale.lastError?.code).toBe('SERVER_ERROR');
    expect(stale.agents).toEqual([alice]);
    expect(stale.syncedAt).toBe(good.syncedAt);
    expect(directory.byAccountCode('alice.chen')).toEqual(alice);
    expect(events).toEqual(['added 101', 'error SERVER_ERROR']);

    await clock.advance(1000); // polling goes on after a failure
    await f.fail(new Error('not a FabricError'));
    expect(directory.snapshot().lastError && isFabricError(directory.snapshot().lastError)).toBe(true);

    await clock.advance(1000);
    await f.answer([alice, bob]);
    expect(directory.snapshot().stale).toBe(false);
    expect(directory.snapshot().lastError).toBeUndefined();
    directory.stop();
  });

  it('never overlaps polls: a slow poll delays the next one, refresh() joins it', async () => {
    const clock = createManualClock();
    const f = scriptedFabric();
    const directory = createAgentDirectory({ fabric: f.fabric, intervalMs: 1000, jitter: 0, clock });
    await clock.advance(60_000); // the first poll is still waiting
    const joined = directory.refresh();
    expect(f.calls()).toBe(1);
    expect(clock.pending()).toBe(0);
    await f.answer([alice]);
    await joined;
    expect(clock.pending()).toBe(1);
    await clock.advance(999);
    expect(f.calls()).toBe(1);
    await clock.advance(1);
    expect(f.calls()).toBe(2);
    directory.stop();
  });

  it('jitters the interval within ±jitter', async () => {
    for (const [random, first, second] of [[0, 899, 900], [0.999999, 1099, 1100]] as const) {
      const clock = createManualClock();
      const f = scriptedFabric();
      const directory = createAgentDirectory({ fabric: f.fabric, intervalMs: 1000, jitter: 0.1, random: () => random, clock });
      await f.answer([alice]);
      await clock.advance(first - 1);
      expect(f.calls()).toBe(1);
      await clock.advance(second - first + 1);
      expect(f.calls()).toBe(2);
      directory.stop();
    }
  });

  it('stop() cancels the timer, drops listeners, discards the poll in flight and settles ready', async () => {
    const clock = createManualClock();
    const f = scriptedFabric();
    const directory = createAgentDirectory({ fabric: f.fabric, intervalMs: 1000, clock });
    const events = record(directory);
    await f.answer([alice]);
    await clock.advance(2000);
    expect(f.pending()).toBe(1);
    directory.stop();
    directory.close(); // idempotent
    await f.answer([alice, bob]);
    expect(events).toEqual(['added 101']);
    expect(directory.byWorkNo(102)).toBeUndefined();
    expect(clock.pending()).toBe(0);
    await clock.advance(10_000);
    expect(f.calls()).toBe(2);

    const never = scriptedFabric();
    const early = createAgentDirectory({ fabric: never.fabric, intervalMs: 1000, clock });
    early.stop();
    await expect(early.ready).resolves.toBeUndefined();
  });

  it('on() returns an unsubscribe; a throwing listener does not stop the others', async () => {
    const clock = createManualClock();
    const f = scriptedFabric();
    const directory = createAgentDirectory({ fabric: f.fabric, intervalMs: 1000, jitter: 0, clock });
    const seen: number[] = [];
    directory.on('added', () => {
      throw new Error('listener bug');
    });
    const off = directory.on('added', (a) => seen.push(a.workNo));
    await f.answer([alice]);
    off();
    await clock.advance(1000);
    await f.answer([alice, bob]);
    expect(seen).toEqual([101]);
    expect(directory.byWorkNo(102)).toEqual(bob);
    directory.stop();
  });

  it('rejects bad options', () => {
    const fabric = scriptedFabric().fabric;
    expect(() => createAgentDirectory({ fabric, intervalMs: 0 })).toThrow(/intervalMs/);
    expect(() => createAgentDirectory({ fabric, intervalMs: 100, jitter: 1 })).toThrow(/jitter/);
    expect(() => createAgentDirectory({ fabric: {} as never, intervalMs: 100 })).toThrow(/fabric/);
  });

  it('over real HTTP: follows a Fabric whose agent list changes', async () => {
    const fake = await startFakeFabric();
    try {
      const fabric = createFabricClient({ baseUrl: fake.url, appKey: fake.appKey, appSecret: fake.appSecret, retry: { maxTries: 1 } });
      const directory = createAgentDirectory({ fabric, intervalMs: 20 });
      await directory.ready;
      expect(directory.byAccountCode('alice.chen')?.workNo).toBe(101);
      const removed = new Promise<FabricAgent>((resolve) => directory.on('removed', resolve));
      fake.setAgents([alice]);
      expect((await removed).accountCode).toBe('bob.meyer');
      const failed = new Promise<FabricError>((resolve) => directory.on('error', resolve));
      fake.script('/apiaccess/CC-Management/v1/queryAgentInfo', [{ status: 500 }]);
      expect((await failed).code).toBe('SERVER_ERROR');
      expect(directory.snapshot()).toMatchObject({ stale: true, agents: [alice] });
      directory.stop();
    } finally {
      await fake.close();
    }
  });
});
