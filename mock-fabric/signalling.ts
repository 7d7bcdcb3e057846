/**
 * The WebRTC signalling relay between the mock bar's phone and the customer phone page, over
 * HTTP: one mailbox per call and side, filled by POST and read by long poll. Served at
 * `/__mock/signal/` and, for the bar behind the enterprise's proxy, `/service-cloud/__mock/signal/`.
 * CEC's own WebRTC signalling is not public (docs/cec-reference.md §7): not documented by CEC; chosen here.
 *
 *   POST /__mock/signal/dial             { caller, called } → 201 { callId, phoneToken } (a customer phone dials)
 *   GET  {base}{callId}/{side}?after=N   → { peer, call, messages } (waits ≤ pollMs for news; wait=0: at once)
 *   POST {base}{callId}/{side}           SignalMessage, delivered to the other side
 *   POST {base}{callId}/hangup           the customer hangs up
 *   POST {base}agent/{workNo}/phone      { available, why } — unavailable → busy, reason 5
 *   …/__mock/signal/device/…             the softphone double and phone lines (devices.ts)
 *
 * Who may do what (the `/service-cloud/` prefix is reachable by anyone who reaches the enterprise's
 * proxy): the agent side and the phone report need the agent's gateway session (`Guid` header, as
 * the bar sends it to the gateway) and the call must be that agent's; the customer side and hangup
 * need the `X-Mock-Phone-Token` that `dial` gave the phone page. Missing or wrong credentials: 401;
 * another agent's call: 403. Dialling exists on the mock's own `/__mock/signal/` only (the QA
 * control surface, control-guard.ts), never through the proxy.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  signalMessageSchema,
  signalDialSchema,
  phoneReportSchema,
  SIGNAL_SIDES,
  PHONE_TOKEN_HEADER,
  type SignalDialAnswer,
  type SignalMessage,
  type SignalPoll,
  type SignalSide,
  type CallMedia,
  DEVICE_TOKEN_HEADER,
} from './signal-wire.js';
import { DeviceDesk, headerValue } from './devices.js';
import { formatIssues } from '../src/protocol/zod.js';
import { GUID_HEADER } from '../src/protocol/gateway.js';
import { ControlError } from './control-error.js';
import type { Engine } from './engine.js';
import { NOT_READY_REASONS } from './mock-state.js';
import { HttpError, readJson, sendJson } from '../src/server/http-io.js';
import { CONTROL_JSON_BODY, SMALL_JSON_BODY, parseWorkNo, requireMethod } from './http-util.js';

/** The relay on the mock's own origin (the phone page, QA) and behind the enterprise's proxy (the bar). */
export const SIGNAL_PREFIXES = ['/__mock/signal/', '/service-cloud/__mock/signal/'] as const;
const DIAL_PREFIX = SIGNAL_PREFIXES[0];

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
  /** The secret the customer phone page got from `dial`; none for calls without a phone page. */
  readonly phoneToken: string | undefined;
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
  /** The softphone double and phone lines (devices.ts). */
  readonly devices: DeviceDesk;

  constructor(engine: Engine, pollMs: number = SIGNAL_CHOICES.pollMs, options: { requireSoftphone?: boolean } = {}) {
    this.#engine = engine;
    this.pollMs = pollMs;
    this.devices = new DeviceDesk(engine, { requireSoftphone: options.requireSoftphone === true, pollMs });
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
    this.devices.dispose();
    this.#wake(undefined);
    this.#calls.clear();
  }

  /** A customer phone page dials `called`: the engine routes it like any inbound call. The token is the phone's credential. */
  dial(caller: string, called: string, media?: CallMedia): SignalDialAnswer {
    const { callId } = this.#engine.routing.injectCall(media === undefined ? { caller, called } : { caller, called, media });
    const phoneToken = randomBytes(24).toString('base64url');
    this.#boxes(callId, phoneToken);
    return { callId, phoneToken };
  }

  /** Deliver a message from `from` to the other side of the call. */
  post(callId: string, from: SignalSide, message: SignalMessage): void {
    if (!this.#engine.centre.calls.has(callId)) throw new ControlError(`no call ${callId}`, 404);
    const to = this.#boxes(callId, undefined).boxes[from === 'agent' ? 'customer' : 'agent'];
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
      peer: entry?.phone || this.devices.answeredByLine(callId) ? 'phone' : 'virtual',
      media: call?.media ?? 'audio',
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

  #boxes(callId: string, phoneToken: string | undefined): CallBoxes {
    let entry = this.#calls.get(callId);
    if (!entry) {
      entry = { phone: phoneToken !== undefined, phoneToken, boxes: { agent: { seq: 0, messages: [] }, customer: { seq: 0, messages: [] } } };
      this.#calls.set(callId, entry);
      if (this.#calls.size > SIGNAL_CHOICES.maxCalls) {
        const oldest = this.#calls.keys().next().value;
        if (oldest !== undefined) this.#calls.delete(oldest);
      }
    }
    return entry;
  }

  /** The agent side: a working Guid, of the agent the call is (or last was) with. A call the engine forgot reads as unknown. */
  #authoriseAgent(req: IncomingMessage, callId: string): void {
    if (this.devices.mayActAs(headerValue(req, DEVICE_TOKEN_HEADER), callId, 'agent')) return;
    const workNo = this.#engine.centre.sessions.agentOf(headerValue(req, GUID_HEADER));
    if (workNo === undefined) refuse(req, 401, 'the agent side needs the agent\'s Guid');
    const call = this.#engine.centre.calls.get(callId);
    if (call && (call.workNo ?? call.lastAgent) !== workNo) refuse(req, 403, `call ${callId} is not agent ${workNo}'s`);
  }

  /** The customer side and hangup: the token `dial` gave the phone page. */
  #authorisePhone(req: IncomingMessage, callId: string): void {
    if (this.devices.mayActAs(headerValue(req, DEVICE_TOKEN_HEADER), callId, 'customer')) return;
    const expected = this.#calls.get(callId)?.phoneToken;
    const presented = headerValue(req, PHONE_TOKEN_HEADER);
    if (expected === undefined || presented === undefined || !sameSecret(presented, expected)) refuse(req, 401, `the customer side needs the ${PHONE_TOKEN_HEADER} its phone got when it dialled`);
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
    if (parts.length === 1 && parts[0] === 'dial' && prefix === DIAL_PREFIX) await this.#answerDial(req, res);
    else if (parts.length === 2 && parts[0] === 'device' && prefix === DIAL_PREFIX) await this.devices.handle(req, res, url, parts[1]);
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
    sendJson(res, 201, this.dial(body.data.caller, body.data.called, body.data.media));
  }

  /** `POST agent/{workNo}/phone`: the bar reports whether its phone works. */
  async #answerPhoneReport(req: IncomingMessage, res: ServerResponse, workNoSegment: string | undefined): Promise<void> {
    requireMethod(req, 'POST');
    const workNo = parseWorkNo(workNoSegment);
    if (workNo === undefined) throw new HttpError(400, 'workNo must be 101-59999');
    if (this.#engine.centre.sessions.agentOf(headerValue(req, GUID_HEADER)) !== workNo) refuse(req, 401, `agent ${workNo}'s Guid is required`);
    const body = phoneReportSchema.safeParse(await readJson(req, SMALL_JSON_BODY));
    if (!body.success) throw new HttpError(400, `bad phone report: ${formatIssues(body.error.issues)}`);
    sendJson(res, 200, this.reportPhone(workNo, body.data.available));
  }

  /** `{callId}/hangup`, or one side's mailbox: GET polls it, POST posts to the other side. */
  async #answerMailbox(req: IncomingMessage, res: ServerResponse, url: URL, callId: string | undefined, action: string | undefined): Promise<void> {
    if (!callId || !/^[0-9A-Za-z_-]{1,64}$/.test(callId)) throw new HttpError(404, 'no such signalling path');
    if (action === 'hangup') {
      requireMethod(req, 'POST');
      this.#authorisePhone(req, callId);
      req.resume();
      this.#engine.callControl.customerHangup(callId);
      return sendJson(res, 200, { ok: true });
    }
    const side = SIGNAL_SIDES.find((s) => s === action);
    if (!side) throw new HttpError(404, 'side must be agent or customer');
    if (side === 'agent') this.#authoriseAgent(req, callId);
    else this.#authorisePhone(req, callId);
    if (req.method === 'GET') {
      const after = Number(url.searchParams.get('after') ?? '0');
      if (!Number.isInteger(after) || after < 0) throw new HttpError(400, 'after must be a non-negative integer');
      const wait = url.searchParams.get('wait') === '0' ? 0 : this.pollMs;
      return sendJson(res, 200, await this.poll(callId, side, after, url.searchParams.get('state'), wait));
    }
    requireMethod(req, 'POST');
    const message = signalMessageSchema.safeParse(await readJson(req, CONTROL_JSON_BODY));
    if (!message.success) throw new HttpError(400, `bad signalling message: ${formatIssues(message.error.issues)}`);
    this.post(callId, side, message.data);
    sendJson(res, 200, { ok: true });
  }
}

/** Refuse with `status`, draining an unread body. */
function refuse(req: IncomingMessage, status: 401 | 403, message: string): never {
  req.resume();
  throw new HttpError(status, message);
}

/** Compares two secrets in time that does not depend on where they differ. */
function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
