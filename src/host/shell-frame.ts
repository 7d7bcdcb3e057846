/**
 * The shell iframe. It is created here, not by postmate's parent class: all that class would add
 * is a handshake that never rejects, leaks its reply listener and its retry interval when the
 * child never answers, and a parent listener that checks no `source` (docs/toolchain.md §3). The
 * host runs the handshake itself on postmate's wire format, so the shell's link (src/frame/parent-link.ts)
 * answers it.
 *
 * A frame `preloadConnectionBar` loaded ahead is taken over by the next `openShellFrame` for the
 * same page and attributes (through `preloadedShells`) instead of loading one of its own.
 */
import type { ResolvedShellFrame } from './options.js';

/** @example const shell = openShellFrame(options, container, () => loads++); shell.close(); */
export interface ShellFrame {
  readonly frame: HTMLIFrameElement;
  /**
   * True once the frame holds a page of the shell's origin. Before that it holds the initial
   * about:blank of this page's origin, and a message posted to the shell's origin is refused with
   * a console warning.
   */
  holdsShellDocument(): boolean;
  /** Remove the frame and its listener; idempotent. */
  close(): void;
}

/** Where `openShellFrame` looks first: `preloadConnectionBar` fills it in (and only it). */
export const preloadedShells: {
  /** A frame loaded ahead for `options`, moved into `container`, reporting its loads to `onLoad` from now on. */
  take?(options: ResolvedShellFrame, container: HTMLElement, onLoad: () => void): ShellFrame | undefined;
} = {};

/**
 * A preloaded frame of the same page and attributes, moved into `container`, or else a new frame.
 * @example
 * const shell = openShellFrame(resolveShellFrame({ shellUrl: 'https://b.example/shell/' }, document), panel, () => {});
 */
export function openShellFrame(options: ResolvedShellFrame, container: HTMLElement, onLoad: () => void): ShellFrame {
  return preloadedShells.take?.(options, container, onLoad) ?? createShellFrame(options, container, onLoad);
}

/** A new frame loading the shell page in `container`. @example const shell = createShellFrame(options, hiddenHolder(), () => {}); */
export function createShellFrame(options: ResolvedShellFrame, container: HTMLElement, onLoad: () => void): ShellFrame {
  const frame = document.createElement('iframe');
  frame.className = 'cec-bar-host';
  frame.title = 'CEC connection bar';
  // The frame fills its container, so the CRM sizes the container (the bar needs about
  // 360 × 600 px expanded); an unstyled iframe would be 300 × 150 whatever the container's size.
  frame.style.cssText = 'border: 0; display: block; width: 100%; height: 100%;';
  // sandbox and allow only take effect when the frame navigates: set them before the first src.
  frame.setAttribute('sandbox', options.sandbox);
  frame.setAttribute('allow', options.allow);
  // src before insertion: the frame navigates as it is inserted. Inserted first, it would build an
  // about:blank document of this page's origin synchronously, which delayed the shell's request
  // by 4-10 ms of this page's main thread (bench/browser.mjs, mount profile).
  frame.src = options.shellUrl;
  container.appendChild(frame);
  // Listened to after insertion: a load of the initial about:blank is not the shell's.
  frame.addEventListener('load', onLoad);
  return {
    frame,
    holdsShellDocument() {
      // A page of another origin is hidden from this one (null): the shell's, or an error page.
      const document = frame.contentDocument;
      if (document === null) return frame.contentWindow !== null;
      // Readable: the initial about:blank, unless the shell shares this page's origin.
      return document.URL !== 'about:blank' && document.location.origin === options.shellOrigin;
    },
    close() {
      frame.removeEventListener('load', onLoad);
      frame.remove();
    },
  };
}
