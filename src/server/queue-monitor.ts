/**
 * `createQueueMonitor`: live skill queue figures from CC-CMS (docs/queue-figures.md), polled,
 * diffed into change events, and streamed to browsers as Server-Sent Events that resume from
 * `Last-Event-ID` without losing a change.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createEmitter, type Unsubscribe } from '../protocol/emitter.js';
import { isFabricError } from '../protocol/fabric-error.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import type { CmsClient, CmsSkillState } from './cms-client.js';
import { safeLog, type ServerLogger } from './logger.js';

/**
 * Options of {@link createQueueMonitor}.
 *
 * @example
 * ```ts
 * import { createCmsClient, createQueueMonitor, type QueueMonitorOptions } from 'cec-bar-host/server';
 * const cms = createCmsClient({ baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 1 });
 * const options: QueueMonitorOptions = { cms, skillIds: [1, 2], intervalMs: 5000 };
 * const monitor = createQueueMonitor(options);
 * ```
 */
export interface QueueMonitorOptions {
  /** The CC-CMS client. */
  readonly cms: Pick<CmsClient, 'skillStates'>;
  /** The skill queues to watch. */
  readonly skillIds: readonly number[];
  /**
   * How often the figures are read, in ms.
   * @default 5000
   */
  readonly intervalMs?: number;
  /**
   * How many changes are kept for streams that reconnect with `Last-Event-ID`.
   * @default 200
   */
  readonly history?: number;
  /**
   * Where failed reads are logged.
   * @default none
   */
  readonly logger?: ServerLogger;
  /**
   * The clock polls are timed on.
   * @default systemClock
   */
  readonly clock?: Clock;
}

/**
 * The watched queues' figures after one read.
 *
 * @example
 * ```ts
 * import type { QueueSnapshot } from 'cec-bar-host/server';
 * const totalWaiting = (snapshot: QueueSnapshot) => snapshot.queues.reduce((sum, queue) => sum + queue.waitingCalls, 0);
 * ```
 */
export interface QueueSnapshot {
  /** The stream id of this snapshot (also the SSE `id`). */
  readonly id: string;
  /** Which read produced it: 1, 2, 3… since the monitor started. */
  readonly poll: number;
  /** When it was read (ms since the epoch, server clock). */
  readonly at: number;
  /** One entry per watched queue CEC knows. */
  readonly queues: readonly CmsSkillState[];
}

/**
 * The monitor's events.
 *
 * @example
 * ```ts
 * import type { QueueMonitorEvents } from 'cec-bar-host/server';
 * const onChange = (snapshot: QueueMonitorEvents['change']) => console.log(snapshot.poll, snapshot.queues);
 * ```
 */
export interface QueueMonitorEvents {
  /** The figures differ from the previous read (the first read always counts). */
  readonly change: QueueSnapshot;
  /** A read failed (the next one retries). */
  readonly error: Error;
}

/**
 * A running queue monitor.
 *
 * @example
 * ```ts
 * import http from 'node:http';
 * import { createCmsClient, createQueueMonitor } from 'cec-bar-host/server';
 * const cms = createCmsClient({ baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 1 });
 * const monitor = createQueueMonitor({ cms, skillIds: [1, 2] });
 * http.createServer((req, res) => monitor.handler(req, res)).listen(3001, '127.0.0.1');
 * ```
 */
export interface QueueMonitor {
  /** The latest snapshot, once one read succeeded. */
  readonly snapshot: QueueSnapshot | undefined;
  /** `GET` handler streaming every change as SSE (`event: queues`); resumes after `Last-Event-ID`. */
  handler(req: IncomingMessage, res: ServerResponse): void;
  /** One read now (also what the timer runs). */
  poll(): Promise<void>;
  /** Listen to the monitor's events; returns an unsubscribe function. */
  on<K extends keyof QueueMonitorEvents>(name: K, listener: (payload: QueueMonitorEvents[K]) => void): Unsubscribe;
  /** Stops polling and ends every stream. */
  close(): void;
}

