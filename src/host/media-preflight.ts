/**
 * `bar.checkMedia()`: the host's half of the media preflight (its own page and the shell iframe's
 * `allow`), merged with the shell's answer to the `checkMedia` command, into sentences a support
 * engineer can act on.
 */
import { mediaProblems, shellMediaCheckSchema, type MediaCheck } from '../protocol/media.js';

/**
 * @example
 * const r = await checkMediaWith(shellIframe, () => askShell({ kind: 'checkMedia' }));
 * r.problems; // ["the CRM's iframe lacks allow=microphone: …"]
 */
export async function checkMediaWith(frame: HTMLIFrameElement | undefined, ask: () => Promise<unknown>): Promise<MediaCheck> {
  const allowed = (frame?.getAttribute('allow') ?? '').split(';').some((s) => s.trim().split(/\s+/)[0] === 'microphone');
  const r = shellMediaCheckSchema.safeParse(await ask().catch(() => 0));
  const s = r.success ? r.data : undefined;
  const c = {
    secureContext: isSecureContext && (s?.secureContext ?? true),
    microphonePermission: s?.microphonePermission ?? 'unknown',
    delegated: { hostFrame: allowed && (s?.hostFrame ?? true), barFrame: s?.barFrame ?? null },
    devices: s?.devices ?? 0,
    webrtc: s?.webrtc ?? typeof RTCPeerConnection == 'function',
  } as const;
  // Without the shell's answer the other figures are guesses: say only that.
  return { ...c, problems: s ? mediaProblems(c) : ['the bar shell did not answer the media check: is the bar connected (bar.state)?'] };
}
