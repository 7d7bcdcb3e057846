/**
 * Northwind CRM, the cec-bar-host demo web app (origin A). It uses only the public API of
 * `cec-bar-host`, as a customer's CRM would: mount the bar, screen-pop on ringing, click-to-dial,
 * and a call log entry per ended call.
 */
import { isBarError, screenPop, type Call, type RecordedMessage } from '../../src/host/index.js';
import { mountSharedConnectionBar, type SharedConnectionBar } from '../../src/tabs/index.js';
import { api, type CallLogEntry, type Customer, type SignedIn } from './api.js';
import { h, mount, formatDuration, formatPhone, formatTime, initials } from './dom.js';
import { offerDispositions, reportCallEnded, showCecViews } from './cec-records.js';

/** Stops the CEC-checked views (queue figures, call records) of the signed-in user. */
let stopCecViews: (() => void) | undefined;

/** One bar per agent across the CRM's tabs: the other tabs show its events and can take it over. */
type Bar = SharedConnectionBar;

interface LiveCall {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly number: string;
  phase: 'ringing' | 'dialing' | 'connected';
  readonly startedAt: number;
  connectedAt?: number;
}

/** What the record panel shows. */
type Focus = { kind: 'none' } | { kind: 'customer'; id: string; popped?: Popped } | { kind: 'new'; phone: string; popped?: Popped };
/** A screen pop: when the call started ringing (per the bar) and when the record opened. */
interface Popped { readonly ringAt: number; readonly openedAt: number }

const state = {
  me: undefined as SignedIn | undefined,
  customers: [] as Customer[],
  calls: [] as CallLogEntry[],
  focus: { kind: 'none' } as Focus,
  filter: '',
  live: undefined as LiveCall | undefined,
  agentState: 'offline',
  connection: 'connecting',
  bar: undefined as Bar | undefined,
  timeline: [] as { at: number; kind: string; text: string; gloss?: string }[],
};

const root = document.getElementById('app')!;
let toastTimer: number | undefined;

function toast(message: string, tone: 'info' | 'error' = 'info'): void {
  let el = document.getElementById('toast');
  if (!el) {
    el = h('div', { id: 'toast', role: 'status', 'data-testid': 'toast' });
    document.body.append(el);
  }
  el.className = `toast toast-${tone} show`;
  el.textContent = message;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => el!.classList.remove('show'), 4000);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// --- sign-in -------------------------------------------------------------------------------

async function showSignIn(): Promise<void> {
  const users = await api.users();
  const list = h('div', { class: 'signin-users' });
  for (const u of users) {
    list.append(
      h('button', {
        class: 'signin-user',
        type: 'button',
        'data-testid': `signin-${u.id}`,
        onclick: async () => {
          await api.signIn(u.id);
          await start();
        },
      },
      h('span', { class: 'avatar' }, initials(u.name)),
      h('span', { class: 'signin-name' }, u.name, h('small', {}, u.title)),
      h('span', { class: u.hasCec ? 'chip chip-ok' : 'chip' }, u.hasCec ? 'CEC agent' : 'no CEC seat')),
    );
  }
  mount(root, h('main', { class: 'signin' },
    h('div', { class: 'signin-card' },
      h('div', { class: 'brand brand-lg' }, h('span', { class: 'brand-mark' }, 'N'), 'Northwind CRM'),
      h('h1', {}, 'Sign in'),
      h('p', { class: 'muted' }, 'A demo CRM: pick a user. Each CRM user maps to a CEC agent account through the agent directory (queryAgentInfo).'),
      list)));
}

// --- workspace -----------------------------------------------------------------------------

async function start(): Promise<void> {
  const me = await api.me();
  if (!me.user) return showSignIn();
  state.me = me;
  const [config, customers, calls] = await Promise.all([api.config(), api.customers(), api.calls()]);
  state.customers = customers;
  state.calls = calls;
  renderShell();
  stopCecViews?.();
  stopCecViews = showCecViews(byId('queue-figures'), byId('call-records'));
  if (!me.cec) {
    mount(byId('bar-slot'), h('div', { class: 'empty' }, `${me.user.name} has no CEC agent account, so there is no connection bar.`));
    return;
  }
  mountBar(config.shellUrl, config.cecContextPath, config.tenantSpaceId, me.cec.accountCode);
}

function byId(id: string): HTMLElement {
  return document.getElementById(id)!;
}

