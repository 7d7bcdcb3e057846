/**
 * The shell's listener for messages from the bar: checks the source window (the `ccbarclient`
 * frame) and the origin (the context path's origin), validates with `parseCecEvent`, and hands on
 * only what passed. Everything refused is counted by reason.
 */
import { parseCecEvent, type CecEvent } from '../protocol/cec-events.js';

/**
 * Why the shell refused a message from the bar (counted in its `stats` messages).
 *
 * @example
 * ```ts
 * import type { BarRejectReason } from 'cec-bar-host/frame';
 * const worrying: readonly BarRejectReason[] = ['source', 'origin'];
 * ```
 */
export type BarRejectReason =
  /** Not from the bar frame's window. */
  | 'source'
  /** Not from the origin of CEC's context path. */
  | 'origin'
  /** Not JSON. */
  | 'json'
  /** Too long or nested too deeply. */
  | 'size'
  /** Not a CEC event, or its content is wrong. */
  | 'shape';

/**
 * Options of {@link listenToBar}.
 *
 * @example
 * ```ts
 * import { listenToBar, type BarRelayOptions } from 'cec-bar-host/frame';
 * const options: BarRelayOptions = {
 *   win: window,
 *   barWindow: () => frame,
 *   barOrigin: cecOrigin,
 *   onEvent: (event) => console.log(event.eventType),
 *   onReject: (reason) => console.warn('refused', reason),
 * };
 * listenToBar(options);
 * ```
 */
export interface BarRelayOptions {
  /** The shell's window. */
  readonly win: Window;
  /** The bar frame's window, or null before it exists. */
  readonly barWindow: () => Window | null;
  /** Origin of `$aicc_ContextPath`: the only origin bar messages may come from. */
  readonly barOrigin: string;
  /** Receives every validated event, with the time it arrived. */
  readonly onEvent: (event: CecEvent, receivedAt: number) => void;
  /** Receives the reason of every refused message. */
  readonly onReject: (reason: BarRejectReason) => void;
  /**
   * The clock for `receivedAt`.
   * @default Date.now
   */
  readonly now?: () => number;
}

/**
 * Listen to messages from the bar: check the source window and origin, validate with
 * `parseCecEvent`, hand on what passed. Returns the function that stops listening.
 *
 * @param options - Where bar messages may come from, and where they go.
 * @example
 * ```ts
 * import { listenToBar, watchBarFrame } from 'cec-bar-host/frame';
 * const watch = watchBarFrame(document, () => undefined);
 * const stop = listenToBar({
 *   win: window,
 *   barWindow: () => watch.frame?.contentWindow ?? null,
 *   barOrigin: new URL('https://bar.crm.example.com/service-cloud/').origin,
 *   onEvent: (event) => console.log(event.eventType),
 *   onReject: (reason) => console.warn('refused', reason),
 * });
 * ```
 */
export function listenToBar(options: BarRelayOptions): () => void {
  const { win, barWindow, barOrigin, onEvent, onReject } = options;
  const now = options.now ?? Date.now;
  const listener = (e: MessageEvent): void => {
    // The parent's traffic is the parent gate's and the host link's business, not the bar's.
    if (e.source === win.parent && win.parent !== win) return;
    const bar = barWindow();
    if (!bar || e.source !== bar) return onReject('source');
    if (e.origin !== barOrigin) return onReject('origin');
    const parsed = parseCecEvent(e.data);
    if (!parsed.ok) return onReject(parsed.reason);
    onEvent(parsed.event, now());
  };
  win.addEventListener('message', listener);
  return () => win.removeEventListener('message', listener);
}
