/**
 * `bar.checkMedia()`: asks the shell (the `checkMedia` host command), which sees every frame level
 * the bar's phone depends on (a frame is only a secure context, and only gets the microphone, when
 * every ancestor allows it), and checks its answer by hand: the host bundle has a size budget.
 */
import { isMediaCheck, type MediaCheck } from '../protocol/media.js';

/**
 * @example
 * const r = await checkMediaWith(() => askShell({ kind: 'checkMedia' }));
 * r.problems; // ["the CRM's iframe lacks allow=microphone: …"]
 */
export async function checkMediaWith(ask: () => Promise<unknown>): Promise<MediaCheck> {
  const r = await ask().catch(() => 0);
  return isMediaCheck(r)
    ? r
    : {
        // No (valid) answer: the figures are unknown; say only that.
        secureContext: isSecureContext,
        microphonePermission: 'unknown',
        delegated: { hostFrame: false, barFrame: null },
        devices: 0,
        webrtc: false,
        problems: ['the bar shell did not answer the media check: is the bar connected (bar.state)?'],
      };
}
