/**
 * A small static file server for tests: node:http on 127.0.0.1, port 0 by default, serving files
 * from one or more roots plus optional in-memory routes. Only GET/HEAD; no directory listing;
 * paths that escape a root are refused.
 *
 * @example
 * const server = await startStaticServer({ roots: { '/dist/': 'dist' }, routes: { '/': { body: '<p>hi</p>' } } });
 * await page.goto(server.url + '/');
 * await server.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface StaticRoute {
  readonly body: string | Uint8Array;
  /** Defaults from the path's extension, else text/html. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface StaticServerOptions {
  /** URL prefix (starting and ending with `/`) → directory on disk. */
  readonly roots?: Readonly<Record<string, string>>;
  /** Exact URL path → fixed response. Checked before roots. */
  readonly routes?: Readonly<Record<string, StaticRoute>>;
  /** Headers added to every response (e.g. a CSP). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly port?: number;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every path requested, in order (for assertions). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function typeOf(p: string): string {
  return TYPES[path.extname(p).toLowerCase()] ?? 'application/octet-stream';
}

async function fromRoots(roots: Readonly<Record<string, string>>, urlPath: string): Promise<{ body: Uint8Array; type: string } | undefined> {
  for (const [prefix, dir] of Object.entries(roots)) {
    if (!urlPath.startsWith(prefix)) continue;
    const base = path.resolve(dir);
    const file = path.resolve(base, '.' + path.posix.normalize('/' + urlPath.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + path.sep)) return undefined;
    try {
      if (!(await stat(file)).isFile()) continue;
      return { body: await readFile(file), type: typeOf(file) };
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Start the server; resolves once it listens. */
export async function startStaticServer(options: StaticServerOptions = {}): Promise<StaticServer> {
  const requests: string[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(urlPath);
    const common = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...options.headers };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...common, Allow: 'GET, HEAD' }).end();
      return;
    }
    const route = options.routes?.[urlPath];
    if (route) {
      res.writeHead(200, { ...common, 'Content-Type': route.contentType ?? (path.extname(urlPath) ? typeOf(urlPath) : TYPES['.html']), ...route.headers });
      res.end(req.method === 'HEAD' ? undefined : route.body);
      return;
    }
    const found = options.roots ? await fromRoots(options.roots, urlPath) : undefined;
    if (!found) {
      res.writeHead(404, { ...common, 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { ...common, 'Content-Type': found.type });
    res.end(req.method === 'HEAD' ? undefined : found.body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
