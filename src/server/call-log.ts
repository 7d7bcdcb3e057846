/**
 * `createCallLog`: a call log that is right once. Browsers report `call.ended` (authenticated by
 * the CRM's own session, idempotent by call id); CEC's call record (CDR) completes and corrects
 * each entry; watching the agents' live calls finds the calls no browser reported
 * (docs/call-log.md says what CEC can and cannot tell).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createEmitter, type Unsubscribe } from '../protocol/emitter.js';
import { isFabricError } from '../protocol/fabric-error.js';
import { formatIssues, z } from '../protocol/zod.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import type { CmsClient } from './cms-client.js';
import { withLiveCall, withRecord, withReport, type BrowserCallReport } from './call-log-entries.js';
import type { CallLogEntry, CallLogStore } from './call-log-store.js';
import { HttpError, readJson, sendJson } from './http-io.js';
import { safeLog, type ServerLogger } from './logger.js';

/**
 * Options of {@link createCallLog}.
 *
 * @example
 * ```ts
 * import { createCallLog, createCmsClient, createMemoryCallLogStore, type CallLogOptions } from 'cec-bar-host/server';
 * const options: CallLogOptions = {
 *   cms: createCmsClient({ baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 1 }),
 *   store: createMemoryCallLogStore(),
 *   authenticate: async (req) => (req.headers.cookie?.includes('session=') ? 'u-alice' : undefined),
 *   agentIds: () => [101, 102],
 * };
 * const log = createCallLog(options);
 * ```
 */
export interface CallLogOptions {
  /** The CC-CMS client (CDR and live calls). */
  readonly cms: Pick<CmsClient, 'callRecord' | 'agentCallIds' | 'liveCall'>;
  /** Where entries are kept. */
  readonly store: CallLogStore;
  /**
   * Checks the CRM's own session of a browser's report: resolves with the user's name, or
   * undefined to refuse it with 401.
   */
  readonly authenticate: (req: IncomingMessage) => Promise<string | undefined>;
  /**
   * The agents (`workNo`) whose live calls are watched, to find calls no browser reports.
   * @default none: only reported calls are logged
   */
  readonly agentIds?: () => readonly number[];
  /**
   * How often live calls are read and missing call records asked for again, in ms.
   * @default 2000
   */
  readonly intervalMs?: number;
  /**
   * How many rounds a call's record is asked for before the entry stays as the browser left it.
   * @default 30
   */
  readonly recordTries?: number;
  /**
   * Where CEC errors are logged (redacted).
   * @default none
   */
  readonly logger?: ServerLogger;
  /**
   * The clock rounds are timed on.
   * @default systemClock
   */
  readonly clock?: Clock;
}

/**
 * The call log's events.
 *
 * @example
 * ```ts
 * import type { CallLogEvents } from 'cec-bar-host/server';
 * const onEntry = (entry: CallLogEvents['entry']) => console.log(entry.callId, entry.outcome);
 * ```
 */
export interface CallLogEvents {
  /** An entry was written (new, reported again, completed from the CDR, disposition). */
  readonly entry: CallLogEntry;
}

/**
 * A running call log.
 *
 * @example
 * ```ts
 * import http from 'node:http';
 * import { createCallLog, createCmsClient, createMemoryCallLogStore } from 'cec-bar-host/server';
 * const cms = createCmsClient({ baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 1 });
 * const log = createCallLog({ cms, store: createMemoryCallLogStore(), authenticate: async () => 'u-alice' });
 * http.createServer((req, res) => void log.handler(req, res)).listen(3000, '127.0.0.1');
 * ```
 */
export interface CallLog {
  /** `POST` handler for a browser's `call.ended` payload (JSON): 200 `{ callId, reports }`, 401, 400, 405 or 413. */
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Saves the wrap-up disposition on a call's entry (creates the entry if no report came yet). */
  setDisposition(callId: string, direction: 'inbound' | 'outbound', disposition: string): Promise<CallLogEntry | undefined>;
  /** One entry. */
  get(callId: string): Promise<CallLogEntry | undefined>;
  /** The newest entries first. */
  list(limit?: number): Promise<readonly CallLogEntry[]>;
  /** One round now: read the agents' live calls, ask for the records still missing. */
  poll(): Promise<void>;
  /** Listen to the log's events; returns an unsubscribe function. */
  on<K extends keyof CallLogEvents>(name: K, listener: (payload: CallLogEvents[K]) => void): Unsubscribe;
  /** Stops the rounds. */
  close(): void;
}

const reportSchema = z.object({
  callId: z.string().check(z.minLength(1), z.maxLength(64)),
  direction: z.enum(['inbound', 'outbound']),
  caller: z.optional(z.string().check(z.maxLength(64))),
  called: z.optional(z.string().check(z.maxLength(64))),
  outcome: z.enum(['completed', 'missed', 'failed', 'abandoned', 'unknown']),
  endedBy: z.enum(['agent', 'customer', 'system', 'unknown']),
  talkMs: z.number().check(z.gte(0)),
  endedAt: z.optional(z.number()),
});

interface PendingRecord {
  readonly direction: 'inbound' | 'outbound';
  triesLeft: number;
}

