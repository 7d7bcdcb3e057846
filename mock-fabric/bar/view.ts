/**
 * The bar's DOM: looks up the static elements of bar.html and paints a `BarModel` onto them.
 * The test hooks (`#ccbar` data attributes, data-testids) live in bar.html and here only.
 */
import type { BarModel, BarAgentState } from './agent-model.js';
import type { Reason } from './config.js';

export interface BarElements {
  readonly root: HTMLElement;
  readonly panel: HTMLElement;
  readonly toggle: HTMLButtonElement;
  readonly agent: HTMLElement;
  readonly stateLabel: HTMLElement;
  readonly phone: HTMLButtonElement;
  readonly phonePop: HTMLElement;
  readonly phoneStatus: HTMLElement;
  readonly register: HTMLButtonElement;
  readonly stateWrap: HTMLElement;
  readonly stateMenu: HTMLButtonElement;
  readonly stateList: HTMLElement;
  readonly setIdle: HTMLButtonElement;
  readonly setBusy: HTMLButtonElement;
  readonly busyReason: HTMLSelectElement;
  readonly setRest: HTMLButtonElement;
  readonly restReason: HTMLSelectElement;
  readonly setWrapUp: HTMLButtonElement;
  readonly signOut: HTMLButtonElement;
  readonly signInView: HTMLElement;
  readonly signIn: HTMLButtonElement;
  readonly forceLogin: HTMLButtonElement;
  readonly incoming: HTMLElement;
  readonly incomingCaller: HTMLElement;
  readonly answer: HTMLButtonElement;
  readonly call: HTMLElement;
  readonly callLabel: HTMLElement;
  readonly callPeer: HTMLElement;
  readonly callTimer: HTMLElement;
  readonly mute: HTMLButtonElement;
  readonly muteLabel: HTMLElement;
  readonly hold: HTMLButtonElement;
  readonly holdLabel: HTMLElement;
  readonly transfer: HTMLButtonElement;
  readonly transferForm: HTMLFormElement;
  readonly transferType: HTMLSelectElement;
  readonly transferAddress: HTMLInputElement;
  readonly hangup: HTMLButtonElement;
  readonly dialer: HTMLFormElement;
  readonly dialInput: HTMLInputElement;
  readonly keypad: HTMLElement;
  readonly message: HTMLElement;
}

function el<T extends HTMLElement>(doc: Document, id: string): T {
  const found = doc.getElementById(id);
  if (!found) throw new Error(`bar.html is missing #${id}`);
  return found as T;
}

/**
 * Find every element the bar drives.
 *
 * @example
 * const els = findBarElements(document);
 */
export function findBarElements(doc: Document): BarElements {
  return {
    root: el(doc, 'ccbar'),
    panel: el(doc, 'bar-panel'),
    toggle: el(doc, 'bar-toggle'),
    agent: el(doc, 'bar-agent'),
    stateLabel: el(doc, 'bar-state-label'),
    phone: el(doc, 'bar-phone'),
    phonePop: el(doc, 'bar-phone-pop'),
    phoneStatus: el(doc, 'bar-phone-status'),
    register: el(doc, 'bar-register'),
    stateWrap: el(doc, 'bar-state-wrap'),
    stateMenu: el(doc, 'bar-state-menu'),
    stateList: el(doc, 'bar-state-list'),
    setIdle: el(doc, 'bar-set-idle'),
    setBusy: el(doc, 'bar-set-busy'),
    busyReason: el(doc, 'bar-busy-reason'),
    setRest: el(doc, 'bar-set-rest'),
    restReason: el(doc, 'bar-rest-reason'),
    setWrapUp: el(doc, 'bar-set-wrapup'),
    signOut: el(doc, 'bar-signout'),
    signInView: el(doc, 'bar-signin-view'),
    signIn: el(doc, 'bar-signin'),
    forceLogin: el(doc, 'bar-forcelogin'),
    incoming: el(doc, 'bar-incoming'),
    incomingCaller: el(doc, 'bar-incoming-caller'),
    answer: el(doc, 'bar-answer'),
    call: el(doc, 'bar-call'),
    callLabel: el(doc, 'bar-call-label'),
    callPeer: el(doc, 'bar-call-peer'),
    callTimer: el(doc, 'bar-call-timer'),
    mute: el(doc, 'bar-mute'),
    muteLabel: el(doc, 'bar-mute-label'),
    hold: el(doc, 'bar-hold'),
    holdLabel: el(doc, 'bar-hold-label'),
    transfer: el(doc, 'bar-transfer'),
    transferForm: el(doc, 'bar-transfer-form'),
    transferType: el(doc, 'bar-transfer-type'),
    transferAddress: el(doc, 'bar-transfer-address'),
    hangup: el(doc, 'bar-hangup'),
    dialer: el(doc, 'bar-dialer'),
    dialInput: el(doc, 'bar-dial-input'),
    keypad: el(doc, 'bar-keypad'),
    message: el(doc, 'bar-message'),
  };
}

