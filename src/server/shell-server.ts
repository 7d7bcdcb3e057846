/**
 * `createBarShellServer`: origin B. Serves the built shell page at `/shell/` under a strict CSP,
 * with the allowed host origins written into the page, and reverse-proxies `/service-cloud/*` to
 * CEC. A path it will not interpret (dot segments, encoded separators) is 400; every other path
 * is 404. See docs/internal-contracts.md "Shell page URL".
 */
import http from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FabricError } from '../protocol/fabric-error.js';
import { isExactOrigin } from '../protocol/origin.js';
import { contentTypeFor, entityTag, httpOrigin, listen, sendStaticFile, sendText, type StaticFile } from './http-io.js';
import type { ServerLogger } from './logger.js';
import { createProxyHandler, DEFAULT_PROXY_TIMEOUT_MS, type ProxyOptions } from './proxy.js';
import { validateProxyLimits, type ProxyLimits } from './proxy-budget.js';
import { newCspNonce, shellPageRenderer } from './shell-page.js';

/**
 * Options of {@link createBarShellServer}.
 *
 * @example
 * ```ts
 * import { createBarShellServer, type BarShellServerOptions } from 'cec-bar-host/server';
 * const options: BarShellServerOptions = { cecOrigin: 'https://cec.example.com', hostOrigins: ['https://crm.example.com'], port: 8081 };
 * await createBarShellServer(options);
 * ```
 */
export interface BarShellServerOptions {
  /** CEC's exact origin (`https://cec.example`); `/service-cloud/*` is forwarded there. */
  readonly cecOrigin: string;
  /**
   * CRM origins allowed to frame the shell and hand it a config (`frame-ancestors`), each exact as
   * the browser writes it: `https://crm.example` or `http://127.0.0.1:4000`; no wildcard, path,
   * trailing slash or default port (`INVALID_OPTIONS` otherwise).
   */
  readonly hostOrigins: readonly string[];
  /** 0 picks a free port. */
  readonly port: number;
  /** Interface to bind; 127.0.0.1 unless told otherwise. */
  readonly host?: string;
  /** Folder holding the built shell (`shell.html`, `shell.js`...); defaults to `dist/frame/shell`. */
  readonly shellDir?: string;
  /** Upstream idle timeout (ms); must exceed the gateway's 10 s long poll. Default 30000. */
  readonly proxyTimeoutMs?: number;
  /**
   * More cookie names the proxy forwards to CEC, besides CEC's own (`sum_*` and the names CEC
   * set through the proxy); see {@link ProxyOptions.forwardCookies}.
   *
   * @default undefined (CEC's own cookies only)
   * @example
   * forwardCookies: (name) => name === 'edge_affinity'
   */
  readonly forwardCookies?: (name: string) => boolean;
  /**
   * The proxy's upstream socket budgets (event long polls and commands apart), per-client caps
   * (429), wait for a socket (503) and request-body deadline (408); see {@link ProxyLimits}.
   *
   * @default DEFAULT_PROXY_LIMITS (each field)
   * @example
   * proxyLimits: { pollSockets: 2048 }
   */
  readonly proxyLimits?: ProxyLimits;
  /**
   * Where proxy failures are logged (redacted).
   * @default none
   */
  readonly logger?: ServerLogger;
}

/**
 * A running shell server (origin B), as {@link createBarShellServer} returns it.
 *
 * @example
 * ```ts
 * import { createBarShellServer } from 'cec-bar-host/server';
 * const shell = await createBarShellServer({ cecOrigin: 'https://cec.example.com', hostOrigins: ['https://crm.example.com'], port: 0 });
 * const shellUrl = `${shell.url}/shell/shell.html`;
 * await shell.close();
 * ```
 */
export interface BarShellServer {
  /** `http://host:port` of the server (origin B). */
  readonly url: string;
  /** Stops listening and closes every connection, long polls included. */
  close(): Promise<void>;
}

const SHELL_PREFIX = '/shell/';
const PROXY_PREFIX = '/service-cloud/';

/** Where the built shell lives, from the source tree or from `dist/server/`. */
function defaultShellDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../frame/shell'), path.resolve(here, '../../dist/frame/shell')];
  return candidates.find((d) => existsSync(path.join(d, 'shell.html'))) ?? candidates[1]!;
}

