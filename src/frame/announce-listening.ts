/** The shell page's first message to its parent (see `SHELL_LISTENING`). */
import { POSTMATE_TYPE, SHELL_LISTENING } from '../protocol/postmate-wire.js';

/**
 * Posts the "listening" announcement to the parent, to the parent's exact origin as the browser
 * reports it (`location.ancestorOrigins`): posted to any other origin the browser would drop it
 * with a console error. Nothing without a parent, or where the browser does not tell the origin
 * (Firefox): the host then starts the handshake from the frame's `load` event, as it always can.
 *
 * @returns Whether the announcement was posted.
 * @example
 * announceListening(window); // first thing in the shell page's script
 */
export function announceListening(win: Window): boolean {
  const parentOrigin = win.location.ancestorOrigins?.[0];
  if (win.parent === win || parentOrigin === undefined || !/^https?:\/\//.test(parentOrigin)) return false;
  win.parent.postMessage({ postmate: SHELL_LISTENING, type: POSTMATE_TYPE }, parentOrigin);
  return true;
}
