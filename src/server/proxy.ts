/**
 * Streaming reverse proxy for `/service-cloud/*` → CEC (docs/cec-reference.md §1.8: CEC sends no CORS headers;
 * the documented fix is a proxy on the enterprise's own origin). Method, headers, body and cookies
 * go through unchanged except for hop-by-hop headers; `Set-Cookie` loses its `Domain` so CEC's
 * `sum_*` cookies land on the proxy's origin; bodies stream both ways, so long polls work.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerLogger } from './logger.js';
import { safeLog } from './logger.js';

/** Hop-by-hop headers (RFC 9110 §7.6.1) never cross a proxy. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-connection']);

/**
 * Longer than the CC-Gateway's ~10 s empty long poll (docs/cec-reference.md §5.7), with room for latency.
 * Not documented by CEC; chosen here.
 */
export const DEFAULT_PROXY_TIMEOUT_MS = 30_000;

export interface ProxyOptions {
  /** `https://cec.example` — origin only; the request path is kept as is. */
  readonly upstreamOrigin: string;
  /** Idle time allowed on the upstream socket (ms) before the request fails with 504. */
  readonly timeoutMs?: number;
  readonly logger?: ServerLogger;
}

/**
 * Drop the `Domain` attribute so the cookie belongs to the proxy's host.
 *
 * @example
 * rewriteSetCookie('sum_sid=1; Path=/; Domain=cec.example'); // 'sum_sid=1; Path=/'
 */
export function rewriteSetCookie(cookie: string): string {
  const [nameValue = '', ...attributes] = cookie.split(';');
  // The first segment is the cookie itself (it may be named "domain"); only attributes are dropped.
  return [nameValue, ...attributes.filter((part) => !/^\s*domain\s*=/i.test(part))].join(';');
}

function forwardHeaders(req: IncomingMessage, upstream: URL): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  const connectionListed = new Set(String(req.headers.connection ?? '').toLowerCase().split(',').map((s) => s.trim()));
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionListed.has(name) || name === 'host') continue;
    out[name] = value;
  }
  out.host = upstream.host;
  const prior = req.headers['x-forwarded-for'];
  const client = req.socket.remoteAddress ?? '';
  out['x-forwarded-for'] = prior ? `${String(prior)}, ${client}` : client;
  out['x-forwarded-host'] = req.headers.host ?? '';
  out['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  return out;
}

function copyResponseHeaders(up: IncomingMessage, res: ServerResponse): void {
  const connectionListed = new Set(String(up.headers.connection ?? '').toLowerCase().split(',').map((s) => s.trim()));
  for (const [name, value] of Object.entries(up.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionListed.has(name)) continue;
    if (name === 'set-cookie') res.setHeader(name, (Array.isArray(value) ? value : [value]).map(rewriteSetCookie));
    else res.setHeader(name, value);
  }
}

function fail(res: ServerResponse, status: 502 | 504, message: string): void {
  if (res.headersSent) {
    res.destroy(); // mid-stream: the client must see a broken response, not a short one
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: status === 502 ? 'BAD_GATEWAY' : 'GATEWAY_TIMEOUT', message }));
}

/**
 * A Node handler that forwards one request to the upstream origin, path and query unchanged.
 *
 * @example
 * const proxy = createProxyHandler({ upstreamOrigin: 'https://cec.example' });
 * http.createServer((req, res) => proxy(req, res, '/service-cloud/x?y=1'));
 */
export function createProxyHandler(options: ProxyOptions): (req: IncomingMessage, res: ServerResponse, pathAndQuery: string) => void {
  const base = new URL(options.upstreamOrigin);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`upstream must be http(s): ${options.upstreamOrigin}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS;
  const log = safeLog(options.logger, () => []);
  const agentOpts = { keepAlive: true, maxSockets: 256 };
  const agent = base.protocol === 'https:' ? new https.Agent(agentOpts) : new http.Agent(agentOpts);
  const request = base.protocol === 'https:' ? https.request : http.request;

  return (req, res, pathAndQuery) => {
    const target = new URL(pathAndQuery, base);
    const started = Date.now();
    const up = request(target, { method: req.method, headers: forwardHeaders(req, target), agent });
    let done = false;
    const finish = (status: number): void => {
      if (done) return;
      done = true;
      log('info', 'proxy', { method: req.method, path: target.pathname, status, ms: Date.now() - started });
    };
    up.setTimeout(timeoutMs, () => {
      finish(504);
      up.destroy(new Error('upstream timeout'));
      fail(res, 504, `CEC did not answer within ${timeoutMs} ms`);
    });
    up.on('error', (err) => {
      if (done) return;
      finish(502);
      log('warn', 'proxy upstream error', { path: target.pathname, error: err.message });
      fail(res, 502, 'CEC could not be reached');
    });
    up.on('response', (upRes) => {
      const status = upRes.statusCode ?? 502;
      res.statusCode = status;
      copyResponseHeaders(upRes, res);
      res.flushHeaders();
      upRes.pipe(res);
      upRes.on('end', () => {
        up.setTimeout(0); // the socket goes back to the pool: no stale timer on it
        finish(status);
      });
      upRes.on('error', () => {
        finish(502);
        res.destroy();
      });
    });
    // The client went away: stop the upstream request too (long polls included).
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  };
}
