/**
 * An agent's phone outside the bar (the softphone double, a pstn agent's desk phone page): it
 * rings for the agent's calls, answers or hangs up through the mock, and carries the call's media
 * as the agent side (to a customer phone page, or to a virtual customer played in this page).
 */
import { startAgentLeg, type CallLeg, type LegStats, type LegVideo } from '../bar/media/call-leg.js';
import { openCamera } from '../bar/media/camera.js';
import { SignalChannel } from '../bar/media/signal-client.js';
import type { DeviceCall } from '../signal-wire.js';
import type { DeviceClient } from './device-client.js';

/** Where the page shows things. */
export interface AgentDeviceView {
  /** The device's call changed (null: none); `connected` once its media is open. */
  show(call: DeviceCall | null, connected: boolean): void;
  /** A video call's pictures: the customer's, and the agent's own preview. */
  showVideo(remote: MediaStream | null, preview: MediaStream | null): void;
}

export interface AgentDevice {
  /** Answer the ringing call (the page's click: it may start audio). */
  answer(): Promise<void>;
  hangup(): Promise<void>;
  /** Stop following and go away (the live call ends: the device dropped it). */
  stop(keepalive?: boolean): Promise<void>;
  stats(): Promise<LegStats | null>;
}

/**
 * Follow `device` until stopped. `mic` is the agent's microphone, opened by the page.
 *
 * @example
 * const phone = followAgentDevice(device, signalBaseFor(location.href), mic, window, view);
 * answerButton.onclick = () => void phone.answer();
 */
export function followAgentDevice(device: DeviceClient, base: string, mic: MediaStreamTrack, win: Window, view: AgentDeviceView): AgentDevice {
  const abort = new AbortController();
  let audio: AudioContext | null = null;
  let call: DeviceCall | null = null;
  let leg: CallLeg | null = null;
  let legCall: string | null = null;
  let camera: MediaStream | null = null;

  const closeLeg = (): void => {
    leg?.close();
    leg = null;
    legCall = null;
    for (const track of camera?.getTracks() ?? []) track.stop();
    camera = null;
    view.showVideo(null, null);
  };
  const videoFor = async (): Promise<LegVideo> => {
    camera = (await openCamera(win)).stream;
    view.showVideo(null, camera);
    return { camera: camera?.getVideoTracks()[0] ?? null, showRemote: (stream) => view.showVideo(stream, camera) };
  };
  const openLeg = async (callId: string): Promise<void> => {
    legCall = callId;
    audio ??= new AudioContext();
    try {
      const opened = await startAgentLeg(new SignalChannel(base, callId, 'agent', device.credentials), mic, audio, win.document, videoFor);
      if (legCall !== callId) return opened.close();
      leg = opened;
      view.show(call, true);
    } catch {
      if (legCall === callId) legCall = null;
    }
  };
  const follow = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        call = (await device.next(abort.signal)).call;
      } catch {
        if (abort.signal.aborted) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      if (!call || call.callId !== legCall || call.state !== 'talking') closeLeg();
      view.show(call, leg !== null && legCall === call?.callId);
      if (call?.side === 'agent' && call.state === 'talking' && legCall === null) void openLeg(call.callId);
    }
  };
  void follow();

  return {
    async answer() {
      // Made on the click, so the autoplay policy lets a virtual customer's tone play.
      audio ??= new AudioContext();
      if (call) await device.answer(call.callId);
    },
    async hangup() {
      if (call) await device.hangup(call.callId);
    },
    async stop(keepalive = false) {
      abort.abort();
      closeLeg();
      await device.unregister(keepalive);
      await audio?.close().catch(() => undefined);
    },
    async stats() {
      return leg && !leg.closed ? leg.stats() : null;
    },
  };
}
