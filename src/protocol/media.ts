/**
 * The media check shared by the shell (which runs it) and the host (`bar.checkMedia()`).
 * The mock's WebRTC signalling shapes live with the mock, in mock-fabric/signal-wire.ts.
 */

/**
 * `navigator.permissions` state of the microphone; `unknown` when the browser cannot say.
 *
 * @example
 * ```ts
 * const check = await bar.checkMedia();
 * if (check.microphonePermission === 'prompt') crm.toast('Allow the microphone when the browser asks');
 * ```
 */
export type MicPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

/**
 * Result of `bar.checkMedia()`: can the bar's WebRTC phone work here, and if not, why.
 *
 * @example
 * ```ts
 * const check = await bar.checkMedia();
 * if (check.problems.length > 0) showSupportHint(check.problems.join('\n'));
 * ```
 */
export interface MediaCheck {
  /** The shell frame is a secure context (HTTPS or localhost): browsers give microphones only to those. */
  readonly secureContext: boolean;
  /** The microphone permission as the shell frame sees it. */
  readonly microphonePermission: MicPermission;
  /**
   * Whether each frame level got the microphone: `hostFrame` is the CRM's `allow` on the shell
   * frame, `barFrame` the shell's on CEC's `ccbarclient` frame (`null` before the bar loaded).
   */
  readonly delegated: {
    /** The CRM's iframe allows the microphone (see `DEFAULT_ALLOW`). */
    readonly hostFrame: boolean;
    /** The shell's `ccbarclient` frame allows the microphone; `null` while there is no bar frame. */
    readonly barFrame: boolean | null;
  };
  /** How many audio input devices the browser lists; 0: no microphone. */
  readonly devices: number;
  /** `RTCPeerConnection` exists. */
  readonly webrtc: boolean;
  /** Sentences a support engineer can act on; empty when the phone can work. */
  readonly problems: readonly string[];
  /** The camera, as the shell sees it (video calls only; absent from an older shell). */
  readonly camera?: CameraCheck;
  /** Sentences about video calls only (an audio-only desk may ignore them); empty when the camera can work. */
  readonly videoProblems?: readonly string[];
}

/**
 * The camera half of a media check: what a video call needs beyond the microphone.
 *
 * @example
 * ```ts
 * const check = await bar.checkMedia();
 * if (check.camera?.devices === 0) crm.toast('No camera: video calls will show no picture of you');
 * ```
 */
export interface CameraCheck {
  /** The camera permission as the shell frame sees it. */
  readonly permission: MicPermission;
  /** How many video input devices the browser lists. */
  readonly devices: number;
  /** Whether each frame level got the camera (`barFrame` `null` before the bar loaded). */
  readonly delegated: {
    /** The CRM's iframe allows the camera. */
    readonly hostFrame: boolean;
    /** The shell's `ccbarclient` frame allows the camera. */
    readonly barFrame: boolean | null;
  };
}

/**
 * The plain sentences about the camera (what `videoProblems` holds), most fundamental first.
 *
 * @param c - The camera half of a media check.
 * @example
 * videoProblems({ permission: 'granted', devices: 1, delegated: { hostFrame: true, barFrame: false } });
 * // → ['the bar frame (ccbarclient) lacks allow=camera: video calls will show no picture of the agent']
 */
export function videoProblems(c: CameraCheck): string[] {
  const p: string[] = [];
  const noPicture = 'video calls will show no picture of the agent';
  if (!c.delegated.hostFrame) p.push(`the CRM's iframe lacks allow=camera: ${noPicture}; add allow="microphone; camera; autoplay" to the bar's iframe`);
  else if (c.delegated.barFrame === false) p.push(`the bar frame (ccbarclient) lacks allow=camera: ${noPicture}`);
  if (c.permission === 'denied' && c.delegated.hostFrame) p.push(`the agent denied the camera: ${noPicture}; allow it in the browser's site settings for the bar, then reload`);
  if (c.devices === 0) p.push(`no camera was found: ${noPicture}; plug in a camera or enable it in the operating system`);
  return p;
}

/**
 * The plain sentences behind a media check, most fundamental first (what `problems` holds).
 *
 * @param c - A media check without its `problems`.
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