function renderShell(): void {
  const me = state.me!;
  mount(root,
    h('header', { class: 'topbar' },
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark' }, 'N'), 'Northwind CRM'),
      h('nav', { class: 'topnav' }, h('span', { class: 'active' }, 'Customers')),
      h('div', { class: 'topbar-right' },
        h('span', { id: 'queue-figures', class: 'queue-figures', 'data-testid': 'queue-figures' }),
        h('span', { id: 'connection', class: 'pill', 'data-testid': 'connection-state' }),
        h('span', { id: 'agent-state', class: 'pill', 'data-testid': 'agent-state' }),
        h('span', { class: 'me' },
          h('span', { class: 'avatar avatar-sm' }, initials(me.user.name)),
          h('span', {}, me.user.name, me.cec ? h('small', {}, `${me.cec.accountCode} · agent ${me.cec.workNo}`) : h('small', {}, 'no CEC seat'))),
        h('button', { class: 'btn btn-ghost', type: 'button', 'data-testid': 'signout', onclick: signOut }, 'Sign out'))),
    h('div', { class: 'layout' },
      h('aside', { class: 'sidebar' },
        h('div', { class: 'panel-head' },
          h('h2', {}, 'Customers'),
          h('button', { class: 'btn btn-small', type: 'button', 'data-testid': 'new-contact', onclick: () => focus({ kind: 'new', phone: '' }) }, '+ New')),
        h('input', {
          class: 'search', type: 'search', placeholder: 'Search name, company or number', 'aria-label': 'Search customers',
          oninput: (e: Event) => { state.filter = (e.target as HTMLInputElement).value; renderCustomers(); },
        }),
        h('ul', { id: 'customers', class: 'customer-list', 'data-testid': 'customer-list' })),
      h('main', { class: 'workspace' },
        h('section', { id: 'live', class: 'live-call', hidden: true, 'data-testid': 'live-call' }),
        h('section', { id: 'record', class: 'card record', 'data-testid': 'record' }),
        h('section', { class: 'card' },
          h('div', { class: 'panel-head' }, h('h2', {}, 'Call log'), h('span', { class: 'muted', id: 'call-count' })),
          h('div', { id: 'call-log', 'data-testid': 'call-log' })),
        h('section', { class: 'card' },
          h('div', { class: 'panel-head' }, h('h2', {}, 'Call records (checked with CEC)')),
          h('div', { id: 'disposition', hidden: true }),
          h('div', { id: 'call-records', 'data-testid': 'call-records' }))),
      h('aside', { class: 'phone-column' },
        h('section', { class: 'card phone-card' },
          h('div', { class: 'panel-head' }, h('h2', {}, 'Phone'), h('span', { class: 'muted small' }, 'CEC connection bar')),
          h('div', { id: 'bar-slot', class: 'bar-slot', 'data-testid': 'bar-slot' })),
        h('section', { class: 'card timeline-card' },
          h('div', { class: 'panel-head' }, h('h2', {}, 'Event timeline'), h('span', { class: 'muted small' }, 'from bar.recorder')),
          h('ol', { id: 'timeline', class: 'timeline', 'data-testid': 'timeline' })))),
  );
  renderCustomers();
  renderRecord();
  renderCallLog();
  renderStatus();
}

async function signOut(): Promise<void> {
  stopCecViews?.();
  stopCecViews = undefined;
  state.bar?.destroy();
  state.bar = undefined;
  await api.signOut();
  state.focus = { kind: 'none' };
  await showSignIn();
}

function dialButton(phone: string, label?: string): HTMLButtonElement {
  return h('button', {
    class: 'dial', type: 'button', title: `Call ${phone}`, 'data-testid': `dial-${phone}`,
    onclick: (e: Event) => { e.stopPropagation(); void dial(phone); },
  }, h('span', { class: 'dial-icon', 'aria-hidden': 'true' }, '✆'), label ?? formatPhone(phone));
}

async function dial(phone: string): Promise<void> {
  const bar = state.bar;
  if (!bar) return toast('The connection bar is not mounted.', 'error');
  try {
    await bar.callOut(phone, { media: 'audio' });
    addTimeline('crm', `click-to-dial ${phone}`);
  } catch (err) {
    toast(`Could not call ${formatPhone(phone)}: ${errorText(err)}`, 'error');
  }
}