/**
 * Options of {@link shellCsp}.
 *
 * @example
 * ```ts
 * import { shellCsp, type ShellCspOptions } from 'cec-bar-host/server';
 * const options: ShellCspOptions = { nonce: 'q3Zr0vJ8k1dG2w5mXo9b1A==' };
 * const csp = shellCsp('https://cec.example.com', ['https://crm.example.com'], options);
 * ```
 */
export interface ShellCspOptions {
  /**
   * The nonce of this response's inline shell script and stylesheet (new for every response,
   * base64). With it, `script-src` and `style-src` allow that nonce and not `blob:`: the shell runs
   * CEC's bar script inline under the same nonce. Without it, the page loads `shell.js` and
   * `shell.css` as files and the bar script runs from a `blob:` URL.
   *
   * @default undefined (no nonce: the files as built)
   */
  readonly nonce?: string;
}

/**
 * The shell page's CSP, for when you serve the shell page yourself. `frame-src 'self'`: through
 * the proxy the bar is on B itself; the CEC origin too, for deployments that point the context path
 * straight at CEC. `connect-src 'self'`: the loader POST goes through the proxy. `frame-ancestors`:
 * `hostOrigins`. Scripts: `'self'` and either the response's nonce (the page as
 * `createBarShellServer` serves it, script and stylesheet inline) or `blob:` (the built files as
 * they are: the bar script CEC returns then runs from a `blob:` URL). Never `'unsafe-inline'`.
 *
 * @param cecOrigin - CEC's exact origin.
 * @param hostOrigins - The CRM origins that may frame the shell.
 * @param options - The response's nonce, if its script and stylesheet are inline.
 * @throws FabricError `INVALID_OPTIONS` when `nonce` is not base64 of at least 16 characters.
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { shellCsp } from 'cec-bar-host/server';
 * createServer((req, res) => {
 *   res.setHeader('Content-Security-Policy', shellCsp('https://cec.example.com', ['https://crm.example.com']));
 *   res.end();
 * });
 * ```
 */
export function shellCsp(cecOrigin: string, hostOrigins: readonly string[], options: ShellCspOptions = {}): string {
  const { nonce } = options;
  if (nonce !== undefined && !/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(nonce)) {
    throw new FabricError('INVALID_OPTIONS', 'shellCsp: nonce must be base64, 16 characters or more');
  }
  const inline = nonce === undefined ? '' : ` 'nonce-${nonce}'`;
  return [
    "default-src 'self'",
    nonce === undefined ? "script-src 'self' blob:" : `script-src 'self'${inline}`,
    `frame-src 'self' ${cecOrigin}`,
    `frame-ancestors ${hostOrigins.join(' ')}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    `style-src 'self'${inline}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The shell folder's files, each with its ETag (the page itself is rendered per response). */
function loadShellFiles(dir: string): Map<string, StaticFile> {
  if (!existsSync(path.join(dir, 'shell.html'))) {
    throw new FabricError('INVALID_OPTIONS', `no built shell in ${dir}: run the build (npm run build) first`);
  }
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const contentType = contentTypeFor(name);
    if (!contentType || !statSync(full).isFile()) continue;
    const body = readFileSync(full);
    files.set(name, { body, contentType, etag: entityTag(body) });
  }
  return files;
}

/** The page renderer for the shell folder's `shell.html`, `shell.js` and `shell.css`. */
function shellPageFrom(files: Map<string, StaticFile>, hostOrigins: readonly string[]): (nonce: string) => Buffer {
  const text = (name: string): string => {
    const file = files.get(name);
    if (!file) throw new FabricError('INVALID_OPTIONS', `the built shell has no ${name}`);
    return file.body.toString('utf8');
  };
  return shellPageRenderer({ html: text('shell.html'), script: text('shell.js'), stylesheet: text('shell.css') }, hostOrigins);
}

function validate(options: BarShellServerOptions): void {
  const bad = (msg: string): never => {
    throw new FabricError('INVALID_OPTIONS', `createBarShellServer: ${msg}`);
  };
  const exactly = 'scheme http or https, host, optional port; no wildcard, path, trailing slash, query or user info; lowercase, default port left out';
  if (!isExactOrigin(options.cecOrigin)) bad(`cecOrigin must be an exact origin like https://cec.example (${exactly})`);
  if (!Array.isArray(options.hostOrigins) || options.hostOrigins.length === 0) bad('hostOrigins must list at least one origin');
  // The CSP would allow a wildcard while the shell's handshake gate compares exactly: only exact origins.
  for (const origin of options.hostOrigins) if (!isExactOrigin(origin)) bad(`hostOrigins: not an exact origin: ${JSON.stringify(origin)} (${exactly})`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) bad('port must be 0-65535');
  if (options.proxyTimeoutMs !== undefined && (!Number.isFinite(options.proxyTimeoutMs) || options.proxyTimeoutMs < 1)) bad('proxyTimeoutMs must be positive');
  validateProxyLimits(options.proxyLimits, 'createBarShellServer: proxyLimits');
}

/** `.` or `..`, alone or with path parameters (`..;x`, `.%3B`), which servlet containers read as `..`. */
const DOT_SEGMENT = /^\.\.?(?:;|%3b|$)/i;

/**
 * A request target refused rather than normalised away: not origin-form, an encoded `.`, `/` or
 * `\`, a backslash, or a dot segment in the path.
 */
function isRefusedTarget(raw: string): boolean {
  if (!raw.startsWith('/') || raw.startsWith('//')) return true;
  const pathname = raw.split('?')[0]!;
  if (/%2e|%2f|%5c|\\/i.test(pathname)) return true;
  return pathname.split('/').some((segment) => DOT_SEGMENT.test(segment));
}

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } as const;

