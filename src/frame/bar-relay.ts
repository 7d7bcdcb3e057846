/**
 * The shell's listener for messages from the bar: checks the source window (the `ccbarclient`
 * frame) and the origin (the context path's origin), validates with `parseCecEvent`, and hands on
 * only what passed. Everything refused is counted by reason.
 */
import { parseCecEvent, type CecEvent } from '../protocol/cec-events.js';

export type BarRejectReason = 'source' | 'origin' | 'json' | 'size' | 'shape';

export interface BarRelayOptions {
  readonly win: Window;
  /** The bar frame's window, or null before it exists. */
  readonly barWindow: () => Window | null;
  /** Origin of `$aicc_ContextPath`: the only origin bar messages may come from. */
  readonly barOrigin: string;
  readonly onEvent: (event: CecEvent, receivedAt: number) => void;
  readonly onReject: (reason: BarRejectReason) => void;
  readonly now?: () => number;
}

/**
 * @example
 * const stop = listenToBar({ win: window, barWindow: () => frame.contentWindow, barOrigin, onEvent, onReject });
 */
export function listenToBar(options: BarRelayOptions): () => void {
  const { win, barWindow, barOrigin, onEvent, onReject } = options;
  const now = options.now ?? Date.now;
  const listener = (e: MessageEvent): void => {
    // The parent's traffic is postmate's business (and the parent gate's), not the bar's.
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
