/**
 * `preloadConnectionBar`: the shell page loaded ahead, in a hidden frame, so that the mount which
 * follows starts at the handshake instead of the page load. A module of its own: an app that never
 * preloads leaves it out of its bundle, and the mount only looks in `preloadedShells`, empty then.
 */
import { hiddenHolder } from './frame-placement.js';
import { resolveShellFrame } from './options.js';
import { createShellFrame, discardPreloaded, preloadedShells, shellFrameKey } from './shell-frame.js';
import type { ConnectionBarPreload, PreloadOptions } from './types.js';

/**
 * Loads the shell page now, in a hidden frame, for the next `mountConnectionBar` whose `shellUrl`,
 * `sandbox` and `allow` are the same (after defaults): that mount takes the frame over, page alive,
 * and its `ready` no longer waits for the shell page. Call it when the phone panel is likely to be
 * opened (the CRM's start, a hover on the phone button); it needs no token and reaches neither CEC
 * nor the enterprise backend, only the shell page.
 *
 * The frame stays, holding a renderer process, until a mount takes it over or `abandon()` removes
 * it. Preloading the same shell again returns a handle on the same frame. A mount takes a preloaded
 * frame over only where the browser moves frames alive (`Element.moveBefore`, Chromium 133+);
 * elsewhere it removes the preload and loads its own frame, as without one. A preloaded page that
 * failed to load (a 404) costs the mount one attempt: the retry loads a new frame.
 *
 * @throws `BarError` with code `INVALID_OPTIONS` (naming the option in `details.option`) for a
 *   `shellUrl`, `sandbox` or `allow` that `mountConnectionBar` would refuse. Nothing else: a page
 *   that fails to load is found out by the mount.
 * @example
 * const shellUrl = 'https://bar.crm.example/shell/';
 * const preload = preloadConnectionBar({ shellUrl });
 * phoneButton.addEventListener('click', () => {
 *   const bar = mountConnectionBar({ container: '#phone-panel', shellUrl, ...rest }); // takes the frame over
 * });
 * window.addEventListener('pagehide', () => preload.abandon()); // no-op once a mount took it
 */
export function preloadConnectionBar(options: PreloadOptions): ConnectionBarPreload {
  const shellFrame = resolveShellFrame(options, document);
  const key = shellFrameKey(shellFrame);
  let preloaded = preloadedShells.get(key);
  if (!preloaded) {
    const holder = hiddenHolder();
    preloaded = { holder, shell: createShellFrame(shellFrame, holder, () => {}) };
    preloadedShells.set(key, preloaded);
  }
  const mine = preloaded;
  return {
    shellUrl: shellFrame.shellUrl,
    abandon() {
      // Taken over by a mount (the bar owns the frame now), or abandoned already.
      if (preloadedShells.get(key) !== mine) return;
      preloadedShells.delete(key);
      discardPreloaded(mine);
    },
  };
}
