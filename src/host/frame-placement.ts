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

/** @example const placement = createFramePlacement(document.querySelector('#bar')!, console); */
export function createFramePlacement(initialContainer: HTMLElement, logger: BarLogger): FramePlacement {
  let container = initialContainer;
  /** The hidden element `moveTo(null)` parked the frame in, if that is where it is. */
  let parking: HTMLElement | undefined;

  function park(): HTMLElement {
    parking = document.body.appendChild(document.createElement('div'));
    parking.hidden = true;
    return parking;
  }

  return {
    get container() {
      return container;
    },
    moveTo(target, frame) {
      const emptiedParking = container === parking ? parking : undefined;
      const destination = target ?? park();
      const moveBefore = (destination as { moveBefore?: MoveBefore }).moveBefore;
      if (frame && moveBefore) moveBefore.call(destination, frame, null);
      else if (frame) {
        logger.warn?.('cec-bar-host: moveTo reloads the frame');
        destination.append(frame);
      }
      emptiedParking?.remove();
      container = destination;
      return !!moveBefore || !frame;
    },
  };
}
