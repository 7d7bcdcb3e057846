/**
 * `cec-bar-host/tabs`: one bar per agent across the tabs of an origin. The owner tab (Web Locks
 * exclusive lock held for its lifetime) mounts the frame; the others are `standby` and get every
 * event relayed over a BroadcastChannel, can `callOut` through the owner and `takeOver()`.
 * @packageDocumentation
 */
import { BarError } from '../protocol/bar-error.js';
import { randomId } from '../protocol/bridge.js';
import type { CallMedia } from '../protocol/cec-commands.js';
import { createEmitter } from '../host/emitter.js';
import { mountConnectionBar } from '../host/mount.js';
import type { AgentSnapshot, BarEventMap, Call, ConnectionBar, ConnectionState, MountOptions } from '../host/types.js';

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
  readonly tabs?: { readonly channelName?: string; readonly lockName?: string; readonly requestMs?: number };
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

/** Events relayed owner → standby tabs (not `error`/`connection`: those are per tab). */
const RELAYED = ['agent.state', 'call.ringing', 'call.dialing', 'call.connected', 'call.ended', 'cec'] as const;
type Relayed = (typeof RELAYED)[number];
/** Wire messages on the per-agent channel; checked on receipt. */
type Wire =
  | { t: 'ev'; name: Relayed; p: unknown; agent: AgentSnapshot; calls: Call[] }
  | { t: 'out'; id: string; number: string; media: CallMedia }
  | { t: 'res'; id: string; call?: Call; code?: string; message?: string }
  | { t: 'ask'; id: string; force: boolean }
  | { t: 'owner'; tabId: string; agent: AgentSnapshot; calls: Call[] };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
/** Shape check of what another tab sent (same origin, still untrusted input). */
export function parseWire(x: unknown): Wire | undefined {
  if (!isObj(x) || typeof x.t !== 'string') return undefined;
  const s = (k: string): boolean => typeof x[k] === 'string';
  const snap = isObj(x.agent) && Array.isArray(x.calls);
  if (x.t === 'ev' && (RELAYED as readonly unknown[]).includes(x.name) && isObj(x.p) && snap) return x as Wire;
  if (x.t === 'out' && s('id') && s('number') && (x.media === 'audio' || x.media === 'video')) return x as Wire;
  if (x.t === 'res' && s('id')) return x as Wire;
  if (x.t === 'ask' && s('id') && typeof x.force === 'boolean') return x as Wire;
  if (x.t === 'owner' && s('tabId') && snap) return x as Wire;
  return undefined;
}

/** Browser APIs the election needs; injectable for tests. */
export interface TabsEnv {
  readonly locks?: Pick<LockManager, 'request'>;
  channel(name: string): Pick<BroadcastChannel, 'postMessage' | 'close'> & { onmessage: ((e: MessageEvent) => void) | null };
  mount(o: MountOptions): ConnectionBar;
}
const browserEnv = (): TabsEnv => ({
  locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
  channel: (n) => new BroadcastChannel(n),
  mount: mountConnectionBar,
});

/**
 * Mount the bar once per agent across tabs. Needs Web Locks (all current browsers).
 * @example
 * const bar = mountSharedConnectionBar({ ...options, tabs: { channelName: 'crm' } });
 * bar.on('ownership', (o) => console.log(o.owner ? 'owner' : 'standby'));
 */
