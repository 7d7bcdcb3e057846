/** The demo CRM's own HTTP rules: its JSON body limits, its session cookie, its static files. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor, readJson, type ReadJsonOptions } from '../../src/server/http-io.js';

/** At most 64 KB of JSON, and a wrong Content-Type is 415. */
const CRM_JSON_BODY: ReadJsonOptions = { maxBytes: 64 * 1024, wrongTypeStatus: 415 };

/**
 * Reads a JSON body under the CRM's rules. Bad JSON or a wrong content type → `HttpError` 400/413/415.
 *
 * @example
 * const body = await readCrmJson(req); // unknown; validate it next
 */
export function readCrmJson(req: IncomingMessage): Promise<unknown> {
  return readJson(req, CRM_JSON_BODY);
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
    'Content-Type': contentTypeFor(full) ?? 'application/octet-stream',
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
  return true;
}
