/**
 * Node HTTP plumbing shared by the server kit, the mock fabric and the demo CRM: bounded request
 * bodies, JSON and text answers, static files with content types and strong ETags (304s). Internal: not part of the public
 * `cec-bar-host/server` entry.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseJsonBounded } from '../protocol/json.js';

/**
 * A request refused with `status`; `body`, when given, is the JSON answer (else `{ error: message }`).
 *
 * @example
 * throw new HttpError(404, 'no such call');
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    /** The JSON answer, when it is not `{ error: message }`. */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/**
 * Reads a request body of at most `maxBytes`. A larger one (declared or streamed) rejects with
 * HttpError 413 and is drained, not kept: answer it with `Connection: close`. A broken stream
 * rejects with HttpError 400.
 *
 * @example
 * const raw = await readBody(req, 8192);
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): HttpError => new HttpError(413, `body too large (limit ${maxBytes} bytes)`);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', (error) => reject(new HttpError(400, `request body error: ${error.message}`)));
  });
}

/**
 * True when a Content-Type header names JSON: `application/json`, any case, parameters such as
 * `charset` allowed. A cross-site page can POST `text/plain` or a form without a CORS preflight,
 * but never this type: requiring it keeps such posts out.
 *
 * @example
 * isJsonContentType('application/json; charset=utf-8') // true
 * isJsonContentType('text/plain') // false
 */
export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** Options of {@link readJson}. */
export interface ReadJsonOptions {
  readonly maxBytes: number;
  /**
   * Refuse a body whose Content-Type is not `application/json`, with this status (the mock
   * fabric answers 400 as API Fabric does; the demo CRM 415). Absent: any Content-Type is read.
   */
  readonly wrongTypeStatus?: 400 | 415;
}

/**
 * Reads and parses a JSON body (prototype keys dropped, nesting bounded): HttpError 400 for bad
 * JSON, 413 for size or depth, `wrongTypeStatus` for another Content-Type.
 *
 * @example
 * const body = await readJson(req, { maxBytes: 65536, wrongTypeStatus: 415 }); // unknown: validate it next
 */
export async function readJson(req: IncomingMessage, options: ReadJsonOptions): Promise<unknown> {
  if (options.wrongTypeStatus !== undefined && !isJsonContentType(req.headers['content-type'])) {
    req.resume();
    throw new HttpError(options.wrongTypeStatus, 'Content-Type must be application/json');
  }
  const text = (await readBody(req, options.maxBytes)).toString('utf8');
  const parsed = parseJsonBounded(text, options.maxBytes);
  if (!parsed.ok) throw new HttpError(parsed.reason === 'size' ? 413 : 400, `malformed JSON body: ${parsed.error}`);
  return parsed.value;
}

function send(res: ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string>): void {
  // A long poll whose client left, or a second answer after an error: nothing to send.
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/**
 * Answers with JSON, never cached. Extra `headers` use canonical case (`Connection`, `Allow`).
 *
 * @example
 * sendJson(res, 200, { ok: true });
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

/**
 * Answers with plain text, never cached.
 *
 * @example
 * sendText(res, 404, 'not found');
 */
export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  send(res, status, 'text/plain; charset=utf-8', text, headers);
}

/** Content types of the files the servers here hand out (`.js` as RFC 9239 says). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The Content-Type for a file name, or undefined for a kind these servers do not serve.
 *
 * @example
 * contentTypeFor('shell.js') // 'text/javascript; charset=utf-8'
 */
export function contentTypeFor(fileName: string): string | undefined {
  const extension = path.extname(fileName);
  return Object.prototype.hasOwnProperty.call(CONTENT_TYPES, extension) ? CONTENT_TYPES[extension] : undefined;
}

/**
 * A strong entity tag for a static file's bytes (quoted, from SHA-256): the same bytes always give
 * the same tag, any change gives another, so a browser revalidating with it never keeps a stale file.
 *
 * @example
 * entityTag(Buffer.from('console.log(1)')) // '"Vh2...Q"' (27 characters inside the quotes)
 */
export function entityTag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * True when an `If-None-Match` header names `tag` or is `*`. The comparison is weak, as RFC 9110
 * §13.1.2 asks for this header: a `W/` prefix on a listed tag is ignored.
 *
 * @example
 * ifNoneMatchHits('W/"a", "b"', '"a"') // true
 */
export function ifNoneMatchHits(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((listed) => {
    const trimmed = listed.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === tag;
  });
}

/** One static file as {@link sendStaticFile} answers it. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** {@link entityTag} of `body`; computed once when the file is kept in memory. */
  readonly etag: string;
}

/**
 * Answers GET or HEAD for a static file: 304 with no body when `If-None-Match` names its ETag,
 * else 200 with the body (none for HEAD). `headers` (CSP, `Cache-Control`...) go on both: a 304
 * updates the cached response's headers (RFC 9110 §15.4.5), so the security headers must be there
 * too. Use `Cache-Control: no-cache` to make the browser revalidate on every use and keep its
 * cached, already compiled script when the answer is 304.
 *
 * @example
 * sendStaticFile(req, res, { body, contentType: 'text/javascript; charset=utf-8', etag: entityTag(body) }, { 'Cache-Control': 'no-cache' });
 */
export function sendStaticFile(req: IncomingMessage, res: ServerResponse, file: StaticFile, headers: Record<string, string>): void {
  const common = { ...headers, ETag: file.etag };
  if (ifNoneMatchHits(req.headers['if-none-match'], file.etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  res.writeHead(200, { ...common, 'Content-Type': file.contentType, 'Content-Length': file.body.length });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/**
 * Starts `server` on `host:port` (0 = any free port) and resolves with the port it got. A port
 * already taken rejects with one clear sentence.
 *
 * @example
 * const port = await listen(http.createServer(handler), 0, '127.0.0.1');
 */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use`) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * The `http://host:port` origin of a server bound to `host` (IPv6 hosts in brackets).
 *
 * @example
 * httpOrigin('::1', 8080) // 'http://[::1]:8080'
 */
export function httpOrigin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
