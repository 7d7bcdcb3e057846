/**
 * The shell page script's first module (rollup.config.mjs, BROWSER_PAGES `first`): evaluated
 * before zod and the rest of the shell are built, which takes ~10 ms in the new renderer a shell
 * frame gets (bench/browser.mjs, mount profile). The host's handshake arrives meanwhile and is
 * handled as soon as the script's task ends, instead of after the frame's load event.
 */
import { announceListening } from './announce-listening.js';

announceListening(window);
