/**
 * Finds the `ccbarclient` frame the bar script creates, makes sure it may use the microphone,
 * camera and autoplay, and reports each of its loads (the first, then every reload).
 */

/**
 * What the bar frame must be allowed (docs/toolchain.md §3.2: on every frame level).
 *
 * @example
 * ```ts
 * import { BAR_FRAME_ALLOW } from 'cec-bar-host/frame';
 * const allow = BAR_FRAME_ALLOW.join('; '); // 'microphone; camera; autoplay'
 * ```
 */
export const BAR_FRAME_ALLOW = ['microphone', 'camera', 'autoplay'] as const;
/**
 * The `name` of the iframe CEC's bar script creates (the target of `eventpost` and `callout`).
 *
 * @example
 * ```ts
 * import { BAR_FRAME_NAME } from 'cec-bar-host/frame';
 * const barFrame = document.querySelector<HTMLIFrameElement>(`iframe[name="${BAR_FRAME_NAME}"]`);
 * ```
 */
export const BAR_FRAME_NAME = 'ccbarclient';

/**
 * A running watch, as {@link watchBarFrame} returns it.
 *
 * @example
 * ```ts
 * import { watchBarFrame } from 'cec-bar-host/frame';
 * const watch = watchBarFrame(document, () => undefined);
 * const barWindow = () => watch.frame?.contentWindow ?? null;
 * ```
 */
export interface BarFrameWatch {
  /** The bar frame, once the bar script created it. */
  readonly frame: HTMLIFrameElement | null;
  /** Stops watching the document and the frame's loads. */
  stop(): void;
}

/**
 * True when an `allow` attribute grants every feature the bar needs ({@link BAR_FRAME_ALLOW}).
 *
 * @param allow - An iframe's `allow` attribute, or null.
 * @example
 * ```ts
 * import { allowsBarFeatures } from 'cec-bar-host/frame';
 * allowsBarFeatures('microphone; camera; autoplay'); // true
 * allowsBarFeatures('microphone'); // false
 * ```
 */
export function allowsBarFeatures(allow: string | null): boolean {
  const granted = new Set((allow ?? '').split(';').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean));
  return BAR_FRAME_ALLOW.every((f) => granted.has(f));
}

function addAllow(allow: string | null): string {
  const parts = (allow ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  const names = new Set(parts.map((p) => p.split(/\s+/)[0]));
  for (const f of BAR_FRAME_ALLOW) if (!names.has(f)) parts.push(f);
  return parts.join('; ');
}

/**
 * Watch the document for the bar frame; `onLoad(frame, n)` runs on its n-th `load` (1 = first).
 * A frame that lacks {@link BAR_FRAME_ALLOW} gets it, and is navigated again so that it applies.
 *
 * @param doc - The shell page's document.
 * @param onLoad - Runs on every load of the bar frame.
 * @example
 * ```ts
 * import { watchBarFrame } from 'cec-bar-host/frame';
 * import { buildEventpost } from 'cec-bar-host/protocol';
 * watchBarFrame(document, (barFrame) => barFrame.contentWindow?.postMessage(buildEventpost(['AgentEvent_Talking']), cecOrigin));
 * ```
 */
export function watchBarFrame(doc: Document, onLoad: (frame: HTMLIFrameElement, loadCount: number) => void): BarFrameWatch {
  let frame: HTMLIFrameElement | null = null;
  let loads = 0;
  const onFrameLoad = (): void => {
    if (!frame) return;
    loads += 1;
    onLoad(frame, loads);
  };
  const adopt = (el: HTMLIFrameElement): void => {
    frame = el;
    el.addEventListener('load', onFrameLoad);
    if (!allowsBarFeatures(el.getAttribute('allow'))) {
      // The policy is fixed when navigation starts: set it, then navigate again so it applies.
      el.setAttribute('allow', addAllow(el.getAttribute('allow')));
      const src = el.getAttribute('src');
      if (src) el.setAttribute('src', src);
    }
  };
  const scan = (): void => {
    if (frame) return;
    const el = doc.querySelector<HTMLIFrameElement>(`iframe[name="${BAR_FRAME_NAME}"]`);
    if (el) adopt(el);
  };
  const observer = new MutationObserver(scan);
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['name'] });
  scan();
  return {
    get frame() {
      return frame;
    },
    stop() {
      observer.disconnect();
      frame?.removeEventListener('load', onFrameLoad);
    },
  };
}