const STATE_LABELS: Record<BarAgentState, string> = {
  offline: 'Offline',
  idle: 'Ready',
  busy: 'Busy',
  rest: 'On a break',
  wrapUp: 'Wrap-up',
  inCall: 'In a call',
  ringing: 'Ringing',
};

/** Fill a reason `<select>`. */
export function fillReasons(select: HTMLSelectElement, reasons: readonly Reason[]): void {
  select.replaceChildren(
    ...reasons.map((r) => {
      const o = select.ownerDocument.createElement('option');
      o.value = String(r.code);
      o.textContent = r.description;
      return o;
    }),
  );
}

/** Build the 12 dial-pad keys. */
export function fillKeypad(keypad: HTMLElement, onKey: (key: string) => void): void {
  const doc = keypad.ownerDocument;
  for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']) {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = 'key';
    b.textContent = key;
    b.dataset.testid = `bar-key-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`;
    b.setAttribute('aria-label', `Dial ${key}`);
    b.addEventListener('click', () => onKey(key));
    keypad.append(b);
  }
}

function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}:${ss}` : `${mm}:${ss}`;
}

export interface ViewExtras {
  readonly error: boolean;
  readonly offerForceLogin: boolean;
  readonly busy: boolean;
  readonly now: number;
}

/**
 * Paint the model. Visibility uses `hidden`, so Playwright sees exactly what a person sees.
 *
 * @example
 * renderBar(els, model, { error: false, offerForceLogin: false, busy: false, now: Date.now() });
 */
export function renderBar(e: BarElements, m: BarModel, x: ViewExtras): void {
  const signedIn = m.agentState !== 'offline';
  const inCall = m.callState === 'dialing' || m.callState === 'talking' || m.callState === 'held';
  e.root.dataset.agentState = m.agentState;
  e.root.dataset.callState = m.callState;
  e.root.dataset.error = String(x.error);
  e.stateLabel.textContent = m.callState === 'held' ? 'Call on hold' : STATE_LABELS[m.agentState];

  e.signInView.hidden = signedIn;
  e.signIn.hidden = x.offerForceLogin;
  e.forceLogin.hidden = !x.offerForceLogin;
  e.signIn.disabled = e.forceLogin.disabled = x.busy;
  e.stateWrap.hidden = !signedIn || m.callState !== 'none';
  if (e.stateWrap.hidden) e.stateList.hidden = true;
  e.stateMenu.textContent = STATE_LABELS[m.agentState];
  e.signOut.hidden = !signedIn || m.callState !== 'none';

  e.incoming.hidden = m.callState !== 'ringing';
  e.incomingCaller.textContent = m.call?.peer || 'Unknown number';

  e.call.hidden = !inCall;
  if (!inCall) e.transferForm.hidden = true;
  e.callLabel.textContent = m.callState === 'dialing' ? 'Calling' : m.callState === 'held' ? 'On hold' : 'In call';
  e.callPeer.textContent = m.call?.peer || 'Unknown number';
  e.callTimer.textContent = m.call?.talkingSince ? formatDuration(x.now - m.call.talkingSince) : '00:00';
  e.hold.setAttribute('aria-pressed', String(m.callState === 'held'));
  e.holdLabel.textContent = m.callState === 'held' ? 'Resume' : 'Hold';
  e.hold.disabled = m.callState === 'dialing';
  e.mute.setAttribute('aria-pressed', String(m.muted));
  e.muteLabel.textContent = m.muted ? 'Unmute' : 'Mute';
  e.mute.disabled = m.callState === 'dialing';
  e.transfer.disabled = m.callState !== 'talking' && m.callState !== 'held';
  e.transfer.setAttribute('aria-expanded', String(!e.transferForm.hidden));

  e.dialer.hidden = !signedIn || m.callState !== 'none';
  e.message.textContent = m.message;
}

/** Expand or collapse the bar. */
export function setExpanded(e: BarElements, expanded: boolean): void {
  e.panel.hidden = !expanded;
  e.root.dataset.expanded = String(expanded);
  e.toggle.setAttribute('aria-expanded', String(expanded));
  e.toggle.setAttribute('aria-label', expanded ? 'Close connection bar' : 'Open connection bar');
  if (!expanded) {
    e.stateList.hidden = true;
    e.phonePop.hidden = true;
  }
}
