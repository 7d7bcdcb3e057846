/**
 * Budgets for the `/service-cloud/` proxy, so that one client cannot starve every agent.
 *
 * - Two upstream socket budgets, each with its own `http.Agent`: one for the CC-Gateway's event
 *   long poll (`GET …/agentgateway/resource/agentevent/{agentid}`, docs/cec-reference.md §5.7),
 *   one for everything else (commands, the loader, the bar's pages). Polls never take the sockets
 *   commands need, and the other way round.
 * - A cap on what one client may hold at once in each budget (waiting or forwarded): 429.
 * - A deadline on the wait for an upstream socket: 503.
 * - A deadline on the request body, so an upload that never finishes gives its slot back: 408.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FabricError } from '../protocol/fabric-error.js';
import { GATEWAY_BASE_PATH, GUID_HEADER } from '../protocol/gateway.js';
import { sendJson } from './http-io.js';
import type { LogLevel } from './logger.js';

/** The two budgets: the gateway's event long poll, and every other request. */
export type ProxyRequestKind = 'poll' | 'command';

/**
 * Limits of the `/service-cloud/` proxy (`createProxyHandler({ limits })`,
 * `createBarShellServer({ proxyLimits })`). Every field is optional and has a default.
 *
 * @example
 * ```ts
 * import { createBarShellServer, type ProxyLimits } from 'cec-bar-host/server';
 * // 2,000 agents on one shell server, behind a load balancer that sets X-Real-IP.
 * const proxyLimits: ProxyLimits = {
 *   pollSockets: 2048,
 *   clientKey: (req) => String(req.headers.guid ?? req.headers['x-real-ip'] ?? req.socket.remoteAddress),
 * };
 * await createBarShellServer({ cecOrigin: 'https://cec.example.com', hostOrigins: ['https://crm.example.com'], port: 8081, proxyLimits });
 * ```
 */
export interface ProxyLimits {
  /**
   * Upstream sockets for event long polls. Each signed-in agent holds about one poll at a time.
   * When all are taken, a new poll waits for one, at most `socketWaitMs` (then 503).
   *
   * @default 1024
   * @example { pollSockets: 2048 } // up to ~2,000 signed-in agents
   */
  readonly pollSockets?: number;
  /**
   * Upstream sockets for every other request (agent commands, the loader POST, the bar's pages
   * and scripts). When all are taken, a request waits for one, at most `socketWaitMs` (then 503).
   *
   * @default 128
   * @example { commandSockets: 256 }
   */
  readonly commandSockets?: number;
  /**
   * Event polls one client may hold at once (waiting or forwarded). A bar polls one at a time;
   * the slack covers a reload whose old poll has not ended yet. One more is answered 429 with
   * `Retry-After` and never reaches CEC.
   *
   * @default 4
   * @example { pollsPerClient: 2 }
   */
  readonly pollsPerClient?: number;
  /**
   * Other requests one client may hold at once (waiting or forwarded). One more is answered 429
   * with `Retry-After` and never reaches CEC. Clients without a Guid or session cookie are told
   * apart by address only, so keep this well above a browser's 6 connections per host.
   *
   * @default 32
   * @example { commandsPerClient: 64 } // many first-time browsers behind one NAT address
   */
  readonly commandsPerClient?: number;
  /**
   * How long a request may wait for an upstream socket of its budget (ms). Past it the request
   * is answered 503 with `Retry-After` and never reaches CEC.
   *
   * @default 2000
   * @example { socketWaitMs: 5000 }
   */
  readonly socketWaitMs?: number;
  /**
   * How long the request body may take to arrive (ms, counted from the moment the request's
   * headers reached the proxy, the wait for a socket included). Past it the upstream request is stopped, the slot is given back and
   * the client gets 408 with `Connection: close` (or a cut connection, when CEC had already
   * started answering). Raise it if agents upload large files through the bar.
   *
   * @default 10000
   * @example { bodyTimeoutMs: 30000 }
   */
  readonly bodyTimeoutMs?: number;
  /**
   * Who a request belongs to, for the per-client caps. By default: its `Guid` header (the
   * gateway session, docs/cec-reference.md §5.1), else CEC's `sum_sid` cookie (the bar's session,
   * §1.6), else the socket's remote address. Behind a load balancer every address is the
   * balancer's: derive the key from the header it sets instead. A client that invents a new
   * Guid per request escapes its own cap, never the budgets or the deadlines.
   *
   * @default Guid header, else `sum_sid` cookie, else remote address
   * @example { clientKey: (req) => String(req.headers['x-real-ip']) }
   */
  readonly clientKey?: (req: IncomingMessage) => string;
}