export function mountSharedConnectionBar(options: SharedMountOptions, env: TabsEnv = browserEnv()): SharedConnectionBar {
  const tabId = randomId();
  const key = `${options.tabs?.channelName ?? 'cec-bar-host'}:${options.userAccount}`;
  const lockName = options.tabs?.lockName ?? key;
  const requestMs = options.tabs?.requestMs ?? options.timeouts?.callOutMs ?? 30_000;
  const bus = createEmitter<SharedBarEventMap>(() => {});
  const ch = env.channel(key);
  const send = (m: Wire): void => ch.postMessage(m);
  let core: ConnectionBar | undefined;
  let state: ConnectionState = 'standby';
  let agent: AgentSnapshot = { state: 'offline', since: 0 } as AgentSnapshot;
  let calls: readonly Call[] = [];
  let release: (() => void) | undefined;
  let abort: AbortController | undefined;
  const waits = new Map<string, (m: Extract<Wire, { t: 'res' }>) => void>();
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    const previous = state;
    state = next;
    bus.emit('connection', { state, previous });
  };
  const ownership = (): Ownership => ({ owner: !!core, tabId });

  const becomeOwner = (): Promise<void> => {
    core = env.mount(options);
    for (const n of RELAYED)
      core.on(n, (p: unknown) => {
        send({ t: 'ev', name: n, p, agent: core?.agent as AgentSnapshot, calls: [...(core?.calls ?? [])] });
        bus.emit(n, p as never);
      });
    core.on('connection', (c) => setState(c.state));
    core.on('error', (e) => bus.emit('error', e));
    void core.ready.then(resolveReady, () => {});
    setState(core.state);
    send({ t: 'owner', tabId, agent: core.agent, calls: [...core.calls] });
    bus.emit('ownership', ownership());
    return new Promise((r) => (release = r));
  };
  const dropOwner = (): void => {
    if (!core) return;
    core.destroy();
    core = undefined;
    release?.();
    if (state !== 'destroyed') (setState('standby'), bus.emit('ownership', ownership()));
  };
  /** Queue for the lock; `steal` takes it from the current owner (takeOver). */
  const elect = (steal = false): Promise<void> => {
    const my = (abort = new AbortController());
    const opts: LockOptions = steal ? { mode: 'exclusive', steal: true } : { mode: 'exclusive', signal: my.signal };
    return Promise.resolve(env.locks?.request(lockName, opts, becomeOwner)).then(
      () => undefined,
      () => {
        if (my.signal.aborted) return; // our own takeOver/destroy withdrew this request
        // stolen by takeOver elsewhere: unmount and queue again for when that tab closes
        dropOwner();
        if (state !== 'destroyed') void elect();
      },
    );
  };

  const request = (m: Wire & { id: string }): Promise<Extract<Wire, { t: 'res' }>> =>
    new Promise((res, rej) => {
      const t = setTimeout(() => (waits.delete(m.id), rej(new BarError('CALL_OUT_TIMEOUT', `no answer from the owner tab in ${requestMs} ms`))), requestMs);
      waits.set(m.id, (r) => (clearTimeout(t), waits.delete(m.id), res(r)));
      send(m);
    });

  ch.onmessage = (e) => {
    const m = parseWire(e.data);
    if (!m || state === 'destroyed') return;
    if (m.t === 'res') return waits.get(m.id)?.(m);
    if (core) {
      if (m.t === 'out')
        core.callOut(m.number, { media: m.media }).then(
          (call) => send({ t: 'res', id: m.id, call }),
          (err: BarError) => send({ t: 'res', id: m.id, code: err.code, message: err.message }),
        );
      if (m.t === 'ask') {
        const live = core.calls.length > 0;
        send(live && !m.force ? { t: 'res', id: m.id, code: 'TAKEOVER_REFUSED', message: 'a call is live' } : { t: 'res', id: m.id });
      }
      return;
    }
    if (m.t === 'ev' || m.t === 'owner') ((agent = m.agent), (calls = Object.freeze([...m.calls])));
    if (m.t === 'ev') bus.emit(m.name, m.p as never);
  };

  void elect();
  const bar: SharedConnectionBar = {
    ready,
    get state() {
      return state;
    },
    get agent() {
      return core?.agent ?? agent;
    },
    get calls() {
      return core?.calls ?? calls;
    },
    get ownership() {
      return ownership();
    },
    get recorder() {
      return (core as ConnectionBar | undefined)?.recorder ?? { start() {}, stop: () => ({ v: 1, messages: [] }) } as never;
    },
    on: bus.on,
    once: bus.once,
    off: bus.off,
    async callOut(number: string, o?: { readonly media?: CallMedia }): Promise<Call> {
      if (state === 'destroyed') throw new BarError('DESTROYED', 'the bar was destroyed');
      if (core) return core.callOut(number, o);
      const r = await request({ t: 'out', id: randomId(), number, media: o?.media ?? 'audio' });
      if (r.code) throw new BarError(r.code as never, r.message ?? r.code);
      return r.call as Call;
    },
    async takeOver(o?: { readonly force?: boolean }) {
      if (core || state === 'destroyed') return;
      const r = await request({ t: 'ask', id: randomId(), force: !!o?.force });
      if (r.code) throw new BarError('TAKEOVER_REFUSED', r.message ?? 'refused');
      abort?.abort();
      await new Promise<void>((done) => {
        const off = bus.on('ownership', (x) => x.owner && (off(), done()));
        void elect(true);
      });
    },
    reconnect: () => core?.reconnect(),
    moveTo: (c) => core?.moveTo(c) ?? true,
    diagnostics: () => core?.diagnostics() ?? ({ state } as never),
    checkMedia: () => (core ? core.checkMedia() : Promise.reject(new BarError('DESTROYED', 'standby tab: no frame here'))),
    destroy() {
      if (state === 'destroyed') return;
      abort?.abort();
      dropOwner();
      setState('destroyed');
      ch.close();
      bus.clear();
    },
  };
  return bar;
}
