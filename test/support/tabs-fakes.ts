/** In-memory Web Locks, BroadcastChannel and core bar for the tab election unit tests. */
import { createEmitter } from '../../src/host/emitter.js';
import type { TabsEnv } from '../../src/tabs/index.js';
import type { BarEventMap, Call, ConnectionBar, MountOptions } from '../../src/host/types.js';

type Held = { stolen(): void; done: Promise<void> };
/** One origin's lock manager: FIFO queue, `steal`, `signal`. */
export function fakeLocks(): Pick<LockManager, 'request'> {
  const byName = new Map<string, Pick<LockManager, 'request'>>();
  return {
    request: ((name: string, opts: LockOptions, cb: () => Promise<void>) => {
      if (!byName.has(name)) byName.set(name, oneLock());
      return byName.get(name)!.request(name, opts, cb);
    }) as unknown as LockManager['request'],
  };
}
function oneLock(): Pick<LockManager, 'request'> {
  let held: (Held & { tag: string }) | undefined;
  const queue: { tag: string; run(): void; signal?: AbortSignal }[] = [];
  const next = (): void => {
    while (!held && queue.length) {
      const q = queue.shift()!;
      if (!q.signal?.aborted) q.run();
    }
  };
  let n = 0;
  return {
    request: ((name: string, opts: LockOptions, cb: () => Promise<void>) =>
      new Promise<void>((res, rej) => {
        const tag = `${name}#${++n}`;
        const run = (): void => {
          const h: Held & { tag: string } = { tag, stolen: () => rej(new DOMException('stolen', 'AbortError')), done: Promise.resolve() };
          held = h;
          h.done = Promise.resolve(cb()).then(() => {
            if (held === h) ((held = undefined), next());
            res();
          });
        };
        if (opts.steal) {
          const old = held;
          held = undefined;
          old?.stolen();
          run();
        } else {
          queue.push({ tag, run, signal: opts.signal });
          opts.signal?.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError')));
          next();
        }
      })) as unknown as LockManager['request'],
  };
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
