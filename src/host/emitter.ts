/** A small typed emitter: many listeners per name, `on` returns an unsubscribe, a throwing listener never stops the others. */
import { BarError } from '../protocol/bar-error.js';
import type { BarLogger } from './types.js';

type Fn = ((payload: never) => void) & { f?: unknown };

/** @example const e = createEmitter<{ tick: number }>((err) => console.error(err)); e.on('tick', (n) => n); */
export interface Emitter<M> {
  on<K extends keyof M>(name: K, fn: (payload: M[K]) => void): () => void;
  once<K extends keyof M>(name: K, fn: (payload: M[K]) => void): () => void;
  off<K extends keyof M>(name: K, fn: (payload: M[K]) => void): void;
  emit<K extends keyof M>(name: K, payload: M[K]): void;
  clear(): void;
}

/**
 * `onError(error, name)` receives what a listener threw (the caller routes it to its `error` event).
 * @example
 * const e = createEmitter<{ a: string }>((err) => report(err));
 * const off = e.on('a', console.log); e.emit('a', 'hi'); off();
 */
export function createEmitter<M>(onError: (error: unknown, name: keyof M) => void): Emitter<M> {
  const map = new Map<keyof M, Set<Fn>>();
  const off = (name: keyof M, fn: unknown): void => {
    const set = map.get(name);
    if (set) for (const l of set) if (l === fn || l.f === fn) set.delete(l);
  };
  const on = (name: keyof M, fn: Fn): (() => void) => {
    if (typeof fn !== 'function') throw new TypeError(`listener for ${String(name)} is not a function`);
    let set = map.get(name);
    if (!set) map.set(name, (set = new Set()));
    set.add(fn);
    return () => off(name, fn);
  };
  return {
    on: on as Emitter<M>['on'],
    off: off as Emitter<M>['off'],
    once: ((name: keyof M, fn: (p: unknown) => void) => {
      const w: Fn = (p: never) => {
        off(name, w);
        fn(p);
      };
      w.f = fn;
      return on(name, w);
    }) as Emitter<M>['once'],
    emit(name, payload) {
      // A copy: listeners may unsubscribe (or subscribe) while we iterate.
      for (const l of [...(map.get(name) ?? [])]) {
        try {
          (l as (p: M[typeof name]) => void)(payload);
        } catch (err) {
          onError(err, name);
        }
      }
    },
    clear: () => map.clear(),
  };
}

/**
 * The emitter behind a bar's `on()`: a listener that throws is reported on the bar's own `error`
 * event as `LISTENER_FAILED` (the README's promise), and the other listeners still run. One that
 * throws on `error` itself is only logged: reporting it as an `error` event would loop.
 * @example
 * const events = createBarEmitter<BarEventMap>(options.logger);
 * events.on('error', (error) => console.log(error.code)); // LISTENER_FAILED when another listener throws
 */
export function createBarEmitter<M extends { error: BarError }>(logger: BarLogger | undefined): Emitter<M> {
  const emitter: Emitter<M> = createEmitter<M>((cause, name) => {
    if (name === 'error') logger?.error?.('cec-bar-host: error listener threw', cause);
    else emitter.emit('error', new BarError('LISTENER_FAILED', `${String(name)} listener threw`, { cause }) as M['error']);
  });
  return emitter;
}
