/** Screen pop: look the caller up once per call and open the record, unless the call ended first. */
import { BarError, isBarError } from '../protocol/bar-error.js';
import { errorSinks } from './internal.js';
import type { Call, ConnectionBar } from './types.js';

/**
 * Options of `screenPop`.
 * @example
 * const o: ScreenPopOptions<string> = { lookup: (c) => crm.find(c.caller), open: (id) => crm.open(id) };
 */
export interface ScreenPopOptions<T> {
  /** Called once per call, on its first `call.ringing`, `call.dialing` or `call.connected`. */
  lookup(call: Call): T | Promise<T>;
  /** Called with the lookup's result, only while the call is still live. */
  open(result: T, call: Call): void;
}

/**
 * Wire a CRM's record lookup to the bar. Errors thrown by `lookup` or `open` go to the bar's
 * `error` event (`LISTENER_FAILED`). Returns a function that stops it (pending lookups are ignored).
 * @example
 * const stop = screenPop(bar, {
 *   lookup: (call) => api.findCustomer(call.caller),
 *   open: (customer) => router.push(`/customers/${customer.id}`),
 * });
 */
export function screenPop<T>(bar: ConnectionBar, o: ScreenPopOptions<T>): () => void {
  // callId → true while its lookup is pending; deleted when the call ends (a late result is ignored)
  const live = new Map<string, boolean>();
  const fail = (e: unknown): void =>
    errorSinks.get(bar)?.(isBarError(e) ? e : new BarError('LISTENER_FAILED', `screenPop: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
  const pop = (call: Call): void => {
    if (live.has(call.callId)) return;
    live.set(call.callId, true);
    Promise.resolve()
      .then(() => o.lookup(call))
      .then((r) => {
        if (live.get(call.callId)) {
          live.set(call.callId, false);
          o.open(r, call);
        }
      })
      .catch(fail);
  };
  const offs = [
    bar.on('call.ringing', pop),
    bar.on('call.dialing', pop),
    bar.on('call.connected', pop),
    bar.on('call.ended', (c) => void live.delete(c.callId)),
  ];
  return () => {
    for (const off of offs) off();
    live.clear();
  };
}
