/** A tiny typed emitter: a throwing listener never stops the others. */

/**
 * Removes the listener it was returned for.
 *
 * @example
 * const off: Unsubscribe = directory.on('added', console.log); off();
 */
export type Unsubscribe = () => void;

export interface TypedEmitter<E extends Record<string, unknown>> {
  on<K extends keyof E>(type: K, listener: (payload: E[K]) => void): Unsubscribe;
  emit<K extends keyof E>(type: K, payload: E[K]): void;
  clear(): void;
}

export function createEmitter<E extends Record<string, unknown>>(onListenerError: (error: unknown) => void): TypedEmitter<E> {
  const listeners = new Map<keyof E, Set<(payload: never) => void>>();
  return {
    on(type, listener) {
      let set = listeners.get(type);
      if (!set) listeners.set(type, (set = new Set()));
      const fn = listener as (payload: never) => void;
      set.add(fn);
      return () => void set.delete(fn);
    },
    emit(type, payload) {
      for (const fn of [...(listeners.get(type) ?? [])]) {
        try {
          (fn as (p: typeof payload) => void)(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
