/**
 * The customer phone page at `/__mock/phone`: QA dials a called number (audio, or video with the
 * camera); the mock routes the call to an agent; when the agent answers, the agent's phone offers
 * WebRTC through the mock's signalling relay and this page answers, so media flows both ways on
 * loopback. Either side can hang up. The page's own number is a phone line too: an agent's call-out
 * to it rings here, and with a `pstn` agent's number (tenant `phoneNumber`) the page is that
 * agent's mobile phone (agent-device.ts).
 * Test hooks: `#phone[data-state]` (idle|calling|ringing|incoming|connected|held|ended|failed),
 * `#phone[data-line]` (customer|agent once the line is registered); with `?test=1`,
 * `window.__phoneMediaStats()` returns packet counts, audio levels and video frames.
 */
import { isDialableNumber } from '../../src/protocol/cec-commands.js';
import { SignalChannel, dial, phoneCredentials, signalBaseFor } from '../bar/media/signal-client.js';
import { attachAudio, attachVideo, createPeer, makeAnswer, peerStats, setSending, type PeerStats } from '../bar/media/peer.js';
import { mediaErrorText } from '../bar/media/probe.js';
import type { CallMedia } from '../signal-wire.js';
import { createPhoneLine, openMedia, type PhoneState } from './phone-line.js';
import { videoPanel } from './video-panel.js';
import { byId } from './page-dom.js';

interface Call {
  readonly channel: SignalChannel;
  readonly abort: AbortController;
  pc: RTCPeerConnection | null;
  senders: RTCRtpSender[];
  media: MediaStream;
  video: boolean;
  ended: boolean;
}

