/**
 * The shell iframe. It is created here, not by postmate's parent class: all that class would add
 * is a handshake that never rejects, leaks its reply listener and its retry interval when the
 * child never answers, and a parent listener that checks no `source` (docs/toolchain.md §3). The
 * host runs the handshake itself on postmate's wire format, so the shell's `Postmate.Model`
 * answers it.
 *
 * A frame `preloadConnectionBar` loaded ahead waits in `preloadedShells`; the next
 * `openShellFrame` for the same page and attributes takes it over instead of loading its own.
 */
import { moveFrameAlive } from './frame-placement.js';
import type { ResolvedShellFrame } from './options.js';

/** @example const shell = openShellFrame(options, container, () => loads++); shell.close(); */
export interface ShellFrame {
  readonly frame: HTMLIFrameElement;
  /** `load` events of the frame since it was opened (a preloaded frame's included): more than one means the shell reloaded. */
  readonly loads: number;
  /**
   * True once the frame has loaded a page of the shell's origin. Before that it holds the initial
   * about:blank of this page's origin, and a message posted to the shell's origin is refused with
   * a console warning.
   */
  holdsShellDocument(): boolean;
  /**
   * Moves the frame into `container` with its page alive, and reports its loads to `onLoad` from
   * now on. False, and nothing moved, where the browser cannot move a frame alive.
   */
  adopt(container: HTMLElement, onLoad: () => void): boolean;
  /** Remove the frame and its listener; idempotent. */
  close(): void;
}

/** A shell frame loaded ahead by `preloadConnectionBar`, in a hidden holder of its own. */
export interface PreloadedShell {
  readonly shell: ShellFrame;
  readonly holder: HTMLElement;
}

/** Preloaded shell frames by `shellFrameKey`: one per page and attributes. */
export const preloadedShells = new Map<string, PreloadedShell>();

/**
 * Frames are interchangeable only when page, sandbox and permissions all match: sandbox and allow
 * take effect at navigation, so a frame loaded with others must never be taken over.
 * @example preloadedShells.get(shellFrameKey(options));
 */
export const shellFrameKey = (options: ResolvedShellFrame): string => JSON.stringify([options.shellUrl, options.sandbox, options.allow]);

/** Removes a preloaded frame no mount will take over, and its holder. @example discardPreloaded(preloaded); */
export function discardPreloaded(preloaded: PreloadedShell): void {
  preloaded.shell.close();
  preloaded.holder.remove();
}

/**
 * A preloaded frame of the same page and attributes, moved into `container`, or else a new frame.
 * @example
 * const shell = openShellFrame(resolveShellFrame({ shellUrl: 'https://b.example/shell/' }, document), panel, () => {});
 */
export function openShellFrame(options: ResolvedShellFrame, container: HTMLElement, onLoad: () => void): ShellFrame {
  const key = shellFrameKey(options);
  const preloaded = preloadedShells.get(key);
  preloadedShells.delete(key);
  if (preloaded?.shell.adopt(container, onLoad)) {
    preloaded.holder.remove();
    return preloaded.shell;
  }
  if (preloaded) discardPreloaded(preloaded);
  return createShellFrame(options, container, onLoad);
}

/** A new frame loading the shell page in `container`. @example const shell = createShellFrame(options, hiddenHolder(), () => {}); */
export function createShellFrame(options: ResolvedShellFrame, container: HTMLElement, onLoad: () => void): ShellFrame {
  let loads = 0;
  let reportLoad = onLoad;
  const frame = document.createElement('iframe');
  frame.className = 'cec-bar-host';
  frame.title = 'CEC connection bar';
  // The frame fills its container, so the CRM sizes the container (the bar needs about
  // 360 × 600 px expanded); an unstyled iframe would be 300 × 150 whatever the container's size.
  frame.style.cssText = 'border: 0; display: block; width: 100%; height: 100%;';
  // Inserted before it is sandboxed: Chromium warns that a sandbox with allow-scripts and
  // allow-same-origin "can escape" when the frame's document (here the first about:blank) shares
  // this page's origin. The first about:blank's load is not the shell's: listen after it.
  container.appendChild(frame);
  const onFrameLoad = (): void => {
    loads++;
    reportLoad();
  };
  frame.addEventListener('load', onFrameLoad);
  // sandbox and allow only take effect when the frame navigates: set them before the first src.
  frame.setAttribute('sandbox', options.sandbox);
  frame.setAttribute('allow', options.allow);
  frame.src = options.shellUrl;
  return {
    frame,
    get loads() {
      return loads;
    },
    holdsShellDocument() {
      // Committed but not loaded yet, the shell's script may not listen: wait for its load event.
      if (loads === 0) return false;
      // A page of another origin is hidden from this one (null): the shell's, or an error page.
      const document = frame.contentDocument;
      if (document === null) return frame.contentWindow !== null;
      // Readable: the initial about:blank, unless the shell shares this page's origin.
      return document.URL !== 'about:blank' && document.location.origin === options.shellOrigin;
    },
    adopt(next, onNextLoad) {
      if (!moveFrameAlive(frame, next)) return false;
      reportLoad = onNextLoad;
      return true;
    },
    close() {
      frame.removeEventListener('load', onFrameLoad);
      frame.remove();
    },
  };
}
