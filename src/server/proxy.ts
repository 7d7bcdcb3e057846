/**
 * Streaming reverse proxy for `/service-cloud/*` → CEC (docs/cec-reference.md §1.8: CEC sends no CORS headers;
 * the documented fix is a proxy on the enterprise's own origin). Method, headers and body go
 * through unchanged except for hop-by-hop headers and cookies that are not CEC's; `Set-Cookie`
 * loses its `Domain` so CEC's `sum_*` cookies land on the proxy's origin; bodies stream both ways,
 * so long polls work. An upstream that breaks HTTP costs one request a 502, never the process.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerLogger } from './logger.js';
import { safeLog } from './logger.js';
import { createProxyBudget, validateProxyLimits, type ProxyLease, type ProxyLimits } from './proxy-budget.js';

/** Hop-by-hop headers (RFC 9110 §7.6.1) never cross a proxy. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-connection']);

/**
 * The proxy's default upstream idle timeout (30 s): longer than the CC-Gateway's ~10 s empty long
 * poll (docs/cec-reference.md §5.7), with room for latency. Not documented by CEC; chosen here.
 *
 * @example
 * ```ts
 * import { createProxyHandler, DEFAULT_PROXY_TIMEOUT_MS } from 'cec-bar-host/server';
 * createProxyHandler({ upstreamOrigin: 'https://cec.example.com', timeoutMs: DEFAULT_PROXY_TIMEOUT_MS * 2 });
 * ```
 */
export const DEFAULT_PROXY_TIMEOUT_MS = 30_000;

/**
 * Options of {@link createProxyHandler}.
 *
 * @example
 * ```ts
 * import { createProxyHandler, type ProxyOptions } from 'cec-bar-host/server';
 * const options: ProxyOptions = { upstreamOrigin: 'https://cec.example.com', timeoutMs: 45_000 };
 * const proxy = createProxyHandler(options);
 * ```
 */
export interface ProxyOptions {
  /** `https://cec.example` — origin only; the request path is kept as is. */
  readonly upstreamOrigin: string;
  /**
   * Idle time allowed on the upstream socket (ms) before the request fails with 504.
   * @default DEFAULT_PROXY_TIMEOUT_MS (30 000)
   */
  readonly timeoutMs?: number;
  /**
   * More cookie names to forward to CEC. The browser sends the proxy every cookie of its site (a
   * CRM session scoped to the parent domain included); only CEC's own go on: the `sum_*` ones
   * (docs/cec-reference.md#bar-frame) and the names CEC set through this proxy, learnt from its
   * `Set-Cookie` since the process started. Return true to forward a name as well. A predicate
   * that throws forwards nothing extra.
   *
   * @default undefined (CEC's own cookies only)
   * @example
   * ```ts
   * import { createProxyHandler } from 'cec-bar-host/server';
   * createProxyHandler({ upstreamOrigin: 'https://cec.example.com', forwardCookies: (name) => name === 'edge_affinity' }); // a load balancer's cookie in front of CEC
   * ```
   */
  readonly forwardCookies?: (name: string) => boolean;
  /**
   * Where upstream failures are logged (redacted).
   * @default none
   */
  readonly logger?: ServerLogger;
  /**
   * Upstream socket budgets (event long polls and commands apart), per-client caps (429), the
   * wait for a socket (503) and the request-body deadline (408); see {@link ProxyLimits}.
   * Bad values throw FabricError `INVALID_OPTIONS`.
   *
   * @default DEFAULT_PROXY_LIMITS (each field)
   * @example
   * limits: { pollSockets: 2048, commandsPerClient: 64 }
   */
  readonly limits?: ProxyLimits;
}

/** Cookie names CEC's bar sets on the page's domain (docs/cec-reference.md#bar-frame). */
const CEC_COOKIE_PREFIX = 'sum_';
/** Names learnt from `Set-Cookie`; bounded so an odd upstream cannot grow the set without end. */
const MAX_LEARNT_COOKIE_NAMES = 64;

/** Decides which browser cookies reach CEC; learns CEC's cookie names from its answers. */
interface CookieGate {
  /** The `Cookie` header to send upstream, or undefined when none of the cookies is CEC's. */
  filter(header: string): string | undefined;
  learn(setCookies: readonly string[]): void;
}

/** The name of a `name=value` pair, or '' for a nameless one (never forwarded). */
function cookieName(pair: string): string {
  const equals = pair.indexOf('=');
  return equals < 0 ? '' : pair.slice(0, equals).trim();
}