function renderCustomers(): void {
  const list = document.getElementById('customers');
  if (!list) return;
  const q = state.filter.trim().toLowerCase();
  const shown = state.customers.filter((c) => !q || `${c.name} ${c.company} ${c.phone}`.toLowerCase().includes(q));
  mount(list, ...shown.map((c) => {
    const selected = state.focus.kind === 'customer' && state.focus.id === c.id;
    return h('li', {
      class: selected ? 'customer selected' : 'customer', 'data-testid': `customer-${c.id}`,
      onclick: () => focus({ kind: 'customer', id: c.id }),
    },
    h('span', { class: `avatar tier-${c.tier.toLowerCase()}` }, initials(c.name)),
    h('span', { class: 'customer-main' }, h('strong', {}, c.name), h('small', {}, c.company || '—')),
    dialButton(c.phone));
  }), shown.length ? null : h('li', { class: 'empty' }, 'No customers match.'));
}

function focus(f: Focus): void {
  state.focus = f;
  renderRecord();
  renderCustomers();
}

function renderRecord(): void {
  const panel = document.getElementById('record');
  if (!panel) return;
  const f = state.focus;
  panel.removeAttribute('data-customer-id');
  const popped = f.kind !== 'none' ? f.popped : undefined;
  panel.classList.toggle('popped', !!popped);
  // Exposed for tests and support: the screen-pop latency, both times from this page's clock.
  if (popped) {
    panel.setAttribute('data-ring-at', String(popped.ringAt));
    panel.setAttribute('data-opened-at', String(popped.openedAt));
  } else {
    panel.removeAttribute('data-ring-at');
    panel.removeAttribute('data-opened-at');
  }
  if (f.kind === 'none') {
    return mount(panel, h('div', { class: 'empty' }, h('strong', {}, 'No record open'), h('p', {}, 'Pick a customer, or wait for a call: the caller’s record opens by itself.')));
  }
  if (f.kind === 'new') return mount(panel, newContactForm(f.phone, !!popped));
  const c = state.customers.find((x) => x.id === f.id);
  if (!c) return mount(panel, h('div', { class: 'empty' }, 'Customer not found.'));
  panel.setAttribute('data-customer-id', c.id);
  const history = state.calls.filter((x) => x.customerId === c.id);
  mount(panel,
    f.popped ? h('div', { class: 'pop-banner', 'data-testid': 'screen-pop' }, 'Screen pop · caller identified') : null,
    h('div', { class: 'record-head' },
      h('span', { class: `avatar avatar-lg tier-${c.tier.toLowerCase()}` }, initials(c.name)),
      h('div', {},
        h('h1', { 'data-testid': 'record-name' }, c.name),
        h('p', { class: 'muted' }, c.company || '—', ' · ', h('span', { class: `tier tier-${c.tier.toLowerCase()}` }, c.tier))),
      h('div', { class: 'record-actions' }, dialButton(c.phone, 'Call'))),
    h('dl', { class: 'fields' },
      h('dt', {}, 'Phone'), h('dd', { 'data-testid': 'record-phone' }, formatPhone(c.phone)),
      h('dt', {}, 'Email'), h('dd', {}, c.email || '—'),
      h('dt', {}, 'Customer id'), h('dd', {}, c.id),
      h('dt', {}, 'Notes'), h('dd', {}, c.notes || '—')),
    h('h3', {}, 'Recent calls'),
    history.length ? h('ul', { class: 'mini-log' }, ...history.slice(0, 5).map((x) => h('li', {}, `${formatTime(x.startedAt)} · ${x.direction} · ${x.outcome} · ${formatDuration(x.talkMs)}`))) : h('p', { class: 'muted' }, 'No calls yet.'),
  );
}

function newContactForm(phone: string, popped: boolean): HTMLElement {
  const field = (label: string, name: string, value = '', attrs: Record<string, string | boolean> = {}) =>
    h('label', { class: 'field' }, h('span', {}, label), h('input', { name, value, 'data-testid': `new-contact-${name}`, ...attrs }));
  const form = h('form', {
    class: 'new-contact', 'data-testid': 'new-contact-form',
    onsubmit: async (e: Event) => {
      e.preventDefault();
      const data = new FormData(form);
      const get = (k: string) => String(data.get(k) ?? '').trim();
      try {
        const c = await api.addCustomer({ name: get('name'), company: get('company'), email: get('email'), phone: get('phone').replace(/[\s-]/g, ''), notes: get('notes') });
        state.customers.push(c);
        toast(`${c.name} added.`);
        focus({ kind: 'customer', id: c.id });
      } catch (err) {
        toast(errorText(err), 'error');
      }
    },
  },
  popped ? h('div', { class: 'pop-banner pop-unknown', 'data-testid': 'screen-pop' }, `Unknown caller ${formatPhone(phone)} · create a contact`) : null,
  h('h1', {}, 'New contact'),
  h('div', { class: 'form-grid' },
    field('Name', 'name', '', { required: true, autocomplete: 'off' }),
    field('Phone', 'phone', phone, { required: true, pattern: '[0-9*# -]{1,30}', inputmode: 'tel' }),
    field('Company', 'company'),
    field('Email', 'email', '', { type: 'email' })),
  h('label', { class: 'field' }, h('span', {}, 'Notes'), h('textarea', { name: 'notes', rows: 3 })),
  h('div', { class: 'form-actions' },
    h('button', { class: 'btn btn-ghost', type: 'button', onclick: () => focus({ kind: 'none' }) }, 'Cancel'),
    h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'new-contact-save' }, 'Save contact')));
  return form;
}

