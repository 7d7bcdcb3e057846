/**
 * Why the browser phone cannot work here, found without prompting the agent, and the plain
 * sentence for a `getUserMedia` failure.
 */

/**
 * A plain reason the phone cannot work in `win`, or null when it may (the microphone prompt may
 * still be refused later).
 *
 * @example
 * const why = await phoneBlocker(window); // e.g. 'no microphone was found'
 */
export async function phoneBlocker(win: Window): Promise<string | null> {
  if (!win.isSecureContext) return 'this page is not a secure context (HTTPS or localhost is required)';
  if (typeof (win as Window & { RTCPeerConnection?: unknown }).RTCPeerConnection !== 'function') return 'this browser has no WebRTC';
  const md = win.navigator.mediaDevices as MediaDevices | undefined;
  if (!md?.getUserMedia) return 'this browser cannot use a microphone here';
  const policy = (win.document as Document & { featurePolicy?: { allowsFeature(f: string): boolean } }).featurePolicy;
  if (policy && !policy.allowsFeature('microphone')) return 'the page embedding the bar does not allow the microphone (iframe allow=microphone)';
  try {
    const st = await win.navigator.permissions.query({ name: 'microphone' as PermissionName });
    if (st.state === 'denied') return 'the microphone is blocked for this bar';
  } catch {
    /* no permissions API: find out at getUserMedia */
  }
  const devices = await md.enumerateDevices().catch(() => []);
  if (!devices.some((d) => d.kind === 'audioinput')) return 'no microphone was found';
  return null;
}

/**
 * The plain sentence for a `getUserMedia` rejection of the microphone.
 *
 * @example
 * micErrorText(new DOMException('', 'NotAllowedError')); // 'the microphone is blocked for this bar'
 */
export function micErrorText(err: unknown): string {
  return mediaErrorText(err, 'microphone');
}

/**
 * The plain sentence for a `getUserMedia` rejection of `device`.
 *
 * @example
 * mediaErrorText(new DOMException('', 'NotFoundError'), 'camera'); // 'no camera was found'
 */
export function mediaErrorText(err: unknown, device: 'microphone' | 'camera'): string {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return `the ${device} is blocked for this bar`;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `no ${device} was found`;
  if (name === 'NotReadableError' || name === 'AbortError') return `the ${device} is in use by another program or failed`;
  return `the ${device} could not be opened (${name || String(err)})`;
}
