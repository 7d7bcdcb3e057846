/**
 * The media check shared by the shell (which runs it) and the host (`bar.checkMedia()`).
 * The mock's WebRTC signalling shapes live with the mock, in mock-fabric/signal-wire.ts.
 */

/** `navigator.permissions` state of the microphone; `unknown` when the browser cannot say. */
export type MicPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

/**
 * Result of `bar.checkMedia()`.
 * @example
 * const r: MediaCheck = await bar.checkMedia();
 * if (r.problems.length) supportTicket(r.problems.join('\n'));
 */
export interface MediaCheck {
  readonly secureContext: boolean;
  readonly microphonePermission: MicPermission;
  readonly delegated: { readonly hostFrame: boolean; readonly barFrame: boolean | null };
  readonly devices: number;
  readonly webrtc: boolean;
  /** Sentences a support engineer can act on; empty when the phone can work. */
  readonly problems: readonly string[];
}

/**
 * The plain sentences behind a media check, most fundamental first.
 * @example
 * mediaProblems({ secureContext: true, microphonePermission: 'denied', delegated: { hostFrame: true, barFrame: true }, devices: 1, webrtc: true });
 * // → ['the agent denied the microphone: allow it in the browser's site settings for the bar, then reload']
 */
export function mediaProblems(c: Omit<MediaCheck, 'problems'>): string[] {
  const p: string[] = [];
  if (!c.secureContext) p.push('the page is not a secure context: serve the CRM and the bar over HTTPS (or localhost)');
  if (!c.webrtc) p.push('this browser has no WebRTC (RTCPeerConnection): use a current Chrome, Edge or Firefox');
  if (!c.delegated.hostFrame) p.push("the CRM's iframe lacks allow=microphone: add allow=\"microphone; camera; autoplay\" to the bar's iframe");
  else if (c.delegated.barFrame === false) p.push('the bar frame (ccbarclient) lacks allow=microphone: the shell could not delegate the microphone to it');
  if (c.microphonePermission === 'denied' && c.delegated.hostFrame) p.push("the agent denied the microphone: allow it in the browser's site settings for the bar, then reload");
  if (c.devices === 0) p.push('no microphone was found: plug in a headset or enable the microphone in the operating system');
  return p;
}
