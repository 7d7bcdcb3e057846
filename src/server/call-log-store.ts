/** Where the call log keeps its entries: the interface, and the in-memory default. */

/**
 * How a logged call ended: the browser's `call.ended` outcome, corrected from CEC's record when
 * one exists; `inProgress` for a call CEC shows live that has not ended yet.
 *
 * @example
 * ```ts
 * import type { CallLogOutcome } from 'cec-bar-host/server';
 * const needsCallBack = (outcome: CallLogOutcome) => outcome === 'missed' || outcome === 'abandoned';
 * ```
 */
export type CallLogOutcome = 'completed' | 'missed' | 'failed' | 'abandoned' | 'unknown' | 'inProgress';

/**
 * One call in the log, keyed by CEC's call id.
 *
 * @example
 * ```ts
 * import type { CallLogEntry } from 'cec-bar-host/server';
 * const line = (entry: CallLogEntry) => `${entry.callId} ${entry.outcome} ${Math.round(entry.talkMs / 1000)} s`;
 * ```
 */
export interface CallLogEntry {
  /** CEC's call id: the key. */
  readonly callId: string;
  /** Who placed the call. */
  readonly direction: 'inbound' | 'outbound';
  /** The calling number, when known. */
  readonly caller?: string;
  /** The called number, when known. */
  readonly called?: string;
  /** The agent (`workNo`) who had the call, when known. */
  readonly agentId?: number;
  /** The CRM user whose browser reported it first, when one did. */
  readonly reportedBy?: string;
  /** How it ended (see {@link CallLogOutcome}). */
  readonly outcome: CallLogOutcome;
  /** Which side ended it, as the browser said (CEC's CDR says it only as a `releaseCause` code). */
  readonly endedBy: 'agent' | 'customer' | 'system' | 'unknown';
  /** Talk time in ms: CEC's when the CDR is in, else the browser's. */
  readonly talkMs: number;
  /** From the CDR. */
  readonly queueWaitMs?: number;
  /** From the CDR. */
  readonly skillId?: number;
  /** CEC's `releaseCause` code from the CDR, as sent. */
  readonly releaseCause?: number;
  /** How many browser reports arrived for this call (two tabs, retries). */
  readonly reports: number;
  /** True once the entry was completed from CEC's call record. */
  readonly fromCdr: boolean;
  /** What the agent chose in the wrap-up form, if anything. */
  readonly disposition?: string;
  /** When the call ended (ms since the epoch; the browser's clock until the CDR is in). */
  readonly endedAt?: number;
  /** Last change (ms since the epoch, server clock). */
  readonly updatedAt: number;
}

/**
 * The call log's storage. `update` must be atomic for one call id (the log relies on it to log a
 * call once when two tabs report it at the same moment).
 *
 * @example
 * ```ts
 * import { createMemoryCallLogStore, type CallLogStore } from 'cec-bar-host/server';
 * const store: CallLogStore = createMemoryCallLogStore();
 * const entry = await store.update('1700000000-42', (current) => current);
 * ```
 */
export interface CallLogStore {
  /** One entry, if logged. */
  get(callId: string): Promise<CallLogEntry | undefined>;
  /**
   * Reads the entry, lets `change` compute the next one (undefined: leave it), writes it, as one
   * atomic step; resolves with the entry now stored.
   */
  update(callId: string, change: (current: CallLogEntry | undefined) => CallLogEntry | undefined): Promise<CallLogEntry | undefined>;
  /** The newest entries first (by `updatedAt`), at most `limit`. */
  list(limit: number): Promise<readonly CallLogEntry[]>;
}

/**
 * A call log store in this process's memory: lost on restart (use a durable store in production).
 *
 * @example
 * ```ts
 * import { createMemoryCallLogStore } from 'cec-bar-host/server';
 * const store = createMemoryCallLogStore();
 * console.log(await store.list(10));
 * ```
 */
export function createMemoryCallLogStore(): CallLogStore {
  const entries = new Map<string, CallLogEntry>();
  return {
    get: (callId) => Promise.resolve(entries.get(callId)),
    update(callId, change) {
      const next = change(entries.get(callId));
      if (next) entries.set(callId, next);
      return Promise.resolve(entries.get(callId));
    },
    list: (limit) => Promise.resolve([...entries.values()].sort((first, second) => second.updatedAt - first.updatedAt).slice(0, limit)),
  };
}
