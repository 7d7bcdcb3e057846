/**
 * The CEC wire between the bar and its parent page (docs/cec-reference.md §2): accepts `eventpost` and
 * `callout` only from `window.parent` at `cfg.parentOrigin`, and posts
 * `{ event: { eventType, workNo, content }, message }` objects only for subscribed types.
 */
import { parseBarCommand, type CallMedia } from '../../src/protocol/cec-commands.js';
import type { GatewayEvent } from './event-poller.js';

export interface ParentWireHandlers {
  onCallout(number: string, mode: CallMedia): void;
  /** A message that was dropped, and why (for the console / tests). */
  onRejected?(why: string): void;
}

export interface ParentWire {
  /** Forward a gateway event to the parent if subscribed. Returns whether it was posted. */
  forward(event: GatewayEvent): boolean;
  /** Run `work` once the parent has subscribed (at once if it already has). */
  whenSubscribed(work: () => void): void;
  readonly subscribed: ReadonlySet<string>;
  close(): void;
}

/**
 * Listen for the parent's commands on `win`.
 *
 * @example
 * const wire = openParentWire(window, cfg.parentOrigin, { onCallout: (n, mode) => dial(n, mode) });
 * wire.forward({ eventType: 'AgentState_Ready', workNo: '101', content: null, message: 'success' });
 */
export function openParentWire(win: Window, parentOrigin: string, handlers: ParentWireHandlers): ParentWire {
  let subscribed = new Set<string>();
  let waitingForSubscription: (() => void)[] = [];
  const parent = win.parent;

  const onMessage = (ev: MessageEvent): void => {
    // A top-level bar has parent === itself: nothing can legitimately command it.
    if (parent === win || ev.source !== parent) return handlers.onRejected?.('source is not the parent window');
    if (ev.origin !== parentOrigin) return handlers.onRejected?.(`origin ${ev.origin} is not ${parentOrigin}`);
    const r = parseBarCommand(ev.data);
    if (!r.ok) return handlers.onRejected?.(r.error);
    if (r.command.name !== 'eventpost') return handlers.onCallout(r.command.number, r.command.mode);
    subscribed = new Set(r.command.events);
    for (const work of waitingForSubscription.splice(0)) work();
  };
  win.addEventListener('message', onMessage);

  return {
    forward(event) {
      if (parent === win || !subscribed.has(event.eventType)) return false;
      const data = { event: { eventType: event.eventType, workNo: event.workNo, content: event.content }, message: event.message };
      parent.postMessage(data, parentOrigin);
      return true;
    },
    whenSubscribed(work) {
      if (subscribed.size > 0) work();
      else waitingForSubscription.push(work);
    },
    get subscribed() {
      return subscribed;
    },
    close() {
      waitingForSubscription = [];
      win.removeEventListener('message', onMessage);
    },
  };
}
