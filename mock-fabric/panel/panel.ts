/**
 * The mock's QA control panel (`/__mock/panel/`): polls `GET /__mock/state` every second and
 * drives the `/__mock/` control API (inject, answer, hang up, faults, reset).
 */
import type { MockState } from '../mock-state.js';
import { startConfigTab } from './config-tab.js';
import { $, fill, h, td } from './dom.js';
import { mountScenariosTab } from './scenarios-tab.js';

type AgentRow = MockState['agents'][number];
type QueueRow = MockState['queues'][number];
type CallRow = MockState['calls'][number];

/** How often the panel refreshes. Not documented by CEC; chosen here. */
const POLL_MS = 1000;

/**
 * The `/__mock/` base for a panel URL: everything up to and including `/__mock/`, so the panel
 * also works behind a proxy that adds a prefix.
 *
 * @example
 * controlBase('http://127.0.0.1:4000/__mock/panel/panel.html') // 'http://127.0.0.1:4000/__mock/'
 */
export function controlBase(href: string): string {
  const url = new URL(href);
  const i = url.pathname.indexOf('/__mock/');
  return `${url.origin}${i >= 0 ? url.pathname.slice(0, i + '/__mock/'.length) : '/__mock/'}`;
}

/** Friendlier words for the engine's phase and call-state names. */
const LABELS: Record<string, string> = { signedOut: 'signed out', wrapUp: 'wrap-up' };
const pill = (value: string): HTMLTableCellElement => h('td', {}, h('span', { className: `pill ${value}`, text: LABELS[value] ?? value }));

async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(controlBase(location.href) + path, {
    method,
    // Every control POST says JSON, also without a body (the mock refuses others with 415).
    headers: method === 'POST' ? { 'Content-Type': 'application/json' } : {},
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: report the text */
  }
  if (!res.ok) {
    const msg = (json as { error?: unknown; message?: unknown } | null)?.error ?? (json as { message?: unknown } | null)?.message ?? text;
    throw new Error(`HTTP ${res.status}: ${typeof msg === 'string' ? msg : JSON.stringify(msg)}`);
  }
  return json;
}

function isState(v: unknown): v is MockState {
  const s = v as Partial<MockState> | null;
  return !!s && Array.isArray(s.agents) && Array.isArray(s.queues) && Array.isArray(s.calls);
}

function agentRow(a: AgentRow): HTMLTableRowElement {
  const tr = h('tr', { testid: `panel-agent-${a.workNo}` }, td(String(a.workNo), 'mono'));
  tr.append(
    h('td', {}, document.createTextNode(a.name), h('div', { className: 'sub', text: `${a.accountCode} · ${a.phone}` })),
    td(a.skills.join(', ')),
    pill(a.phase),
    td(a.signedIn ? (a.polling ? 'signed in · polling' : 'signed in') : '—'),
    td(a.callId ?? '—', 'mono'),
  );
  tr.dataset.phase = a.phase;
  return tr;
}

function queueRow(q: QueueRow): HTMLTableRowElement {
  return h('tr', { testid: `panel-queue-${q.skillId}` }, td(String(q.skillId), 'mono'), td(q.name), td(q.waiting.length ? q.waiting.join(', ') : '0'), td(`≤ ${q.maxWaitNum} calls · ≤ ${q.maxWaitTime} s`));
}

function callRow(c: CallRow): HTMLTableRowElement {
  const tr = h('tr', { testid: `panel-call-${c.callId}` });
  tr.dataset.callId = c.callId;
  tr.dataset.state = c.state;
  const acts = h('td', { className: 'acts' });
  if (c.direction === 'outbound' && c.state === 'dialing') {
    const answer = h('button', { className: 'btn btn-small btn-go', text: 'Customer answers', testid: 'panel-call-answer' });
    answer.type = 'button';
    answer.addEventListener('click', () => void act(`calls/${encodeURIComponent(c.callId)}/answer`, `Customer answered ${c.callId}.`));
    acts.append(answer);
  }
  if (c.state !== 'released') {
    const hangup = h('button', { className: 'btn btn-small btn-stop', text: 'Customer hangs up', testid: 'panel-call-hangup' });
    hangup.type = 'button';
    hangup.addEventListener('click', () => void act(`calls/${encodeURIComponent(c.callId)}/hangup`, `Customer hung up ${c.callId}.`));
    acts.append(hangup);
  }
  const stateCell = pill(c.state);
  if (c.held) stateCell.append(document.createTextNode(' on hold'));
  if (c.endReason) stateCell.append(h('div', { className: 'sub', text: c.endReason }));
  tr.append(td(c.callId, 'mono'), td(c.direction), td(c.caller, 'mono'), td(c.called, 'mono'), td(c.skillId == null ? '—' : String(c.skillId)), td(c.workNo == null ? '—' : String(c.workNo)), stateCell, acts);
  return tr;
}

