/**
 * A call in progress survives a change of owner tab (the owner closed, or a forced takeOver):
 * the new owner carries it, every tab still sees it, and it ends exactly once per tab.
 */
import { describe, expect, it, vi } from 'vitest';
import { mountSharedConnectionBar, type SharedConnectionBar, type SharedMountOptions } from '../../../src/tabs/index.js';
import { fakeEnv, fakeLocks } from '../../support/tabs-fakes.js';
import { screenPop } from '../../../src/host/index.js';
import type { CecEvent } from '../../../src/protocol/cec-events.js';
import type { AgentSnapshot, AgentStateChange, Call, EndedCall } from '../../../src/host/types.js';
import { isBarError, type BarError } from '../../../src/protocol/bar-error.js';

// fast lease timings: the lease variant runs on real timers
const opts = { container: 'x', shellUrl: 'u', cecContextPath: 'c', tenantSpaceId: 't', userAccount: 'alice.chen', getAccessToken: async () => 't', tabs: { lease: { beatMs: 10, staleMs: 40, claimMs: 8 } } } as SharedMountOptions;
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 40));
const call = { callId: 'k1', direction: 'inbound', caller: '100', called: '200', media: 'audio', startedAt: 1_000, connectedAt: 2_000 } as Call;
const ev = (eventType: string, content: unknown): CecEvent => ({ eventType, workNo: '101', content }) as CecEvent;

