/**
 * `cec-bar-host/tabs`: one bar per agent across the tabs of an origin. The owner tab (elected by
 * Web Locks, or a BroadcastChannel lease where Web Locks is missing) mounts the frame; the others
 * are `standby`, get every event relayed over a BroadcastChannel, can `callOut` and `checkMedia`
 * through the owner and `takeOver()`. A tab that becomes the owner mid-call carries the live calls.
 * @packageDocumentation
 */
import { BarError, isBarError } from '../protocol/bar-error.js';
import { BAR_ERROR_CODES, type BarErrorCode } from '../protocol/errors.js';
import { randomId } from '../protocol/bridge.js';
import type { CallMedia } from '../protocol/cec-commands.js';
import type { CecEvent } from '../protocol/cec-events.js';
import type { MediaCheck } from '../protocol/media.js';
import { endedCall } from '../host/call-model.js';
import { createEmitter } from '../host/emitter.js';
import { errorSinks } from '../host/internal.js';
import { mountConnectionBar } from '../host/mount.js';
import { createRecorder } from '../host/recorder.js';
import type { AgentSnapshot, BarDiagnostics, BarEventMap, Call, ConnectionBar, ConnectionState, MountOptions } from '../host/types.js';
import { createCarriedCalls, type CarriedCalls } from './carried-calls.js';
import { createLockElection, type Election, type ElectionHooks } from './election.js';
import { createLeaseElection, type LeaseTiming } from './lease-election.js';
import { parseWire, RELAYED, type Relayed, type Wire, type WireAnswer, type WireRequest } from './wire.js';

export { parseWire, type Wire } from './wire.js';

/** @example bar.on('ownership', (o: Ownership) => o.owner && console.log('bar here')); */
export interface Ownership {
  /** This tab holds the bar. */
  readonly owner: boolean;
  readonly tabId: string;
}
/** @example const m: SharedBarEventMap['ownership'] = { owner: true, tabId: 't1' }; */
export interface SharedBarEventMap extends BarEventMap {
  ownership: Ownership;
}
/** @example mountSharedConnectionBar({ ...options, tabs: { channelName: 'crm-bar' } }); */
export interface SharedMountOptions extends MountOptions {
  readonly tabs?: {
    /** Prefix of the per-agent channel (and lock) names. Default `cec-bar-host`. */
    readonly channelName?: string;
    readonly lockName?: string;
    /** How long a standby tab waits for the owner's answer (callOut, takeOver, checkMedia). Default `timeouts.callOutMs`. */
    readonly requestMs?: number;
    /** Timing of the BroadcastChannel lease used where Web Locks is missing. */
    readonly lease?: Partial<LeaseTiming>;
  };
}
/**
 * A bar shared by the tabs of one origin.
 * @example
 * const bar = mountSharedConnectionBar(options);
 * if (bar.state === 'standby') await bar.takeOver();
 */
export interface SharedConnectionBar extends Omit<ConnectionBar, 'on' | 'once' | 'off'> {
  readonly ownership: Ownership;
  on<K extends keyof SharedBarEventMap>(name: K, fn: (p: SharedBarEventMap[K]) => void): () => void;
  once<K extends keyof SharedBarEventMap>(name: K, fn: (p: SharedBarEventMap[K]) => void): () => void;
  off<K extends keyof SharedBarEventMap>(name: K, fn: (p: SharedBarEventMap[K]) => void): void;
  /** Move the bar to this tab. Rejects `TAKEOVER_REFUSED` during a live call unless `force`. */
  takeOver(options?: { readonly force?: boolean }): Promise<void>;
}

