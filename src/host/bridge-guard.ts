/**
 * The host's own `message` filter (postmate's parent listener checks no source): in order
 * origin → source window → postmate envelope → `parseShellMessage` → session id → sequence. Counts
 * each rejection reason; only messages that pass every check come out.
 */
import { parseShellMessage, SHELL_MESSAGE_EVENT, type RejectReason, type ShellMessage } from '../protocol/bridge.js';
import { MAX_JSON_DEPTH } from '../protocol/json.js';
import { POSTMATE_TYPE, SHELL_LISTENING } from '../protocol/postmate-wire.js';

/** @example const g = createBridgeGuard({ sessionId, origin, source: () => frame.contentWindow }); */
export interface BridgeGuard {
  /**
   * A valid shell message, `'handshake'` for postmate's handshake reply, `'listening'` for the shell
   * page's announcement that it is there (docs/internal-contracts.md), or undefined (dropped).
   */
  check(e: Pick<MessageEvent, 'data' | 'origin' | 'source'>): ShellMessage | 'handshake' | 'listening' | undefined;
  /** A new shell page: forget its id and sequence. */
  reset(): void;
  readonly counts: {
    received: number;
    delivered: number;
    gaps: number;
    missing: number;
    lastSeq: number;
    readonly rejected: Record<RejectReason, number>;
  };
}

/** True when a key could poison a prototype if anyone ever merged the object. */
function hasPoisonousKeys(value: unknown, depth: number): boolean {
  if (depth > MAX_JSON_DEPTH) return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.keys(value).some(
    (key) => key === '__proto__' || key === 'constructor' || key === 'prototype' || hasPoisonousKeys((value as Record<string, unknown>)[key], depth + 1),
  );
}

type PostmateEnvelope = { postmate?: unknown; type?: unknown; value?: { name?: unknown; data?: unknown } } | null;

/**
 * @example
 * const guard = createBridgeGuard({ sessionId, origin: 'https://b.example', source: () => iframe.contentWindow });
 * window.addEventListener('message', (e) => { const m = guard.check(e); if (m && m !== 'handshake') handle(m); });
 */
export function createBridgeGuard(options: { readonly sessionId: string; readonly origin: string; source(): unknown }): BridgeGuard {
  let shellId: string | undefined;
  const counts = {
    received: 0,
    delivered: 0,
    gaps: 0,
    missing: 0,
    lastSeq: 0,
    rejected: { origin: 0, source: 0, session: 0, sequence: 0, shape: 0, size: 0, version: 0 },
  };
  const reject = (reason: RejectReason): undefined => void counts.rejected[reason]++;

  /**
   * The postmate envelope's shell message, `'handshake'`, `'listening'`, the reason to reject it,
   * or undefined to drop it uncounted.
   */
  function unwrap(data: unknown): { data: unknown } | 'handshake' | 'listening' | RejectReason | undefined {
    const envelope = data as PostmateEnvelope;
    if (typeof envelope !== 'object' || envelope === null || envelope.type !== POSTMATE_TYPE) return 'shape';
    if (envelope.postmate === 'handshake-reply') return 'handshake';
    if (envelope.postmate === SHELL_LISTENING) return 'listening';
    // postmate's own child answers repeated handshakes with a `reply` (a shell page of one's own may
    // use it): harmless noise, not counted.
    if (envelope.postmate === 'reply') return undefined;
    const value = envelope.value;
    if (envelope.postmate !== 'emit' || typeof value !== 'object' || value === null || value.name !== SHELL_MESSAGE_EVENT) return 'shape';
    if (hasPoisonousKeys(value.data, 0)) return 'shape';
    return { data: value.data };
  }

  /** Session, shell page and sequence: the message belongs to this mount and comes in order. */
  function accept(message: ShellMessage): ShellMessage | undefined {
    if (message.sessionId !== options.sessionId) return reject('session');
    if (shellId === undefined) shellId = message.shellId;
    else if (message.shellId !== shellId) return reject('session');
    if (message.seq <= counts.lastSeq) return reject('sequence');
    if (message.seq > counts.lastSeq + 1) {
      counts.gaps++;
      counts.missing += message.seq - counts.lastSeq - 1;
    }
    counts.lastSeq = message.seq;
    counts.delivered++;
    return message;
  }

  return {
    counts,
    reset() {
      shellId = undefined;
      counts.lastSeq = 0;
    },
    check(event) {
      counts.received++;
      // Origin first, so that `rejected.origin` counts what other origins send (an attack, an
      // extension, the page's own frames); `source` counts the shell origin's other windows.
      if (event.origin !== options.origin) return reject('origin');
      const shellWindow = options.source();
      if (!shellWindow || event.source !== shellWindow) return reject('source');
      const unwrapped = unwrap(event.data);
      if (unwrapped === 'handshake' || unwrapped === 'listening' || unwrapped === undefined) return unwrapped;
      if (typeof unwrapped === 'string') return reject(unwrapped);
      const parsed = parseShellMessage(unwrapped.data);
      return parsed.ok ? accept(parsed.message) : reject(parsed.reason);
    },
  };
}
