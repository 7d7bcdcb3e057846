/**
 * The in-memory lock manager the tab tests run on (test/support/tabs-fakes.ts) grants as the Web
 * Locks spec does, so a unit test of the election fails when the election asks for the wrong mode.
 * The cases follow the web-platform-tests of web-locks (mode-exclusive, mode-mixed, steal, ifAvailable).
 */
import { describe, expect, it } from 'vitest';
import { createLockElection } from '../../../src/tabs/election.js';
import { fakeLocks } from '../../support/tabs-fakes.js';

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
/** A callback that records its grant and holds the lock until `release` is called. */
function holder(granted: string[], label: string): { callback: (lock: Lock | null) => Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  return {
    callback: (lock) => {
      granted.push(lock ? `${label}:${lock.mode}` : `${label}:null`);
      return held;
    },
    release: () => release(),
  };
}

describe('fakeLocks grants as the Web Locks spec does', () => {
  it('exclusive requests are granted one at a time, in order', async () => {
    const locks = fakeLocks();
    const granted: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((label) => holder(granted, label));
    for (const h of [a!, b!, c!]) void locks.request('x', { mode: 'exclusive' }, h.callback);
    await settle();
    expect(granted).toEqual(['a:exclusive']);
    a!.release();
    await settle();
    expect(granted).toEqual(['a:exclusive', 'b:exclusive']);
  });

  it('shared requests are held together; an exclusive one waits for all of them, and a shared one queued after it waits too', async () => {
    const locks = fakeLocks();
    const granted: string[] = [];
    const readers = ['r1', 'r2'].map((label) => holder(granted, label));
    for (const r of readers) void locks.request('x', { mode: 'shared' }, r.callback);
    const writer = holder(granted, 'w');
    void locks.request('x', { mode: 'exclusive' }, writer.callback);
    const late = holder(granted, 'r3');
    void locks.request('x', { mode: 'shared' }, late.callback);
    await settle();
    expect(granted).toEqual(['r1:shared', 'r2:shared']);
    readers[0]!.release();
    await settle();
    expect(granted).toEqual(['r1:shared', 'r2:shared']);
    readers[1]!.release();
    await settle();
    expect(granted).toEqual(['r1:shared', 'r2:shared', 'w:exclusive']);
    writer.release();
    await settle();
    expect(granted).toEqual(['r1:shared', 'r2:shared', 'w:exclusive', 'r3:shared']);
  });

  it('names are independent', async () => {
    const locks = fakeLocks();
    const granted: string[] = [];
    void locks.request('x', { mode: 'exclusive' }, holder(granted, 'x').callback);
    void locks.request('y', { mode: 'exclusive' }, holder(granted, 'y').callback);
    await settle();
    expect(granted).toEqual(['x:exclusive', 'y:exclusive']);
  });

  it('steal ends the holder with AbortError and is granted at once, ahead of the queue', async () => {
    const locks = fakeLocks();
    const granted: string[] = [];
    const first = locks.request('x', { mode: 'exclusive' }, holder(granted, 'first').callback);
    void locks.request('x', { mode: 'exclusive' }, holder(granted, 'queued').callback);
    await settle();
    void locks.request('x', { mode: 'exclusive', steal: true }, holder(granted, 'thief').callback);
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    await settle();
    expect(granted).toEqual(['first:exclusive', 'thief:exclusive']);
  });

  it('ifAvailable gets null while the lock is held, and the lock when it is free', async () => {
    const locks = fakeLocks();
    const granted: string[] = [];
    const owner = holder(granted, 'owner');
    void locks.request('x', { mode: 'exclusive' }, owner.callback);
    await expect(locks.request('x', { mode: 'shared', ifAvailable: true }, (lock) => lock)).resolves.toBeNull();
    owner.release();
    await settle();
    await expect(locks.request('x', { mode: 'exclusive', ifAvailable: true }, (lock) => lock?.mode)).resolves.toBe('exclusive');
  });

  it('an aborted signal withdraws a queued request (AbortError) and the queue moves on', async () => {
    const locks = fakeLocks();
    const granted: string[] = [];
    const owner = holder(granted, 'owner');
    void locks.request('x', { mode: 'exclusive' }, owner.callback);
    const abort = new AbortController();
    const withdrawn = locks.request('x', { mode: 'exclusive', signal: abort.signal }, holder(granted, 'withdrawn').callback);
    void locks.request('x', { mode: 'exclusive' }, holder(granted, 'next').callback);
    abort.abort();
    await expect(withdrawn).rejects.toMatchObject({ name: 'AbortError' });
    owner.release();
    await settle();
    expect(granted).toEqual(['owner:exclusive', 'next:exclusive']);
  });

  it('refuses the option combinations the spec refuses', async () => {
    const locks = fakeLocks();
    const refused = { name: 'NotSupportedError' };
    await expect(locks.request('x', { mode: 'shared', steal: true }, () => undefined)).rejects.toMatchObject(refused);
    await expect(locks.request('x', { steal: true, ifAvailable: true }, () => undefined)).rejects.toMatchObject(refused);
    await expect(locks.request('x', { ifAvailable: true, signal: new AbortController().signal }, () => undefined)).rejects.toMatchObject(refused);
    await expect(locks.request('-reserved', () => undefined)).rejects.toMatchObject(refused);
  });
});

describe('createLockElection on these locks', () => {
  it('a second tab waits while the first owns the bar, and owns it once the first leaves', async () => {
    const locks = fakeLocks();
    const owners: string[] = [];
    const first = createLockElection(locks, 'crm:alice.chen', { own: () => owners.push('first'), lost: () => undefined });
    const second = createLockElection(locks, 'crm:alice.chen', { own: () => owners.push('second'), lost: () => undefined });
    first.join();
    second.join();
    await settle();
    expect(owners).toEqual(['first']);
    first.leave();
    await settle();
    expect(owners).toEqual(['first', 'second']);
    second.leave();
  });
});