function renderCallLog(): void {
  const box = document.getElementById('call-log');
  if (!box) return;
  byId('call-count').textContent = state.calls.length ? `${state.calls.length} call${state.calls.length === 1 ? '' : 's'}` : '';
  if (!state.calls.length) return mount(box, h('p', { class: 'empty' }, 'Ended calls are logged here, with their outcome and duration.'));
  mount(box, h('table', { class: 'log' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Contact'), h('th', {}, 'Direction'), h('th', {}, 'Outcome'), h('th', {}, 'Duration'), h('th', {}, 'Notes'))),
    h('tbody', {}, ...state.calls.map((c) => h('tr', { 'data-testid': 'call-log-entry', 'data-call-id': c.callId, 'data-outcome': c.outcome },
      h('td', {}, formatTime(c.startedAt)),
      h('td', {}, c.customerName ? h('strong', {}, c.customerName) : null, h('small', { class: 'block muted' }, formatPhone(c.number))),
      h('td', {}, h('span', { class: `dir dir-${c.direction}` }, c.direction === 'inbound' ? '↙ in' : '↗ out')),
      h('td', {}, h('span', { class: `badge outcome-${c.outcome}`, 'data-testid': 'call-outcome' }, c.outcome), h('small', { class: 'block muted' }, `ended by ${c.endedBy}`)),
      h('td', { 'data-testid': 'call-duration' }, formatDuration(c.talkMs)),
      h('td', {}, h('input', {
        class: 'notes', value: c.notes, placeholder: 'Add a note…', 'data-testid': 'call-notes', 'aria-label': 'Call notes',
        onchange: async (e: Event) => {
          try {
            await api.setNotes(c.id, (e.target as HTMLInputElement).value);
            toast('Note saved.');
          } catch (err) {
            toast(errorText(err), 'error');
          }
        },
      })))))));
}

function renderStatus(): void {
  const conn = document.getElementById('connection');
  const agent = document.getElementById('agent-state');
  if (conn) {
    conn.textContent = state.connection === 'standby' ? 'Bar: in another tab' : `Bar: ${state.connection}`;
    conn.className = `pill conn-${state.connection}`;
    conn.setAttribute('data-state', state.connection);
  }
  if (agent) {
    agent.textContent = AGENT_LABELS[state.agentState] ?? state.agentState;
    agent.className = `pill agent-${state.agentState}`;
    agent.setAttribute('data-state', state.agentState);
  }
}

const AGENT_LABELS: Record<string, string> = {
  offline: '● Offline', idle: '● Ready', busy: '● Not ready', rest: '● On break', wrapUp: '● Wrap-up', inCall: '● On a call',
};

let liveTimer: number | undefined;
function renderLive(): void {
  const box = document.getElementById('live');
  if (!box) return;
  const call = state.live;
  window.clearInterval(liveTimer);
  if (!call) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  box.setAttribute('data-phase', call.phase);
  box.setAttribute('data-call-id', call.callId);
  const who = state.customers.find((c) => c.phone === call.number);
  const clock = h('span', { class: 'live-clock' });
  const tick = () => { clock.textContent = formatDuration(Date.now() - (call.connectedAt ?? call.startedAt)); };
  tick();
  liveTimer = window.setInterval(tick, 1000);
  const label = { ringing: 'Incoming call', dialing: 'Calling…', connected: 'On call' }[call.phase];
  mount(box,
    h('span', { class: 'live-dot' }),
    h('div', { class: 'live-main' }, h('strong', {}, label), h('span', {}, who ? `${who.name} · ` : '', formatPhone(call.number))),
    clock,
    h('span', { class: 'muted small' }, call.phase === 'ringing' ? 'Answer in the bar →' : 'Hang up in the bar →'));
}

/** A CRM-side line in the timeline (click-to-dial); the rest comes from `bar.recorder`. */
function addTimeline(kind: string, text: string, at = Date.now()): void {
  state.timeline.unshift({ at, kind, text });
  state.timeline.length = Math.min(state.timeline.length, 20);
  renderTimeline();
}

interface TimelineLine { readonly kind: string; readonly text: string; readonly gloss?: string }

/** Plain words for the CEC events an agent sees most. */
const CEC_GLOSS: Record<string, string> = {
  AgentOther_InService: 'signed in', AgentState_Ready: 'ready for calls', AgentOther_PhoneAlerting: 'phone alerting',
  AgentEvent_Ringing: 'call ringing', AgentEvent_Incoming_CallInfo: 'caller and queue', AgentState_Busy: 'handling a call',
  AgentEvent_Talking: 'connected', AgentEvent_Customer_Alerting: 'customer ringing', AgentEvent_Call_Release: 'call released',
  AgentEvent_Customer_Release: 'customer hung up', AgentState_Work: 'wrap-up', AgentEvent_Call_Out_Fail: 'call-out failed',
  AgentState_SetNotReady_Success: 'not ready', AgentState_SetRest_Success: 'on a break', AgentState_SetWork_Success: 'wrap-up',
};

/** One line for a recorded bridge message (already redacted by the recorder). */
function describeRecorded(m: RecordedMessage): TimelineLine | undefined {
  // a standby tab records the events the owner tab relays
  const relayed = (m.data ?? {}) as { t?: string; name?: string; p?: { eventType?: string } };
  if (relayed.t === 'ev' && relayed.name === 'cec') return describeRecorded({ ...m, data: { kind: 'cec', event: relayed.p } });
  const d = (m.data ?? {}) as { kind?: string; status?: string; ok?: boolean; event?: { eventType?: string }; error?: { code?: string }; level?: string; message?: string };
  switch (d.kind) {
    case 'cec': {
      const type = String(d.event?.eventType ?? 'event');
      return { kind: 'cec', text: type, ...(CEC_GLOSS[type] ? { gloss: CEC_GLOSS[type] } : {}) };
    }
    case 'status': return { kind: 'shell', text: `status ${d.status ?? ''}` };
    case 'reply': return { kind: 'reply', text: d.ok ? 'ok' : `failed ${d.error?.code ?? ''}` };
    case 'log': return d.level === 'warn' || d.level === 'error' ? { kind: 'shell', text: `${d.level}: ${d.message ?? ''}` } : undefined;
    case 'stats': return undefined;
    default: return m.dir === 'out' && d.kind ? { kind: 'command', text: d.kind } : undefined;
  }
}

let recorded = -1;
function renderTimeline(): void {
  const list = document.getElementById('timeline');
  if (!list) return;
  const fromBar = (state.bar?.recorder.messages ?? []).flatMap((m) => {
    const line = describeRecorded(m);
    return line ? [{ at: m.at, ...line }] : [];
  });
  const all = [...fromBar, ...state.timeline].sort((a, b) => b.at - a.at).slice(0, 80);
  mount(list, ...all.map((e: TimelineLine & { at: number }) => h('li', { class: `tl tl-${e.kind}` },
    h('time', {}, formatTime(e.at)), h('span', { class: 'tl-kind' }, e.kind),
    h('span', { class: 'tl-text' }, e.text, e.gloss ? h('small', {}, e.gloss) : null))));
}

/** The recorder has no change event: re-read it while the page is open (cheap, bounded). */
function watchRecorder(): void {
  window.setInterval(() => {
    const bar = state.bar;
    if (!bar) return;
    const msgs = bar.recorder.messages;
    const mark = msgs.length ? msgs[msgs.length - 1]!.at * 1000 + msgs.length : 0;
    if (mark !== recorded) {
      recorded = mark;
      renderTimeline();
    }
  }, 300);
}

// --- the bar ---------------------------------------------------------------------------------

function mountBar(shellUrl: string, cecContextPath: string, tenantSpaceId: string, userAccount: string): void {
  const slot = byId('bar-slot');
  const elsewhere = h('div', { class: 'bar-elsewhere', 'data-testid': 'bar-elsewhere', hidden: true });
  slot.append(elsewhere);
  const bar = mountSharedConnectionBar({
    container: slot,
    shellUrl,
    cecContextPath,
    tenantSpaceId,
    userAccount,
    // The CRM backend issues a short-lived bar token for the signed-in user; AK/SK never reach here.
    getAccessToken: async () => (await api.barToken()).accessToken,
    tabs: { channelName: 'demo-crm' },
  });
  state.bar = bar;
  state.connection = bar.state; // 'standby' is not announced: it is where every tab starts
  renderStatus();
  watchRecorder();

  // In a standby tab: say where the bar is and offer to move it here (refused during a call unless forced).
  const moveHere = (force: boolean): void =>
    void bar.takeOver({ force }).catch((err: unknown) => {
      if (!isBarError(err) || err.code !== 'TAKEOVER_REFUSED') return toast(`Could not move the bar: ${errorText(err)}`, 'error');
      toast('A call is live in the other tab.', 'info');
      showElsewhere(true);
    });
  const showElsewhere = (refused = false): void =>
    mount(elsewhere,
      h('p', {}, 'The connection bar is open in another tab of this CRM. Calls still pop records here.'),
      h('button', { class: 'btn', type: 'button', 'data-testid': 'bar-move-here', onclick: () => moveHere(refused) },
        refused ? 'Move it here anyway (the call goes on)' : 'Use the bar in this tab'));
  const placeBar = (owner: boolean): void => {
    elsewhere.hidden = owner;
    if (!owner) showElsewhere();
  };
  bar.on('ownership', (o) => placeBar(o.owner));
  bar.on('call.ended', () => !bar.ownership.owner && bar.calls.length === 0 && showElsewhere()); // no call left: no need to insist
  // a tab that starts standby hears no ownership change: the bar being ready elsewhere tells it
  void bar.ready.then(() => placeBar(bar.ownership.owner), () => {});

  bar.on('connection', (e) => {
    state.connection = e.state;
    renderStatus();
  });
  bar.on('agent.state', (e) => {
    state.agentState = e.state;
    renderStatus();
  });
  bar.on('call.ringing', (call) => {
    state.live = { callId: call.callId, direction: 'inbound', number: call.caller ?? '', phase: 'ringing', startedAt: call.startedAt };
    renderLive();
  });
  bar.on('call.dialing', (call) => {
    state.live = { callId: call.callId, direction: 'outbound', number: call.called ?? '', phase: 'dialing', startedAt: call.startedAt };
    renderLive();
  });
  bar.on('call.connected', (call) => {
    const number = (call.direction === 'inbound' ? call.caller : call.called) ?? state.live?.number ?? '';
    state.live = { callId: call.callId, direction: call.direction === 'inbound' ? 'inbound' : 'outbound', number, phase: 'connected', startedAt: call.startedAt, connectedAt: call.connectedAt ?? Date.now() };
    renderLive();
  });
  bar.on('call.ended', (call) => {
    const number = (call.direction === 'inbound' ? call.caller : call.called) ?? '';
    state.live = undefined;
    renderLive();
    api.logCall({
      callId: call.callId,
      direction: call.direction === 'inbound' ? 'inbound' : 'outbound',
      number,
      outcome: call.outcome,
      endedBy: call.endedBy,
      talkMs: call.talkMs,
      startedAt: call.startedAt,
    }).then((entry) => {
      if (!state.calls.some((c) => c.id === entry.id)) state.calls.unshift(entry);
      renderCallLog();
      renderRecord();
    }, (err: unknown) => toast(`Could not log the call: ${errorText(err)}`, 'error'));
  });
  bar.on('error', (err) => {
    toast(`Connection bar: ${err.message}`, 'error');
  });
  bar.on('call.ended', reportCallEnded);
  offerDispositions(bar, byId('disposition'), () => toast('Disposition saved.'));

  // Screen pop: the caller's record opens; an unknown number opens a prefilled new-contact form.
  screenPop(bar, {
    lookup: (call) => state.customers.find((c) => c.phone === numberOf(call)),
    open: (customer, call) => {
      const popped = { ringAt: call.startedAt, openedAt: Date.now() };
      if (customer) focus({ kind: 'customer', id: customer.id, popped });
      else focus({ kind: 'new', phone: numberOf(call), popped });
    },
  });
}

/** The other party: the caller of an inbound call, the called number of an outbound one. */
function numberOf(call: Call): string {
  return (call.direction === 'inbound' ? call.caller : call.called) ?? '';
}

start().catch((err: unknown) => {
  mount(root, h('main', { class: 'signin' }, h('div', { class: 'signin-card' }, h('h1', {}, 'Something went wrong'), h('p', {}, errorText(err)))));
});
