/**
 * The host's own `message` filter (postmate's parent listener checks no source): in order
 * source → origin → postmate envelope → `parseShellMessage` → session id → sequence. Counts each
 * rejection reason; only messages that pass every check come out.
 */
import { parseShellMessage, SHELL_MESSAGE_EVENT, type RejectReason, type ShellMessage } from '../protocol/bridge.js';
import { MAX_JSON_DEPTH } from '../protocol/json.js';

/** postmate 1.5.2's message type. */
export const POSTMATE_TYPE = 'application/x-postmate-v1+json';

/** @example const g = createBridgeGuard({ sessionId, origin, source: () => frame.contentWindow }); */
export interface BridgeGuard {
  /** A valid shell message, `'handshake'` for postmate's handshake reply, or undefined (dropped). */
  check(e: Pick<MessageEvent, 'data' | 'origin' | 'source'>): ShellMessage | 'handshake' | undefined;
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
const hasBadKeys = (v: unknown, d: number): boolean =>
  d > MAX_JSON_DEPTH ||
  (typeof v === 'object' &&
    v !== null &&
    Object.keys(v).some((k) => k === '__proto__' || k === 'constructor' || k === 'prototype' || hasBadKeys((v as Record<string, unknown>)[k], d + 1)));

/**
 * @example
 * const guard = createBridgeGuard({ sessionId, origin: 'https://b.example', source: () => iframe.contentWindow });
 * window.addEventListener('message', (e) => { const m = guard.check(e); if (m && m !== 'handshake') handle(m); });
 */
export function createBridgeGuard(o: { readonly sessionId: string; readonly origin: string; source(): unknown }): BridgeGuard {
  let shellId: string | undefined;
  const counts = {
    received: 0,
    delivered: 0,
    gaps: 0,
    missing: 0,
    lastSeq: 0,
    rejected: { origin: 0, source: 0, session: 0, sequence: 0, shape: 0, size: 0, version: 0 },
  };
  const no = (r: RejectReason): undefined => void counts.rejected[r]++;
  return {
    counts,
    reset() {
      shellId = undefined;
      counts.lastSeq = 0;
    },
    check(e) {
      counts.received++;
      const src = o.source();
      if (!src || e.source !== src) return no('source');
      if (e.origin !== o.origin) return no('origin');
      const d = e.data as { postmate?: unknown; type?: unknown; value?: { name?: unknown; data?: unknown } } | null;
      if (typeof d !== 'object' || d === null || d.type !== POSTMATE_TYPE) return no('shape');
      if (d.postmate === 'handshake-reply') return 'handshake';
      // postmate's child answers repeated handshakes with a `reply`: harmless noise, not counted.
      if (d.postmate === 'reply') return;
      if (d.postmate !== 'emit' || typeof d.value !== 'object' || d.value === null || d.value.name !== SHELL_MESSAGE_EVENT) return no('shape');
      if (hasBadKeys(d.value.data, 0)) return no('shape');
      const r = parseShellMessage(d.value.data);
      if (!r.ok) return no(r.reason);
      const m = r.message;
      if (m.sessionId !== o.sessionId) return no('session');
      if (shellId === undefined) shellId = m.shellId;
      else if (m.shellId !== shellId) return no('session');
      if (m.seq <= counts.lastSeq) return no('sequence');
      if (m.seq > counts.lastSeq + 1) {
        counts.gaps++;
        counts.missing += m.seq - counts.lastSeq - 1;
      }
      counts.lastSeq = m.seq;
      counts.delivered++;
      return m;
    },
  };
}
