/** In-memory Web Locks, BroadcastChannel and core bar for the tab election unit tests. */
import { createEmitter } from '../../src/host/emitter.js';
import type { TabsEnv } from '../../src/tabs/index.js';
import type { BarEventMap, Call, ConnectionBar, MountOptions } from '../../src/host/types.js';

/** A granted lock: `mode` decides who may hold it beside it; `abandon` is how a steal ends it. */
interface HeldLock {
  readonly mode: LockMode;
  abandon(): void;
}
/** A queued request: granted (its callback runs) when it reaches the head of the queue and fits. */
interface QueuedRequest {
  readonly mode: LockMode;
  grant(): void;
}
/** One lock name's state: the locks held now and the requests waiting, oldest first. */
interface Resource {
  readonly held: Set<HeldLock>;
  readonly queue: QueuedRequest[];
}
type GrantedCallback = (lock: Lock | null) => unknown;

/**
 * One origin's lock manager, granting as the Web Locks spec (w3c.github.io/web-locks) does: per
 * name, requests wait in one FIFO queue; an exclusive lock is granted when nothing is held, a
 * shared one when no exclusive lock is held, and never ahead of an earlier request. `steal` ends
 * the holders (their requests reject with AbortError) and is granted at once; `ifAvailable` runs
 * the callback with `null` when the lock cannot be granted now; `signal` withdraws a queued request.
 */
export function fakeLocks(): Pick<LockManager, 'request'> {
  const resources = new Map<string, Resource>();
  const resourceNamed = (name: string): Resource => {
    let resource = resources.get(name);
    if (!resource) {
      resource = { held: new Set(), queue: [] };
      resources.set(name, resource);
    }
    return resource;
  };
  function request(name: string, optionsOrCallback: LockOptions | GrantedCallback, callbackIfOptions?: GrantedCallback): Promise<unknown> {
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : callbackIfOptions!;
    const refusal = refusedOptions(name, options);
    if (refusal) return Promise.reject(new DOMException(refusal, 'NotSupportedError'));
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    return requestLock(resourceNamed(name), name, options, callback);
  }
  return { request: request as LockManager['request'] };
}

/** The option combinations the Web Locks spec refuses with NotSupportedError. */
function refusedOptions(name: string, options: LockOptions): string | undefined {
  if (name.startsWith('-')) return 'lock names starting with "-" are reserved';
  if (options.steal && options.ifAvailable) return 'steal and ifAvailable cannot be combined';
  if (options.steal && (options.mode ?? 'exclusive') !== 'exclusive') return 'steal needs mode "exclusive"';
  if (options.signal && (options.steal || options.ifAvailable)) return 'signal cannot be combined with steal or ifAvailable';
  return undefined;
}

/** Whether a request of `mode` fits beside the locks held now. */
function fits(resource: Resource, mode: LockMode): boolean {
  if (mode === 'exclusive') return resource.held.size === 0;
  return [...resource.held].every((lock) => lock.mode === 'shared');
}

/** Grant queued requests from the head for as long as they fit (FIFO: none overtakes another). */
function grantQueued(resource: Resource): void {
  while (resource.queue.length > 0 && fits(resource, resource.queue[0]!.mode)) resource.queue.shift()!.grant();
}

function requestLock(resource: Resource, name: string, options: LockOptions, callback: GrantedCallback): Promise<unknown> {
  const mode = options.mode ?? 'exclusive';
  return new Promise((resolve, reject) => {
    const grant = (): void => {
      const lock: HeldLock = { mode, abandon: () => reject(new DOMException('the lock was stolen', 'AbortError')) };
      resource.held.add(lock);
      const release = (): void => {
        // A stolen lock is no longer held: its release frees nothing.
        if (resource.held.delete(lock)) grantQueued(resource);
      };
      // The callback runs after `request` returned, as in browsers.
      Promise.resolve()
        .then(() => callback({ name, mode }))
        .then(
          (value) => {
            release();
            resolve(value);
          },
          (error: unknown) => {
            release();
            reject(error);
          },
        );
    };
    if (options.steal) {
      for (const lock of resource.held) lock.abandon();
      resource.held.clear();
      return grant();
    }
    if (options.ifAvailable && !(resource.queue.length === 0 && fits(resource, mode))) {
      Promise.resolve()
        .then(() => callback(null))
        .then(resolve, reject);
      return;
    }
    const queued: QueuedRequest = { mode, grant };
    resource.queue.push(queued);
    options.signal?.addEventListener(
      'abort',
      () => {
        const index = resource.queue.indexOf(queued);
        if (index < 0) return; // already granted: aborting no longer withdraws it
        resource.queue.splice(index, 1);
        reject(options.signal!.reason);
        grantQueued(resource);
      },
      { once: true },
    );
    grantQueued(resource);
  });
}