/**
 * The shell page with its script and stylesheet inline under a nonce of its own. Never stored:
 * it carries this deployment's host origins, and a nonce must not be served twice.
 */
function sendShellPage(req: http.IncomingMessage, res: http.ServerResponse, options: BarShellServerOptions, render: (nonce: string) => Buffer): void {
  const nonce = newCspNonce();
  const page = render(nonce);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': page.length,
    'Content-Security-Policy': shellCsp(options.cecOrigin, options.hostOrigins, { nonce }),
    ...SECURITY_HEADERS,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : page);
}

function notFound(res: http.ServerResponse): void {

  sendText(res, 404, 'not found', { 'X-Content-Type-Options': 'nosniff' });
}

/**
 * Start origin B: the shell page (at `/shell/`, under a strict CSP whose `frame-ancestors` are
 * `hostOrigins`) and the `/service-cloud/` proxy to CEC. Every other path gets 404.
 *
 * @param options - CEC's origin, the CRM origins, the port.
 * @throws FabricError `INVALID_OPTIONS` for a bad option, or when the built shell is missing (run the build).
 * @example
 * ```ts
 * import { createBarShellServer } from 'cec-bar-host/server';
 * const shell = await createBarShellServer({ cecOrigin: 'https://cec.example.com', hostOrigins: ['https://crm.example.com'], port: 8081 });
 * // shellUrl = `${shell.url}/shell/shell.html`, cecContextPath = `${shell.url}/service-cloud/`
 * await shell.close();
 * ```
 */
export async function createBarShellServer(options: BarShellServerOptions): Promise<BarShellServer> {
  validate(options);
  const files = loadShellFiles(options.shellDir ?? defaultShellDir());
  const renderShellPage = shellPageFrom(files, options.hostOrigins);
  const csp = shellCsp(options.cecOrigin, options.hostOrigins);
  const proxy = createProxyHandler({
    upstreamOrigin: options.cecOrigin,
    timeoutMs: options.proxyTimeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS,
    ...(options.forwardCookies ? { forwardCookies: options.forwardCookies } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.proxyLimits ? { limits: options.proxyLimits } : {}),
  });

  const server = http.createServer((req, res) => {
    const raw = req.url ?? '';
    if (isRefusedTarget(raw)) return sendText(res, 400, 'bad request path', { 'X-Content-Type-Options': 'nosniff' });
    const pathname = raw.split('?')[0]!;
    if (pathname.startsWith(PROXY_PREFIX)) return proxy(req, res, raw);
    if (pathname === '/shell') {
      res.writeHead(308, { Location: SHELL_PREFIX });
      return res.end();
    }
    if (!pathname.startsWith(SHELL_PREFIX)) return notFound(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    const name = pathname.slice(SHELL_PREFIX.length) || 'shell.html';
    if (name === 'shell.html') return sendShellPage(req, res, options, renderShellPage);
    const file = files.get(name);
    if (!file) return notFound(res);
    // The files stay available (source maps, a page served elsewhere), revalidated on every use.
    sendStaticFile(req, res, file, { 'Content-Security-Policy': csp, ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' });
  });

  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port, host);
  return {
    url: httpOrigin(host, port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // long polls would otherwise hold close() for their timeout
      }),
  };
}
