/**
 * The mock bar's WebRTC phone (docs/cec-reference.md §7): Register takes the microphone; a connected call gets
 * an RTCPeerConnection to the customer phone page or to a virtual customer; hold and mute act on
 * the media. When the phone cannot work (no microphone, no permission, no secure context, no
 * WebRTC) the bar says so and the mock sets the agent busy with CEC reason 5 (phone unavailable).
 */
import type { AgentSession, BarMedia, CallView, MediaStatus, MediaTestStats } from './index.js';
import { phoneBlocker, micErrorText } from './probe.js';
import { SignalChannel, agentCredentials, reportPhone, signalBaseFor } from './signal-client.js';
import { startAgentLeg, type CallLeg, type LegVideo } from './call-leg.js';
import { findVideoView, type VideoView } from './video-view.js';
import { openCamera } from './camera.js';

export interface WebRtcPhoneConfig {
  readonly workNo: string;
  /** The agent's phone type from the bar config; only `webrtc` uses the browser. */
  readonly media: string;
  /** Test hook: expose `window.__ccbarMediaStats()`. */
  readonly mediaStats?: boolean;
}

const NO_PHONE_TEXT: Record<string, string> = {
  none: 'No phone in this bar (media: none): calls run without audio.',
  softphone: 'This agent uses a desktop softphone, not the browser phone.',
  pstn: 'This agent answers on a mobile or fixed phone, not the browser phone.',
};

/**
 * Build the phone for one bar.
 *
 * @example
 * const phone = createWebRtcPhone({ workNo: '101', media: 'webrtc' }, window, { guid: () => gateway.currentGuid });
 * await phone.register();
 */
export function createWebRtcPhone(cfg: WebRtcPhoneConfig, win: Window, session: AgentSession): BarMedia {
  const base = signalBaseFor(win.location.href);
  const credentials = agentCredentials(() => session.guid());
  const listeners = new Set<() => void>();
  const browserPhone = cfg.media === 'webrtc';
  let status: MediaStatus = browserPhone ? 'unregistered' : 'unavailable';
  let statusText = browserPhone ? 'Not registered. Select Register to use the browser phone.' : (NO_PHONE_TEXT[cfg.media] ?? 'No browser phone.');
  let mic: MediaStream | null = null;
  let audio: AudioContext | null = null;
  let leg: CallLeg | null = null;
  let legCall: string | null = null;
  let legsStarted = 0;
  let legError = '';
  let view: CallView = { signedIn: false, callId: null, callState: 'none', muted: false };
  let camera: MediaStream | null = null;
  let cameraOn = false;
  // Looked up at the first video call: the bar's DOM is not needed before.
  let videoPanel: VideoView | null = null;
  const videoView = (): VideoView =>
    (videoPanel ??= findVideoView(win.document, () => {
      if (!leg) return;
      cameraOn = !cameraOn;
      videoView().setCameraOn(cameraOn);
      void leg.setCamera(cameraOn);
    }));

  const set = (s: MediaStatus, text: string): void => {
    status = s;
    statusText = text;
    for (const l of [...listeners]) l();
  };
  /** Phone unavailable: say it, and let the mock set the agent busy (reason 5) while signed in. */
  const unavailable = (why: string): void => {
    set('unavailable', `Phone unavailable: ${why}.`);
    if (view.signedIn) void reportPhone(base, cfg.workNo, credentials, false, why).catch(() => undefined);
  };

  const closeLeg = (): void => {
    leg?.close();
    leg = null;
    legCall = null;
    for (const track of camera?.getTracks() ?? []) track.stop();
    camera = null;
    videoPanel?.close();
  };

  /** A video call: the camera (asked for now, not at Register: audio agents are never prompted for it) and the panel. */
  const startVideo = async (): Promise<LegVideo> => {
    const opened = await openCamera(win);
    camera = opened.stream;
    if (opened.problem) legError = opened.problem;
    const track = camera?.getVideoTracks()[0] ?? null;
    cameraOn = track !== null;
    videoView().open(camera);
    return { camera: track, showRemote: (stream) => videoView().showRemote(stream) };
  };

  const openLeg = async (callId: string): Promise<void> => {
    const track = mic?.getAudioTracks()[0];
    if (!track || !audio) return;
    legCall = callId;
    legsStarted += 1;
    legError = '';
    try {
      const channel = new SignalChannel(base, callId, 'agent', credentials);
      const opened = await startAgentLeg(channel, track, audio, win.document, startVideo);
      if (legCall !== callId) return opened.close(); // the call ended meanwhile
      leg = opened;
      leg.setMuted(view.muted);
      await leg.setHeld(view.callState === 'held');
    } catch (err) {
      legError = err instanceof Error ? err.message : String(err);
      if (legCall === callId) legCall = null;
    }
  };

  const phone: BarMedia = {
    get status() {
      return status;
    },
    get statusText() {
      return statusText;
    },
    async register() {
      if (!browserPhone || status === 'registered' || status === 'registering') return;
      set('registering', 'Registering the browser phone…');
      const blocker = await phoneBlocker(win);
      if (blocker) return unavailable(blocker);
      try {
        mic = await win.navigator.mediaDevices.getUserMedia({ audio: true });
      } catch (err) {
        return unavailable(micErrorText(err));
      }
      // Created on the Register click, so the autoplay policy lets the virtual customer's tone run.
      audio = new AudioContext();
      set('registered', 'Registered: calls ring in this browser.');
    },
    async unregister() {
      closeLeg();
      for (const t of mic?.getTracks() ?? []) t.stop();
      mic = null;
      await audio?.close().catch(() => undefined);
      audio = null;
      if (browserPhone) set('unregistered', 'Not registered. Select Register to use the browser phone.');
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    follow(next) {
      const before = view;
      view = next;
      if (next.signedIn && !before.signedIn && browserPhone && status !== 'registered') {
        // Checked at sign-in without prompting: a phone that cannot work sets the agent busy (reason 5).
        void phoneBlocker(win).then((why) => {
          if (why && view.signedIn && status !== 'registered') unavailable(why);
          else if (status === 'unavailable' && !why) set('unregistered', 'Not registered. Select Register to use the browser phone.');
        });
      }
      if (!next.signedIn && before.signedIn && status === 'registered') void phone.unregister();
      const live = next.callId !== null && (next.callState === 'talking' || next.callState === 'held');
      if (!live || (legCall !== null && legCall !== next.callId)) closeLeg();
      if (live && next.callId && legCall === null && status === 'registered') void openLeg(next.callId);
      if (leg && next.muted !== before.muted) leg.setMuted(next.muted);
      if (leg && (next.callState === 'held') !== (before.callState === 'held')) void leg.setHeld(next.callState === 'held');
    },
    async stats(): Promise<MediaTestStats> {
      return { phone: status, legsStarted, legError, leg: leg && !leg.closed ? await leg.stats() : null };
    },
  };
  if (cfg.mediaStats) (win as Window & { __ccbarMediaStats?: () => Promise<MediaTestStats> }).__ccbarMediaStats = () => phone.stats?.() ?? Promise.reject(new Error('no stats'));
  return phone;
}
