import { describe, expect, it } from 'vitest';
import { mountSharedConnectionBar, parseWire, type SharedConnectionBar } from '../../../src/tabs/index.js';
import { fakeEnv, fakeHub, fakeLocks } from '../../support/tabs-fakes.js';
import type { MountOptions, Call } from '../../../src/host/types.js';

const opts = { container: 'x', shellUrl: 'u', cecContextPath: 'c', tenantSpaceId: 't', userAccount: 'alice.chen', getAccessToken: async () => 't' } as MountOptions;
const tick = async (n = 5): Promise<void> => { for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0)); };
const call = { callId: 'k1', direction: 'inbound', caller: '100', called: '200', media: 'audio', startedAt: 1 } as Call;

function threeTabs() {
  const locks = fakeLocks();
  const hub = fakeHub();
  const env = fakeEnv(locks, hub);
  const tabs = [0, 1, 2].map(() => mountSharedConnectionBar(opts, env));
  return { env, tabs };
}
const owner = (tabs: SharedConnectionBar[]) => tabs.filter((t) => t.ownership.owner);

describe('tab election', () => {
  it('elects exactly one owner; the others are standby', async () => {
    const { env, tabs } = threeTabs();
    await tick();
    expect(owner(tabs)).toHaveLength(1);
    expect(env.cores).toHaveLength(1);
    expect(tabs.filter((t) => t.state === 'standby')).toHaveLength(2);
  });

  it('relays every typed event and the snapshots to standby tabs', async () => {
    const { env, tabs } = threeTabs();
    await tick();
    const seen = tabs.map(() => [] as string[]);
    tabs.forEach((t, i) => t.on('call.ringing', (c) => seen[i]!.push(c.callId)));
    env.cores[0]!.live.push(call);
    env.cores[0]!.fire('call.ringing', call);
    await tick();
    expect(seen).toEqual([['k1'], ['k1'], ['k1']]);
    for (const t of tabs) expect(t.calls.map((c) => c.callId)).toEqual(['k1']);
  });

  it('callOut from a standby tab dials through the owner', async () => {
    const { env, tabs } = threeTabs();
    await tick();
    const standby = tabs.find((t) => !t.ownership.owner)!;
    const c = await standby.callOut('12345');
    expect(c.called).toBe('12345');
    expect(env.cores[0]!.dialed).toEqual(['12345']);
  });

  it('callOut through an owner that never answers times out with CALL_OUT_TIMEOUT', async () => {
    const hub = fakeHub();
    const locks = fakeLocks();
    // a lock held by a tab that is not listening on the channel
    void locks.request('cec-bar-host:alice.chen', { mode: 'exclusive' }, () => new Promise(() => {}));
    const t = mountSharedConnectionBar({ ...opts, tabs: { requestMs: 30 } }, fakeEnv(locks, hub));
    await expect(t.callOut('1')).rejects.toMatchObject({ code: 'CALL_OUT_TIMEOUT' });
  });

  it('when the owner goes away, another tab owns the bar', async () => {
    const { env, tabs } = threeTabs();
    await tick();
    const first = owner(tabs)[0]!;
    const changes: boolean[] = [];
    tabs.forEach((t) => t !== first && t.on('ownership', (o) => changes.push(o.owner)));
    first.destroy();
    await tick();
    expect(env.cores[0]!.destroyed).toBe(true);
    expect(owner(tabs)).toHaveLength(1);
    expect(owner(tabs)[0]).not.toBe(first);
    expect(changes).toEqual([true]);
  });

  it('takeOver is refused during a live call unless forced; forced, the bar moves', async () => {
    const { env, tabs } = threeTabs();
    await tick();
    const first = owner(tabs)[0]!;
    env.cores[0]!.live.push(call);
    const other = tabs.find((t) => t !== first)!;
    await expect(other.takeOver()).rejects.toMatchObject({ code: 'TAKEOVER_REFUSED' });
    expect(first.ownership.owner).toBe(true);
    await other.takeOver({ force: true });
    await tick();
    expect(other.ownership.owner).toBe(true);
    expect(first.ownership.owner).toBe(false);
    expect(first.state).toBe('standby');
    expect(env.cores[0]!.destroyed).toBe(true);
    expect(env.cores).toHaveLength(2);
    expect(owner(tabs)).toHaveLength(1);
  });

  it('takeOver with no live call moves the bar', async () => {
    const { tabs } = threeTabs();
    await tick();
    const other = tabs.find((t) => !t.ownership.owner)!;
    await other.takeOver();
    await tick();
    expect(owner(tabs)).toEqual([other]);
  });

  it('ignores malformed and foreign messages', async () => {
    const { env, tabs } = threeTabs();
    await tick();
    const seen: unknown[] = [];
    tabs.forEach((t) => t.on('call.ringing', (c) => seen.push(c)));
    for (const bad of [null, 1, 'x', { t: 'ev', name: 'call.ringing' }, { t: 'ev', name: 'evil', p: {}, agent: {}, calls: [] }, { t: 'out', id: 'a', number: '1', media: 'fax' }])
      env.hub.inject('cec-bar-host:alice.chen', bad);
    await tick();
    expect(seen).toEqual([]);
    expect(env.cores[0]!.dialed).toEqual([]);
  });

  it('parseWire accepts the well-formed messages', () => {
    expect(parseWire({ t: 'out', id: 'a', number: '1', media: 'audio' })).toBeTruthy();
    expect(parseWire({ t: 'ask', id: 'a', force: 'yes' })).toBeUndefined();
    expect(parseWire({ t: 'ev', name: 'call.ended', p: { callId: 'k', startedAt: 1 }, agent: { state: 'idle' }, calls: [] })).toBeTruthy();
    expect(parseWire({ t: 'ev', name: 'cec', p: { eventType: 'AgentState_Ready' }, agent: { state: 'idle' }, calls: [] })).toBeTruthy();
    expect(parseWire({ t: 'hello' })).toBeTruthy();
    expect(parseWire({ t: 'media', id: 'a' })).toBeTruthy();
    expect(parseWire({ t: 'res', id: 'a', code: 'TAKEOVER_REFUSED' })).toBeTruthy();
  });

  it('parseWire refuses snapshots and answers of the wrong shape', () => {
    expect(parseWire({ t: 'ev', name: 'call.ended', p: {}, agent: {}, calls: [] })).toBeUndefined();
    expect(parseWire({ t: 'ev', name: 'call.ended', p: {}, agent: { state: 'idle' }, calls: [] })).toBeUndefined();
    expect(parseWire({ t: 'ev', name: 'agent.state', p: { state: 3 }, agent: { state: 'idle' }, calls: [] })).toBeUndefined();
    expect(parseWire({ t: 'ev', name: 'cec', p: {}, agent: { state: 'idle' }, calls: [] })).toBeUndefined();
    expect(parseWire({ t: 'owner', tabId: 'x', agent: { state: 'idle' }, calls: [], ready: 'yes' })).toBeUndefined();
    expect(parseWire({ t: 'owner', tabId: 'x', agent: { state: 'idle' }, calls: [{ callId: 1 }] })).toBeUndefined();
    expect(parseWire({ t: 'res', id: 'a', code: 7 })).toBeUndefined();
    expect(parseWire({ t: 'res', id: 'a', media: 'ok' })).toBeUndefined();
    expect(parseWire({ t: 'media' })).toBeUndefined();
  });

  it('uses a per-agent channel: another agent sees nothing', async () => {
    const locks = fakeLocks();
    const hub = fakeHub();
    const env = fakeEnv(locks, hub);
    const a = mountSharedConnectionBar(opts, env);
    const b = mountSharedConnectionBar({ ...opts, userAccount: 'bob.meyer' }, env);
    await tick();
    expect(a.ownership.owner && b.ownership.owner).toBe(true);
    const seen: unknown[] = [];
    b.on('call.ringing', (c) => seen.push(c));
    env.cores[0]!.fire('call.ringing', call);
    await tick();
    expect(seen).toEqual([]);
  });
});