function startPhone(): void {
  const root = byId<HTMLElement>('phone');
  const form = byId<HTMLFormElement>('phone-form');
  const caller = byId<HTMLInputElement>('phone-caller');
  const number = byId<HTMLInputElement>('phone-number');
  const videoBox = byId<HTMLInputElement>('phone-video');
  const dialBtn = byId<HTMLButtonElement>('phone-dial');
  const answerBtn = byId<HTMLButtonElement>('phone-answer');
  const hangupBtn = byId<HTMLButtonElement>('phone-hangup');
  const status = byId<HTMLElement>('phone-status');
  const lineText = byId<HTMLElement>('phone-line');
  const base = signalBaseFor(location.href);
  let call: Call | null = null;
  let last: PeerStats | null = null;

  const show = (state: PhoneState, text: string): void => {
    root.dataset.state = state;
    status.textContent = text;
    const live = state === 'calling' || state === 'ringing' || state === 'connected' || state === 'held' || state === 'incoming';
    dialBtn.disabled = live || root.dataset.line === 'agent';
    answerBtn.disabled = state !== 'incoming';
    hangupBtn.disabled = !live;
  };
  const showVideo = videoPanel(byId<HTMLElement>('phone-video-panel'), byId<HTMLVideoElement>('phone-remote-video'), byId<HTMLVideoElement>('phone-local-video'));

  const end = (text: string, state: PhoneState = 'ended'): void => {
    if (!call || call.ended) return;
    const c = call;
    c.ended = true;
    c.abort.abort();
    for (const t of c.media.getTracks()) t.stop();
    if (c.pc) {
      void peerStats(c.pc).then((s) => (last = { ...s, connectionState: 'closed' })).catch(() => undefined);
      c.pc.close();
    }
    showVideo(null, null);
    show(state, text);
  };

  const onOffer = async (c: Call, sdp: string): Promise<void> => {
    c.pc?.close();
    const pc = createPeer();
    c.pc = pc;
    const track = c.media.getAudioTracks()[0];
    if (!track) throw new Error('the microphone gave no audio track');
    c.senders = [attachAudio(pc, track, document)];
    if (c.video) {
      const camera = c.media.getVideoTracks()[0] ?? null;
      c.senders.push(attachVideo(pc, camera, document, (stream) => showVideo(stream, camera ? c.media : null)));
      showVideo(null, camera ? c.media : null);
    }
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected' && !c.ended && root.dataset.state !== 'held') show('connected', 'Connected: you are talking to the agent.');
      if (pc.connectionState === 'failed' && !c.ended) show('failed', 'The audio connection failed.');
    });
    await c.channel.send({ type: 'answer', sdp: await makeAnswer(pc, sdp) });
  };

  const follow = async (c: Call): Promise<void> => {
    while (!c.ended) {
      let poll;
      try {
        poll = await c.channel.next(c.abort.signal);
      } catch {
        if (c.ended) return;
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      if (poll.media === 'video' && !c.video) {
        c.video = true;
        if (c.media.getVideoTracks().length === 0) for (const t of (await openMedia(true).catch(() => null))?.getVideoTracks() ?? []) c.media.addTrack(t);
      }
      for (const { message } of poll.messages) {
        if (message.type === 'offer') await onOffer(c, message.sdp).catch((e: unknown) => show('failed', `Could not answer the audio: ${String(e)}`));
        if (message.type === 'hold') {
          await Promise.all(c.senders.map((sender) => setSending(sender, !message.on)));
          show(message.on ? 'held' : 'connected', message.on ? 'The agent put you on hold.' : 'Connected: you are talking to the agent.');
        }
        if (message.type === 'bye') return end('The agent hung up.');
      }
      const s = poll.call.state;
      if (s === 'released' || s === 'unknown') return end(poll.call.endReason === 'customer hung up' ? 'You hung up.' : `Call ended${poll.call.endReason ? ` (${poll.call.endReason})` : ''}.`);
      if (s === 'queued' && root.dataset.state === 'calling') show('calling', 'Waiting for an agent…');
      if (s === 'ringing') show('ringing', 'Ringing the agent…');
      if (s === 'talking' && !c.pc) show('ringing', 'The agent answered; connecting audio…');
    }
  };

  const startCall = (channel: SignalChannel, media: MediaStream, video: boolean): void => {
    call = { channel, abort: new AbortController(), pc: null, senders: [], media, video, ended: false };
    root.dataset.callId = channel.callId;
    void follow(call);
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      const to = number.value.trim();
      const from = caller.value.trim();
      if (!isDialableNumber(to) || !isDialableNumber(from)) return show('failed', 'Enter numbers of up to 24 digits (0-9, * and #).');
      const video = videoBox.checked;
      show('calling', `Calling ${to}${video ? ' (video)' : ''}…`);
      let media: MediaStream;
      try {
        media = await openMedia(video);
      } catch (err) {
        return show('failed', `No call: ${mediaErrorText(err, 'microphone')}.`);
      }
      try {
        const mediaRequest: CallMedia | undefined = video ? 'video' : undefined;
        const { callId, phoneToken } = await dial(base, from, to, mediaRequest);
        startCall(new SignalChannel(base, callId, 'customer', phoneCredentials(phoneToken)), media, video);
      } catch (err) {
        for (const t of media.getTracks()) t.stop();
        show('failed', `The call could not be placed: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
  });

  const line = createPhoneLine(base, {
    root,
    lineText,
    show,
    showVideo,
    callLive: () => call !== null && !call.ended,
    startCustomerCall: startCall,
  });
  const openLine = (): void => {
    const own = caller.value.trim();
    if (!isDialableNumber(own)) return line.close();
    void line.open(own).catch((e: unknown) => (lineText.textContent = `No line: ${String(e)}`));
  };

  answerBtn.addEventListener('click', () => void line.answer().catch((e: unknown) => show('failed', `Could not answer: ${String(e)}`)));
  hangupBtn.addEventListener('click', () => {
    if (line.agentPhone) return void line.agentPhone.hangup().catch(() => undefined);
    const c = call;
    if (!c || c.ended) return;
    void c.channel.hangup().catch(() => undefined);
    end('You hung up.');
  });
  caller.addEventListener('change', openLine);
  window.addEventListener('pagehide', () => line.close());

  if (new URLSearchParams(location.search).get('test') === '1') {
    const hooks = window as Window & { __phoneMediaStats?: () => Promise<PeerStats | null> };
    hooks.__phoneMediaStats = async () => {
      if (line.agentPhone) return (await line.agentPhone.stats())?.agent ?? null;
      const pc = call?.pc;
      return pc && pc.connectionState !== 'closed' ? peerStats(pc) : last;
    };
  }
  const fromUrl = new URLSearchParams(location.search).get('number');
  if (fromUrl && isDialableNumber(fromUrl)) caller.value = fromUrl;
  show('idle', 'Ready to call.');
  openLine();
}

if (typeof document !== 'undefined' && document.getElementById('phone')) startPhone();