let last: MockState | null = null;

function render(s: MockState): void {
  last = s;
  const activeOnly = ($('active-only') as HTMLInputElement).checked;
  // Newest first; ended calls stay listed (with why they ended) unless filtered out.
  const calls = (activeOnly ? s.calls.filter((c) => c.state !== 'released') : s.calls).slice().reverse();
  fill('agents-body', s.agents, 6, 'No agents in this tenant.', agentRow);
  fill('queues-body', s.queues, 4, 'No skill queues.', queueRow);
  fill('calls-body', calls, 8, activeOnly ? 'No active calls.' : 'No calls yet.', callRow);
  $('agents-count').textContent = `· ${s.agents.filter((a) => a.signedIn).length} of ${s.agents.length} signed in`;
  $('calls-count').textContent = `· ${s.calls.filter((c) => c.state !== 'released').length} active`;
}

function setLive(ok: boolean, text: string): void {
  const live = $('live');
  live.dataset.ok = String(ok);
  live.textContent = text;
}

async function refresh(): Promise<void> {
  try {
    const s = await request('GET', 'state');
    if (!isState(s)) throw new Error('unexpected answer from /__mock/state');
    render(s);
    setLive(true, `Live · ${new Date().toLocaleTimeString()}`);
  } catch (err) {
    setLive(false, `Disconnected: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function note(id: string, text: string, error = false): void {
  const e = $(id);
  e.textContent = text;
  e.dataset.error = String(error);
}

async function act(path: string, done: string, body: unknown = {}, noteId = 'inject-result'): Promise<unknown> {
  try {
    const r = await request('POST', path, body);
    note(noteId, done);
    await refresh();
    return r;
  } catch (err) {
    note(noteId, err instanceof Error ? err.message : String(err), true);
    return undefined;
  }
}

function numberOrUndefined(v: FormDataEntryValue | null): number | undefined {
  return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

/**
 * The `POST /__mock/faults` body from the fault form (empty fields are left out).
 *
 * @example
 * faultsFromForm(new FormData(form)) // { rules: [{ path: '^/agentgateway/', latencyMs: 500 }] }
 */
export function faultsFromForm(data: FormData): Record<string, unknown> {
  const path = String(data.get('path') ?? '').trim();
  const rule: Record<string, unknown> = {};
  const latencyMs = numberOrUndefined(data.get('latencyMs'));
  const errorRate = numberOrUndefined(data.get('errorRate'));
  const status = numberOrUndefined(data.get('status'));
  if (latencyMs !== undefined) rule.latencyMs = latencyMs;
  if (errorRate !== undefined) rule.errorRate = errorRate;
  if (status !== undefined) rule.status = status;
  const body: Record<string, unknown> = {};
  if (Object.keys(rule).length) body.rules = [{ path: path || '.*', ...rule }];
  if (data.get('dropLongPolls') === 'on') body.dropLongPolls = true;
  const dropSession = numberOrUndefined(data.get('dropSession'));
  if (dropSession !== undefined) body.dropSession = dropSession;
  return body;
}

function start(): void {
  const inject = $('inject-form') as HTMLFormElement;
  inject.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(inject);
    const caller = String(data.get('caller') ?? '').trim();
    const called = String(data.get('called') ?? '').trim();
    void act('calls', `Injected a call from ${caller} to ${called}.`, { caller, called }).then((r) => {
      const id = (r as { callId?: unknown } | undefined)?.callId;
      if (typeof id === 'string') note('inject-result', `Injected call ${id} from ${caller} to ${called}.`);
    });
  });
  const faults = $('faults-form') as HTMLFormElement;
  faults.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void act('faults', 'Faults applied.', faultsFromForm(new FormData(faults)), 'faults-result');
  });
  $('faults-clear').addEventListener('click', () => {
    faults.reset();
    void act('faults', 'Faults cleared.', {}, 'faults-result');
  });
  $('reset').addEventListener('click', () => void act('reset', 'The mock was reset.'));
  $('active-only').addEventListener('change', () => last && render(last));
  startConfigTab(controlBase(location.href));
  // After the Configuration tab's switch: the Scenarios tab's own switch must run after it.
  mountScenariosTab(request);
  const loop = (): void => {
    void refresh().finally(() => setTimeout(loop, POLL_MS));
  };
  loop();
}

if (typeof document !== 'undefined' && document.getElementById('inject-form')) start();