const elections: [string, () => Pick<LockManager, 'request'> | null][] = [
  ['Web Locks', fakeLocks],
  ['BroadcastChannel lease', () => null],
];
describe.each(elections)('%s', (_, locks) => {
  async function threeTabsInCall() {
    const env = fakeEnv(locks());
    const tabs = [0, 1, 2].map(() => mountSharedConnectionBar(opts, env));
    await tick();
    const ended = tabs.map(() => [] as EndedCall[]);
    tabs.forEach((t, i) => t.on('call.ended', (c) => ended[i]!.push(c)));
    const core = env.cores[0]!;
    core.live.push(call);
    (core as { agent: AgentSnapshot }).agent = { state: 'inCall', since: 2_000 };
    core.fire('call.connected', call);
    core.fire('agent.state', { state: 'inCall', previous: 'idle', at: 2_000 });
    await tick();
    const first = tabs.find((t) => t.ownership.owner)!;
    return { env, tabs, ended, first, others: tabs.filter((t) => t !== first) };
  }

  describe('handover mid-call', () => {
    it('owner goes away: the new owner carries the call, and the customer hanging up ends it once in every remaining tab', async () => {
      const { env, tabs, ended, first, others } = await threeTabsInCall();
      first.destroy();
      await tick();
      // the closing tab's own view ends; the others keep the call (the old core's farewell is not relayed)
      expect(ended[tabs.indexOf(first)]!.map((e) => e.outcome)).toEqual(['unknown']);
      for (const t of others) expect(ended[tabs.indexOf(t)]).toEqual([]);
      const next = others.find((t) => t.ownership.owner)!;
      expect(env.cores).toHaveLength(2);
      for (const t of others) {
        expect(t.calls).toEqual([expect.objectContaining({ callId: 'k1', startedAt: 1_000, connectedAt: 2_000 })]);
        expect(t.agent.state).toBe('inCall');
      }
      env.cores[1]!.fire('cec', ev('AgentEvent_Customer_Release', { callid: 'k1', number: '100' }));
      env.cores[1]!.fire('cec', ev('AgentEvent_Call_Release', 'k1'));
      await tick();
      for (const t of others) {
        expect(ended[tabs.indexOf(t)]!.map((e) => [e.callId, e.outcome, e.endedBy, e.startedAt])).toEqual([['k1', 'completed', 'customer', 1_000]]);
        expect(t.calls).toEqual([]);
      }
      expect(next.ownership.owner).toBe(true);
    });

    it('forced takeOver: the call keeps its state in every tab, then ends once per tab', async () => {
      const { env, tabs, ended, first, others } = await threeTabsInCall();
      const taker = others[0]!;
      await expect(taker.takeOver()).rejects.toMatchObject({ code: 'TAKEOVER_REFUSED' });
      await taker.takeOver({ force: true });
      await tick();
      expect(taker.ownership.owner).toBe(true);
      expect(first.state).toBe('standby');
      expect(env.cores[0]!.destroyed).toBe(true);
      expect(ended.flat()).toEqual([]);
      for (const t of tabs) {
        expect(t.calls).toEqual([expect.objectContaining({ callId: 'k1', connectedAt: 2_000 })]);
        expect(t.agent.state).toBe('inCall');
      }
      // a second forced takeOver back to the first tab still carries it
      await first.takeOver({ force: true });
      await tick();
      expect(first.ownership.owner).toBe(true);
      for (const t of tabs) expect(t.calls.map((c) => c.callId)).toEqual(['k1']);
      env.cores[2]!.fire('cec', ev('AgentEvent_Call_Release', 'k1'));
      await tick();
      for (const list of ended) expect(list.map((e) => [e.outcome, e.endedBy])).toEqual([['completed', 'agent']]);
    });

    it('the new frame starting offline does not tell the tabs a false agent change; real changes go through', async () => {
      const { env, tabs, first, others } = await threeTabsInCall();
      const seen: string[] = [];
      others.forEach((t) => t.on('agent.state', (a) => seen.push(`${a.previous}>${a.state}`)));
      first.destroy();
      await tick();
      const core = env.cores[1]!;
      core.fire('agent.state', { state: 'inCall', previous: 'offline', at: 3_000 });
      await tick();
      expect(seen).toEqual([]);
      core.fire('cec', ev('AgentState_Ready', null));
      core.fire('agent.state', { state: 'idle', previous: 'inCall', at: 4_000 });
      await tick();
      expect(seen).toEqual(['inCall>idle', 'inCall>idle']);
      expect(tabs.filter((t) => t !== first).every((t) => t.calls.length === 0)).toBe(true);
    });

    it('a new frame that fails for good ends the carried calls as unknown', async () => {
      const { env, ended, first, others, tabs } = await threeTabsInCall();
      first.destroy();
      await tick();
      env.cores[1]!.fire('connection', { state: 'failed', previous: 'connecting' });
      await tick();
      for (const t of others) expect(ended[tabs.indexOf(t)]!.map((e) => e.outcome)).toEqual(['unknown']);
    });

    it('a call the new frame re-announces is not announced twice and ends once', async () => {
      const { env, tabs, first, others } = await threeTabsInCall();
      const seen: string[] = [];
      others.forEach((t) => ['call.ringing', 'call.connected', 'call.ended'].forEach((n) => t.on(n as 'call.ended', () => seen.push(n))));
      first.destroy();
      await tick();
      const core = env.cores[1]!;
      const again = { ...call, startedAt: 5_000, connectedAt: 5_000 };
      core.live.push(again);
      core.fire('call.connected', again);
      await tick();
      expect(seen).toEqual([]);
      for (const t of tabs.filter((x) => x !== first)) expect(t.calls).toEqual([expect.objectContaining({ startedAt: 1_000, connectedAt: 2_000 })]);
      core.live.splice(0);
      core.fire('call.ended', { ...again, outcome: 'completed', endedBy: 'customer', talkMs: 10, endedAt: 5_010 });
      await tick();
      expect(seen).toEqual(['call.ended', 'call.ended']);
    });
  });

  describe('standby tabs', () => {
    it('checkMedia answers with the owner frame\'s check; diagnostics and the recorder describe the tab channel', async () => {
      const env = fakeEnv(locks());
      const tabs: SharedConnectionBar[] = [0, 1].map(() => mountSharedConnectionBar(opts, env));
      await tick();
      const standby = tabs.find((t) => !t.ownership.owner)!;
      await expect(standby.checkMedia()).resolves.toMatchObject({ microphonePermission: 'granted', problems: [] });
      env.hub.inject('cec-bar-host:alice.chen', { t: 'ev', name: 'nope' });
      const d = standby.diagnostics();
      expect(d).toMatchObject({ state: 'standby', status: 'standby' });
      expect(d.rejected.shape).toBeGreaterThanOrEqual(1);
      expect(d.delivered).toBeGreaterThanOrEqual(1);
      expect(standby.recorder.messages.map((m) => (m.data as { t: string }).t)).toEqual(expect.arrayContaining(['media', 'res']));
    });

    it('an owner whose check fails answers MEDIA_UNAVAILABLE; destroy rejects what is pending', async () => {
      const env = fakeEnv(locks());
      const tabs = [0, 1].map(() => mountSharedConnectionBar({ ...opts, tabs: { ...opts.tabs, requestMs: 5_000 } }, env));
      await tick();
      env.cores[0]!.checkMedia = () => Promise.reject(new Error('no frame'));
      const standby = tabs.find((t) => !t.ownership.owner)!;
      await expect(standby.checkMedia()).rejects.toMatchObject({ code: 'MEDIA_UNAVAILABLE' });
      const pending = standby.callOut('12345');
      standby.destroy();
      await expect(pending).rejects.toMatchObject({ code: 'DESTROYED' });
    });
  });
});

