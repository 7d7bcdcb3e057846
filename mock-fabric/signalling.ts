/**
 * The WebRTC signalling relay between the mock bar's phone and the customer phone page, over
 * HTTP: one mailbox per call and side, filled by POST and read by long poll. Served at
 * `/__mock/signal/` and, for the bar behind the enterprise's proxy, `/service-cloud/__mock/signal/`.
 * CEC's own WebRTC signalling is not public (docs/cec-reference.md §7): not documented by CEC; chosen here.
 *
 *   POST {base}dial                      { caller, called } → 201 { callId } (a customer phone dials)
 *   GET  {base}{callId}/{side}?after=N   → { peer, call, messages } (waits ≤ pollMs for news; wait=0: at once)
 *   POST {base}{callId}/{side}           SignalMessage, delivered to the other side
 *   POST {base}{callId}/hangup           the customer hangs up
 *   POST {base}agent/{workNo}/phone      { available, why } — unavailable → busy, reason 5
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  signalMessageSchema,
  signalDialSchema,
  phoneReportSchema,
  SIGNAL_SIDES,
  type SignalMessage,
  type SignalPoll,
  type SignalSide,
} from './signal-wire.js';
import { formatIssues } from '../src/protocol/zod.js';
import { ControlError } from './control-error.js';
import type { Engine } from './engine.js';
import { NOT_READY_REASONS } from './mock-state.js';
import { HttpError, readJson, sendJson } from '../src/server/http-io.js';
import { MOCK_JSON_BODY, SMALL_JSON_BODY, parseWorkNo, requireMethod } from './http-util.js';

export const SIGNAL_PREFIXES = ['/__mock/signal/', '/service-cloud/__mock/signal/'] as const;

/** Not documented by CEC; chosen here: relay limits. */
export const SIGNAL_CHOICES = {
  /** A poll with nothing new answers after this long. */
  pollMs: 10_000,
  /** Messages kept per mailbox (an SDP exchange needs 2-4). */
  maxMessages: 64,
  /** Mailboxes kept for ended calls before the oldest are forgotten. */
  maxCalls: 500,
} as const;

interface Mailbox {
  seq: number;
  messages: { seq: number; message: SignalMessage }[];
}
interface CallBoxes {
  readonly phone: boolean;
  readonly boxes: Record<SignalSide, Mailbox>;
}
interface Waiter {
  readonly callId: string;
  wake(): void;
}

/**
 * The relay over one engine.
 *
 * @example
 * const relay = new SignalRelay(engine);
 * if (await relay.handle(req, res, url)) return;
 * relay.dispose();
 */
export class SignalRelay {
  readonly #engine: Engine;
  readonly #calls = new Map<string, CallBoxes>();
  readonly #waiters = new Set<Waiter>();
  readonly #unlisten: () => void;
  readonly pollMs: number;

  constructor(engine: Engine, pollMs: number = SIGNAL_CHOICES.pollMs) {
    this.#engine = engine;
    this.pollMs = pollMs;
    // Any engine event may change a call's state: wake the polls of that call.
    const listener = (e: { envelope: { event: { content: unknown } } }): void => {
      const c = e.envelope.event.content;
      const id = typeof c === 'string' ? c : typeof c === 'object' && c !== null ? String((c as { callid?: unknown; callId?: unknown }).callid ?? (c as { callId?: unknown }).callId ?? '') : '';
      this.#wake(id || undefined);
    };
    engine.centre.listeners.add(listener);
    this.#unlisten = () => engine.centre.listeners.delete(listener);
  }

  /** End every poll and stop listening to the engine. */
  dispose(): void {
    this.#unlisten();
    this.#wake(undefined);
    this.#calls.clear();
  }

  /** A customer phone page dials `called`: the engine routes it like any inbound call. */
  dial(caller: string, called: string): { callId: string } {
    const { callId } = this.#engine.routing.injectCall({ caller, called });
    this.#boxes(callId, true);
    return { callId };
  }

  /** Deliver a message from `from` to the other side of the call. */
  post(callId: string, from: SignalSide, message: SignalMessage): void {
    if (!this.#engine.centre.calls.has(callId)) throw new ControlError(`no call ${callId}`, 404);
    const to = this.#boxes(callId, false).boxes[from === 'agent' ? 'customer' : 'agent'];
    to.seq += 1;
    to.messages.push({ seq: to.seq, message });
    if (to.messages.length > SIGNAL_CHOICES.maxMessages) to.messages.shift();
    this.#wake(callId);
  }

  /** What `side` has not seen after `after`, with the call's state. */
  read(callId: string, side: SignalSide, after: number): SignalPoll {
    const call = this.#engine.centre.calls.get(callId);
    const entry = this.#calls.get(callId);
    return {
      peer: entry?.phone ? 'phone' : 'virtual',
      call: call ? { state: call.state, held: call.held, endReason: call.endReason ?? null } : { state: 'unknown', held: false, endReason: null },
      messages: entry ? entry.boxes[side].messages.filter((m) => m.seq > after) : [],
    };
  }

  /** Long poll: answers at once when there is news, else when news arrives or after `pollMs`. */
  async poll(callId: string, side: SignalSide, after: number, lastState: string | null, waitMs: number): Promise<SignalPoll> {
    const news = (): SignalPoll | undefined => {
      const r = this.read(callId, side, after);
      return r.messages.length > 0 || r.call.state !== lastState || r.call.state === 'released' || r.call.state === 'unknown' ? r : undefined;
    };
    const now = news();
    if (now || waitMs <= 0) return now ?? this.read(callId, side, after);
    return new Promise<SignalPoll>((resolve) => {
      const waiter: Waiter = {
        callId,
        wake: () => {
          const r = news();
          if (r) finish(r);
        },
      };
      const timer = setTimeout(() => finish(this.read(callId, side, after)), waitMs);
      const finish = (r: SignalPoll): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        resolve(r);
      };
      this.#waiters.add(waiter);
    });
  }

