/**
 * The shell's half of the media preflight (`checkMedia` host command), found without prompting the
 * agent. The shell sees the host's side too: its own frame is a secure context, and may use the
 * microphone, only when the CRM page and the CRM's iframe allow it.
 */
import { mediaProblems, videoProblems, type CameraCheck, type MediaCheck, type MicPermission } from '../protocol/media.js';

type Policy = { allowsFeature(feature: string): boolean };

/** The `ccbarclient` frame lists `feature` in `allow` (and, where the browser says, gets it). */
function frameAllows(frame: HTMLIFrameElement, feature: string): boolean {
  const listed = (frame.getAttribute('allow') ?? '').split(';').some((s) => s.trim().split(/\s+/)[0] === feature);
  const policy = (frame as HTMLIFrameElement & { featurePolicy?: Policy }).featurePolicy;
  return listed && (policy ? policy.allowsFeature(feature) : true);
}

/** A permission's state, or `unknown` when the browser cannot say. */
async function permissionOf(win: Window, name: 'microphone' | 'camera'): Promise<MicPermission> {
  try {
    return (await win.navigator.permissions.query({ name: name as PermissionName })).state;
  } catch {
    return 'unknown';
  }
}

/**
 * @example
 * const r = await shellMediaCheck(window, document.querySelector('iframe[name="ccbarclient"]'));
 * r.problems; // [] when the phone can work
 */
export async function shellMediaCheck(win: Window, barFrame: HTMLIFrameElement | null): Promise<MediaCheck> {
  const policy = (win.document as Document & { featurePolicy?: Policy }).featurePolicy;
  const hostFrame = policy ? policy.allowsFeature('microphone') : true;
  const hostFrameCamera = policy ? policy.allowsFeature('camera') : true;
  const md = win.navigator.mediaDevices as MediaDevices | undefined;
  const listed = md ? await md.enumerateDevices().catch(() => []) : [];
  const facts = {
    secureContext: win.isSecureContext,
    microphonePermission: await permissionOf(win, 'microphone'),
    delegated: { hostFrame, barFrame: barFrame ? hostFrame && frameAllows(barFrame, 'microphone') : null },
    devices: listed.filter((d) => d.kind === 'audioinput').length,
    webrtc: typeof (win as Window & { RTCPeerConnection?: unknown }).RTCPeerConnection === 'function',
  };
  const camera: CameraCheck = {
    permission: await permissionOf(win, 'camera'),
    devices: listed.filter((d) => d.kind === 'videoinput').length,
    delegated: { hostFrame: hostFrameCamera, barFrame: barFrame ? hostFrameCamera && frameAllows(barFrame, 'camera') : null },
  };
  return { ...facts, problems: mediaProblems(facts), camera, videoProblems: videoProblems(camera) };
}
