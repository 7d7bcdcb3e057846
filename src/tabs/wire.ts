/**
 * The tab-to-tab protocol on the per-agent BroadcastChannel. Same origin, but still untrusted
 * input (any script of the origin can post): every message is shape-checked before use.
 */
import type { CallMedia } from '../protocol/cec-commands.js';
import type { MediaCheck } from '../protocol/media.js';
import type { AgentSnapshot, Call } from '../host/types.js';

/** Events relayed owner → standby tabs (not `error`/`connection`: those are per tab). */
export const RELAYED = ['agent.state', 'call.ringing', 'call.dialing', 'call.connected', 'call.ended', 'cec'] as const;
export type Relayed = (typeof RELAYED)[number];

/** The owner's view after an event: standby tabs answer `bar.agent`/`bar.calls` from it. */
export interface Snapshot {
  agent: AgentSnapshot;
  calls: Call[];
  /** The owner's frame is ready (standby tabs resolve `bar.ready` on it). */
  ready?: boolean;
}
/** Requests a standby tab sends to the owner; each is answered by a `res` with the same id. */
export type WireRequest =
  | { t: 'out'; id: string; number: string; media: CallMedia }
  | { t: 'ask'; id: string; force: boolean }
  | { t: 'media'; id: string };
export type WireAnswer = { t: 'res'; id: string; call?: Call; media?: MediaCheck; code?: string; message?: string };
/** @example const m: Wire = { t: 'media', id: 'r1' }; */
export type Wire =
  | ({ t: 'ev'; name: Relayed; p: unknown } & Snapshot)
  | ({ t: 'owner'; tabId: string } & Snapshot)
  /** A tab that just opened asks the owner for its snapshot (it may join mid-call). */
  | { t: 'hello' }
  /** `reconnect()` in a standby tab: the owner rebuilds its frame. */
  | { t: 'reconnect' }
  | WireRequest
  | WireAnswer;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isCall = (c: unknown): boolean => isObj(c) && typeof c.callId === 'string' && typeof c.startedAt === 'number';
const isSnapshot = (x: Record<string, unknown>): boolean =>
  isObj(x.agent) && typeof x.agent.state === 'string' && Array.isArray(x.calls) && x.calls.every(isCall) && (x.ready === undefined || typeof x.ready === 'boolean');
/** The field each relayed event's listeners rely on first. */
const isPayload = (name: Relayed, p: unknown): boolean =>
  name === 'cec' ? isObj(p) && typeof p.eventType === 'string' : name === 'agent.state' ? isObj(p) && typeof p.state === 'string' : isCall(p);

/**
 * Shape check of what another tab sent; `undefined` for anything else.
 * @example
 * const m = parseWire(event.data); if (!m) return;
 */
export function parseWire(x: unknown): Wire | undefined {
  if (!isObj(x) || typeof x.t !== 'string') return undefined;
  const s = (k: string): boolean => typeof x[k] === 'string';
  if (x.t === 'ev' && (RELAYED as readonly unknown[]).includes(x.name) && isPayload(x.name as Relayed, x.p) && isSnapshot(x)) return x as Wire;
  if (x.t === 'owner' && s('tabId') && isSnapshot(x)) return x as Wire;
  if (x.t === 'hello' || x.t === 'reconnect') return x as Wire;
  if (!s('id')) return undefined;
  if (x.t === 'out' && s('number') && (x.media === 'audio' || x.media === 'video')) return x as Wire;
  if (x.t === 'ask' && typeof x.force === 'boolean') return x as Wire;
  if (x.t === 'media') return x as Wire;
  if (x.t === 'res' && (x.code === undefined || s('code')) && (x.call === undefined || isObj(x.call)) && (x.media === undefined || isObj(x.media))) return x as Wire;
  return undefined;
}
