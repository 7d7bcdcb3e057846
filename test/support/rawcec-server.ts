/**
 * A tiny CRM origin for the raw CEC integration test: serves the demo page at `/` and an empty
 * page at `/blank`, and reverse-proxies `/service-cloud/*` to the mock fabric — CEC's documented
 * fix for its missing CORS headers (docs/cec-reference.md §1.8).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawCecPageHtml, type RawCecPageOptions } from './rawcec-page.js';

export interface RawCecServer {
  /** Origin with no trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Start the CRM origin on 127.0.0.1 (any port).
 *
 * @example
 * const crm = await startRawCecServer(mock.url, { tenantSpaceId: 'mock-tenant-0001', userAccount: 'alice.chen', accessToken: 't' });
 * await page.goto(crm.origin + '/');
 * await crm.close();
 */
export async function startRawCecServer(mockUrl: string, page: RawCecPageOptions): Promise<RawCecServer> {
  const target = new URL(mockUrl);
  const html = rawCecPageHtml(page);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/service-cloud/')) {
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: url, headers: { ...req.headers, host: target.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end('proxy error');
      });
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
      return;
    }
    if (req.method === 'GET' && (url === '/' || url === '/blank')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(url === '/' ? html : '<!doctype html><title>blank</title>');
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
