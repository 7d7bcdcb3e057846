/**
 * The shell's half of the media preflight (`checkMedia` host command), found without prompting the
 * agent. The shell sees the host's side too: its own frame is a secure context, and may use the
 * microphone, only when the CRM page and the CRM's iframe allow it.
 */
import { mediaProblems, type MediaCheck, type MicPermission } from '../protocol/media.js';

type Policy = { allowsFeature(feature: string): boolean };

/** The `ccbarclient` frame lists microphone in `allow` (and, where the browser says, gets it). */
function frameAllowsMic(frame: HTMLIFrameElement): boolean {
  const listed = (frame.getAttribute('allow') ?? '').split(';').some((s) => s.trim().split(/\s+/)[0] === 'microphone');
  const policy = (frame as HTMLIFrameElement & { featurePolicy?: Policy }).featurePolicy;
  return listed && (policy ? policy.allowsFeature('microphone') : true);
}

/**
 * @example
 * const r = await shellMediaCheck(window, document.querySelector('iframe[name="ccbarclient"]'));
 * r.problems; // [] when the phone can work
 */
export async function shellMediaCheck(win: Window, barFrame: HTMLIFrameElement | null): Promise<MediaCheck> {
  const policy = (win.document as Document & { featurePolicy?: Policy }).featurePolicy;
  const hostFrame = policy ? policy.allowsFeature('microphone') : true;
  let microphonePermission: MicPermission = 'unknown';
  try {
    microphonePermission = (await win.navigator.permissions.query({ name: 'microphone' as PermissionName })).state;
  } catch {
    /* the browser cannot say */
  }
  const md = win.navigator.mediaDevices as MediaDevices | undefined;
  const devices = md ? (await md.enumerateDevices().catch(() => [])).filter((d) => d.kind === 'audioinput').length : 0;
  const facts = {
    secureContext: win.isSecureContext,
    microphonePermission,
    delegated: { hostFrame, barFrame: barFrame ? hostFrame && frameAllowsMic(barFrame) : null },
    devices,
    webrtc: typeof (win as Window & { RTCPeerConnection?: unknown }).RTCPeerConnection === 'function',
  };
  return { ...facts, problems: mediaProblems(facts) };
}
