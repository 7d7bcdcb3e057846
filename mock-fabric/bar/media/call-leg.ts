/**
 * The media of one connected call in the bar: to a customer phone page (signalled through the
 * mock's relay, the agent offers) or to a virtual customer (a tone from an OscillatorNode on a
 * local loopback peer pair, so headless tests need no second tab).
 */
import { SignalChannel } from './signal-client.js';
import { attachAudio, attachVideo, createPeer, makeAnswer, makeOffer, peerStats, setSending, type PeerStats } from './peer.js';
import { startTestPattern } from './test-pattern.js';

export type LegPeer = 'phone' | 'virtual';

/** What tests read about a leg. */
export interface LegStats {
  readonly peer: LegPeer;
  readonly muted: boolean;
  readonly held: boolean;
  /** The call carries video. */
  readonly video: boolean;
  /** The agent's camera is sending (false: turned off, or no camera). */
  readonly cameraOn: boolean;
  readonly agent: PeerStats;
  /** The virtual customer's side; null for a real customer phone (read its own page). */
  readonly customer: PeerStats | null;
}

export interface CallLeg {
  readonly peer: LegPeer;
  readonly closed: boolean;
  setMuted(on: boolean): void;
  setHeld(on: boolean): Promise<void>;
  /** Turn the agent's camera off (no frames sent) or on again; no-op on an audio call. */
  setCamera(on: boolean): Promise<void>;
  close(): void;
  stats(): Promise<LegStats>;
}

/** Not documented by CEC; chosen here: the virtual customer's voice, a 440 Hz tone. */
const TONE_HZ = 440;

/**
 * The video of a video call's leg: the agent's camera (null: none, receive only) and where the
 * customer's picture goes.
 */
export interface LegVideo {
  readonly camera: MediaStreamTrack | null;
  showRemote(stream: MediaStream): void;
}

/** What differs between the two kinds of leg; the mute/hold/close bookkeeping is shared. */
interface LegMedia {
  /** The sender of the agent's camera; null on an audio call. */
  videoSender: RTCRtpSender | null;
  camera: MediaStreamTrack | null;
  hold(on: boolean): Promise<void>;
  close(): void;
  agent: RTCPeerConnection;
  customer: RTCPeerConnection | null;
}

function makeLeg(peer: LegPeer, mic: MediaStreamTrack, media: LegMedia): CallLeg {
  let closed = false;
  let muted = false;
  let held = false;
  let cameraOn = media.camera !== null;
  return {
    peer,
    get closed() {
      return closed;
    },
    setMuted(on) {
      muted = on;
      mic.enabled = !on;
    },
    async setHeld(on) {
      if (held === on || closed) return;
      held = on;
      await media.hold(on);
    },
    async setCamera(on) {
      if (!media.videoSender || !media.camera || cameraOn === on || closed) return;
      cameraOn = on;
      // replaceTrack(null) sends no frames at all: the customer's picture freezes, no renegotiation.
      await media.videoSender.replaceTrack(on ? media.camera : null);
    },
    close() {
      if (closed) return;
      closed = true;
      mic.enabled = true;
      media.close();
    },
    async stats() {
      return { peer, muted, held, video: media.videoSender !== null, cameraOn, agent: await statsOf(media.agent), customer: media.customer && (await statsOf(media.customer)) };
    },
  };
}

/**
 * Call media with a customer phone page: offer, wait for its answer, follow hold and bye.
 *
 * @example
 * const leg = await startPhoneLeg(channel, mic, document, () => console.log('customer left'));
 */
