/** The host's emitters: the shared one (src/protocol/emitter.ts, kept under this import path) and the bar's, which reports throwing listeners. */
import { BarError } from '../protocol/bar-error.js';
import { createEmitter, type Emitter } from '../protocol/emitter.js';
import type { BarLogger } from './types.js';

export { createEmitter, type Emitter };

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