type NumericLimit = Exclude<keyof ProxyLimits, 'clientKey'>;

/**
 * The default of each numeric limit in {@link ProxyLimits}.
 *
 * @example
 * ```ts
 * import { createProxyHandler, DEFAULT_PROXY_LIMITS } from 'cec-bar-host/server';
 * // Twice the default poll budget, the rest as it is.
 * createProxyHandler({ upstreamOrigin: 'https://cec.example.com', limits: { pollSockets: DEFAULT_PROXY_LIMITS.pollSockets * 2 } });
 * ```
 */
export const DEFAULT_PROXY_LIMITS: Readonly<Required<Omit<ProxyLimits, 'clientKey'>>> = Object.freeze({
  pollSockets: 1024,
  commandSockets: 128,
  pollsPerClient: 4,
  commandsPerClient: 32,
  socketWaitMs: 2000,
  bodyTimeoutMs: 10_000,
});

const COUNT_LIMITS: readonly NumericLimit[] = ['pollSockets', 'commandSockets', 'pollsPerClient', 'commandsPerClient'];
const TIME_LIMITS: readonly NumericLimit[] = ['socketWaitMs', 'bodyTimeoutMs'];
/** setTimeout's longest delay; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Sent with 429 and 503: the bar re-polls 200-500 ms after an answer (docs/cec-reference.md §5.7). */
const RETRY_AFTER_SECONDS = 1;
/** CEC's session cookie (docs/cec-reference.md §1.6). */
const SESSION_COOKIE = /(?:^|;\s*)sum_sid=([^;]+)/;
/** The gateway's event poll; the base path holds no regular-expression characters. */
const EVENT_POLL = new RegExp(`${GATEWAY_BASE_PATH}agentevent/[^/]+$`);

/**
 * Throws FabricError `INVALID_OPTIONS` unless `limits` is undefined or a valid {@link ProxyLimits}.
 * `where` names the option in the message, e.g. `createBarShellServer: proxyLimits`.
 *
 * @example
 * validateProxyLimits({ pollSockets: 0 }, 'createProxyHandler: limits'); // throws
 */
export function validateProxyLimits(limits: unknown, where: string): void {
  if (limits === undefined) return;
  const bad = (message: string): never => {
    throw new FabricError('INVALID_OPTIONS', `${where}: ${message}`);
  };
  if (typeof limits !== 'object' || limits === null) bad('must be an object');
  const given = limits as Record<string, unknown>;
  for (const name of Object.keys(given)) if (!Object.hasOwn(DEFAULT_PROXY_LIMITS, name) && name !== 'clientKey') bad(`unknown limit ${name}`);
  for (const name of COUNT_LIMITS) {
    const value = given[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && Number(value) >= 1)) bad(`${name} must be a whole number of at least 1`);
  }
  for (const name of TIME_LIMITS) {
    const value = given[name];
    if (value !== undefined && !(Number.isInteger(value) && Number(value) >= 1 && Number(value) <= MAX_TIMER_MS)) bad(`${name} must be a whole number of ms, 1 to ${MAX_TIMER_MS}`);
  }
  if (given.clientKey !== undefined && typeof given.clientKey !== 'function') bad('clientKey must be a function');
}

/**
 * Which budget a request uses: `poll` for the gateway's event long poll, `command` otherwise.
 *
 * @example
 * proxyRequestKind('GET', '/service-cloud/agentgateway/resource/agentevent/101'); // 'poll'
 */
export function proxyRequestKind(method: string | undefined, pathAndQuery: string): ProxyRequestKind {
  const pathname = pathAndQuery.split('?')[0] ?? '';
  return method === 'GET' && EVENT_POLL.test(pathname) ? 'poll' : 'command';
}

