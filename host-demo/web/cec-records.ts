/**
 * The demo's CEC-checked records in the page: every tab reports `call.ended` to the CRM's call log
 * (it logs a call once), the header shows each queue's waiting calls and longest wait (SSE), a
 * disposition form appears during wrap-up, and the "Call records" card lists the log.
 */
import type { EndedCall, WrapUp } from '../../src/host/index.js';
// Not public yet: a shared bar does not relay wrapUp.* between tabs, so the demo links wrap-ups itself.
import { watchWrapUp, type WrapUpSource } from '../../src/host/wrap-up.js';
import { h, mount, formatDuration } from './dom.js';

const DISPOSITIONS = ['resolved', 'follow-up', 'sale', 'complaint', 'wrong number'] as const;

interface QueueFigures {
  readonly skillId: number;
  readonly waitingCalls: number;
  readonly longestWaitMs: number;
  readonly idleAgents: number;
}

interface CallRecordEntry {
  readonly callId: string;
  readonly direction: string;
  readonly caller?: string;
  readonly called?: string;
  readonly outcome: string;
  readonly talkMs: number;
  readonly fromCdr: boolean;
  readonly reports: number;
  readonly disposition?: string;
}

/** Reports a call's end; `keepalive` lets the report leave even while the tab closes. */
export function reportCallEnded(call: EndedCall): void {
  void fetch('/api/call-ended', { method: 'POST', credentials: 'same-origin', keepalive: true, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(call) }).catch(() => undefined);
}

/** Streams the queue figures into `target` (EventSource reconnects with Last-Event-ID by itself). */
export function showQueueFigures(target: HTMLElement): () => void {
  const source = new EventSource('/api/queues');
  source.addEventListener('queues', (event) => {
    const { queues } = JSON.parse((event as MessageEvent<string>).data) as { queues: readonly QueueFigures[] };
    mount(target, ...queues.map((queue) =>
      h('span', { class: 'pill', 'data-testid': `queue-${queue.skillId}`, 'data-waiting': queue.waitingCalls },
        `Queue ${queue.skillId}: ${queue.waitingCalls} waiting · longest ${formatDuration(queue.longestWaitMs)}`)));
  });
  return () => source.close();
}

async function loadRecords(target: HTMLElement): Promise<void> {
  const response = await fetch('/api/call-records', { credentials: 'same-origin' });
  if (!response.ok) return;
  const entries = (await response.json()) as CallRecordEntry[];
  mount(target, entries.length === 0 ? h('p', { class: 'muted' }, 'No calls yet.') : h('table', { class: 'records' },
    ...entries.map((entry) =>
      h('tr', { 'data-testid': 'call-record', 'data-call-id': entry.callId, 'data-outcome': entry.outcome, 'data-talk-ms': entry.talkMs, 'data-disposition': entry.disposition ?? '' },
        h('td', {}, entry.direction === 'inbound' ? `← ${entry.caller ?? ''}` : `→ ${entry.called ?? ''}`),
        h('td', {}, entry.outcome),
        h('td', {}, formatDuration(entry.talkMs)),
        h('td', {}, entry.fromCdr ? 'checked with CEC' : 'browser report'),
        h('td', {}, entry.disposition ?? '')))));
}

/** Lists the call log in `target`, refreshed every `intervalMs`. */
export function showCallRecords(target: HTMLElement, intervalMs = 2000): () => void {
  void loadRecords(target);
  const timer = window.setInterval(() => void loadRecords(target), intervalMs);
  return () => window.clearInterval(timer);
}

/** Starts the header's queue figures and the call records card; returns a stop function (call it before signing out). */
export function showCecViews(queueTarget: HTMLElement, recordsTarget: HTMLElement): () => void {
  const stopQueues = showQueueFigures(queueTarget);
  const stopRecords = showCallRecords(recordsTarget);
  return () => {
    stopQueues();
    stopRecords();
  };
}

function dispositionForm(target: HTMLElement, wrapUp: WrapUp, onSaved: () => void): HTMLElement {
  const select = h('select', { 'data-testid': 'disposition-select', 'aria-label': 'Disposition' }, ...DISPOSITIONS.map((value) => h('option', { value }, value)));
  const save = async (): Promise<void> => {
    const body = { callId: wrapUp.call.callId, direction: wrapUp.call.direction === 'inbound' ? 'inbound' : 'outbound', disposition: select.value };
    const response = await fetch('/api/call-records/disposition', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) return;
    target.hidden = true;
    onSaved();
  };
  return h('form', { class: 'disposition', 'data-testid': 'disposition-form', onsubmit: (event: Event) => { event.preventDefault(); void save(); } },
    h('strong', {}, `Wrap-up: call ${wrapUp.call.callId}`), select,
    h('button', { class: 'btn btn-small', type: 'submit', 'data-testid': 'disposition-save' }, 'Save disposition'));
}

/** During each wrap-up, shows the disposition form for its call in `target`. */
export function offerDispositions(bar: WrapUpSource, target: HTMLElement, onSaved: () => void): void {
  watchWrapUp(bar, (name, wrapUp) => {
    if (name !== 'wrapUp.started') return;
    mount(target, dispositionForm(target, wrapUp, onSaved));
    target.hidden = false;
  });
}
