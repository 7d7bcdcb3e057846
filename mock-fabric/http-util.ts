/** Small HTTP helpers for the mock: bounded bodies, JSON answers, typed client errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonBounded } from '../src/protocol/index.js';
import { MOCK_CHOICES } from './choices.js';

/** A client mistake (4xx) or an injected fault; anything else thrown is a mock bug (500). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/**
 * Read a request body up to `limit` bytes; larger bodies throw HttpError(413).
 *
 * @example
 * const text = await readBody(req);
 */
export function readBody(req: IncomingMessage, limit: number = MOCK_CHOICES.maxBodyBytes): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new HttpError(413, `body larger than ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, `body larger than ${limit} bytes`));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      if (!failed) reject(new HttpError(400, `request body error: ${e.message}`));
      failed = true;
    });
  });
}

/**
 * Read and parse a JSON body: 400 for bad JSON or a non-JSON content type, 413 for size.
 *
 * @example
 * const body = await readJson(req);
 */
export async function readJson(req: IncomingMessage, limit?: number, requireJsonType = true): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (requireJsonType && !/^application\/json\b/i.test(type)) {
    req.resume();
    throw new HttpError(400, 'Content-Type must be application/json');
  }
  const text = await readBody(req, limit);
  const parsed = parseJsonBounded(text, limit ?? MOCK_CHOICES.maxBodyBytes);
  if (!parsed.ok) throw new HttpError(parsed.reason === 'size' ? 413 : 400, `malformed JSON body: ${parsed.error}`);
  return parsed.value;
}

/**
 * Answer with JSON.
 *
 * @example
 * sendJson(res, 200, { ok: true });
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/** Answer with plain text. */
export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/** Shorthand for a path segment that must be a workNo (101-59999). */
export function parseWorkNo(segment: string | undefined): number | undefined {
  if (!segment || !/^\d{3,5}$/.test(segment)) return undefined;
  const n = Number(segment);
  return n >= 101 && n <= 59999 ? n : undefined;
}
