/** Small HTTP helpers for the demo CRM backend: JSON in/out with a size cap, static files, cookies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A request the CRM refuses, with the status and message the client sees. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body (at most 64 KB). Bad JSON or a wrong content type → `HttpError` 400/413/415.
 *
 * @example
 * const body = await readJson(req); // unknown; validate it next
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'expected Content-Type: application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

/**
 * Sends a JSON reply, never cached.
 *
 * @example
 * sendJson(res, 200, { ok: true });
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/**
 * Reads one cookie from the request.
 *
 * @example
 * const sid = readCookie(req, 'crm_session');
 */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Serves `rel` from `root` (no `..` escapes). Returns false when there is no such file.
 *
 * @example
 * if (!(await serveFile(res, webDir, 'index.html', csp))) sendJson(res, 404, { error: 'not found' });
 */
export async function serveFile(res: ServerResponse, root: string, rel: string, headers: Record<string, string> = {}): Promise<boolean> {
  const full = path.resolve(root, rel.replace(/^\/+/, ''));
  if (!full.startsWith(path.resolve(root) + path.sep)) return false;
  let body: Buffer;
  try {
    body = await readFile(full);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'Content-Type': MIME[path.extname(full)] ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
  return true;
}
