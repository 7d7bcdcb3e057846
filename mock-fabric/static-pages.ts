/** Serves the built browser pages (bar, panel, phone) from dist/mock-fabric/. Strict CSP; 503 when not built. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { contentTypeFor, entityTag, sendStaticFile, sendText } from '../src/server/http-io.js';

/** Strict CSP for the mock pages: own scripts only, no inline script. Media for the WebRTC phone. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' blob: mediastream:; connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'none'; object-src 'none'";

/** One mounted page folder: URL prefix → dist folder, with a default file. */
export interface PageMount {
  readonly prefix: string;
  readonly dir: string;
  readonly index: string;
}

/**
 * Mount points for the three pages, given the built dist/mock-fabric folder.
 *
 * @example
 * const mounts = pageMounts(path.join(packageRoot, 'dist', 'mock-fabric'));
 */
export function pageMounts(dist: string): PageMount[] {
  return [
    { prefix: '/service-cloud/ccdesktop/pages/cc-bar/', dir: path.join(dist, 'bar'), index: 'bar.html' },
    { prefix: '/__mock/panel', dir: path.join(dist, 'panel'), index: 'panel.html' },
    { prefix: '/__mock/phone', dir: path.join(dist, 'phone'), index: 'phone.html' },
    { prefix: '/__mock/softphone', dir: path.join(dist, 'softphone'), index: 'softphone.html' },
  ];
}

/** Serve a file under a mount if `urlPath` falls in one (304 when `If-None-Match` names its ETag); false otherwise. */
export async function servePage(mounts: readonly PageMount[], urlPath: string, method: string, res: ServerResponse): Promise<boolean> {
  const mount = mounts.find((m) => urlPath === m.prefix || urlPath.startsWith(m.prefix.endsWith('/') ? m.prefix : `${m.prefix}/`));
  if (!mount) return false;
  if (method !== 'GET' && method !== 'HEAD') {
    sendText(res, 405, 'use GET');
    return true;
  }
  // /__mock/panel → redirect to the folder so relative asset URLs resolve.
  if (urlPath === mount.prefix && !mount.prefix.endsWith('/')) {
    res.writeHead(302, { Location: `${mount.prefix}/` });
    res.end();
    return true;
  }
  const rest = urlPath.slice(mount.prefix.endsWith('/') ? mount.prefix.length : mount.prefix.length + 1);
  const name = rest === '' ? mount.index : rest;
  // Flat folders only: a file name, no traversal.
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)+$/.test(name)) {
    sendText(res, 404, 'not found');
    return true;
  }
  const type = contentTypeFor(name);
  if (!type) {
    sendText(res, 404, 'not found');
    return true;
  }
  let data: Buffer;
  try {
    data = await readFile(path.join(mount.dir, name));
  } catch {
    const built = existsSync(path.join(mount.dir, mount.index));
    if (built) sendText(res, 404, 'not found');
    else sendText(res, 503, `mock page not built: ${path.join(mount.dir, name)} is missing; run \`npm run build\``);
    return true;
  }
  // Read on every request, so a rebuilt page gets a new ETag at once; a 304 spares the browser
  // the download and lets it keep its compiled script.
  sendStaticFile(res.req, res, { body: data, contentType: type, etag: entityTag(data) }, {
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  return true;
}
