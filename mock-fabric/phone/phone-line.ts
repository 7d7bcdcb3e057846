/**
 * The phone page's own number as a line (devices.ts): a call-out to it rings with Answer, and a
 * `pstn` agent's number makes the page that agent's mobile phone (agent-device.ts).
 */
import { SignalChannel } from '../bar/media/signal-client.js';
import { mediaErrorText } from '../bar/media/probe.js';
import type { DeviceCall } from '../signal-wire.js';
import { DeviceClient } from './device-client.js';
import { followAgentDevice, type AgentDevice } from './agent-device.js';

/** `#phone[data-state]`. */
export type PhoneState = 'idle' | 'calling' | 'ringing' | 'incoming' | 'connected' | 'held' | 'ended' | 'failed';

/** What the line needs of the page. */
export interface LinePage {
  readonly root: HTMLElement;
  readonly lineText: HTMLElement;
  show(state: PhoneState, text: string): void;
  showVideo(remote: MediaStream | null, preview: MediaStream | null): void;
  /** A customer call is live on the page. */
  callLive(): boolean;
  /** An answered call-out: the page becomes the customer side of it. */
  startCustomerCall(channel: SignalChannel, media: MediaStream, video: boolean): void;
}

export interface PhoneLine {
  /** The agent's phone this page is, when its number is a pstn agent's; null otherwise. */
  readonly agentPhone: AgentDevice | null;
  /** Register `number` (again, when it changed). */
  open(number: string): Promise<void>;
  /** Answer what rings on the line. */
  answer(): Promise<void>;
  /** The page goes away. */
  close(): void;
}

/**
 * The microphone, and the camera for a video call (a missing camera leaves a receive-only video call).
 *
 * @example
 * const media = await openMedia(true);
 */
export async function openMedia(video: boolean): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  if (!video) return stream;
  const camera = await navigator.mediaDevices.getUserMedia({ video: true }).catch(() => null);
  for (const track of camera?.getVideoTracks() ?? []) stream.addTrack(track);
  return stream;
}

const incomingText = (call: DeviceCall): string => `Incoming ${call.media === 'video' ? 'video ' : ''}call from ${call.caller}.`;

/**
 * The line of one phone page.
 *
 * @example
 * const line = createPhoneLine(signalBaseFor(location.href), page);
 * await line.open('13900000001');
 */
export function createPhoneLine(base: string, page: LinePage): PhoneLine {
  let device: DeviceClient | null = null;
  let abort = new AbortController();
  let agentPhone: AgentDevice | null = null;
  let incoming: DeviceCall | null = null;

  /** Rings for call-outs to this number while no call is live. */
  const followCustomerLine = async (line: DeviceClient, signal: AbortSignal): Promise<void> => {
    while (!signal.aborted) {
      const poll = await line.next(signal).catch(() => null);
      if (signal.aborted) return;
      if (!poll) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      const ringing = poll.call?.state === 'dialing' ? poll.call : null;
      const wasRinging = incoming !== null;
      incoming = ringing;
      if (ringing && !page.callLive()) page.show('incoming', incomingText(ringing));
      else if (!ringing && wasRinging && page.root.dataset.state === 'incoming') page.show('ended', 'Missed call.');
    }
  };

  /** The desk phone of a pstn agent: the agent's calls ring here, and the page carries their media. */
  const becomeAgentPhone = async (line: DeviceClient): Promise<void> => {
    const mic = (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0];
    if (!mic) throw new Error('the microphone gave no audio track');
    const idle = (): boolean => page.root.dataset.state === 'idle';
    agentPhone = followAgentDevice(line, base, mic, window, {
      show(current, connected) {
        if (!current) return page.show(idle() ? 'idle' : 'ended', idle() ? 'Ready: your calls ring here.' : 'Call ended.');
        if (current.state === 'ringing') return page.show('incoming', incomingText(current));
        if (current.state === 'dialing') return page.show('calling', `Calling ${current.called}…`);
        page.show(connected ? 'connected' : 'ringing', connected ? 'Connected: you are talking to the customer.' : 'Connecting…');
      },
      showVideo: (remote, preview) => page.showVideo(remote, preview),
    });
    page.show('idle', 'Ready: your calls ring here.');
  };

  /** A call-out to this number rings; answering makes the page the customer side of it. */
  const answerIncoming = async (line: DeviceClient, ringing: DeviceCall): Promise<void> => {
    let media: MediaStream;
    try {
      media = await openMedia(ringing.media === 'video');
    } catch (error) {
      return page.show('failed', `Cannot answer: ${mediaErrorText(error, 'microphone')}.`);
    }
    await line.answer(ringing.callId);
    page.startCustomerCall(new SignalChannel(base, ringing.callId, 'customer', line.credentials), media, ringing.media === 'video');
    page.show('ringing', 'Answered; connecting…');
  };

  const close = (keepalive: boolean): void => {
    abort.abort();
    void agentPhone?.stop(keepalive);
    agentPhone = null;
    void device?.unregister(keepalive);
    device = null;
    delete page.root.dataset.line;
  };

  return {
    get agentPhone() {
      return agentPhone;
    },
    async open(number) {
      close(false);
      abort = new AbortController();
      const line = await DeviceClient.line(base, number);
      device = line;
      const { workNo, name } = line.registration;
      page.root.dataset.line = workNo === null ? 'customer' : 'agent';
      if (workNo === null) {
        page.lineText.textContent = `Calls to ${number} ring here.`;
        return void followCustomerLine(line, abort.signal);
      }
      page.lineText.textContent = `This is ${name}'s phone (agent ${workNo}): the agent's calls ring here.`;
      await becomeAgentPhone(line);
    },
    async answer() {
      if (agentPhone) return agentPhone.answer();
      if (device && incoming) return answerIncoming(device, incoming);
    },
    close: () => close(true),
  };
}
