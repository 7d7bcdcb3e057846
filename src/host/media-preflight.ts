/**
 * `bar.checkMedia()`: asks the shell (the `checkMedia` host command), which sees every frame level
 * the bar's phone depends on (a frame is only a secure context, and only gets the microphone, when
 * every ancestor allows it). The shell computes the sentences; the host only glances at the
 * answer's shape, because the host bundle has a 15 KB budget.
 */
import type { MediaCheck } from '../protocol/media.js';

/**
 * @example
 * const r = await checkMediaWith(() => askShell({ kind: 'checkMedia' }));
 * r.problems; // ["the CRM's iframe lacks allow=microphone: …"]
 */
export async function checkMediaWith(ask: () => Promise<unknown>): Promise<MediaCheck> {
  const r = (await ask().catch(() => 0)) as MediaCheck;
  // The shell is our own page behind the origin, source and session checks; a shape glance is enough.
  return Array.isArray(r?.problems)
    ? r
    : // No usable answer: the figures are unknown; say only that.
      { secureContext: isSecureContext, microphonePermission: 'unknown', delegated: { hostFrame: false, barFrame: null }, devices: 0, webrtc: false, problems: ['the bar shell did not answer (is bar.state ready?)'] };
}
