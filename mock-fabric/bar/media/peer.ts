/**
 * RTCPeerConnection helpers shared by the bar's phone and the customer phone page: non-trickle
 * offer/answer (ICE candidates travel inside the SDP, so one message each way is enough on
 * loopback), hold/mute on a sender, and the statistics tests read.
 */

/** Not documented by CEC; chosen here: how long ICE gathering may take on loopback. */
const ICE_GATHER_MS = 5_000;

/**
 * A peer with no STUN/TURN: loopback host candidates only.
 *
 * @example
 * const pc = createPeer();
 */
export function createPeer(): RTCPeerConnection {
  return new RTCPeerConnection({ iceServers: [] });
}

function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      if (pc.iceGatheringState !== 'complete') return;
      clearTimeout(t);
      pc.removeEventListener('icegatheringstatechange', done);
      resolve();
    };
    // Whatever was gathered by then is enough on loopback.
    const t = setTimeout(() => {
      pc.removeEventListener('icegatheringstatechange', done);
      resolve();
    }, ICE_GATHER_MS);
    pc.addEventListener('icegatheringstatechange', done);
  });
}

/**
 * Create the offer and wait for ICE gathering; resolves with the complete SDP.
 *
 * @example
 * const sdp = await makeOffer(pc);
 */
export async function makeOffer(pc: RTCPeerConnection): Promise<string> {
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  return pc.localDescription?.sdp ?? '';
}

/**
 * Apply a remote offer, answer it and wait for ICE gathering; resolves with the complete SDP.
 *
 * @example
 * const sdp = await makeAnswer(pc, offerSdp);
 */
export async function makeAnswer(pc: RTCPeerConnection, offerSdp: string): Promise<string> {
  await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered(pc);
  return pc.localDescription?.sdp ?? '';
}

/**
 * Send audio on `pc` and report the audio it receives to `onRemote` (attached to an `<audio>`
 * element: Chrome only decodes remote audio that has a sink).
 *
 * @example
 * const sender = attachAudio(pc, micTrack, doc);
 */
export function attachAudio(pc: RTCPeerConnection, track: MediaStreamTrack, doc: Document): RTCRtpSender {
  // addTrack, not addTransceiver: an answerer's addTrack sender is reused by the remote offer's m-line.
  const sender = pc.addTrack(track, new MediaStream([track]));
  pc.addEventListener('track', (ev) => {
    if (ev.track.kind !== 'audio') return;
    const audio = doc.createElement('audio');
    audio.autoplay = true;
    audio.dataset.remoteAudio = 'true';
    audio.srcObject = new MediaStream([ev.track]);
    doc.body.append(audio);
    void audio.play().catch(() => undefined);
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'closed' || pc.connectionState === 'failed') audio.remove();
    });
  });
  return sender;
}

/**
 * Send video on `pc` (or, with no track, only receive it) and hand the video received to
 * `showRemote`, or, without one, to a hidden `<video>` (a sink keeps Chrome decoding, so the
 * statistics show frames).
 *
 * @example
 * const sender = attachVideo(pc, cameraTrack, document, (stream) => (remoteVideo.srcObject = stream));
 */
export function attachVideo(pc: RTCPeerConnection, track: MediaStreamTrack | null, doc: Document, showRemote?: (stream: MediaStream) => void): RTCRtpSender {
  // With no camera: an offerer still asks for the other side's video; an answerer's offer brings its own m-line.
  const sender = track ? pc.addTrack(track, new MediaStream([track])) : pc.addTransceiver('video', { direction: 'recvonly' }).sender;
  pc.addEventListener('track', (ev) => {
    if (ev.track.kind !== 'video') return;
    const stream = new MediaStream([ev.track]);
    if (showRemote) return showRemote(stream);
    const video = doc.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.srcObject = stream;
    void video.play().catch(() => undefined);
  });
  return sender;
}

/**
 * Hold: the sender sends no RTP at all (encoding inactive), no renegotiation needed.
 *
 * @example
 * await setSending(sender, false); // held
 */
export async function setSending(sender: RTCRtpSender, on: boolean): Promise<void> {
  const p = sender.getParameters();
  if (!p.encodings?.length) return;
  for (const e of p.encodings) e.active = on;
  await sender.setParameters(p);
}

/** Media figures of one peer, for tests. */
export interface PeerStats {
  readonly connectionState: RTCPeerConnectionState;
  readonly packetsSent: number;
  readonly packetsReceived: number;
  /** 0..1, the level of the audio received (RTP inbound), 0 for silence. */
  readonly audioLevelReceived: number;
  /** 0..1, the level of the audio handed to the sender. */
  readonly audioLevelSent: number;
  /** Video frames received and decoded (0 on an audio call). */
  readonly framesDecoded: number;
  /** Video frames sent. */
  readonly framesSent: number;
}

/**
 * Read packet counts and audio levels from `getStats()`.
 *
 * @example
 * const s = await peerStats(pc); // { packetsReceived: 412, audioLevelReceived: 0.31, ... }
 */
export async function peerStats(pc: RTCPeerConnection): Promise<PeerStats> {
  let packetsSent = 0;
  let packetsReceived = 0;
  let audioLevelReceived = 0;
  let audioLevelSent = 0;
  let framesDecoded = 0;
  let framesSent = 0;
  const report = await pc.getStats();
  report.forEach((s: Record<string, unknown>) => {
    if (s.kind === 'video') {
      if (s.type === 'inbound-rtp') framesDecoded += Number(s.framesDecoded ?? 0);
      if (s.type === 'outbound-rtp') framesSent += Number(s.framesSent ?? 0);
      return;
    }
    if (s.kind !== undefined && s.kind !== 'audio') return;
    if (s.type === 'outbound-rtp') packetsSent += Number(s.packetsSent ?? 0);
    if (s.type === 'inbound-rtp') {
      packetsReceived += Number(s.packetsReceived ?? 0);
      audioLevelReceived = Math.max(audioLevelReceived, Number(s.audioLevel ?? 0));
    }
    if (s.type === 'media-source') audioLevelSent = Math.max(audioLevelSent, Number(s.audioLevel ?? 0));
  });
  return { connectionState: pc.connectionState, packetsSent, packetsReceived, audioLevelReceived, audioLevelSent, framesDecoded, framesSent };
}
