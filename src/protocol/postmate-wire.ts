/**
 * The postmate envelope both sides of the host ⇄ shell bridge share, and the one message of our
 * own on it: the shell's "listening" announcement (docs/internal-contracts.md "Host ⇄ shell").
 * No imports: the shell page evaluates this before anything else of its script.
 */

/** postmate 1.5.2's message type. */
export const POSTMATE_TYPE = 'application/x-postmate-v1+json';

/**
 * The `postmate` kind of what the shell page posts to its parent first thing, before the rest of
 * its script is built (`{ postmate: SHELL_LISTENING, type: POSTMATE_TYPE }`, nothing else): the
 * page has committed, and its listeners are in place once that script's task ends. The host then
 * posts the handshake at once instead of waiting for the frame's `load` event (the handshake is
 * dispatched after the script's task, so it finds the listeners).
 */
export const SHELL_LISTENING = 'shell-listening';
