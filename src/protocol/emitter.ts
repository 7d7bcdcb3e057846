/**
 * A small typed emitter, for the host (browser) and the server kit (Node) alike: many listeners
 * per name, `on` returns an unsubscribe, a throwing listener never stops the others. A function is
 * registered once per name: `on` or `once` again with the same function replaces the first.
 * Pure; not part of the public protocol entry.
 */

/**
 * Removes the listener it was returned for; calling it again does nothing.
 *
 * @example
 * ```ts
 * import { createAgentDirectory, createFabricClient, type Unsubscribe } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const directory = createAgentDirectory({ fabric, intervalMs: 60_000 });
 * const off: Unsubscribe = directory.on('added', (agent) => console.log('new agent', agent.accountCode));
 * off();
 * ```
 */
export type Unsubscribe = () => void;

/** @example const e = createEmitter<{ tick: number }>((error) => console.error(error)); e.on('tick', (n) => n); */
export interface Emitter<M> {
  on<K extends keyof M>(name: K, listener: (payload: M[K]) => void): Unsubscribe;
  once<K extends keyof M>(name: K, listener: (payload: M[K]) => void): Unsubscribe;
  off<K extends keyof M>(name: K, listener: (payload: M[K]) => void): void;
  emit<K extends keyof M>(name: K, payload: M[K]): void;
  clear(): void;
}

/**
 * `onListenerError(error, name)` receives what a listener threw (the host routes it to its
 * `error` event, the server kit to its logger).
 *
 * @example
 * const e = createEmitter<{ a: string }>((error) => report(error));
 * const off = e.on('a', console.log); e.emit('a', 'hi'); off();
 */
export function createEmitter<M>(onListenerError: (error: unknown, name: keyof M) => void): Emitter<M> {
  /** name → listener as given → what runs: the listener itself, or its `once` wrapper. */
  const listeners = new Map<keyof M, Map<unknown, (payload: unknown) => void>>();
  const off = (name: keyof M, listener: unknown): void => void listeners.get(name)?.delete(listener);
  const add = (name: keyof M, listener: unknown, run: (payload: unknown) => void): Unsubscribe => {
    if (typeof listener !== 'function') throw new TypeError(`listener for ${String(name)} is not a function`);
    let named = listeners.get(name);
    if (!named) listeners.set(name, (named = new Map()));
    named.set(listener, run);
    return () => off(name, listener);
  };
  return {
    on: ((name: keyof M, listener: (payload: unknown) => void) => add(name, listener, listener)) as Emitter<M>['on'],
    once: ((name: keyof M, listener: (payload: unknown) => void) =>
      add(name, listener, (payload) => {
        off(name, listener);
        listener(payload);
      })) as Emitter<M>['once'],
    off: off as Emitter<M>['off'],
    emit(name, payload) {
      // A copy: listeners may unsubscribe (or subscribe) while we iterate.
      for (const run of [...(listeners.get(name)?.values() ?? [])]) {
        try {
          run(payload);
        } catch (error) {
          onListenerError(error, name);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