function createCookieGate(forwardCookies: ((name: string) => boolean) | undefined): CookieGate {
  const learnt = new Set<string>();
  const extraAllowed = (name: string): boolean => {
    try {
      return forwardCookies?.(name) === true;
    } catch {
      return false;
    }
  };
  const allowed = (name: string): boolean => name !== '' && (name.startsWith(CEC_COOKIE_PREFIX) || learnt.has(name) || extraAllowed(name));
  return {
    filter(header) {
      const kept = header.split(';').map((pair) => pair.trim()).filter((pair) => allowed(cookieName(pair)));
      return kept.length > 0 ? kept.join('; ') : undefined;
    },
    learn(setCookies) {
      for (const cookie of setCookies) {
        const name = cookieName(cookie.split(';')[0] ?? '');
        if (name !== '' && learnt.size < MAX_LEARNT_COOKIE_NAMES) learnt.add(name);
      }
    },
  };
}

/**
 * Drop the `Domain` attribute so the cookie belongs to the proxy's host.
 *
 * @param cookie - One `Set-Cookie` header value.
 * @example
 * ```ts
 * import { rewriteSetCookie } from 'cec-bar-host/server';
 * rewriteSetCookie('sum_sid=1; Path=/; Domain=cec.example.com'); // 'sum_sid=1; Path=/'
 * ```
 */
export function rewriteSetCookie(cookie: string): string {
  const [nameValue = '', ...attributes] = cookie.split(';');
  // The first segment is the cookie itself (it may be named "domain"); only attributes are dropped.
  return [nameValue, ...attributes.filter((part) => !/^\s*domain\s*=/i.test(part))].join(';');
}

function forwardHeaders(req: IncomingMessage, upstream: URL, cookies: CookieGate): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  const connectionListed = new Set(String(req.headers.connection ?? '').toLowerCase().split(',').map((s) => s.trim()));
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionListed.has(name) || name === 'host' || name === 'cookie') continue;
    out[name] = value;
  }
  const cookie = req.headers.cookie === undefined ? undefined : cookies.filter(req.headers.cookie);
  if (cookie !== undefined) out.cookie = cookie;
  out.host = upstream.host;
  const prior = req.headers['x-forwarded-for'];
  const client = req.socket.remoteAddress ?? '';
  out['x-forwarded-for'] = prior ? `${String(prior)}, ${client}` : client;
  out['x-forwarded-host'] = req.headers.host ?? '';
  out['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  return out;
}

function copyResponseHeaders(up: IncomingMessage, res: ServerResponse, cookies: CookieGate): void {
  const connectionListed = new Set(String(up.headers.connection ?? '').toLowerCase().split(',').map((s) => s.trim()));
  for (const [name, value] of Object.entries(up.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionListed.has(name)) continue;
    if (name === 'set-cookie') {
      const setCookies = Array.isArray(value) ? value : [value];
      cookies.learn(setCookies);
      res.setHeader(name, setCookies.map(rewriteSetCookie));
    } else res.setHeader(name, value);
  }
}

function fail(res: ServerResponse, status: 502 | 504, message: string): void {
  if (res.destroyed) return; // the client already left
  if (res.headersSent) {
    res.destroy(); // mid-stream: the client must see a broken response, not a short one
    return;
  }
  // Headers copied from an upstream answer that was then refused must not ride on the error.
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: status === 502 ? 'BAD_GATEWAY' : 'GATEWAY_TIMEOUT', message }));
}

/** One forwarded request: its two sides, and its outcome logged once. */
interface Exchange {
  readonly up: http.ClientRequest;
  readonly res: ServerResponse;
  readonly path: string;
  readonly log: ReturnType<typeof safeLog>;
  /** Logs the outcome; false when it was already settled (later events are echoes of the first). */
  finish(status: number): boolean;
}

/** An answer no client may be handed: 502 for this request alone; the upstream socket is dropped, never pooled. */
function refuseAnswer(exchange: Exchange, upRes: IncomingMessage, reason: string): void {
  if (!exchange.finish(502)) return;
  exchange.log('warn', 'proxy: upstream answer refused', { path: exchange.path, reason });
  upRes.on('error', () => undefined); // destroying the request aborts this response
  exchange.up.destroy();
  fail(exchange.res, 502, 'CEC answered with something that is not valid HTTP');
}

