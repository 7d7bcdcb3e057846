/**
 * The mock stock bar (the page inside the `ccbarclient` iframe): wires the config, the CC-Gateway
 * client, the event poller, the CEC wire to the parent and the view together.
 */
import { isDialableNumber, type CallMedia } from '../../src/protocol/cec-commands.js';
import { GATEWAY_RETCODES, type SignInBody, type TransferBody } from '../../src/protocol/gateway.js';
import { readBarConfig, gatewayBaseFor, type BarConfig } from './config.js';
import { GatewayClient, GatewayError } from './gateway-client.js';
import { startEventPoller, type GatewayEvent } from './event-poller.js';
import { INITIAL_MODEL, applyGatewayEvent, applyAgentStatus, type BarModel } from './agent-model.js';
import { resumeSession } from './resume.js';
import { openParentWire, type ParentWire } from './parent-wire.js';
import { findBarElements, renderBar, setExpanded, fillReasons, fillKeypad, type BarElements } from './view.js';
import { createPlaceholderMedia, type BarMedia, type BarMediaFactory } from './media/index.js';
import { createWebRtcPhone } from './media/webrtc-phone.js';

export interface BarOptions {
  /** Plug in a phone (issue 6); the placeholder otherwise. */
  readonly mediaFactory?: BarMediaFactory;
}

/**
 * Start the bar on this document.
 *
 * @example
 * startBar(document, window, { mediaFactory: (cfg, session) => createWebRtcPhone(cfg as BarConfig, window, session) });
 */