/** Browser APIs the election needs; injectable for tests. */
export interface TabsEnv {
  /** Absent: the BroadcastChannel lease elects the owner instead. */
  readonly locks?: Pick<LockManager, 'request'> | undefined;
  channel(name: string): Pick<BroadcastChannel, 'postMessage' | 'close'> & { onmessage: ((e: MessageEvent) => void) | null };
  mount(o: MountOptions): ConnectionBar;
  /** Runs `fn` when the page goes away (the lease says goodbye so another tab takes over at once). */
  onPageHide?(fn: () => void): () => void;
}
const browserEnv = (): TabsEnv => ({
  locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
  channel: (n) => new BroadcastChannel(n),
  mount: mountConnectionBar,
  onPageHide: (fn) => (addEventListener('pagehide', fn), () => removeEventListener('pagehide', fn)),
});

/**
 * Mount the bar once per agent across tabs.
 * @example
 * const bar = mountSharedConnectionBar({ ...options, tabs: { channelName: 'crm' } });
 * bar.on('ownership', (o) => console.log(o.owner ? 'owner' : 'standby'));
 */
export function mountSharedConnectionBar(options: SharedMountOptions, env: TabsEnv = browserEnv()): SharedConnectionBar {
  const tabId = randomId();
  const key = `${options.tabs?.channelName ?? 'cec-bar-host'}:${options.userAccount}`;
  const requestMs = options.tabs?.requestMs ?? options.timeouts?.callOutMs ?? 30_000;
  const bus = createEmitter<SharedBarEventMap>(() => {});
  const recorder = createRecorder();
  const ch = env.channel(key);
  const send = (m: Wire): void => (recorder.add('out', m), ch.postMessage(m));
  const counts = { received: 0, delivered: 0, malformed: 0 };
  let core: ConnectionBar | undefined;
  /** Calls inherited from the previous owner, while this tab owns the bar. */
  let carried: CarriedCalls | undefined;
  /** The core has reported the agent's state itself since this tab took over. */
  let coreAgent = false;
  let state: ConnectionState = 'standby';
  /** Standby: the owner's last snapshot. Owner: what this tab knew when it took over. */
  let agent: AgentSnapshot = Object.freeze({ state: 'offline', since: Date.now() });
  let calls: readonly Call[] = [];
  const waits = new Map<string, { res(m: WireAnswer): void; rej(e: BarError): void }>();
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    const previous = state;
    state = next;
    bus.emit('connection', { state, previous });
  };
  const ownership = (): Ownership => ({ owner: !!core, tabId });
  const viewAgent = (): AgentSnapshot => (core && coreAgent ? core.agent : agent);
  const viewCalls = (): Call[] => (core ? [...(carried?.calls ?? []), ...core.calls.map((c) => carried?.view(c) ?? c)] : [...calls]);
  /** Emit in this tab and relay to the standby tabs, with the snapshot after the event. */
  const snapshot = () => ({ agent: viewAgent(), calls: viewCalls(), ready: core?.state === 'ready' });
  const publish = (name: Relayed, p: unknown): void => {
    send({ t: 'ev', name, p, ...snapshot() });
    bus.emit(name, p as never);
  };

  /** Where the frame goes when this tab owns the bar: the CRM may re-render while the tab is standby. */
  let place: HTMLElement | string | null = options.container;
  const own = (): void => {
    const c = env.mount(place === null ? options : { ...options, container: place });
    if (place === null) c.moveTo(null);
    core = c;
    coreAgent = false;
    carried = createCarriedCalls(calls, publish);
    const mine = (): boolean => core === c; // after a handover the old core's farewells stay here
    c.on('cec', (ev: CecEvent) => mine() && (publish('cec', ev), carried?.onCec(ev)));
    c.on('agent.state', (p) => {
      if (!mine()) return;
      const first = !coreAgent;
      coreAgent = true;
      // the new frame's model starts offline: tell the tabs only real changes
      if (!first) return publish('agent.state', p);
      if (p.state !== agent.state) publish('agent.state', Object.freeze({ ...p, previous: agent.state }));
    });
    for (const n of ['call.ringing', 'call.dialing', 'call.connected', 'call.ended'] as const)
      c.on(n, (p: Call) => {
        const q = mine() ? carried?.fromCore(n, p as never) : undefined;
        if (q) publish(n, q);
      });
    c.on('connection', (x) => {
      if (!mine()) return;
      setState(x.state);
      if (x.state === 'failed') carried?.endAll();
      if (x.state === 'ready') send({ t: 'owner', tabId, ...snapshot() });
    });
    c.on('error', (e) => mine() && bus.emit('error', e));
    void c.ready.then(resolveReady, () => {});
    setState(c.state);
    send({ t: 'owner', tabId, ...snapshot() });
    bus.emit('ownership', ownership());
  };
  /** Unmount without ending anything: the calls live on with the next owner. */
  const unmount = (): void => {
    const c = core;
    if (!c) return;
    agent = viewAgent();
    calls = Object.freeze(viewCalls());
    core = carried = undefined;
    c.destroy();
  };
  const hooks: ElectionHooks = {
    own,
    lost() {
      if (!core) return;
      unmount();
      setState('standby');
      bus.emit('ownership', ownership());
    },
  };
  const election: Election = env.locks
    ? createLockElection(env.locks, options.tabs?.lockName ?? key, hooks)
    : createLeaseElection(env.channel(`${key}#lease`), hooks, options.tabs?.lease);
  const offPageHide = env.locks ? undefined : env.onPageHide?.(() => election.leave());

  const request = (m: WireRequest, timeout: () => BarError): Promise<WireAnswer> =>
    new Promise((res, rej) => {
      const t = setTimeout(() => (waits.delete(m.id), rej(timeout())), requestMs);
      const done = (): void => (clearTimeout(t), void waits.delete(m.id));
      waits.set(m.id, { res: (r) => (done(), res(r)), rej: (e) => (done(), rej(e)) });
      send(m);
    });
  const answer = (id: string, work: Promise<Partial<WireAnswer>>): void =>
    void work.then(
      (r) => send({ t: 'res', id, ...r }),
      (e: unknown) => send({ t: 'res', id, code: isBarError(e) ? e.code : 'CALL_OUT_FAILED', message: e instanceof Error ? e.message : String(e) }),
    );

  ch.onmessage = (e) => {
    if (state === 'destroyed') return;
    counts.received++;
    const m = parseWire(e.data);
    if (!m) return void counts.malformed++;
    counts.delivered++;
    recorder.add('in', m);
    if (m.t === 'res') return waits.get(m.id)?.res(m);
    if (core) {
      if (m.t === 'hello') send({ t: 'owner', tabId, ...snapshot() });
      if (m.t === 'reconnect') core.reconnect();
      if (m.t === 'out') answer(m.id, core.callOut(m.number, { media: m.media }).then((call) => ({ call })));
      if (m.t === 'media') answer(m.id, core.checkMedia().then((media) => ({ media })));
      if (m.t === 'ask')
        send(viewCalls().length > 0 && !m.force ? { t: 'res', id: m.id, code: 'TAKEOVER_REFUSED', message: 'a call is live in the owner tab' } : { t: 'res', id: m.id });
      return;
    }
    if (m.t === 'ev' || m.t === 'owner') {
      // a snapshot (this tab just opened, or a new owner) can tell of a change no event carried
      if (m.t === 'owner' && m.agent.state !== agent.state)
        bus.emit('agent.state', Object.freeze({ state: m.agent.state, previous: agent.state, at: Date.now() }));
      agent = Object.freeze(m.agent);
      calls = Object.freeze(m.calls.map((c) => Object.freeze(c)));
      if (m.ready) resolveReady(); // the bar is usable, from this tab too
    }
    if (m.t === 'ev') bus.emit(m.name, Object.freeze(m.p) as never);
  };

  election.join();
  send({ t: 'hello' });
  const bar: SharedConnectionBar = {
    ready,
    get state() {
      return state;
    },
    get agent() {
      return viewAgent();
    },
    get calls() {
      return Object.freeze(viewCalls());
    },
    get ownership() {
      return ownership();
    },
    get recorder() {
      return core?.recorder ?? recorder;
    },
    on: bus.on,
    once: bus.once,
    off: bus.off,
    async callOut(number: string, o?: { readonly media?: CallMedia }): Promise<Call> {
      if (state === 'destroyed') throw new BarError('DESTROYED', 'the bar was destroyed');
      if (core) return core.callOut(number, o);
      const r = await request({ t: 'out', id: randomId(), number, media: o?.media ?? 'audio' }, () => new BarError('CALL_OUT_TIMEOUT', `no answer from the owner tab in ${requestMs} ms`));
      if (r.code) throw new BarError(knownCode(r.code, 'CALL_OUT_FAILED'), r.message ?? r.code);
      if (!r.call) throw new BarError('CALL_OUT_FAILED', 'the owner tab answered without a call');
      return r.call;
    },
    async takeOver(o?: { readonly force?: boolean }) {
      if (core || state === 'destroyed') return;
      const r = await request({ t: 'ask', id: randomId(), force: !!o?.force }, () => new BarError('TAKEOVER_REFUSED', `no owner tab answered in ${requestMs} ms`));
      if (r.code) throw new BarError('TAKEOVER_REFUSED', r.message ?? 'refused');
      if (core) return; // became the owner meanwhile
      if (bar.state === 'destroyed') throw new BarError('DESTROYED', 'the bar was destroyed');
      await new Promise<void>((done, fail) => {
        const offs = [
          bus.on('ownership', (x) => x.owner && (offs.forEach((f) => f()), done())),
          bus.on('connection', (x) => x.state === 'destroyed' && fail(new BarError('DESTROYED', 'the bar was destroyed'))),
        ];
        election.steal();
      });
    },
    reconnect: () => (core ? core.reconnect() : state !== 'destroyed' && send({ t: 'reconnect' })),
    moveTo(c) {
      place = c;
      return core ? core.moveTo(c) : true;
    },
    diagnostics: () => core?.diagnostics() ?? standbyDiagnostics(state, counts),
    async checkMedia(): Promise<MediaCheck> {
      if (state === 'destroyed') throw new BarError('DESTROYED', 'the bar was destroyed');
      if (core) return core.checkMedia();
      const r = await request({ t: 'media', id: randomId() }, () => new BarError('STANDBY', `no answer from the owner tab in ${requestMs} ms`));
      if (r.code || !r.media) throw new BarError('MEDIA_UNAVAILABLE', r.message ?? 'the owner tab could not check the media');
      return r.media;
    },
    destroy() {
      if (state === 'destroyed') return;
      // this tab's view of every live call ends here; the calls themselves go on in the other tabs
      const now = Date.now();
      for (const c of viewCalls()) bus.emit('call.ended', endedCall(c, 'unknown', 'unknown', now));
      unmount();
      election.leave();
      offPageHide?.();
      setState('destroyed');
      ch.close();
      bus.clear();
      errorSinks.delete(bar);
      for (const w of waits.values()) w.rej(new BarError('DESTROYED', 'the bar was destroyed'));
    },
  };
  // screenPop(bar, …) reports a failing lookup on this bar's `error` event, as on a plain bar
  errorSinks.set(bar, (e) => bus.emit('error', e));
  return bar;
}

/** An error code another tab sent: kept when it is one of ours, else `fallback`. */
const knownCode = (code: string, fallback: BarErrorCode): BarErrorCode => ((BAR_ERROR_CODES as readonly string[]).includes(code) ? (code as BarErrorCode) : fallback);

/** A standby tab has no frame: its counters are those of the tab channel. */
function standbyDiagnostics(state: ConnectionState, c: { received: number; delivered: number; malformed: number }): BarDiagnostics {
  const rejected = { origin: 0, source: 0, session: 0, sequence: 0, shape: c.malformed, size: 0, version: 0 };
  return { state, received: c.received, delivered: c.delivered, rejected, gaps: 0, missing: 0, unknownEvents: 0, unknownEventTypes: [], loads: 0, lastSeq: 0, status: 'standby' };
}