export async function startPhoneLeg(channel: SignalChannel, mic: MediaStreamTrack, doc: Document, onGone: () => void, video?: LegVideo): Promise<CallLeg> {
  const pc = createPeer();
  const sender = attachAudio(pc, mic, doc);
  const videoSender = video ? attachVideo(pc, video.camera, doc, (stream) => video.showRemote(stream)) : null;
  const abort = new AbortController();
  const leg = makeLeg('phone', mic, {
    videoSender,
    camera: video?.camera ?? null,
    agent: pc,
    customer: null,
    async hold(on) {
      await Promise.all([setSending(sender, !on), videoSender ? setSending(videoSender, !on) : undefined]);
      await channel.send({ type: 'hold', on }).catch(() => undefined);
    },
    close() {
      abort.abort();
      void channel.send({ type: 'bye' }).catch(() => undefined);
      pc.close();
    },
  });
  const offer = await makeOffer(pc);
  await channel.send({ type: 'offer', sdp: offer });
  void (async () => {
    while (!leg.closed) {
      try {
        const poll = await channel.next(abort.signal);
        for (const { message } of poll.messages) {
          if (message.type === 'answer' && pc.signalingState === 'have-local-offer') await pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
          if (message.type === 'bye') return gone();
        }
        if (poll.call.state === 'released' || poll.call.state === 'unknown') return gone();
      } catch {
        if (leg.closed) return;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
  function gone(): void {
    if (leg.closed) return;
    leg.close();
    onGone();
  }
  return leg;
}

async function statsOf(pc: RTCPeerConnection): Promise<PeerStats> {
  if (pc.connectionState === 'closed') return { connectionState: 'closed', packetsSent: 0, packetsReceived: 0, audioLevelReceived: 0, audioLevelSent: 0, framesDecoded: 0, framesSent: 0 };
  return peerStats(pc);
}

/**
 * Call media with a virtual customer: two peers in this page, the customer sending a tone (and, on
 * a video call, a test pattern with a running clock).
 *
 * @example
 * const leg = await startVirtualLeg(mic, audioContext, document);
 */
export async function startVirtualLeg(mic: MediaStreamTrack, ctx: AudioContext, doc: Document, video?: LegVideo): Promise<CallLeg> {
  const osc = ctx.createOscillator();
  osc.frequency.value = TONE_HZ;
  const dest = ctx.createMediaStreamDestination();
  osc.connect(dest);
  osc.start();
  void ctx.resume().catch(() => undefined);
  const tone = dest.stream.getAudioTracks()[0];
  if (!tone) throw new Error('the virtual customer has no audio track');
  const agentPc = createPeer();
  const customerPc = createPeer();
  const agentSender = attachAudio(agentPc, mic, doc);
  const customerSender = attachAudio(customerPc, tone, doc);
  const pattern = video ? startTestPattern(doc, 'Virtual customer') : null;
  const agentVideo = video ? attachVideo(agentPc, video.camera, doc, (stream) => video.showRemote(stream)) : null;
  const customerVideo = pattern ? attachVideo(customerPc, pattern.track, doc) : null;
  const answer = await makeAnswer(customerPc, await makeOffer(agentPc));
  await agentPc.setRemoteDescription({ type: 'answer', sdp: answer });
  const senders = [agentSender, customerSender, agentVideo, customerVideo].filter((sender): sender is RTCRtpSender => sender !== null);
  return makeLeg('virtual', mic, {
    videoSender: agentVideo,
    camera: video?.camera ?? null,
    agent: agentPc,
    customer: customerPc,
    async hold(on) {
      await Promise.all(senders.map((sender) => setSending(sender, !on)));
    },
    close() {
      pattern?.stop();
      osc.stop();
      osc.disconnect();
      tone.stop();
      agentPc.close();
      customerPc.close();
    },
  });
}

/**
 * The agent side of a connected call, wherever the agent's phone is (the bar, the softphone
 * double, a desk phone page): asks the relay who the customer is and what media the call has,
 * then opens the matching leg. `videoFor` is asked for the camera only on a video call.
 *
 * @example
 * const leg = await startAgentLeg(channel, mic, audioContext, document, async () => ({ camera: null, showRemote: show }));
 */
export async function startAgentLeg(channel: SignalChannel, mic: MediaStreamTrack, ctx: AudioContext, doc: Document, videoFor: () => Promise<LegVideo>): Promise<CallLeg> {
  const { peer, media } = await channel.next(undefined, false);
  const video = media === 'video' ? await videoFor() : undefined;
  return peer === 'phone' ? startPhoneLeg(channel, mic, doc, () => undefined, video) : startVirtualLeg(mic, ctx, doc, video);
}
