/**
 * The shell page script's first module (rollup.config.mjs, BROWSER_PAGES `first`). Chromium sends
 * a cross-process `postMessage` in a task after the current one, so the announcement leaves when
 * the script's task ends, whatever its place in it; that task is kept short (the shell builds its
 * schemas on first use: `builtOnFirstUse` in src/protocol/zod.ts). The host's handshake then comes
 * once the page's listeners are in place, instead of after the frame's load event.
 */
import { announceListening } from './announce-listening.js';

announceListening(window);
