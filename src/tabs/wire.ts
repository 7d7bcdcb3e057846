/**
 * The tab-to-tab protocol on the per-agent BroadcastChannel. Same origin, but still untrusted
 * input (any script of the origin can post): every message is shape-checked before use.
 */
import type { CallMedia } from '../protocol/cec-commands.js';
import type { MediaCheck } from '../protocol/media.js';
import type { AgentSnapshot, Call } from '../host/types.js';

/**
 * Events relayed owner → standby tabs (not `error`/`connection`: those are per tab).
 *
 * @example
 * ```ts
 * import { RELAYED } from 'cec-bar-host/tabs';
 * const relayed = (name: string) => (RELAYED as readonly string[]).includes(name);
 * ```
 */
export const RELAYED = ['agent.state', 'call.ringing', 'call.dialing', 'call.connected', 'call.ended', 'cec'] as const;
/**
 * The name of an event the owner tab relays to standby tabs (`error` and `connection` are per tab).
 *
 * @example
 * ```ts
 * import type { Relayed } from 'cec-bar-host/tabs';
 * const callEvents: readonly Relayed[] = ['call.ringing', 'call.ended'];
 * ```
 */
export type Relayed = (typeof RELAYED)[number];

/**
 * The owner's view after an event: standby tabs answer `bar.agent`/`bar.calls` from it.
 *
 * @example
 * ```ts
 * import type { Snapshot } from 'cec-bar-host/tabs';
 * const fresh: Snapshot = { agent: { state: 'offline', since: Date.now() }, calls: [] };
 * ```
 */
export interface Snapshot {
  /** The agent's state in the owner tab. */
  agent: AgentSnapshot;
  /** The live calls in the owner tab. */
  calls: Call[];
  /** The owner's frame is ready (standby tabs resolve `bar.ready` on it). */
  ready?: boolean;
}
/**
 * Requests a standby tab sends to the owner; each is answered by a `res` with the same id.
 *
 * @example
 * ```ts
 * import type { WireRequest } from 'cec-bar-host/tabs';
 * const dial: WireRequest = { t: 'out', id: 'r1', number: '13800138000', media: 'audio' };
 * ```
 */
export type WireRequest =
  | {
      /** Dial through the owner's bar. */
      t: 'out';
      /** The request's id. */
      id: string;
      /** The number to dial. */
      number: string;
      /** The call's media. */
      media: CallMedia;
    }
  | {
      /** Ask to take the bar over. */
      t: 'ask';
      /** The request's id. */
      id: string;
      /** Even during a live call. */
      force: boolean;
    }
  | {
      /** Run the media check in the owner's frame. */
      t: 'media';
      /** The request's id. */
      id: string;
    };
/**
 * The owner's answer to a {@link WireRequest}: a result, or a `BarErrorCode` and message.
 *
 * @example
 * ```ts
 * import type { WireAnswer } from 'cec-bar-host/tabs';
 * const refused: WireAnswer = { t: 'res', id: 'r1', code: 'TAKEOVER_REFUSED', message: 'a call is live in the owner tab' };
 * ```
 */
export type WireAnswer = {
  /** An answer. */
  t: 'res';
  /** The request's id. */
  id: string;
  /** For `out`: the call that started. */
  call?: Call;
  /** For `media`: the media check. */
  media?: MediaCheck;
  /** The failure's `BarErrorCode`, when it failed. */
  code?: string;
  /** The failure, for people. */
  message?: string;
};
/**
 * Every message of the tab-to-tab protocol on the per-agent BroadcastChannel.
 *
 * @example
 * ```ts
 * import { parseWire, type Wire } from 'cec-bar-host/tabs';
 * const hello: Wire = { t: 'hello' };
 * const echoed = parseWire(structuredClone(hello));
 * ```
 */
export type Wire =
  | ({
      /** A relayed event, with the owner's snapshot after it. */
      t: 'ev';
      /** The event's name. */
      name: Relayed;
      /** The event's payload. */
      p: unknown;
    } & Snapshot)
  | ({
      /** The owner announces itself, with its snapshot (a new owner, or an answer to `hello`). */
      t: 'owner';
      /** The owner tab's id. */
      tabId: string;
    } & Snapshot)
  | {
      /** A tab that just opened asks the owner for its snapshot (it may join mid-call). */
      t: 'hello';
    }
  | {
      /** `reconnect()` in a standby tab: the owner rebuilds its frame. */
      t: 'reconnect';
    }
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
 * Shape check of what another tab sent; `undefined` for anything else. Same origin, but any script
 * of the origin can post on the channel: nothing is used unchecked.
 *
 * @param x - A BroadcastChannel message's data.
 * @example
 * ```ts
 * import { parseWire } from 'cec-bar-host/tabs';
 * const channel = new BroadcastChannel('cec-bar-host:alice.chen');
 * channel.onmessage = (event) => console.log(parseWire(event.data)?.t ?? 'malformed');
 * ```
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
