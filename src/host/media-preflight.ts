/**
 * `bar.checkMedia()`: asks the shell (the `checkMedia` host command), which sees every frame level
 * the bar's phone depends on (a frame is only a secure context, and only gets the microphone, when
 * every ancestor allows it). The shell computes the sentences; the host only checks the answer's
 * shape lightly, because the host bundle has a 15 KB budget.
 */
import type { MediaCheck } from '../protocol/media.js';

/**
 * @example
 * const r = await checkMediaWith(() => askShell({ kind: 'checkMedia' }));
 * r.problems; // ["the CRM's iframe lacks allow=microphone: …"]
 */
export async function checkMediaWith(ask: () => Promise<unknown>): Promise<MediaCheck> {
  const r = (await ask().catch(() => 0)) as MediaCheck;
  return r?.delegated && Array.isArray(r.problems) && r.problems.every((p) => typeof p == 'string')
    ? r
    : // No usable answer: the figures are unknown; say only that.
      { secureContext: isSecureContext, microphonePermission: 'unknown', delegated: { hostFrame: false, barFrame: null }, devices: 0, webrtc: false, problems: ['the bar shell did not answer (is bar.state ready?)'] };
}