function relayAnswer(exchange: Exchange, upRes: IncomingMessage, cookies: CookieGate): void {
  const { up, res } = exchange;
  const status = upRes.statusCode ?? 0;
  // Final statuses are 200-599: Node throws on some others (000, 099), and a 101 nobody asked
  // for would hold the upstream socket for good.
  if (status < 200 || status > 599) return refuseAnswer(exchange, upRes, `status ${status}`);
  try {
    res.statusCode = status;
    copyResponseHeaders(upRes, res, cookies);
    res.flushHeaders();
  } catch (error) {
    return refuseAnswer(exchange, upRes, error instanceof Error ? error.message : 'headers not relayable');
  }
  upRes.pipe(res);
  upRes.on('end', () => {
    up.setTimeout(0); // the socket goes back to the pool: no stale timer on it
    exchange.finish(status);
  });
  upRes.on('error', () => {
    exchange.finish(502);
    res.destroy();
  });
}

/**
 * A Node handler that forwards one request to the upstream origin, path and query unchanged,
 * streaming both ways (long polls included); `createBarShellServer` uses it for `/service-cloud/`.
 * Upstream failures are answered 502, an idle upstream past `timeoutMs` 504.
 *
 * @param options - The upstream origin, the idle timeout, extra cookies to forward.
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createProxyHandler } from 'cec-bar-host/server';
 * const proxy = createProxyHandler({ upstreamOrigin: 'https://cec.example.com' });
 * createServer((req, res) => proxy(req, res, req.url ?? '/')).listen(8081, '127.0.0.1');
 * ```
 */
export function createProxyHandler(options: ProxyOptions): (req: IncomingMessage, res: ServerResponse, pathAndQuery: string) => void {
  const base = new URL(options.upstreamOrigin);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`upstream must be http(s): ${options.upstreamOrigin}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS;
  const log = safeLog(options.logger, () => []);
  validateProxyLimits(options.limits, 'createProxyHandler: limits');
  const budget = createProxyBudget(options.limits, base.protocol, log);
  const request = base.protocol === 'https:' ? https.request : http.request;
  const cookies = createCookieGate(options.forwardCookies);

  const forward = (req: IncomingMessage, res: ServerResponse, pathAndQuery: string, lease: ProxyLease): void => {
    const target = new URL(pathAndQuery, base);
    const started = Date.now();
    const up = request(target, { method: req.method, headers: forwardHeaders(req, target, cookies), agent: lease.agent });
    let done = false;
    const finish = (status: number): boolean => {
      if (done) return false;
      done = true;
      log('info', 'proxy', { method: req.method, path: target.pathname, status, ms: Date.now() - started });
      return true;
    };
    const exchange: Exchange = { up, res, path: target.pathname, log, finish };
    // Proxy budget: a request body that never finishes stops the upstream request (the budget answers 408).
    lease.onCancel(() => {
      finish(408);
      up.destroy();
    });
    up.setTimeout(timeoutMs, () => {
      finish(504);
      up.destroy(new Error('upstream timeout'));
      fail(res, 504, `CEC did not answer within ${timeoutMs} ms`);
    });
    up.on('error', (err) => {
      if (!finish(502)) return;
      log('warn', 'proxy upstream error', { path: target.pathname, error: err.message });
      fail(res, 502, 'CEC could not be reached');
    });
    let answered = false;
    up.on('response', (upRes) => {
      answered = true; // from here on the answer's own end or error settles the request
      relayAnswer(exchange, upRes, cookies);
    });
    // Node 20 hands a 101 to `upgrade` even when the request asked for none (later Nodes to
    // `response`); the proxy never asks for one, so either way it is refused.
    up.on('upgrade', (upRes, socket) => {
      socket.destroy();
      refuseAnswer(exchange, upRes, 'unrequested 101');
    });
    // Closed with neither an answer nor an error: Node drops some protocol surprises this way.
    up.on('close', () => {
      if (!answered && finish(502)) fail(res, 502, 'CEC closed the connection without a valid answer');
    });
    // The client went away: stop the upstream request too (long polls included).
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  };
  // Proxy budget (src/server/proxy-budget.ts): the client's cap, then an upstream slot of the request's budget.
  return (req, res, pathAndQuery) => budget.admit(req, res, pathAndQuery, (lease) => forward(req, res, pathAndQuery, lease));
}
