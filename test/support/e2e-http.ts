/** A tiny 127.0.0.1 HTTP server for test pages: fixed routes, port 0, closes its connections. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestRoute {
  readonly status?: number;
  readonly type?: string;
  readonly body: string | Buffer | (() => string | Buffer);
  readonly headers?: Record<string, string | string[]>;
}
export type TestRouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:port`. */
  readonly url: string;
  readonly port: number;
  /** Add or replace a route while running. */
  route(path: string, r: TestRoute | TestRouteHandler): void;
  close(): Promise<void>;
}

/**
 * @example
 * const a = await startTestServer({ '/crm.html': { type: 'text/html', body: '<h1>CRM</h1>' } });
 */
export async function startTestServer(routes: Record<string, TestRoute | TestRouteHandler> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const r = table.get(path);
    if (!r) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (typeof r === 'function') {
      void Promise.resolve(r(req, res)).catch(() => res.destroy());
      return;
    }
    const body = typeof r.body === 'function' ? r.body() : r.body;
    res.writeHead(r.status ?? 200, { 'Content-Type': r.type ?? 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...r.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    route: (path, r) => void table.set(path, r),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
