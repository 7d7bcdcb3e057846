/**
 * What keeps other web pages out of the QA control (`/__mock/`) and the signalling relay:
 * - every POST must say `Content-Type: application/json`, with or without a body (415 otherwise):
 *   a cross-site form or `text/plain` fetch needs no CORS preflight, a JSON one does, and the
 *   mock answers no preflight;
 * - `/__mock/` answers only to the mock's own `Host` names (403 otherwise), so a page whose DNS
 *   name is rebound to 127.0.0.1 cannot read `/__mock/state`.
 * Not documented by CEC; chosen here.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError, isJsonContentType } from '../src/server/http-io.js';

/** Host names a mock bound to loopback answers to by default, each with the mock's port. */
export const LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/** A Host value: a DNS name or IPv4 address, or an IPv6 address in brackets, with an optional port. */
const HOST_VALUE = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;

/** Lower-case `value`, with `defaultPort` added when it names none. Undefined when it is no Host value. */
function normaliseHost(value: string, defaultPort: number): string | undefined {
  const lower = value.trim().toLowerCase();
  const match = HOST_VALUE.exec(lower);
  if (!match) return undefined;
  return match[1] === undefined ? `${lower}:${defaultPort}` : lower;
}

/**
 * The Host values the control answers to. `configured` replaces the default (the loopback names,
 * plus the bound interface when it is a specific address); an entry without a port means the
 * mock's port. Throws a TypeError naming a malformed entry.
 *
 * @example
 * allowedHostSet(undefined, '127.0.0.1', 8043) // localhost:8043, 127.0.0.1:8043, [::1]:8043
 * allowedHostSet(['mock.qa.internal'], '0.0.0.0', 8043) // mock.qa.internal:8043
 */
export function allowedHostSet(configured: readonly string[] | undefined, boundHost: string, port: number): ReadonlySet<string> {
  const bound = boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  const wildcard = boundHost === '0.0.0.0' || boundHost === '::' || boundHost === '';
  const entries = configured ?? [...LOOPBACK_HOST_NAMES, ...(wildcard ? [] : [bound])];
  const allowed = new Set<string>();
  for (const entry of entries) {
    const host = normaliseHost(entry, port);
    if (host === undefined) throw new TypeError(`allowedHosts: "${entry}" is not a host name with an optional :port`);
    allowed.add(host);
  }
  return allowed;
}

/** True for the paths this guard covers: the QA control and both signalling relay prefixes. */
export function isControlSurface(pathname: string, signalPrefixes: readonly string[]): boolean {
  return pathname.startsWith('/__mock/') || signalPrefixes.some((prefix) => pathname.startsWith(prefix));
}

/**
 * Refuses a request to the control surface that another web page could have sent: a `/__mock/`
 * request for a Host not in `allowedHosts` (403), and a POST that is not JSON (415). The
 * `/service-cloud/` relay prefix is reached through the enterprise's proxy, whose Host is the
 * mock's upstream name, so only its POSTs are checked here (its callers authenticate in signalling.ts).
 */
export function guardControlRequest(req: IncomingMessage, pathname: string, allowedHosts: ReadonlySet<string>): void {
  if (pathname.startsWith('/__mock/')) {
    // A Host without a port names port 80 (the mock serves plain http).
    const host = normaliseHost(req.headers.host ?? '', 80);
    if (host === undefined || !allowedHosts.has(host)) {
      req.resume();
      throw new HttpError(403, `Host "${req.headers.host ?? ''}" may not use the mock's control; start the mock with allowedHosts to add it`);
    }
  }
  if (req.method === 'POST' && !isJsonContentType(req.headers['content-type'])) {
    req.resume();
    throw new HttpError(415, 'Content-Type must be application/json (also for a POST without a body)');
  }
}