export function startBar(doc: Document, win: Window, options: BarOptions = {}): void {
  const els = findBarElements(doc);
  let cfg: BarConfig;
  try {
    cfg = readBarConfig(win.location.hash);
  } catch (err) {
    setExpanded(els, true);
    els.signIn.disabled = true;
    els.root.dataset.error = 'true';
    els.message.textContent = `This bar cannot start: ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  // One gateway session, shared with the phone: the signalling relay asks for its Guid.
  const gateway = new GatewayClient(gatewayBaseFor(win.location.href), cfg.workNo);
  const media = options.mediaFactory ? options.mediaFactory(cfg, { guid: () => gateway.currentGuid }) : createPlaceholderMedia();
  new BarController(els, win, cfg, media, gateway);
}

class BarController {
  private model: BarModel = INITIAL_MODEL;
  private error = false;
  private offerForceLogin = false;
  private working = false;
  private stopPoller: (() => void) | null = null;
  private tick: ReturnType<typeof setInterval> | null = null;
  private pendingPeer = '';
  private readonly wire: ParentWire;

  constructor(
    private readonly els: BarElements,
    win: Window,
    private readonly cfg: BarConfig,
    private readonly media: BarMedia,
    private readonly gw: GatewayClient,
  ) {
    this.wire = openParentWire(win, cfg.parentOrigin, {
      onCallout: (number, mode) => void this.dial(number, mode),
      onRejected: (why) => console.debug(`[mock bar] ignored a message: ${why}`),
    });
    els.agent.textContent = cfg.userAccount ? `${cfg.userAccount} · ${cfg.workNo}` : `Agent ${cfg.workNo}`;
    fillReasons(els.busyReason, cfg.busyReasons);
    fillReasons(els.restReason, cfg.restReasons);
    fillKeypad(els.keypad, (key) => {
      if (els.dialInput.value.length < 24) els.dialInput.value += key;
      els.dialInput.focus();
    });
    this.bindUi(doc(els));
    media.onChange(() => this.renderPhone());
    this.renderPhone();
    this.render();
    // tests wait for this: the static markup is there before the controls answer
    els.root.dataset.started = 'true';
    if (cfg.resumeGuid) void this.resume(cfg.resumeGuid);
  }

  /**
   * A reloaded bar picks its gateway session up again instead of starting Offline, as CEC's bar
   * does with its `sum_*` cookies (not documented by CEC; chosen here: the loader hands the live GUID over).
   * It shows the agent's state and live call, with the call's controls, and restates them to its
   * page (resume.ts). Events queued at the gateway while the page was gone are then delivered by the next poll.
   */
  private async resume(guid: string): Promise<void> {
    this.gw.restoreSession(guid);
    try {
      const status = await this.gw.agentStatus();
      const code = (status.result as { agentState?: unknown } | undefined)?.agentState;
      // A gateway that cannot say what the call is leaves the bar without one, as before.
      const call = await this.gw.callInfo().then((info) => info.result, () => undefined);
      const resumed = typeof code === 'number' ? resumeSession(code, call, this.cfg.workNo, Date.now()) : undefined;
      if (!resumed) throw new Error('signed out');
      this.model = resumed.model;
      this.wire.whenSubscribed(() => {
        for (const event of resumed.events) this.wire.forward(event);
      });
      this.startPolling();
      if (this.model.callState === 'ringing') setExpanded(this.els, true);
      this.render();
    } catch {
      this.gw.dropSession();
      this.render();
    }
  }

  private bindUi(d: Document): void {
    const e = this.els;
    e.toggle.addEventListener('click', () => setExpanded(e, e.panel.hidden));
    e.signIn.addEventListener('click', () => void this.signIn(false));
    e.forceLogin.addEventListener('click', () => void this.signIn(true));
    e.signOut.addEventListener('click', () => void this.signOut());
    e.stateMenu.addEventListener('click', () => this.togglePop(e.stateList, e.stateMenu));
    e.phone.addEventListener('click', () => this.togglePop(e.phonePop, e.phone));
    e.register.addEventListener('click', () => void this.toggleRegister());
    e.setIdle.addEventListener('click', () => void this.setState('idle'));
    e.setBusy.addEventListener('click', () => void this.setState('busy'));
    e.setRest.addEventListener('click', () => void this.setState('rest'));
    e.setWrapUp.addEventListener('click', () => void this.setState('wrapUp'));
    e.answer.addEventListener('click', () => void this.answer());
    e.hangup.addEventListener('click', () => void this.act('hang up', () => this.gw.release()));
    e.hold.addEventListener('click', () => void this.toggleHold());
    e.mute.addEventListener('click', () => void this.toggleMute());
    e.transfer.addEventListener('click', () => {
      e.transferForm.hidden = !e.transferForm.hidden;
      this.render();
      if (!e.transferForm.hidden) e.transferAddress.focus();
    });
    const placeholders: Record<string, string> = { '1': 'Skill id', '2': 'Agent number', '5': 'Phone number' };
    e.transferType.addEventListener('change', () => {
      e.transferAddress.placeholder = placeholders[e.transferType.value] ?? '';
    });
    e.transferForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.transfer();
    });
    e.dialer.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.dial(e.dialInput.value.trim(), 'audio');
    });
    d.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Escape') return;
      if (!e.stateList.hidden || !e.phonePop.hidden) this.closePops();
      else if (!e.panel.hidden) {
        setExpanded(e, false);
        e.toggle.focus();
      }
    });
  }

  private togglePop(pop: HTMLElement, button: HTMLElement): void {
    const open = pop.hidden;
    this.closePops();
    pop.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) pop.querySelector<HTMLElement>('button, select')?.focus();
  }

  private closePops(): void {
    this.els.stateList.hidden = true;
    this.els.phonePop.hidden = true;
    this.els.stateMenu.setAttribute('aria-expanded', 'false');
    this.els.phone.setAttribute('aria-expanded', 'false');
  }

  private render(): void {
    renderBar(this.els, this.model, { error: this.error, offerForceLogin: this.offerForceLogin, busy: this.working, now: Date.now() });
    const m = this.model;
    this.media.follow?.({ signedIn: m.agentState !== 'offline', callId: m.call?.callId ?? null, callState: m.callState, muted: m.muted });
    const talking = this.model.call?.talkingSince != null;
    if (talking && !this.tick) this.tick = setInterval(() => this.render(), 1000);
    if (!talking && this.tick) {
      clearInterval(this.tick);
      this.tick = null;
    }
  }

  private renderPhone(): void {
    const s = this.media.status;
    this.els.phoneStatus.textContent = this.media.statusText;
    this.els.register.textContent = s === 'registered' ? 'Unregister' : 'Register';
    this.els.register.disabled = s === 'registering';
    this.els.phone.classList.toggle('registered', s === 'registered');
    this.els.root.dataset.phoneState = s;
  }

  private say(message: string, error = false): void {
    this.model = { ...this.model, message };
    this.error = error;
    this.render();
  }

  /** Run a gateway action, turning failures into a plain-language status line. */
  private async act(what: string, fn: () => Promise<unknown>): Promise<boolean> {
    try {
      await fn();
      if (this.error) this.error = false;
      this.render();
      return true;
    } catch (err) {
      const detail = err instanceof GatewayError ? `${err.message} (${err.retcode})` : String(err);
      this.say(`Could not ${what}: ${detail}`, true);
      return false;
    }
  }

  private signInBody(): SignInBody {
    // phonenum: the loader may pass one; the mock's WebRTC/softphone agents need none (chosen here).
    return { password: this.cfg.ticket, phonenum: this.cfg.phonenum, autoanswer: false, autoenteridle: true, releasephone: false };
  }

  private async signIn(force: boolean): Promise<void> {
    if (this.working) return;
    this.working = true;
    this.say(force ? 'Taking over your session…' : 'Signing in…');
    try {
      await (force ? this.gw.forceLogin(this.signInBody()) : this.gw.signIn(this.signInBody()));
      this.offerForceLogin = false;
      this.error = false;
      this.startPolling();
      this.say('Signed in. Waiting for the contact centre…');
    } catch (err) {
      if (err instanceof GatewayError && err.retcode === GATEWAY_RETCODES.ALREADY_SIGNED_IN) {
        this.offerForceLogin = true;
        this.say('You are already signed in somewhere else. Sign in here to move your session to this bar.', true);
      } else {
        const detail = err instanceof GatewayError ? `${err.message} (${err.retcode})` : String(err);
        this.say(`Sign-in failed: ${detail}`, true);
      }
    } finally {
      this.working = false;
      this.render();
    }
  }

  private async signOut(): Promise<void> {
    const ok = await this.act('sign out', () => this.gw.signOut());
    if (!ok) return;
    this.stopPolling();
    if (this.media.status === 'registered') await this.media.unregister().catch(() => undefined);
    this.model = { ...INITIAL_MODEL, message: 'Signed out.' };
    this.render();
  }

  private startPolling(): void {
    this.stopPolling();
    this.stopPoller = startEventPoller(this.gw, {
      onEvent: (event) => this.onGatewayEvent(event),
      onSessionLost: (retcode, message) => {
        this.stopPoller = null;
        this.gw.dropSession();
        this.model = { ...INITIAL_MODEL, message: `Signed out by the contact centre: ${message} (${retcode}).` };
        this.error = true;
        this.render();
      },
      onTrouble: (message) => {
        if (message) this.say(`Connection trouble, retrying: ${message}`, true);
        else this.say('Connection restored.');
      },
    });
  }

  private stopPolling(): void {
    this.stopPoller?.();
    this.stopPoller = null;
  }

  private onGatewayEvent(event: GatewayEvent): void {
    const before = this.model;
    let content = event.content;
    // The outbound peer is known to the bar before the gateway names it.
    if (event.eventType === 'AgentEvent_Customer_Alerting' && this.pendingPeer && typeof content === 'object' && content !== null) {
      const c = content as Record<string, unknown>;
      if (!c.otherPhone) content = { ...c, otherPhone: this.pendingPeer };
    }
    this.model = applyGatewayEvent(before, event.eventType, content, Date.now());
    this.wire.forward(event);
    if (this.model.callState === 'ringing' && before.callState !== 'ringing') {
      // A ringing call must never be hidden behind an open menu: Answer has to be visible.
      this.closePops();
      setExpanded(this.els, true);
    }
    if (this.model.callState === 'none') this.pendingPeer = '';
    this.error = false;
    this.render();
    if (event.eventType === 'AgentOther_InService' || event.eventType === 'AgentEvent_Call_Release') void this.syncStatus();
  }

  /** Ask the gateway for the agent's state when events alone leave it open. */
  private async syncStatus(): Promise<void> {
    try {
      const r = await this.gw.agentStatus();
      const code = (r.result as { agentState?: unknown } | undefined)?.agentState;
      if (typeof code === 'number' && this.model.agentState !== 'offline') {
        this.model = applyAgentStatus(this.model, code);
        this.render();
      }
    } catch {
      /* the next event will correct the state */
    }
  }

  private async setState(target: 'idle' | 'busy' | 'rest' | 'wrapUp'): Promise<void> {
    this.closePops();
    const e = this.els;
    const from = this.model.agentState;
    const ok = await this.act('change your status', async () => {
      if (target === 'idle') {
        if (from === 'busy') await this.gw.cancelBusy();
        else if (from === 'rest') await this.gw.cancelRest();
        else if (from === 'wrapUp') await this.gw.cancelWork();
        else await this.gw.sayFree();
      } else if (target === 'busy') {
        await this.gw.sayBusy(Number(e.busyReason.value || this.cfg.busyReasons[0]?.code || 200));
      } else if (target === 'rest') {
        const reason = this.cfg.restReasons.find((r) => String(r.code) === e.restReason.value) ?? this.cfg.restReasons[0];
        // Not documented by CEC; chosen here: a break lasts the reason's maximum, else one hour.
        await this.gw.rest(reason?.maxDuration ?? 3600, reason?.code ?? 0);
      } else {
        await this.gw.work();
      }
    });
    if (ok) void this.syncStatus();
  }

  private async answer(): Promise<void> {
    const callId = this.model.call?.callId;
    if (!callId) return;
    await this.act('answer', () => this.gw.answer(callId));
  }

  private async toggleHold(): Promise<void> {
    const call = this.model.call;
    if (!call) return;
    if (this.model.callState === 'held') {
      const ok = await this.act('resume the call', () => this.gw.getHold(call.callId));
      if (ok) this.model = { ...this.model, callState: 'talking', message: `In a call with ${call.peer || 'the customer'}.` };
    } else {
      const ok = await this.act('hold the call', () => this.gw.hold());
      if (ok) this.model = { ...this.model, callState: 'held', message: 'Call on hold.' };
    }
    this.render();
  }

  private async toggleMute(): Promise<void> {
    const muted = this.model.muted;
    const ok = await this.act(muted ? 'unmute' : 'mute', () => (muted ? this.gw.endMute() : this.gw.beginMute()));
    if (ok) this.model = { ...this.model, muted: !muted, message: muted ? 'Microphone on.' : 'Microphone muted: the customer cannot hear you.' };
    this.render();
  }

  private async transfer(): Promise<void> {
    const e = this.els;
    const devicetype = Number(e.transferType.value) as TransferBody['devicetype'];
    const address = e.transferAddress.value.trim();
    if (!address || (devicetype === 5 && !isDialableNumber(address))) {
      this.say('Enter where to transfer the call: a skill id, an agent number or a phone number.', true);
      return;
    }
    const ok = await this.act('transfer the call', () => this.gw.transfer({ devicetype, address, mode: 0 }));
    if (ok) {
      e.transferForm.hidden = true;
      e.transferAddress.value = '';
      this.say('Transferring the call…');
    }
  }

  private async dial(number: string, mode: CallMedia): Promise<void> {
    if (this.model.agentState === 'offline') return this.say('Sign in before making a call.', true);
    if (this.model.callState !== 'none') return this.say('Finish the current call before making another.', true);
    if (!isDialableNumber(number)) return this.say('Enter a number of up to 24 digits (0-9, * and #).', true);
    this.pendingPeer = number;
    this.say(`Calling ${number}…`);
    const ok = await this.act(`call ${number}`, () => this.gw.callout({ called: number, mediaability: mode === 'video' ? 1 : 0 }));
    if (ok) this.els.dialInput.value = '';
    else this.pendingPeer = '';
  }

  private async toggleRegister(): Promise<void> {
    try {
      if (this.media.status === 'registered') await this.media.unregister();
      else await this.media.register();
    } catch (err) {
      this.say(`Phone: ${err instanceof Error ? err.message : String(err)}`, true);
    }
    this.renderPhone();
    if (this.media.status === 'unavailable') this.say(this.media.statusText);
  }
}

function doc(els: BarElements): Document {
  return els.root.ownerDocument;
}

if (typeof document !== 'undefined' && document.getElementById('ccbar')) startBar(document, window, { mediaFactory: (cfg, session) => createWebRtcPhone(cfg as BarConfig, window, session) });