describe('cleanup', () => {
  it('200 mount/destroy cycles of three tabs leave no channel, timer, frame or listener behind (both elections)', async () => {
    vi.useFakeTimers();
    try {
      for (const locks of [fakeLocks, () => null]) {
        const env = fakeEnv(locks());
        const pagehide = new Set<() => void>();
        const withPageHide = { ...env, onPageHide: (fn: () => void) => (pagehide.add(fn), () => void pagehide.delete(fn)) };
        for (let i = 0; i < 200; i++) {
          const tabs = [0, 1, 2].map(() => mountSharedConnectionBar(opts, withPageHide));
          await vi.advanceTimersByTimeAsync(20);
          expect(tabs.filter((t) => t.ownership.owner)).toHaveLength(1);
          for (const t of tabs) t.destroy();
        }
        await vi.advanceTimersByTimeAsync(1_000);
        expect(env.hub.open()).toBe(0);
        expect(vi.getTimerCount()).toBe(0);
        expect(pagehide.size).toBe(0);
        expect(env.cores.every((c) => c.destroyed)).toBe(true);
        expect(env.cores.length).toBeGreaterThanOrEqual(200);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('screen pop in any tab', () => {
  it('screenPop on a standby tab opens the record on the relayed ring; a failing lookup is that tab\'s LISTENER_FAILED error', async () => {
    const env = fakeEnv();
    const tabs = [0, 1].map(() => mountSharedConnectionBar(opts, env));
    await tick();
    const standby = tabs.find((t) => !t.ownership.owner)!;
    const opened: string[] = [];
    const errors: string[] = [];
    standby.on('error', (e) => errors.push(e.code));
    screenPop(standby, { lookup: (c) => `record-of-${c.caller}`, open: (r) => opened.push(r) });
    const other = mountSharedConnectionBar(opts, env);
    await tick();
    screenPop(other, { lookup: () => { throw new Error('CRM down'); }, open: () => {} });
    const otherErrors: string[] = [];
    other.on('error', (e) => otherErrors.push(e.code));
    env.cores[0]!.fire('call.ringing', { ...call, connectedAt: undefined } as Call);
    await tick();
    expect(opened).toEqual(['record-of-100']);
    expect(errors).toEqual([]);
    expect(otherErrors).toEqual(['LISTENER_FAILED']);
  });
});

describe('moveTo in a standby tab', () => {
  it('remembers the container: the frame mounts there when the tab becomes the owner; null parks it', async () => {
    const env = fakeEnv();
    const tabs = [0, 1, 2].map(() => mountSharedConnectionBar(opts, env));
    await tick();
    const [a, b] = tabs.filter((t) => !t.ownership.owner) as [SharedConnectionBar, SharedConnectionBar];
    const el = { id: 'route-2' } as unknown as HTMLElement;
    expect(a.moveTo(el)).toBe(true);
    expect(b.moveTo(null)).toBe(true);
    await a.takeOver();
    await tick();
    expect(env.cores.at(-1)!.options.container).toBe(el);
    await b.takeOver();
    await tick();
    expect(env.cores.at(-1)!.options.container).toBe('x');
    expect(env.cores.at(-1)!.moves).toEqual([null]);
    // the owner's own moves go to its frame
    const spot = { id: 'route-3' } as unknown as HTMLElement;
    b.moveTo(spot);
    expect(env.cores.at(-1)!.moves).toEqual([null, spot]);
  });
});

describe('joining and answers from other tabs', () => {
  it('a tab opened mid-call asks the owner and shows the live call and the agent at once', async () => {
    const env = fakeEnv();
    const first = mountSharedConnectionBar(opts, env);
    await tick();
    const core = env.cores[0]!;
    core.live.push(call);
    (core as { agent: AgentSnapshot }).agent = { state: 'inCall', since: 2_000 };
    core.fire('agent.state', { state: 'inCall', previous: 'idle', at: 2_000 });
    const late = mountSharedConnectionBar(opts, env);
    const told: string[] = [];
    late.on('agent.state', (a) => told.push(`${a.previous}>${a.state}`));
    await tick();
    expect(told).toEqual(['offline>inCall']);
    expect(first.ownership.owner).toBe(true);
    expect(late.state).toBe('standby');
    expect(late.calls.map((c) => c.callId)).toEqual(['k1']);
    expect(late.agent.state).toBe('inCall');
  });

  it('a standby tab is ready when the owner\'s frame is, not before', async () => {
    const env = fakeEnv();
    const owner = mountSharedConnectionBar(opts, env);
    await tick();
    const core = env.cores[0]!;
    (core as { state: string }).state = 'connecting';
    const standby = mountSharedConnectionBar(opts, env);
    let ready = false;
    void standby.ready.then(() => (ready = true));
    await tick();
    expect(ready).toBe(false);
    (core as { state: string }).state = 'ready';
    core.fire('connection', { state: 'ready', previous: 'connecting' });
    await tick();
    expect(ready).toBe(true);
    expect(owner.state).toBe('ready');
  });

  it('an answer with a code that is not ours becomes CALL_OUT_FAILED; an answer without a call is refused', async () => {
    const env = fakeEnv();
    // a "tab" that answers every request with whatever the test says
    let reply: Record<string, unknown> = {};
    const hub = env.hub;
    const evil = hub.channel('cec-bar-host:alice.chen');
    evil.onmessage = (e) => {
      const m = e.data as { t: string; id?: string };
      if (m.t === 'out') evil.postMessage({ t: 'res', id: m.id, ...reply });
    };
    // hold the lock elsewhere so the tab under test stays standby
    void env.locks!.request('cec-bar-host:alice.chen', { mode: 'exclusive' }, () => new Promise(() => {}));
    const t = mountSharedConnectionBar(opts, env);
    await tick();
    reply = { code: 'rm -rf /', message: 'x' };
    await expect(t.callOut('123')).rejects.toMatchObject({ code: 'CALL_OUT_FAILED' });
    reply = {};
    await expect(t.callOut('123')).rejects.toMatchObject({ code: 'CALL_OUT_FAILED', message: 'the owner tab answered without a call' });
    reply = { code: 'INVALID_NUMBER', message: 'bad' };
    await expect(t.callOut('123')).rejects.toMatchObject({ code: 'INVALID_NUMBER' });
  });
});

describe('reconnect from a standby tab', () => {
  it('asks the owner to rebuild its frame; a destroyed tab asks nothing', async () => {
    const env = fakeEnv();
    const tabs = [0, 1].map(() => mountSharedConnectionBar(opts, env));
    await tick();
    const standby = tabs.find((t) => !t.ownership.owner)!;
    standby.reconnect();
    await tick();
    expect(env.cores[0]!.reconnects).toBe(1);
    standby.destroy();
    standby.reconnect();
    await tick();
    expect(env.cores[0]!.reconnects).toBe(1);
  });
});

describe('destroy while waiting on the owner', () => {
  it('a pending takeOver and checkMedia reject with DESTROYED, not as refusals', async () => {
    const env = fakeEnv();
    // an owner that never answers: the lock is held by no tab of the channel
    void env.locks!.request('cec-bar-host:alice.chen', { mode: 'exclusive' }, () => new Promise(() => {}));
    const t = mountSharedConnectionBar({ ...opts, tabs: { requestMs: 5_000 } }, env);
    await tick();
    const asks = [t.takeOver(), t.checkMedia()];
    t.destroy();
    for (const p of asks) await expect(p).rejects.toMatchObject({ code: 'DESTROYED' });
  });
});

// Issue 14, item 13: the new owner's bar must confirm that it resumed CEC's session.
describe('a new owner tab whose bar does not resume the session', () => {
  const confirmMs = 80;
  async function twoTabsIdleThenOwnerLeaves() {
    const env = fakeEnv();
    const tabs = [0, 1].map(() => mountSharedConnectionBar({ ...opts, timeouts: { callEndConfirmMs: confirmMs } }, env));
    await tick();
    const first = tabs.find((t) => t.ownership.owner)!;
    const next = tabs.find((t) => t !== first)!;
    const changes: AgentStateChange[] = [];
    const errors: BarError[] = [];
    next.on('agent.state', (c) => changes.push(c));
    next.on('error', (e) => errors.push(e));
    const ended: EndedCall[] = [];
    next.on('call.ended', (c) => ended.push(c));
    const core = env.cores[0]!;
    core.fire('agent.state', { state: 'idle', previous: 'offline', at: 1 });
    core.live.push(call);
    core.fire('call.ringing', call);
    await tick();
    first.destroy();
    await tick();
    // only what happens after the handover counts
    changes.length = 0;
    return { env, next, changes, errors, ended };
  }

  it('says nothing for confirmMs: the tab is told offline with a SESSION_NOT_RESUMED BarError, and the carried call ends once as unknown', async () => {
    const { next, changes, errors, ended } = await twoTabsIdleThenOwnerLeaves();
    expect(next.ownership.owner).toBe(true);
    expect(next.agent.state).toBe('idle');
    await new Promise((r) => setTimeout(r, confirmMs + 20));
    expect(changes).toEqual([expect.objectContaining({ state: 'offline', previous: 'idle' })]);
    expect(isBarError(changes[0]?.error) && changes[0]?.error?.code).toBe('SESSION_NOT_RESUMED');
    expect(errors.map((e) => e.code)).toEqual(['SESSION_NOT_RESUMED']);
    expect(ended.map((c) => [c.callId, c.outcome])).toEqual([['k1', 'unknown']]);
    expect(next.agent.state).toBe('offline');
    expect(next.calls).toEqual([]);
  });

  it('a standby tab gets the same verdict as a BarError, though the tab channel cannot carry the class', async () => {
    const env = fakeEnv();
    const tabs = [0, 1, 2].map(() => mountSharedConnectionBar({ ...opts, timeouts: { callEndConfirmMs: confirmMs } }, env));
    await tick();
    const first = tabs.find((t) => t.ownership.owner)!;
    env.cores[0]!.fire('agent.state', { state: 'idle', previous: 'offline', at: 1 });
    await tick();
    first.destroy();
    await tick();
    const standby = tabs.find((t) => t !== first && !t.ownership.owner)!;
    const changes: AgentStateChange[] = [];
    standby.on('agent.state', (c) => changes.push(c));
    await new Promise((r) => setTimeout(r, confirmMs + 20));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ state: 'offline', previous: 'idle' });
    expect(isBarError(changes[0]!.error)).toBe(true);
    expect(changes[0]!.error).toMatchObject({ name: 'BarError', code: 'SESSION_NOT_RESUMED' });
    expect(standby.agent.state).toBe('offline');
  });

  it('a bar that speaks in time keeps the inherited state: no verdict, no error', async () => {
    const { env, next, changes, errors } = await twoTabsIdleThenOwnerLeaves();
    env.cores[1]!.fire('cec', ev('AgentState_Ready', null));
    await new Promise((r) => setTimeout(r, confirmMs + 20));
    expect(changes).toEqual([]);
    expect(errors).toEqual([]);
    expect(next.agent.state).toBe('idle');
  });
});