/**
 * Creates a call log over a CMS client and a store, and starts its rounds.
 *
 * @param options - The CMS client, the store, how browsers' sessions are checked, whose live calls to watch.
 * @throws RangeError for an `intervalMs` or `recordTries` below 1.
 * @example
 * ```ts
 * import { createCallLog, createCmsClient, createMemoryCallLogStore } from 'cec-bar-host/server';
 * const cms = createCmsClient({ baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 1 });
 * const log = createCallLog({ cms, store: createMemoryCallLogStore(), authenticate: async () => 'u-alice', agentIds: () => [101] });
 * log.on('entry', (entry) => console.log(entry.callId, entry.outcome, entry.talkMs));
 * ```
 */
export function createCallLog(options: CallLogOptions): CallLog {
  const intervalMs = options.intervalMs ?? 2000;
  const recordTries = options.recordTries ?? 30;
  if (!(intervalMs >= 1) || !(recordTries >= 1)) throw new RangeError('createCallLog: intervalMs and recordTries must be at least 1');
  const { cms, store } = options;
  const clock = options.clock ?? systemClock;
  const log = safeLog(options.logger, () => []);
  const emitter = createEmitter<CallLogEvents>((error) => log('error', 'call log: a listener threw', { error: String(error) }));
  const pending = new Map<string, PendingRecord>();
  let live = new Set<string>();
  let round: Promise<void> | undefined;
  let timer: TimerHandle | undefined;
  let closed = false;

  async function write(callId: string, change: (current: CallLogEntry | undefined) => CallLogEntry | undefined): Promise<CallLogEntry | undefined> {
    let changed = false;
    const entry = await store.update(callId, (current) => {
      const next = change(current);
      changed = next !== undefined;
      return next;
    });
    if (changed && entry) emitter.emit('entry', entry);
    return entry;
  }

  function expectRecord(callId: string, direction: 'inbound' | 'outbound'): void {
    if (!pending.has(callId)) pending.set(callId, { direction, triesLeft: recordTries });
  }

  async function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method !== 'POST') {
        req.resume();
        throw new HttpError(405, 'use POST');
      }
      const user = await options.authenticate(req);
      if (user === undefined) {
        req.resume();
        throw new HttpError(401, 'not signed in');
      }
      const parsed = reportSchema.safeParse(await readJson(req, { maxBytes: 16 * 1024, wrongTypeStatus: 415 }));
      if (!parsed.success) throw new HttpError(400, `bad call.ended report: ${formatIssues(parsed.error.issues)}`);
      const report: BrowserCallReport = parsed.data;
      const entry = await write(report.callId, (current) => withReport(current, report, user, clock.now()));
      if (!entry?.fromCdr) expectRecord(report.callId, report.direction);
      sendJson(res, 200, { callId: report.callId, reports: entry?.reports ?? 1 });
    } catch (error) {
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
      log('error', 'call log: report failed', { error: String(error) });
      sendJson(res, 500, { error: 'internal error' });
    }
  }

  async function watchLiveCalls(): Promise<void> {
    const seen = new Set<string>();
    for (const agentId of options.agentIds?.() ?? []) {
      for (const callId of await cms.agentCallIds(agentId)) seen.add(callId);
    }
    for (const callId of seen) {
      if (live.has(callId)) continue;
      const call = await cms.liveCall(callId);
      if (call) await write(callId, (current) => withLiveCall(current, call, clock.now()));
    }
    for (const callId of live) {
      if (seen.has(callId)) continue;
      const entry = await store.get(callId);
      if (entry && !entry.fromCdr) expectRecord(callId, entry.direction);
    }
    live = seen;
  }

  async function askForRecords(): Promise<void> {
    for (const [callId, wanted] of [...pending]) {
      const record = await cms.callRecord(callId, wanted.direction);
      wanted.triesLeft -= 1;
      if (record) await write(callId, (current) => withRecord(current, record, clock.now()));
      if (record || wanted.triesLeft <= 0) pending.delete(callId);
    }
  }

  async function runRound(): Promise<void> {
    try {
      await watchLiveCalls();
      await askForRecords();
    } catch (error) {
      log('warn', 'call log: a CEC query failed; next round retries', { code: isFabricError(error) ? error.code : String(error) });
    }
  }

  function poll(): Promise<void> {
    round ??= runRound().finally(() => {
      round = undefined;
    });
    return round;
  }

  function schedule(): void {
    if (closed) return;
    timer = clock.setTimeout(() => void poll().finally(schedule), intervalMs);
  }
  schedule();

  return {
    handler,
    async setDisposition(callId, direction, disposition) {
      const now = clock.now();
      const fresh: CallLogEntry = { callId, direction, outcome: 'unknown', endedBy: 'unknown', talkMs: 0, reports: 0, fromCdr: false, updatedAt: now };
      const entry = await write(callId, (current) => ({ ...(current ?? fresh), disposition, updatedAt: now }));
      if (entry && !entry.fromCdr) expectRecord(callId, direction);
      return entry;
    },
    get: (callId) => store.get(callId),
    list: (limit = 100) => store.list(limit),
    poll,
    on: (name, listener) => emitter.on(name, listener),
    close() {
      closed = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      emitter.clear();
    },
  };
}
