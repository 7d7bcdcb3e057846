/**
 * Where the shell frame lives in the CRM's page, and `bar.moveTo()`. Moving an iframe with
 * `append` unloads and reloads its page (the bar would lose its state, mid-call too);
 * `moveBefore` (Chromium 133+) moves it with its page alive, so it is used where it exists.
 */
import type { BarLogger } from './types.js';

/** @example const placement = createFramePlacement(container, logger); placement.moveTo(null, frame); */
export interface FramePlacement {
  /** Where the frame is, or goes when the next frame is opened (after a reconnect). */
  readonly container: HTMLElement;
  /**
   * Moves `frame` (if there is one) into `target`; `null` parks it in a hidden element, since a frame
   * taken out of the document would unload. True when the frame's page survived the move.
   */
  moveTo(target: HTMLElement | null, frame: HTMLIFrameElement | undefined): boolean;
}

type MoveBefore = (node: Node, child: Node | null) => void;

/**
 * Moves `frame` to the end of `destination` with its page alive; false, and nothing moved, where
 * the browser has no `moveBefore`.
 * @example if (!moveFrameAlive(frame, panel)) panel.append(frame); // reloads
 */
export function moveFrameAlive(frame: HTMLIFrameElement, destination: HTMLElement): boolean {
  const moveBefore = (destination as { moveBefore?: MoveBefore }).moveBefore;
  moveBefore?.call(destination, frame, null);
  return !!moveBefore;
}

/**
 * A new hidden element at the end of the page, for a frame that must stay in the document (taken
 * out, it would unload) without being seen.
 * @example const holder = hiddenHolder(); holder.append(frame);
 */
export function hiddenHolder(): HTMLElement {
  const holder = document.body.appendChild(document.createElement('div'));
  holder.hidden = true;
  return holder;
}

/** @example const placement = createFramePlacement(document.querySelector('#bar')!, console); */
export function createFramePlacement(initialContainer: HTMLElement, logger: BarLogger): FramePlacement {
  let container = initialContainer;
  /** The hidden element `moveTo(null)` parked the frame in, if that is where it is. */
  let parking: HTMLElement | undefined;

  return {
    get container() {
      return container;
    },
    moveTo(target, frame) {
      const emptiedParking = container === parking ? parking : undefined;
      const destination = target ?? (parking = hiddenHolder());
      const alive = !frame || moveFrameAlive(frame, destination);
      if (!alive) {
        logger.warn?.('cec-bar-host: moveTo reloads the frame');
        destination.append(frame);
      }
      emptiedParking?.remove();
      container = destination;
      return alive;
    },
  };
}