  /** The bar says whether its phone can work; unavailable sets a signed-in agent busy with reason 5. */
  reportPhone(workNo: number, available: boolean): { busy: boolean } {
    const rt = this.#engine.centre.agents.get(workNo);
    if (!rt) throw new ControlError(`no agent ${workNo}`, 404);
    if (available || rt.phase === 'signedOut') return { busy: false };
    if (rt.phase === 'busy' && rt.busyReason === NOT_READY_REASONS.PHONE_UNAVAILABLE) return { busy: true };
    const r = this.#engine.agentStates.sayBusy(workNo, NOT_READY_REASONS.PHONE_UNAVAILABLE);
    return { busy: r.retcode === '0' };
  }

  #boxes(callId: string, phone: boolean): CallBoxes {
    let entry = this.#calls.get(callId);
    if (!entry) {
      entry = { phone, boxes: { agent: { seq: 0, messages: [] }, customer: { seq: 0, messages: [] } } };
      this.#calls.set(callId, entry);
      if (this.#calls.size > SIGNAL_CHOICES.maxCalls) {
        const oldest = this.#calls.keys().next().value;
        if (oldest !== undefined) this.#calls.delete(oldest);
      }
    }
    return entry;
  }

  #wake(callId: string | undefined): void {
    for (const w of [...this.#waiters]) if (callId === undefined || w.callId === callId) w.wake();
  }

  /**
   * HTTP face. Returns false for paths outside the relay.
   *
   * @example
   * if (await relay.handle(req, res, url)) return;
   */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const prefix = SIGNAL_PREFIXES.find((p) => url.pathname.startsWith(p));
    if (!prefix) return false;
    const parts = url.pathname.slice(prefix.length).split('/');
    if (parts.length === 1 && parts[0] === 'dial') await this.#answerDial(req, res);
    else if (parts.length === 3 && parts[0] === 'agent' && parts[2] === 'phone') await this.#answerPhoneReport(req, res, parts[1]);
    else if (parts.length === 2) await this.#answerMailbox(req, res, url, parts[0], parts[1]);
    else throw new HttpError(404, 'no such signalling path');
    return true;
  }

  /** `POST dial`: a customer phone page dials. */
  async #answerDial(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requireMethod(req, 'POST');
    const body = signalDialSchema.safeParse(await readJson(req, SMALL_JSON_BODY));
    if (!body.success) throw new HttpError(400, `bad dial body: ${formatIssues(body.error.issues)}`);
    sendJson(res, 201, this.dial(body.data.caller, body.data.called));
  }

  /** `POST agent/{workNo}/phone`: the bar reports whether its phone works. */
  async #answerPhoneReport(req: IncomingMessage, res: ServerResponse, workNoSegment: string | undefined): Promise<void> {
    requireMethod(req, 'POST');
    const workNo = parseWorkNo(workNoSegment);
    if (workNo === undefined) throw new HttpError(400, 'workNo must be 101-59999');
    const body = phoneReportSchema.safeParse(await readJson(req, SMALL_JSON_BODY));
    if (!body.success) throw new HttpError(400, `bad phone report: ${formatIssues(body.error.issues)}`);
    sendJson(res, 200, this.reportPhone(workNo, body.data.available));
  }

  /** `{callId}/hangup`, or one side's mailbox: GET polls it, POST posts to the other side. */
  async #answerMailbox(req: IncomingMessage, res: ServerResponse, url: URL, callId: string | undefined, action: string | undefined): Promise<void> {
    if (!callId || !/^[0-9A-Za-z_-]{1,64}$/.test(callId)) throw new HttpError(404, 'no such signalling path');
    if (action === 'hangup') {
      requireMethod(req, 'POST');
      req.resume();
      this.#engine.callControl.customerHangup(callId);
      return sendJson(res, 200, { ok: true });
    }
    const side = SIGNAL_SIDES.find((s) => s === action);
    if (!side) throw new HttpError(404, 'side must be agent or customer');
    if (req.method === 'GET') {
      const after = Number(url.searchParams.get('after') ?? '0');
      if (!Number.isInteger(after) || after < 0) throw new HttpError(400, 'after must be a non-negative integer');
      const wait = url.searchParams.get('wait') === '0' ? 0 : this.pollMs;
      return sendJson(res, 200, await this.poll(callId, side, after, url.searchParams.get('state'), wait));
    }
    requireMethod(req, 'POST');
    const message = signalMessageSchema.safeParse(await readJson(req, MOCK_JSON_BODY));
    if (!message.success) throw new HttpError(400, `bad signalling message: ${formatIssues(message.error.issues)}`);
    this.post(callId, side, message.data);
    sendJson(res, 200, { ok: true });
  }
}
