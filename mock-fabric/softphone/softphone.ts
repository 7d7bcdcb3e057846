/**
 * The softphone double at `/__mock/softphone` (docs/cec-reference.md §7.3): plays OpenEye for a
 * `softphone` agent. Register sends the agent's SIP account and password to the mock (OpenEye
 * registers with the SIP server); the agent's calls then ring here, are answered here or in the
 * bar, and carry real WebRTC audio (and video on a video call) with the customer.
 * Test hooks: `#softphone[data-registration]` (OpenEye's register states: unregister, registering,
 * registered, deregistered), `#softphone[data-call]` (none|ringing|dialing|talking|connected);
 * with `?test=1`, `window.__phoneMediaStats()` returns the agent side's figures.
 */
import { signalBaseFor } from '../bar/media/signal-client.js';
import { mediaErrorText } from '../bar/media/probe.js';
import type { PeerStats } from '../bar/media/peer.js';
import { DeviceClient } from '../phone/device-client.js';
import { followAgentDevice, type AgentDevice } from '../phone/agent-device.js';
import { videoPanel } from '../phone/video-panel.js';
import { byId } from '../phone/page-dom.js';

type Registration = 'unregister' | 'registering' | 'registered' | 'deregistered';

function startSoftphone(): void {
  const root = byId<HTMLElement>('softphone');
  const form = byId<HTMLFormElement>('softphone-form');
  const account = byId<HTMLInputElement>('softphone-account');
  const password = byId<HTMLInputElement>('softphone-password');
  const registerBtn = byId<HTMLButtonElement>('softphone-register');
  const unregisterBtn = byId<HTMLButtonElement>('softphone-unregister');
  const registration = byId<HTMLElement>('softphone-registration');
  const status = byId<HTMLElement>('softphone-status');
  const answerBtn = byId<HTMLButtonElement>('softphone-answer');
  const hangupBtn = byId<HTMLButtonElement>('softphone-hangup');
  const showVideo = videoPanel(byId<HTMLElement>('softphone-video'), byId<HTMLVideoElement>('softphone-remote-video'), byId<HTMLVideoElement>('softphone-local-video'));
  const base = signalBaseFor(location.href);
  let phone: AgentDevice | null = null;
  let mic: MediaStream | null = null;

  const setRegistration = (state: Registration, text: string): void => {
    root.dataset.registration = state;
    registration.textContent = text;
    registerBtn.disabled = state === 'registered' || state === 'registering';
    unregisterBtn.disabled = state !== 'registered';
  };
  const showCall = (state: string, text: string): void => {
    root.dataset.call = state;
    status.textContent = text;
    answerBtn.disabled = state !== 'ringing';
    hangupBtn.disabled = state === 'none';
  };

  const register = async (): Promise<void> => {
    setRegistration('registering', 'Registering…');
    try {
      mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      return setRegistration('unregister', `Not registered: ${mediaErrorText(error, 'microphone')}.`);
    }
    const track = mic.getAudioTracks()[0];
    let device: DeviceClient;
    try {
      if (!track) throw new Error('the microphone gave no audio track');
      device = await DeviceClient.softphone(base, account.value.trim(), password.value);
    } catch (error) {
      for (const t of mic.getTracks()) t.stop();
      return setRegistration('unregister', `Registration failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { name, workNo } = device.registration;
    setRegistration('registered', `Registered: ${name} (agent ${workNo ?? '?'}).`);
    phone = followAgentDevice(device, base, track, window, {
      show(call, connected) {
        if (!call) return showCall('none', 'No call.');
        if (call.state === 'ringing') return showCall('ringing', `Incoming ${call.media === 'video' ? 'video ' : ''}call from ${call.caller}.`);
        if (call.state === 'dialing') return showCall('dialing', `Calling ${call.called}…`);
        showCall(connected ? 'connected' : 'talking', connected ? 'Connected: you are talking to the customer.' : 'Connecting…');
      },
      showVideo,
    });
  };

  const unregister = async (keepalive = false): Promise<void> => {
    const current = phone;
    phone = null;
    await current?.stop(keepalive);
    for (const t of mic?.getTracks() ?? []) t.stop();
    mic = null;
    showCall('none', 'No call.');
    setRegistration('deregistered', 'Unregistered: the agent cannot take calls until the softphone registers again.');
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void register();
  });
  unregisterBtn.addEventListener('click', () => void unregister());
  answerBtn.addEventListener('click', () => void phone?.answer().catch((e: unknown) => (status.textContent = `Could not answer: ${String(e)}`)));
  hangupBtn.addEventListener('click', () => void phone?.hangup().catch(() => undefined));
  window.addEventListener('pagehide', () => void unregister(true));

  if (new URLSearchParams(location.search).get('test') === '1') {
    (window as Window & { __phoneMediaStats?: () => Promise<PeerStats | null> }).__phoneMediaStats = async () => (await phone?.stats())?.agent ?? null;
  }
  setRegistration('unregister', 'Not registered.');
  showCall('none', 'No call.');
}

if (typeof document !== 'undefined' && document.getElementById('softphone')) startSoftphone();