/**
 * The default {@link ProxyLimits.clientKey}: Guid header, else `sum_sid` cookie, else address.
 *
 * @example
 * defaultProxyClientKey(req); // 'guid JSESSIONID=…' or 'session …' or 'address 10.0.0.7'
 */
export function defaultProxyClientKey(req: IncomingMessage): string {
  const guid = req.headers[GUID_HEADER.toLowerCase()];
  if (typeof guid === 'string' && guid !== '') return `guid ${guid}`;
  const session = SESSION_COOKIE.exec(req.headers.cookie ?? '')?.[1];
  if (session) return `session ${session}`;
  return `address ${req.socket.remoteAddress ?? ''}`;
}

/** A counting semaphore with a first-come queue. */
class SlotPool {
  private taken = 0;
  private readonly queue = new Set<() => void>();

  constructor(private readonly capacity: number) {}

  /** Runs `granted` once a slot is free (at once when one is); the returned function leaves the queue. */
  take(granted: () => void): () => void {
    if (this.taken < this.capacity) {
      this.taken += 1;
      granted();
      return () => undefined;
    }
    this.queue.add(granted);
    return () => void this.queue.delete(granted);
  }

  /** Gives a slot back: straight to the longest waiter, if any. */
  give(): void {
    const next = this.queue.values().next();
    if (next.done) {
      this.taken -= 1;
      return;
    }
    this.queue.delete(next.value);
    next.value();
  }
}

/** One budget: its sockets, its agent, and what each client holds in it now. */
interface Budget {
  readonly kind: ProxyRequestKind;
  readonly slots: SlotPool;
  readonly agent: http.Agent;
  readonly perClient: number;
  readonly holders: Map<string, number>;
}

/** What the forwarding code gets once a request holds an upstream slot. */
export interface ProxyLease {
  readonly kind: ProxyRequestKind;
  /** The upstream agent of this budget: pass it to `http.request`. */
  readonly agent: http.Agent;
  /**
   * `stop` runs (once) when the request body ran out of time: it must end the upstream request
   * and keep the forwarding code from answering; the budget answers 408 itself.
   */
  onCancel(stop: () => void): void;
}

export interface ProxyBudget {
  /** Answers 429, 503 or 408 itself, or calls `forward` once an upstream slot is held. */
  admit(req: IncomingMessage, res: ServerResponse, pathAndQuery: string, forward: (lease: ProxyLease) => void): void;
}

type Deadlines = Readonly<Record<'socketWaitMs' | 'bodyTimeoutMs', number>>;
type ProxyLog = (level: LogLevel, message: string, data?: Record<string, unknown>) => void;

