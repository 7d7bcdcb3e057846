/**
 * Browser client of the mock's signalling relay (mock-fabric/signalling.ts). Not documented by
 * CEC; chosen here. Every request carries its side's credential: the agent's gateway `Guid`, or
 * the token the customer phone got when it dialled.
 */
import { GUID_HEADER } from '../../../src/protocol/gateway.js';
import { PHONE_TOKEN_HEADER, signalDialAnswerSchema, signalPollSchema, type CallMedia, type SignalDialAnswer, type SignalMessage, type SignalPoll, type SignalSide } from '../../signal-wire.js';

/** The headers that prove who is asking; read on every request, so a rotated Guid is used at once. */
export type SignalCredentials = () => Record<string, string>;

/**
 * The agent's credential: its gateway session's current `Guid` (none while signed out).
 *
 * @example
 * new SignalChannel(base, callId, 'agent', agentCredentials(() => gateway.currentGuid));
 */
export function agentCredentials(guid: () => string | null): SignalCredentials {
  return (): Record<string, string> => {
    const current = guid();
    return current ? { [GUID_HEADER]: current } : {};
  };
}

/**
 * The customer phone's credential: the token `dial` answered.
 *
 * @example
 * new SignalChannel(base, callId, 'customer', phoneCredentials(phoneToken));
 */
export function phoneCredentials(phoneToken: string): SignalCredentials {
  return () => ({ [PHONE_TOKEN_HEADER]: phoneToken });
}

/** Every POST says JSON, also without a body (the mock refuses others with 415). */
const JSON_TYPE = { 'Content-Type': 'application/json' };

/**
 * The relay base for a page: `…/service-cloud/__mock/signal/` for pages under `/service-cloud/`
 * (the bar behind the enterprise proxy), else `/__mock/signal/`.
 *
 * @example
 * signalBaseFor('http://localhost:5000/service-cloud/ccdesktop/pages/cc-bar/bar.html')
 * // → 'http://localhost:5000/service-cloud/__mock/signal/'
 */
export function signalBaseFor(href: string): string {
  const url = new URL(href);
  const i = url.pathname.indexOf('/service-cloud/');
  return `${url.origin}${i >= 0 ? url.pathname.slice(0, i) + '/service-cloud/' : '/'}__mock/signal/`;
}

/**
 * The JSON body of a relay answer; a refusal throws with the relay's own words.
 *
 * @example
 * const body = await json(await fetch(url));
 */
export async function json(res: Response): Promise<unknown> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = typeof body === 'object' && body !== null && 'error' in body ? String((body as { error: unknown }).error) : `HTTP ${res.status}`;
    throw new Error(msg);
  }
  return body;
}

/**
 * One side of one call on the relay.
 *
 * @example
 * const ch = new SignalChannel(signalBaseFor(location.href), callId, 'agent', agentCredentials(() => guid));
 * await ch.send({ type: 'offer', sdp });
 * const poll = await ch.next(signal);
 */
export class SignalChannel {
  private after = 0;
  private lastState: string | null = null;

  constructor(
    private readonly base: string,
    readonly callId: string,
    readonly side: SignalSide,
    private readonly credentials: SignalCredentials,
  ) {}

  private url(path = ''): string {
    return `${this.base}${encodeURIComponent(this.callId)}/${path || this.side}`;
  }

  /** Post a message for the other side. */
  async send(message: SignalMessage): Promise<void> {
    await json(await fetch(this.url(), { method: 'POST', headers: { ...JSON_TYPE, ...this.credentials() }, body: JSON.stringify(message) }));
  }

  /** The next news (messages or a call state change); `wait: false` answers at once. */
  async next(signal?: AbortSignal, wait = true): Promise<SignalPoll> {
    const q = new URLSearchParams({ after: String(this.after) });
    if (this.lastState) q.set('state', this.lastState);
    if (!wait) q.set('wait', '0');
    const r = signalPollSchema.safeParse(await json(await fetch(`${this.url()}?${q.toString()}`, { headers: this.credentials(), ...(signal ? { signal } : {}) })));
    if (!r.success) throw new Error('the signalling relay sent an unreadable answer');
    for (const m of r.data.messages) this.after = Math.max(this.after, m.seq);
    this.lastState = r.data.call.state;
    return r.data;
  }

  /** The customer hangs up. */
  async hangup(): Promise<void> {
    await json(await fetch(this.url('hangup'), { method: 'POST', headers: { ...JSON_TYPE, ...this.credentials() } }));
  }
}

/**
 * Dial from the customer phone page; resolves with the new call id and the phone's token for it.
 *
 * @example
 * const { callId, phoneToken } = await dial(signalBaseFor(location.href), '13900000001', '66881');
 */
export async function dial(base: string, caller: string, called: string, media?: CallMedia): Promise<SignalDialAnswer> {
  const request = media === undefined ? { caller, called } : { caller, called, media };
  const body = signalDialAnswerSchema.safeParse(await json(await fetch(`${base}dial`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(request) })));
  if (!body.success) throw new Error('the mock answered no call id');
  return body.data;
}

/**
 * Tell the mock whether this agent's phone can work (unavailable → busy, CEC reason 5).
 *
 * @example
 * await reportPhone(base, '101', agentCredentials(() => guid), false, 'no microphone');
 */
export async function reportPhone(base: string, workNo: string, credentials: SignalCredentials, available: boolean, why?: string): Promise<void> {
  await json(
    await fetch(`${base}agent/${encodeURIComponent(workNo)}/phone`, {
      method: 'POST',
      headers: { ...JSON_TYPE, ...credentials() },
      body: JSON.stringify(why ? { available, why: why.slice(0, 256) } : { available }),
    }),
  );
}
