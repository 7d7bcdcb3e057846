/**
 * A small typed emitter, for the host (browser) and the server kit (Node) alike: many listeners
 * per name, `on` returns an unsubscribe, a throwing listener never stops the others. Pure; not
 * part of the public protocol entry.
 */

/**
 * Removes the listener it was returned for.
 *
 * @example
 * const off: Unsubscribe = directory.on('added', console.log); off();
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

/** A registered listener; a `once` wrapper remembers the listener it wraps, so `off` finds it. */
type Listener = ((payload: never) => void) & { wraps?: unknown };

/**
 * `onListenerError(error, name)` receives what a listener threw (the host routes it to its
 * `error` event, the server kit to its logger).
 *
 * @example
 * const e = createEmitter<{ a: string }>((error) => report(error));
 * const off = e.on('a', console.log); e.emit('a', 'hi'); off();
 */
export function createEmitter<M>(onListenerError: (error: unknown, name: keyof M) => void): Emitter<M> {
  const listeners = new Map<keyof M, Set<Listener>>();
  const off = (name: keyof M, listener: unknown): void => {
    const set = listeners.get(name);
    if (set) for (const registered of set) if (registered === listener || registered.wraps === listener) set.delete(registered);
  };
  const on = (name: keyof M, listener: Listener): Unsubscribe => {
    if (typeof listener !== 'function') throw new TypeError(`listener for ${String(name)} is not a function`);
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => off(name, listener);
  };
  const once = (name: keyof M, listener: (payload: unknown) => void): Unsubscribe => {
    const wrapper: Listener = (payload: never) => {
      off(name, wrapper);
      listener(payload);
    };
    wrapper.wraps = listener;
    return on(name, wrapper);
  };
  return {
    on: on as Emitter<M>['on'],
    off: off as Emitter<M>['off'],
    once: once as Emitter<M>['once'],
    emit(name, payload) {
      // A copy: listeners may unsubscribe (or subscribe) while we iterate.
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          (listener as (payload: M[typeof name]) => void)(payload);
        } catch (error) {
          onListenerError(error, name);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