/** True while a request has a body that has not fully arrived (`complete` is false until the parser's next step, even for a GET). */
function bodyPending(req: IncomingMessage): boolean {
  if (req.complete) return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Answers a request the budget refuses; an unfinished body closes the connection rather than being drained. */
function refuse(req: IncomingMessage, res: ServerResponse, status: 408 | 429 | 503, error: string, message: string): void {
  const headers: Record<string, string> = status === 408 ? {} : { 'Retry-After': String(RETRY_AFTER_SECONDS) };
  if (bodyPending(req)) headers.Connection = 'close';
  sendJson(res, status, { error, message }, headers);
}

/** One admitted request, from its arrival to its response's close. */
class AdmittedRequest {
  private state: 'waiting' | 'forwarded' | 'done' = 'waiting';
  private withdraw: () => void = () => undefined;
  private stopUpstream: () => void = () => undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly budget: Budget,
    private readonly client: string,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly path: string,
    private readonly log: ProxyLog,
  ) {}

  start(limits: Deadlines, forward: (lease: ProxyLease) => void): void {
    this.res.once('close', () => this.release());
    if (bodyPending(this.req)) this.timers.push(setTimeout(() => this.bodyTimedOut(limits.bodyTimeoutMs), limits.bodyTimeoutMs));
    this.withdraw = this.budget.slots.take(() => this.forward(forward));
    if (this.state === 'waiting') this.timers.push(setTimeout(() => this.waitTimedOut(limits.socketWaitMs), limits.socketWaitMs));
  }

  private forward(forward: (lease: ProxyLease) => void): void {
    this.state = 'forwarded';
    try {
      forward({ kind: this.budget.kind, agent: this.budget.agent, onCancel: (stop) => (this.stopUpstream = stop) });
    } catch (error) {
      // This may run inside another request's release: a throw must not escape into its 'close' listener.
      this.log('error', 'proxy: forwarding failed', { kind: this.budget.kind, path: this.path, error: String(error) });
      this.res.destroy();
    }
  }

  private waitTimedOut(waitMs: number): void {
    if (this.state !== 'waiting') return;
    this.withdraw();
    this.stopTimers();
    this.log('warn', 'proxy: no upstream socket in time', { kind: this.budget.kind, path: this.path, status: 503 });
    refuse(this.req, this.res, 503, 'SERVICE_UNAVAILABLE', `no upstream connection free for this ${this.budget.kind} within ${waitMs} ms`);
  }

  private bodyTimedOut(bodyMs: number): void {
    if (this.req.complete || this.state === 'done') return;
    this.withdraw();
    this.stopTimers();
    this.stopUpstream();
    this.log('warn', 'proxy: request body too slow', { kind: this.budget.kind, path: this.path, status: 408 });
    if (this.res.headersSent) this.res.destroy();
    else refuse(this.req, this.res, 408, 'REQUEST_TIMEOUT', `the request did not arrive within ${bodyMs} ms`);
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private release(): void {
    if (this.state === 'done') return;
    const heldSlot = this.state === 'forwarded';
    this.state = 'done';
    this.stopTimers();
    this.withdraw();
    if (heldSlot) this.budget.slots.give();
    const held = (this.budget.holders.get(this.client) ?? 1) - 1;
    if (held > 0) this.budget.holders.set(this.client, held);
    else this.budget.holders.delete(this.client);
  }
}

function createBudget(kind: ProxyRequestKind, sockets: number, perClient: number, protocol: string): Budget {
  const agentOptions = { keepAlive: true, maxSockets: sockets };
  const agent = protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  return { kind, slots: new SlotPool(sockets), agent, perClient, holders: new Map() };
}

/**
 * The budgets of one proxy. `limits` must have passed {@link validateProxyLimits}; `protocol` is
 * the upstream's (`https:` gets TLS agents).
 *
 * @example
 * const budget = createProxyBudget({ pollSockets: 2048 }, 'https:', log);
 * budget.admit(req, res, req.url, (lease) => forwardUpstream(lease.agent));
 */
export function createProxyBudget(limits: ProxyLimits | undefined, protocol: string, log: ProxyLog): ProxyBudget {
  const setting = (name: NumericLimit): number => limits?.[name] ?? DEFAULT_PROXY_LIMITS[name];
  const budgets: Record<ProxyRequestKind, Budget> = {
    poll: createBudget('poll', setting('pollSockets'), setting('pollsPerClient'), protocol),
    command: createBudget('command', setting('commandSockets'), setting('commandsPerClient'), protocol),
  };
  const deadlines: Deadlines = { socketWaitMs: setting('socketWaitMs'), bodyTimeoutMs: setting('bodyTimeoutMs') };
  const clientKey = limits?.clientKey ?? defaultProxyClientKey;
  const keyOf = (req: IncomingMessage): string => {
    try {
      return String(clientKey(req));
    } catch {
      return defaultProxyClientKey(req); // a broken key function must not take the server down
    }
  };

  return {
    admit(req, res, pathAndQuery, forward) {
      const budget = budgets[proxyRequestKind(req.method, pathAndQuery)];
      const path = pathAndQuery.split('?')[0] ?? ''; // logged without the query
      const client = keyOf(req);
      const held = budget.holders.get(client) ?? 0;
      if (held >= budget.perClient) {
        log('warn', 'proxy: client over its cap', { kind: budget.kind, path, status: 429 });
        refuse(req, res, 429, 'TOO_MANY_REQUESTS', `this client already holds ${held} ${budget.kind} requests`);
        return;
      }
      budget.holders.set(client, held + 1);
      new AdmittedRequest(budget, client, req, res, path, log).start(deadlines, forward);
    },
  };
}
