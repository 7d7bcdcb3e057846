/**
 * The `agentevent` long-poll loop (docs/cec-reference.md §5.7): poll again at once after an event, 200-500 ms
 * after an empty answer, and back off on errors.
 */
import { GATEWAY_RETCODES, GATEWAY_TIMING } from '../../src/protocol/gateway.js';
import type { GatewayClient } from './gateway-client.js';

export interface GatewayEvent {
  readonly eventType: string;
  readonly workNo: string;
  readonly content: unknown;
  readonly message: string;
}

export interface PollerHandlers {
  onEvent(event: GatewayEvent): void;
  /** The gateway no longer knows this session (not signed in / GUID gone): polling stops. */
  onSessionLost(retcode: string, message: string): void;
  /** Transport trouble; polling continues with backoff. `null` once it recovers. */
  onTrouble(message: string | null): void;
}

/** Not documented by CEC; chosen here: error backoff 1 s doubling to 15 s. */
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 15_000;
const SESSION_LOST = new Set<string>([GATEWAY_RETCODES.NOT_SIGNED_IN, GATEWAY_RETCODES.NO_PERMISSION, GATEWAY_RETCODES.ALREADY_SIGNED_OUT]);

/**
 * Start polling; call the returned function to stop.
 *
 * @example
 * const stop = startEventPoller(gw, { onEvent: (e) => model.apply(e), onSessionLost: () => {}, onTrouble: () => {} });
 * stop();
 */
export function startEventPoller(gw: GatewayClient, handlers: PollerHandlers): () => void {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backoff = BACKOFF_MIN_MS;
  let troubled = false;

  const schedule = (ms: number): void => {
    if (abort.signal.aborted) return;
    timer = setTimeout(() => void loop(), ms);
  };
  const repollDelay = (): number =>
    GATEWAY_TIMING.repollMinMs + Math.floor(Math.random() * (GATEWAY_TIMING.repollMaxMs - GATEWAY_TIMING.repollMinMs));

  async function loop(): Promise<void> {
    if (abort.signal.aborted) return;
    try {
      const poll = await gw.pollEvent(abort.signal);
      if (abort.signal.aborted) return;
      if (troubled) {
        troubled = false;
        handlers.onTrouble(null);
      }
      backoff = BACKOFF_MIN_MS;
      if (poll.retcode !== GATEWAY_RETCODES.OK) {
        if (SESSION_LOST.has(poll.retcode)) {
          handlers.onSessionLost(poll.retcode, poll.message);
          return;
        }
        schedule(repollDelay());
        return;
      }
      if (poll.event) {
        const { eventType, workNo, content } = poll.event;
        handlers.onEvent({ eventType, workNo: String(workNo), content: content ?? null, message: poll.message });
        schedule(0);
      } else {
        schedule(repollDelay());
      }
    } catch (err) {
      if (abort.signal.aborted) return;
      troubled = true;
      handlers.onTrouble(err instanceof Error ? err.message : 'Event polling failed.');
      schedule(backoff);
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    }
  }

  schedule(0);
  return () => {
    abort.abort();
    if (timer !== undefined) clearTimeout(timer);
  };
}