/** Not a CEC rule; chosen here: a comment line this often keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

function sameFigures(previous: QueueSnapshot | undefined, queues: readonly CmsSkillState[]): boolean {
  return previous !== undefined && JSON.stringify(previous.queues) === JSON.stringify(queues);
}

function sseMessage(snapshot: QueueSnapshot): string {
  return `id: ${snapshot.id}\nevent: queues\ndata: ${JSON.stringify(snapshot)}\n\n`;
}

/**
 * Creates a queue monitor and starts polling.
 *
 * @param options - The CMS client, the queues, how often.
 * @throws RangeError for an `intervalMs` or `history` below 1, or no skill ids.
 * @example
 * ```ts
 * import { createCmsClient, createQueueMonitor } from 'cec-bar-host/server';
 * const cms = createCmsClient({ baseUrl: 'https://cms.example.com:28443', accessKey: 'cms-ak', secretKey: 'cms-sk', ccId: 1, vdn: 1 });
 * const monitor = createQueueMonitor({ cms, skillIds: [1], intervalMs: 5000 });
 * monitor.on('change', (snapshot) => console.log(snapshot.queues[0]?.waitingCalls));
 * ```
 */
export function createQueueMonitor(options: QueueMonitorOptions): QueueMonitor {
  const intervalMs = options.intervalMs ?? 5000;
  const historySize = options.history ?? 200;
  if (!(intervalMs >= 1) || !(historySize >= 1) || options.skillIds.length === 0) throw new RangeError('createQueueMonitor: intervalMs and history must be at least 1, with at least one skill id');
  const clock = options.clock ?? systemClock;
  const log = safeLog(options.logger, () => []);
  const emitter = createEmitter<QueueMonitorEvents>((error) => log('error', 'queue monitor: a listener threw', { error: String(error) }));
  // Ids carry this instance's tag: a Last-Event-ID from before a restart is not mistaken for a newer one.
  const instance = randomBytes(4).toString('hex');
  const history: QueueSnapshot[] = [];
  const streams = new Set<ServerResponse>();
  let polls = 0;
  let latest: QueueSnapshot | undefined;
  let reading: Promise<void> | undefined;
  let timer: TimerHandle | undefined;
  let keepAlive: TimerHandle | undefined;
  let closed = false;

  function publish(snapshot: QueueSnapshot): void {
    history.push(snapshot);
    if (history.length > historySize) history.shift();
    for (const res of streams) res.write(sseMessage(snapshot));
    emitter.emit('change', snapshot);
  }

  async function read(): Promise<void> {
    try {
      const queues = await options.cms.skillStates(options.skillIds);
      polls += 1;
      if (sameFigures(latest, queues)) return;
      latest = { id: `${instance}-${polls}`, poll: polls, at: clock.now(), queues };
      publish(latest);
    } catch (error) {
      log('warn', 'queue monitor: read failed', { code: isFabricError(error) ? error.code : String(error) });
      emitter.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
  }

  function poll(): Promise<void> {
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  }

  function schedule(): void {
    if (closed) return;
    timer = clock.setTimeout(() => void poll().finally(schedule), intervalMs);
  }

  function sendKeepAlives(): void {
    if (closed) return;
    for (const res of streams) res.write(': keep-alive\n\n');
    keepAlive = clock.setTimeout(sendKeepAlives, KEEP_ALIVE_MS);
  }

  /** What a (re)connecting stream gets first: every change after its last id, or the latest snapshot. */
  function backlog(lastEventId: string | undefined): readonly QueueSnapshot[] {
    const index = lastEventId === undefined ? -1 : history.findIndex((snapshot) => snapshot.id === lastEventId);
    if (index >= 0) return history.slice(index + 1);
    return latest ? [latest] : [];
  }

  function handler(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      req.resume();
      res.writeHead(405, { allow: 'GET', 'content-type': 'text/plain' }).end('use GET');
      return;
    }
    if (closed) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('queue monitor closed');
      return;
    }
    const header = req.headers['last-event-id'];
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    res.write(`retry: ${Math.min(intervalMs, 5000)}\n\n`);
    for (const snapshot of backlog(typeof header === 'string' ? header : undefined)) res.write(sseMessage(snapshot));
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  schedule();
  sendKeepAlives();
  void poll();

  return {
    get snapshot() {
      return latest;
    },
    handler,
    poll,
    on: (name, listener) => emitter.on(name, listener),
    close() {
      closed = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      if (keepAlive !== undefined) clock.clearTimeout(keepAlive);
      for (const res of streams) res.end();
      streams.clear();
      emitter.clear();
    },
  };
}
