/** The BroadcastChannel lease (no Web Locks): one owner, fast handover, steal, split brain, hostile messages, no leftovers. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLeaseElection, LEASE_TIMING, type LeaseChannel, type LeaseTiming } from '../../../src/tabs/lease-election.js';
import type { Election } from '../../../src/tabs/election.js';
import { fakeHub } from '../../support/tabs-fakes.js';

interface Tab { e: Election; owns: boolean; own: number; lost: number; ch: LeaseChannel & { mute?: boolean; deaf?: boolean; asTasks?: boolean } }
const NAME = 'crm:alice.chen#lease';
const { beatMs, staleMs, claimMs } = LEASE_TIMING;

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function tabs(n: number, hub = fakeHub()) {
  const list: Tab[] = [];
  const add = (join = true, timing: Partial<LeaseTiming> = {}): Tab => {
    const raw = hub.channel(NAME);
    // a channel that can go silent (a crashed tab posts nothing more) or deaf (a lost message), and
    // can post each message as a task of its own, as BroadcastChannel does (see the split brain test)
    const ch: Tab['ch'] = {
      close: () => raw.close(),
      postMessage: (m) => {
        if (ch.mute) return;
        if (ch.asTasks) setTimeout(() => raw.postMessage(m), 0);
        else raw.postMessage(m);
      },
      set onmessage(f) {
        raw.onmessage = f && ((e) => void (ch.deaf || f(e)));
      },
      get onmessage() {
        return raw.onmessage;
      },
    };
    const t: Tab = { owns: false, own: 0, lost: 0, ch, e: undefined as never };
    t.e = createLeaseElection(ch, { own: () => ((t.owns = true), t.own++), lost: () => ((t.owns = false), t.lost++) }, timing);
    if (join) t.e.join();
    list.push(t);
    return t;
  };
  for (let i = 0; i < n; i++) add();
  return { list, add, hub, owners: () => list.filter((t) => t.owns) };
}

describe('BroadcastChannel lease election', () => {
  it('three tabs joining at once end with exactly one owner, and it stays one over 10 s of heartbeats', async () => {
    const { list, owners } = tabs(3);
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    expect(owners()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(owners()).toHaveLength(1);
    expect(list.reduce((a, t) => a + t.own, 0)).toBe(1);
    expect(list.reduce((a, t) => a + t.lost, 0)).toBe(0);
  });

  it('a late joiner stays a candidate while the owner beats', async () => {
    const { add, owners } = tabs(1);
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    const first = owners()[0]!;
    const late = add();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(owners()).toEqual([first]);
    expect(late.own).toBe(0);
  });

  it('an owner that leaves says goodbye: another tab owns within the claim window', async () => {
    const { list, owners } = tabs(3);
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    const first = owners()[0]!;
    first.e.leave();
    first.owns = false;
    const t0 = Date.now();
    while (owners().length === 0) await vi.advanceTimersByTimeAsync(5);
    expect(Date.now() - t0).toBeLessThanOrEqual(claimMs + 10);
    expect(owners()).toHaveLength(1);
    expect(list.filter((t) => t !== first).reduce((a, t) => a + t.own, 0)).toBe(1);
  });

  it('an owner that goes silent (crashed) is replaced within staleMs + beatMs + claimMs', async () => {
    const { owners } = tabs(3);
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    const dead = owners()[0]!;
    dead.ch.mute = true;
    dead.owns = false; // it no longer counts: nobody hears it
    const t0 = Date.now();
    while (owners().length === 0) await vi.advanceTimersByTimeAsync(10);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThan(staleMs); // not before the lease is stale
    expect(took).toBeLessThanOrEqual(staleMs + beatMs + claimMs + 20);
    expect(took).toBeLessThan(2000);
    expect(owners()).toHaveLength(1);
  });

  it('steal: the stealer owns at once; the old owner loses once and does not take it back', async () => {
    const { list, owners } = tabs(3);
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    const first = owners()[0]!;
    const thief = list.find((t) => t !== first)!;
    thief.e.steal();
    expect(thief.owns).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(owners()).toEqual([thief]);
    expect(first.lost).toBe(1);
    expect(first.own).toBe(1);
    expect(thief.own).toBe(1);
  });

  it('split brain (two owners after a late message) settles on one, deterministically: same term, the smaller id keeps the bar', async () => {
    // The first tab gets the smaller id. After the reunion the second one beats first (its heartbeat
    // phase), so a rule like "whoever hears a rival steps down" would keep the wrong one.
    vi.spyOn(crypto, 'randomUUID').mockReturnValueOnce('00000000-0000-4000-8000-000000000001').mockReturnValueOnce('00000000-0000-4000-8000-000000000002');
    const hub = fakeHub();
    const first = tabs(1, hub).list[0]!;
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    // a second tab that heard nothing, and was not heard: its own claim window passes
    first.ch.mute = first.ch.deaf = true;
    const second = tabs(1, hub).list[0]!;
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    expect([first.owns, second.owns]).toEqual([true, true]);
    // Each message a task: if neither owner stepped down, their beats would answer each other for
    // ever; as microtasks that storm would starve the fake timers and hang the test instead of failing it.
    for (const t of [first, second]) t.ch.asTasks = true;
    first.ch.mute = first.ch.deaf = false;
    await vi.advanceTimersByTimeAsync(beatMs * 3);
    expect([first.owns, second.owns]).toEqual([true, false]);
    expect([first.lost, second.lost]).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect([first.owns, second.owns]).toEqual([true, false]);
    expect([first.own + first.lost, second.own + second.lost]).toEqual([1, 2]);
  });

  it('ignores malformed and hostile messages without throwing', async () => {
    const { list, owners, hub } = tabs(2);
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    const before = owners()[0]!;
    const big = { t: 'steal', id: 'x'.repeat(10_000), term: 99 };
    for (const bad of [null, 1, 'steal', [], {}, { t: 'steal' }, { t: 'steal', id: 1, term: 1 }, { t: 'steal', id: 'z', term: -1 }, { t: 'steal', id: 'z', term: 1.5 }, { t: 'evil', id: 'z', term: 1 }, big])
      hub.inject(NAME, bad);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(owners()).toEqual([before]);
    expect(list.reduce((a, t) => a + t.lost, 0)).toBe(0);
    // a well-formed steal from a script of the origin is honoured: same origin is trusted to elect
    hub.inject(NAME, { t: 'steal', id: 'z', term: 99 });
    await vi.advanceTimersByTimeAsync(1);
    expect(before.lost).toBe(1);
  });

  it('after every tab left: no timers, no hooks', async () => {
    const { list } = tabs(3);
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    const counts = list.map((t) => t.own + t.lost);
    for (const t of list) t.e.leave();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(list.map((t) => t.own + t.lost)).toEqual(counts);
  });

  it('a background owner whose timers are slowed keeps the bar: no standby tab claims it', async () => {
    const hub = fakeHub();
    // browsers run a hidden tab's timers at most once a second, aligned, so beats can come 2 s apart
    const slow = tabs(0, hub).add(true, { beatMs: 2000 });
    await vi.advanceTimersByTimeAsync(claimMs + 10);
    expect(slow.owns).toBe(true);
    const others = [tabs(0, hub).add(), tabs(0, hub).add()];
    // their lease goes stale between beats; the claims it causes are answered by the owner at once
    await vi.advanceTimersByTimeAsync(30_000);
    expect(slow.owns).toBe(true);
    expect(slow.lost).toBe(0);
    expect(others.map((t) => t.own)).toEqual([0, 0]);
  });
});
