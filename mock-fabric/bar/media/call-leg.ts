/**
 * The media of one connected call in the bar: to a customer phone page (signalled through the
 * mock's relay, the agent offers) or to a virtual customer (a tone from an OscillatorNode on a
 * local loopback peer pair, so headless tests need no second tab).
 */
import { SignalChannel } from './signal-client.js';
import { attachAudio, createPeer, makeAnswer, makeOffer, peerStats, setSending, type PeerStats } from './peer.js';

export type LegPeer = 'phone' | 'virtual';

/** What tests read about a leg. */
export interface LegStats {
  readonly peer: LegPeer;
  readonly muted: boolean;
  readonly held: boolean;
  readonly agent: PeerStats;
  /** The virtual customer's side; null for a real customer phone (read its own page). */
  readonly customer: PeerStats | null;
}

export interface CallLeg {
  readonly peer: LegPeer;
  readonly closed: boolean;
  setMuted(on: boolean): void;
  setHeld(on: boolean): Promise<void>;
  close(): void;
  stats(): Promise<LegStats>;
}

/** Not documented by CEC; chosen here: the virtual customer's voice, a 440 Hz tone. */
const TONE_HZ = 440;

/**
 * Call media with a customer phone page: offer, wait for its answer, follow hold and bye.
 *
 * @example
 * const leg = await startPhoneLeg(channel, mic, document, () => console.log('customer left'));
 */
export async function startPhoneLeg(channel: SignalChannel, mic: MediaStreamTrack, doc: Document, onGone: () => void): Promise<CallLeg> {
  const pc = createPeer();
  const sender = attachAudio(pc, mic, doc);
  const abort = new AbortController();
  let closed = false;
  let muted = false;
  let held = false;
  const leg: CallLeg = {
    peer: 'phone',
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
      await setSending(sender, !on);
      await channel.send({ type: 'hold', on }).catch(() => undefined);
    },
    close() {
      if (closed) return;
      closed = true;
      abort.abort();
      mic.enabled = true;
      void channel.send({ type: 'bye' }).catch(() => undefined);
      pc.close();
    },
    async stats() {
      return { peer: 'phone', muted, held, agent: await statsOf(pc), customer: null };
    },
  };
  const offer = await makeOffer(pc);
  await channel.send({ type: 'offer', sdp: offer });
  void (async () => {
    while (!closed) {
      try {
        const poll = await channel.next(abort.signal);
        for (const { message } of poll.messages) {
          if (message.type === 'answer' && pc.signalingState === 'have-local-offer') await pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
          if (message.type === 'bye') return gone();
        }
        if (poll.call.state === 'released' || poll.call.state === 'unknown') return gone();
      } catch {
        if (closed) return;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
  function gone(): void {
    if (closed) return;
    leg.close();
    onGone();
  }
  return leg;
}

async function statsOf(pc: RTCPeerConnection): Promise<PeerStats> {
  if (pc.connectionState === 'closed') return { connectionState: 'closed', packetsSent: 0, packetsReceived: 0, audioLevelReceived: 0, audioLevelSent: 0 };
  return peerStats(pc);
}

/**
 * Call media with a virtual customer: two peers in this page, the customer sending a tone.
 *
 * @example
 * const leg = await startVirtualLeg(mic, audioContext, document);
 */
export async function startVirtualLeg(mic: MediaStreamTrack, ctx: AudioContext, doc: Document): Promise<CallLeg> {
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
  let closed = false;
  let muted = false;
  let held = false;
  const answer = await makeAnswer(customerPc, await makeOffer(agentPc));
  await agentPc.setRemoteDescription({ type: 'answer', sdp: answer });
  return {
    peer: 'virtual',
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
      await Promise.all([setSending(agentSender, !on), setSending(customerSender, !on)]);
    },
    close() {
      if (closed) return;
      closed = true;
      mic.enabled = true;
      osc.stop();
      osc.disconnect();
      tone.stop();
      agentPc.close();
      customerPc.close();
    },
    async stats() {
      return { peer: 'virtual', muted, held, agent: await statsOf(agentPc), customer: await statsOf(customerPc) };
    },
  };
}
