// Shared helpers for the benchmarks: statistics, Chromium lookup, tiny static servers, output.
import { resolveChromium, CHROMIUM_ARGS as TEST_CHROMIUM_ARGS } from '../test/support/chromium.mjs';
// Plain .mjs: the benches run with `node`; the Chromium lookup is the tests' own (test/support/chromium.mjs).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Median of a list of numbers (NaN when empty). */
export function median(xs) {
  return percentile(xs, 50);
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(xs, p) {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1];
}

/** Round to `d` decimals for the report. */
export function round(x, d = 2) {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

export { resolveChromium };
/** The tests' flags plus --expose-gc so the memory bench can force GC. */
export const CHROMIUM_ARGS = [...TEST_CHROMIUM_ARGS, '--js-flags=--expose-gc'];

/** Launch headless Chromium through playwright-core. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const executablePath = resolveChromium();
  return chromium.launch({ headless: true, ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.map': 'application/json' };

/**
 * A 127.0.0.1 server for fixed routes: `routes` maps a path to `{ body, type }` or to a file path
 * (string). `headers` are added to every answer (e.g. a CSP). Everything else is 404.
 */
export function startStaticServer(routes, headers = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const r = routes[url.pathname];
    if (r === undefined) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    const body = typeof r === 'string' ? readFileSync(r) : r.body;
    const type = typeof r === 'string' ? TYPES[path.extname(r)] ?? 'application/octet-stream' : r.type;
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ port, server, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) });
    });
  });
}

/** One aligned plain-text table for the console. */
export function printTable(title, rows) {
  console.log(`\n${title}`);
  const cols = Object.keys(rows[0] ?? {});
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  console.log(cols.map((c, i) => c.padEnd(w[i])).join('  '));
  for (const r of rows) console.log(cols.map((c, i) => String(r[c]).padEnd(w[i])).join('  '));
}
