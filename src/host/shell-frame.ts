/**
 * The shell iframe, created through a hardened postmate subclass. postmate 1.5.2 creates and
 * appends the frame; our `sendHandshake` override sets `sandbox` and `allow` BEFORE `src` (they do
 * nothing until the next navigation otherwise) and then hands control back to the host, which runs
 * the handshake itself: postmate's own handshake never rejects, leaks its reply listener and its
 * retry interval when the child never answers, and its parent listener checks no `source`
 * (docs/toolchain.md §3). The wire format stays postmate's, so the shell's `Postmate.Model` answers it.
 */
import Postmate from 'postmate';

/** @example const f = openShellFrame({ container, url, origin, sandbox, allow, onLoad: () => loads++ }); f.close(); */
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

/**
 * @example
 * const { frame, close } = openShellFrame({ container: el, url: 'https://b.example/shell/', origin: 'https://b.example',
 *   sandbox: 'allow-scripts allow-same-origin', allow: 'microphone', onLoad: () => {} });
 */
export function openShellFrame(o: {
  readonly container: HTMLElement;
  readonly url: string;
  readonly origin: string;
  readonly sandbox: string;
  readonly allow: string;
  onLoad(): void;
}): ShellFrame {
  let frame: HTMLIFrameElement | undefined;
  class HardenedPostmate extends Postmate {
    sendHandshake(url: string): object {
      const f = (this as unknown as { frame: HTMLIFrameElement }).frame;
      f.setAttribute('sandbox', o.sandbox);
      f.setAttribute('allow', o.allow);
      f.title = 'CEC connection bar';
      f.style.border = '0';
      f.addEventListener('load', o.onLoad);
      f.src = url; // first navigation: after sandbox and allow
      frame = f;
      return {}; // the Postmate constructor returns this instead of its never-rejecting promise
    }
  }
  new HardenedPostmate({ container: o.container, url: o.url, classListArray: ['cec-bar-host'] });
  const f = frame as HTMLIFrameElement;
  return {
    frame: f,
    holdsShellDocument() {
      // A page of another origin is hidden from this one (null): the shell's, or an error page.
      const document = f.contentDocument;
      if (document === null) return f.contentWindow !== null;
      // Readable: the initial about:blank, unless the shell shares this page's origin.
      return document.URL !== 'about:blank' && document.location.origin === o.origin;
    },
    close() {
      f.removeEventListener('load', o.onLoad);
      f.remove();
    },
  };
}
