/** Agent directory: API Fabric has no push for agent changes (docs/cec-reference.md §3.6), so sync = poll + diff. */
import { FabricError, isFabricError } from '../protocol/fabric-error.js';
import type { FabricAgent, QueryAgentInfoResponse } from '../protocol/fabric.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { createEmitter, type Unsubscribe } from '../protocol/emitter.js';
import type { FabricClient } from './fabric-client.js';
import { safeLog, type ServerLogger } from './logger.js';

/**
 * Options of {@link createAgentDirectory}.
 *
 * @example
 * ```ts
 * import { createAgentDirectory, createFabricClient, type AgentDirectoryOptions } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const options: AgentDirectoryOptions = { fabric, intervalMs: 30_000, jitter: 0.2 };
 * const directory = createAgentDirectory(options);
 * ```
 */
export interface AgentDirectoryOptions {
  /** Where the agents come from: a `FabricClient` (only `queryAgentInfo` is used). */
  readonly fabric: Pick<FabricClient, 'queryAgentInfo'>;
  /** Mean time between the end of one poll and the start of the next (≥ 10 ms). */
  readonly intervalMs: number;
  /**
   * ± fraction of `intervalMs` added at random so many backends don't poll in step, in [0, 1).
   * @default 0.1
   */
  readonly jitter?: number;
  /**
   * The clock the polls are timed on.
   * @default systemClock
   */
  readonly clock?: Clock;
  /**
   * The random source of the jitter, in [0, 1).
   * @default Math.random
   */
  readonly random?: () => number;
  /**
   * Where poll failures are logged (redacted).
   * @default none
   */
  readonly logger?: ServerLogger;
}

/**
 * What the directory knows. `stale` is true when the last poll failed (the agents are the last good ones).
 *
 * @example
 * ```ts
 * import { createAgentDirectory, createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const directory = createAgentDirectory({ fabric, intervalMs: 30_000 });
 * const { agents, stale } = directory.snapshot();
 * if (stale) console.warn(`serving ${agents.length} agents from the last good poll`);
 * ```
 */
export interface AgentDirectorySnapshot {
  /** The agents of the last good poll. */
  readonly agents: readonly FabricAgent[];
  /** The SIP server's address from the last good poll. */
  readonly sipServiceIp: string | undefined;
  /** The SIP server's port from the last good poll. */
  readonly sipServicePort: number | undefined;
  /** Clock time of the last successful poll. */
  readonly syncedAt: number | undefined;
  /** The last poll failed: `agents` are the last good ones. */
  readonly stale: boolean;
  /** Why the last poll failed; undefined after a good one. */
  readonly lastError: FabricError | undefined;
}

/**
 * Directory events. `changed` carries the agent before and after (same `workNo`).
 *
 * @example
 * ```ts
 * import { createAgentDirectory, createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const directory = createAgentDirectory({ fabric, intervalMs: 30_000 });
 * directory.on('changed', ({ before, after }) => console.log(before.accountCode, '→', after.accountCode));
 * ```
 */
export interface AgentDirectoryEvents extends Record<string, unknown> {
  /** An agent appeared. */
  added: FabricAgent;
  /** An agent disappeared. */
  removed: FabricAgent;
  /** An agent's account, SIP account or SIP password changed (same `workNo`). */
  changed: {
    /** The agent as it was. */
    readonly before: FabricAgent;
    /** The agent as it is now. */
    readonly after: FabricAgent;
  };
  /** A poll failed (the directory keeps the last good agents and polls again). */
  error: FabricError;
  /** A poll succeeded: the directory now. */
  synced: AgentDirectorySnapshot;
}

/**
 * A polled, diffed view of the tenant's agents.
 *
 * @example
 * ```ts
 * import { createAgentDirectory, createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const directory = createAgentDirectory({ fabric, intervalMs: 30_000 });
 * await directory.ready;
 * const alice = directory.byAccountCode('alice.chen');
 * ```
 */
export interface AgentDirectory {
  /** Resolves after the first successful poll (or when stopped first). Never rejects. */
  readonly ready: Promise<void>;
  /** Listen to a directory event; returns the function that stops listening. */
  on<K extends keyof AgentDirectoryEvents>(type: K, listener: (payload: AgentDirectoryEvents[K]) => void): Unsubscribe;
  /** The agent with this business account (the CRM's `userAccount`), from the last good poll. */
  byAccountCode(accountCode: string): FabricAgent | undefined;
  /** The agent with this work number, from the last good poll. */
  byWorkNo(workNo: number): FabricAgent | undefined;
  /** What the directory knows now. */
  snapshot(): AgentDirectorySnapshot;
  /** Poll now (joins a poll in flight); resolves when it has finished. */
  refresh(): Promise<void>;
  /** Cancels the timer and listeners; a poll in flight is discarded. Idempotent. */
  stop(): void;
  /** Same as `stop()`. */
  close(): void;
}