/** A hub of channels: delivers asynchronously to the others of the same name, like BroadcastChannel. */
export function fakeHub() {
  const all = new Set<{ name: string; ch: { onmessage: ((e: MessageEvent) => void) | null } }>();
  return {
    channel(name: string) {
      const ch = {
        onmessage: null as ((e: MessageEvent) => void) | null,
        postMessage(data: unknown) {
          const copy = structuredClone(data);
          for (const o of all) if (o.ch !== ch && o.name === name) queueMicrotask(() => o.ch.onmessage?.({ data: copy } as MessageEvent));
        },
        close() {
          for (const o of all) if (o.ch === ch) all.delete(o);
        },
      };
      all.add({ name, ch });
      return ch;
    },
    /** Channels still open (a destroyed bar must leave none). */
    open: () => all.size,
    /** Post raw data as if from another tab. */
    inject(name: string, data: unknown) {
      for (const o of all) if (o.name === name) o.ch.onmessage?.({ data } as MessageEvent);
    },
  };
}

export interface FakeCore extends ConnectionBar {
  fire<K extends keyof BarEventMap>(n: K, p: BarEventMap[K]): void;
  live: Call[];
  dialed: string[];
  destroyed: boolean;
  /** What it was mounted with, and where it was moved since. */
  options: MountOptions;
  moves: (HTMLElement | null)[];
  reconnects: number;
}
/** A core bar that records what it was asked and fires what the test says. */
export function fakeMount(cores: FakeCore[]) {
  return (options: MountOptions): ConnectionBar => {
    const bus = createEmitter<BarEventMap>(() => {});
    const core = {
      ready: Promise.resolve(),
      state: 'ready',
      agent: { state: 'idle', since: 1 },
      live: [] as Call[],
      get calls() {
        return core.live;
      },
      dialed: [] as string[],
      destroyed: false,
      options,
      moves: [] as (HTMLElement | null)[],
      on: bus.on, once: bus.once, off: bus.off,
      fire: bus.emit,
      checkMedia: async () => ({ secureContext: true, microphonePermission: 'granted', delegated: { hostFrame: true, barFrame: true }, devices: 1, webrtc: true, problems: [] }),
      callOut: async (n: string) => (core.dialed.push(n), { callId: 'c1', direction: 'outbound', called: n, media: 'audio', startedAt: 1 } as Call),
      // like the real core: destroy ends every live call as unknown in this core
      destroy() {
        core.destroyed = true;
        for (const c of core.live.splice(0)) bus.emit('call.ended', { ...c, outcome: 'unknown', endedBy: 'unknown', talkMs: 0, endedAt: 1 });
      },
      moveTo: (c: HTMLElement | null) => (core.moves.push(c), true),
      reconnects: 0,
      reconnect() { core.reconnects++; }, diagnostics: () => ({}) as never, recorder: {} as never,
    } as unknown as FakeCore;
    cores.push(core);
    return core;
  };
}

/** `locks: null`: a browser without Web Locks (the BroadcastChannel lease elects). */
export function fakeEnv(locks: Pick<LockManager, 'request'> | null = fakeLocks(), hub = fakeHub(), cores: FakeCore[] = []): TabsEnv & { cores: FakeCore[]; hub: typeof hub } {
  return { locks: locks ?? undefined, hub, cores, channel: hub.channel, mount: fakeMount(cores) };
}
