/** Screen pop: look the caller up once per call and open the record, unless the call ended first. */
import { BarError, isBarError } from '../protocol/bar-error.js';
import { errorSinks } from './internal.js';
import type { Call, ConnectionBar } from './types.js';

/**
 * Options of `screenPop`: how to find the caller's record, and how to open it.
 *
 * @example
 * ```ts
 * import { screenPop, type ScreenPopOptions } from 'cec-bar-host';
 * const popCustomer: ScreenPopOptions<{ readonly id: string } | undefined> = {
 *   lookup: (call) => crm.findByPhone(call.caller),
 *   open: (customer, call) => (customer ? crm.openRecord(customer.id) : crm.openNewContact(call.caller)),
 * };
 * screenPop(bar, popCustomer);
 * ```
 */
export interface ScreenPopOptions<T> {
  /** Called once per call, on its first `call.ringing`, `call.dialing` or `call.connected`. */
  lookup(call: Call): T | Promise<T>;
  /** Called with the lookup's result, only while the call is still live. */
  open(result: T, call: Call): void;
}

/**
 * Wire a CRM's record lookup to the bar: on each call's first `call.ringing`, `call.dialing` or
 * `call.connected`, look the caller up once, and open the result if the call is still live.
 * Errors thrown by `lookup` or `open` go to the bar's `error` event (`LISTENER_FAILED`), never to
 * you. Returns a function that stops it (pending lookups are ignored).
 *
 * @param bar - A mounted bar (`mountConnectionBar`, or a shared bar of `cec-bar-host/tabs`).
 * @param o - The lookup and what to do with its result.
 * @example
 * ```ts
 * import { screenPop } from 'cec-bar-host';
 * const stop = screenPop(bar, { lookup: (call) => crm.findByPhone(call.caller), open: (customer) => crm.open(customer) });
 * stop(); // when the CRM page no longer wants screen pops
 * ```
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
