/**
 * `preloadConnectionBar`: the shell page loaded ahead, in a hidden frame, so that the mount which
 * follows starts at the handshake instead of the page load. A module of its own: an app that never
 * preloads leaves it out of its bundle, and then `openShellFrame` finds no `preloadedShells.take`.
 */
import { hiddenHolder, moveFrameAlive } from './frame-placement.js';
import { resolveShellFrame, type ResolvedShellFrame } from './options.js';
import { createShellFrame, preloadedShells, type ShellFrame } from './shell-frame.js';
import type { ConnectionBarPreload, PreloadOptions } from './types.js';

/** A frame loaded ahead, in a hidden holder of its own, and who hears its loads now. */
interface Preloaded {
  readonly shell: ShellFrame;
  readonly holder: HTMLElement;
  loaded: boolean;
  onLoad(): void;
}

/**
 * Preloaded frames by page and attributes. Frames are interchangeable only when all three match:
 * sandbox and allow take effect at navigation, so a frame loaded with others is never taken over.
 */
const preloaded = new Map<string, Preloaded>();
const frameKey = (options: ResolvedShellFrame): string => JSON.stringify([options.shellUrl, options.sandbox, options.allow]);

/** Removes the preloaded frame for `key`, unless `entry` says which one and it is no longer that one. */
function discard(key: string, entry = preloaded.get(key)): void {
  if (!entry || preloaded.get(key) !== entry) return;
  preloaded.delete(key);
  entry.shell.close();
  entry.holder.remove();
}

/**
 * `preloadedShells.take`: the frame loaded for `options`, moved into `container` with its page
 * alive, its load reported to `onLoad` at once as a new frame's would be. A frame still loading
 * gives no head start worth a special case, and without moveBefore the move would reload the page:
 * then the mount opens its own frame.
 */
function take(options: ResolvedShellFrame, container: HTMLElement, onLoad: () => void): ShellFrame | undefined {
  const key = frameKey(options);
  const entry = preloaded.get(key);
  if (!entry?.loaded || !moveFrameAlive(entry.shell.frame, container)) return void discard(key);
  preloaded.delete(key);
  entry.holder.remove();
  entry.onLoad = onLoad;
  onLoad();
  return entry.shell;
}

/**
 * Loads the shell page now, in a hidden frame, for the next `mountConnectionBar` whose `shellUrl`,
 * `sandbox` and `allow` are the same (defaults applied): that mount takes the frame over, page
 * alive, and its `ready` no longer waits for the shell page to load. Call it when the phone panel
 * is likely to be opened soon (the CRM's start, a hover on the phone button). It needs no token and
 * reaches neither CEC nor the enterprise backend: only the shell page is loaded, so the mount still
 * waits for the token, CEC's loader and the bar page. For a bar that is ready the moment the panel
 * opens, mount it in the background (into a hidden element) and `moveTo` the panel instead
 * (docs/integration.md, "When the phone panel opens later").
 *
 * The frame stays, holding a renderer process, until a mount takes it over or `abandon()` removes
 * it. Preloading the same shell again returns a handle on the same frame. A mount takes a preloaded
 * frame over only where the browser moves frames alive (`Element.moveBefore`, Chromium 133+);
 * elsewhere it drops the preload and loads its own frame, as it would without one. A preloaded page
 * that failed to load (a 404) costs that mount one attempt: its retry loads a new frame.
 *
 * @throws `BarError` with code `INVALID_OPTIONS` (the option named in `details.option`) for a
 *   `shellUrl`, `sandbox` or `allow` that `mountConnectionBar` would refuse. Nothing else: a page
 *   that fails to load is found out by the mount.
 * @example
 * ```ts
 * import { mountConnectionBar, preloadConnectionBar, type ConnectionBar } from 'cec-bar-host';
 * const shellUrl = 'https://bar.crm.example.com/shell/shell.html';
 * const preload = preloadConnectionBar({ shellUrl });
 * let phone: ConnectionBar | undefined;
 * document.querySelector('#phone-button')?.addEventListener('click', () => {
 *   phone ??= mountConnectionBar({ ...options, container: '#phone-panel', shellUrl }); // takes the frame over
 * });
 * window.addEventListener('pagehide', () => preload.abandon()); // nothing to do once a mount took it
 * ```
 */
export function preloadConnectionBar(options: PreloadOptions): ConnectionBarPreload {
  const shellFrame = resolveShellFrame(options, document);
  const key = frameKey(shellFrame);
  preloadedShells.take = take;
  let entry = preloaded.get(key);
  if (!entry) {
    const holder = hiddenHolder();
    const created: Preloaded = {
      holder,
      loaded: false,
      onLoad() {
        created.loaded = true;
      },
      shell: createShellFrame(shellFrame, holder, () => created.onLoad()),
    };
    preloaded.set(key, (entry = created));
  }
  const mine = entry;
  // Taken over by a mount (the bar owns the frame then), or abandoned already: nothing to do.
  return { abandon: () => discard(key, mine) };
}