function sameAgent(a: FabricAgent, b: FabricAgent): boolean {
  return a.accountCode === b.accountCode && a.sipAccount === b.sipAccount && a.sipPwd === b.sipPwd;
}

/**
 * Starts polling `queryAgentInfo` at once, then every `intervalMs` (jittered, never overlapping).
 * Poll failures never reject: they become `error` events and a `stale` snapshot.
 *
 * @param options - The Fabric client and the poll interval.
 * @throws FabricError `INVALID_OPTIONS` when `fabric` is missing, `intervalMs` < 10 or `jitter` outside [0, 1).
 * @example
 * ```ts
 * import { createAgentDirectory, createFabricClient } from 'cec-bar-host/server';
 * const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: AK, appSecret: SK });
 * const directory = createAgentDirectory({ fabric, intervalMs: 30_000 });
 * directory.on('added', (agent) => console.log('new agent', agent.workNo));
 * await directory.ready;
 * directory.byWorkNo(101);
 * directory.stop();
 * ```
 */
export function createAgentDirectory(options: AgentDirectoryOptions): AgentDirectory {
  if (!options || typeof options.fabric?.queryAgentInfo !== 'function') throw new FabricError('INVALID_OPTIONS', 'createAgentDirectory: fabric is required');
  if (!(options.intervalMs >= 10)) throw new FabricError('INVALID_OPTIONS', 'createAgentDirectory: intervalMs must be >= 10');
  const jitter = options.jitter ?? 0.1;
  if (!(jitter >= 0 && jitter < 1)) throw new FabricError('INVALID_OPTIONS', 'createAgentDirectory: jitter must be in [0, 1)');
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const log = safeLog(options.logger, () => []);
  const emitter = createEmitter<AgentDirectoryEvents>((error) => log('error', 'agent directory: a listener threw', { error: String(error) }));

  let byWork = new Map<number, FabricAgent>();
  let byAccount = new Map<string, FabricAgent>();
  let info: Pick<QueryAgentInfoResponse, 'sipServiceIp' | 'sipServicePort'> | undefined;
  let syncedAt: number | undefined;
  let lastError: FabricError | undefined;
  let stopped = false;
  let timer: TimerHandle | undefined;
  let inflight: Promise<void> | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const snapshot = (): AgentDirectorySnapshot => ({
    agents: [...byWork.values()],
    sipServiceIp: info?.sipServiceIp,
    sipServicePort: info?.sipServicePort,
    syncedAt,
    stale: lastError !== undefined,
    lastError,
  });

  function apply(next: QueryAgentInfoResponse): void {
    const nextByWork = new Map<number, FabricAgent>();
    for (const agent of next.agents) nextByWork.set(agent.workNo, agent);
    const added: FabricAgent[] = [];
    const changed: { before: FabricAgent; after: FabricAgent }[] = [];
    const removed: FabricAgent[] = [];
    for (const [workNo, after] of nextByWork) {
      const before = byWork.get(workNo);
      if (!before) added.push(after);
      else if (!sameAgent(before, after)) changed.push({ before, after });
    }
    for (const [workNo, before] of byWork) if (!nextByWork.has(workNo)) removed.push(before);
    // Swap state first so listeners see the new directory.
    byWork = nextByWork;
    byAccount = new Map([...nextByWork.values()].map((a) => [a.accountCode, a]));
    info = { sipServiceIp: next.sipServiceIp, sipServicePort: next.sipServicePort };
    syncedAt = clock.now();
    lastError = undefined;
    for (const a of added) emitter.emit('added', a);
    for (const a of removed) emitter.emit('removed', a);
    for (const c of changed) emitter.emit('changed', c);
    emitter.emit('synced', snapshot());
  }

  async function poll(): Promise<void> {
    try {
      const next = await options.fabric.queryAgentInfo();
      if (stopped) return;
      apply(next);
      markReady();
    } catch (cause) {
      if (stopped) return;
      lastError = isFabricError(cause) ? cause : new FabricError('INVALID_RESPONSE', 'agent directory: queryAgentInfo failed', { cause });
      log('warn', 'agent directory: poll failed; keeping the last good snapshot', { code: lastError.code });
      emitter.emit('error', lastError);
    }
  }

  function schedule(): void {
    if (stopped) return;
    const delay = options.intervalMs * (1 - jitter + 2 * jitter * random());
    timer = clock.setTimeout(() => {
      timer = undefined;
      void runPoll();
    }, delay);
  }

  function runPoll(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (inflight) return inflight;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    inflight = poll().finally(() => {
      inflight = undefined;
      schedule();
    });
    return inflight;
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    emitter.clear();
    markReady();
  }

  void runPoll();

  return {
    ready,
    on: (type, listener) => emitter.on(type, listener),
    byAccountCode: (code) => byAccount.get(code),
    byWorkNo: (workNo) => byWork.get(workNo),
    snapshot,
    refresh: runPoll,
    stop,
    close: stop,
  };
}
