/**
 * The customer phone page at `/__mock/phone`: QA dials a called number; the mock routes the call to
 * an agent; when the agent answers, the bar offers WebRTC through the mock's signalling relay and
 * this page answers, so audio flows both ways on loopback. Either side can hang up.
 * Test hooks: `#phone[data-state]` (idle|calling|ringing|connected|held|ended|failed); with
 * `?test=1`, `window.__phoneMediaStats()` returns packet counts and audio levels.
 */
import { isDialableNumber } from '../../src/protocol/cec-commands.js';
import { SignalChannel, dial, phoneCredentials, signalBaseFor } from '../bar/media/signal-client.js';
import { attachAudio, createPeer, makeAnswer, peerStats, setSending, type PeerStats } from '../bar/media/peer.js';
import { micErrorText } from '../bar/media/probe.js';

type PhoneState = 'idle' | 'calling' | 'ringing' | 'connected' | 'held' | 'ended' | 'failed';

interface Call {
  readonly channel: SignalChannel;
  readonly abort: AbortController;
  pc: RTCPeerConnection | null;
  sender: RTCRtpSender | null;
  mic: MediaStream;
  ended: boolean;
}

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`phone.html is missing #${id}`);
  return el as T;
}

function startPhone(): void {
  const root = byId<HTMLElement>('phone');
  const form = byId<HTMLFormElement>('phone-form');
  const caller = byId<HTMLInputElement>('phone-caller');
  const number = byId<HTMLInputElement>('phone-number');
  const dialBtn = byId<HTMLButtonElement>('phone-dial');
  const hangupBtn = byId<HTMLButtonElement>('phone-hangup');
  const status = byId<HTMLElement>('phone-status');
  const base = signalBaseFor(location.href);
  let call: Call | null = null;
  let last: PeerStats | null = null;

  const show = (state: PhoneState, text: string): void => {
    root.dataset.state = state;
    status.textContent = text;
    const live = state === 'calling' || state === 'ringing' || state === 'connected' || state === 'held';
    dialBtn.disabled = live;
    hangupBtn.disabled = !live;
  };

  const end = (text: string, state: PhoneState = 'ended'): void => {
    if (!call || call.ended) return;
    const c = call;
    c.ended = true;
    c.abort.abort();
    for (const t of c.mic.getTracks()) t.stop();
    if (c.pc) {
      void peerStats(c.pc).then((s) => (last = { ...s, connectionState: 'closed' })).catch(() => undefined);
      c.pc.close();
    }
    show(state, text);
  };

  const onOffer = async (c: Call, sdp: string): Promise<void> => {
    c.pc?.close();
    const pc = createPeer();
    c.pc = pc;
    const track = c.mic.getAudioTracks()[0];
    if (!track) throw new Error('the microphone gave no audio track');
    c.sender = attachAudio(pc, track, document);
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
      for (const { message } of poll.messages) {
        if (message.type === 'offer') await onOffer(c, message.sdp).catch((e: unknown) => show('failed', `Could not answer the audio: ${String(e)}`));
        if (message.type === 'hold') {
          if (c.sender) await setSending(c.sender, !message.on);
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

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      const to = number.value.trim();
      const from = caller.value.trim();
      if (!isDialableNumber(to) || !isDialableNumber(from)) return show('failed', 'Enter numbers of up to 24 digits (0-9, * and #).');
      show('calling', `Calling ${to}…`);
      let mic: MediaStream;
      try {
        mic = await navigator.mediaDevices.getUserMedia({ audio: true });
      } catch (err) {
        return show('failed', `No call: ${micErrorText(err)}.`);
      }
      try {
        const { callId, phoneToken } = await dial(base, from, to);
        call = { channel: new SignalChannel(base, callId, 'customer', phoneCredentials(phoneToken)), abort: new AbortController(), pc: null, sender: null, mic, ended: false };
        root.dataset.callId = callId;
        void follow(call);
      } catch (err) {
        for (const t of mic.getTracks()) t.stop();
        show('failed', `The call could not be placed: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
  });

  hangupBtn.addEventListener('click', () => {
    const c = call;
    if (!c || c.ended) return;
    void c.channel.hangup().catch(() => undefined);
    end('You hung up.');
  });

  if (new URLSearchParams(location.search).get('test') === '1') {
    (window as Window & { __phoneMediaStats?: () => Promise<PeerStats | null> }).__phoneMediaStats = async () => {
      const pc = call?.pc;
      return pc && pc.connectionState !== 'closed' ? peerStats(pc) : last;
    };
  }
  show('idle', 'Ready to call.');
}

if (typeof document !== 'undefined' && document.getElementById('phone')) startPhone();
