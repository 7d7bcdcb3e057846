/**
 * Origin B served without `createBarShellServer`'s inline page: the built shell folder as files,
 * as an enterprise that serves the shell itself would (with `shellCsp`), plus the `/service-cloud/`
 * proxy to a stub CEC. `csp` picks the page's policy, to prove both ways the shell runs CEC's bar
 * script and what happens when the page's policy refuses it.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createProxyHandler } from '../../src/server/proxy.js';
import { shellCsp } from '../../src/server/shell-server.js';

const SHELL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/frame/shell');

export type ShellPagePolicy =
  /** The built shell.html as it is (shell.js and shell.css as files) under `shellCsp` without a nonce. */
  | 'files'
  /**
   * shell.js inline with a `nonce` attribute the CSP does not list: the CSP admits the shell's own
   * script by its hash, so the shell runs and hands that nonce to CEC's bar script, which is refused.
   */
  | 'unlisted-nonce';

export interface ShellAsFiles {
  readonly url: string;
  close(): Promise<void>;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

function page(policy: ShellPagePolicy, cecOrigin: string, hostOrigins: readonly string[]): { html: string; csp: string } {
  const config = `<script type="application/json" id="cec-shell-config">${JSON.stringify({ hostOrigins })}</script>`;
  const html = readFileSync(path.join(SHELL_DIR, 'shell.html'), 'utf8').replace(/<script type="application\/json" id="cec-shell-config">[^<]*<\/script>/, config);
  if (policy === 'files') return { html, csp: shellCsp(cecOrigin, hostOrigins) };
  const script = readFileSync(path.join(SHELL_DIR, 'shell.js'), 'utf8');
  return {
    html: html.replace('<script src="shell.js"></script>', () => `<script nonce="unlisted0123456789ab">${script}</script>`),
    csp: `default-src 'self'; script-src 'self' ${sha256(script)}; style-src 'self'; frame-src 'self' ${cecOrigin}; frame-ancestors ${hostOrigins.join(' ')}`,
  };
}

/** @example const b = await serveShellAsFiles('files', cec.url, [crm.url]); */
export async function serveShellAsFiles(policy: ShellPagePolicy, cecOrigin: string, hostOrigins: readonly string[]): Promise<ShellAsFiles> {
  const proxy = createProxyHandler({ upstreamOrigin: cecOrigin });
  const { html, csp } = page(policy, cecOrigin, hostOrigins);
  const server = http.createServer((req, res) => {
    const target = req.url ?? '/';
    if (target.startsWith('/service-cloud/')) return proxy(req, res, target);
    const name = target.split('?')[0] === '/shell/shell.html' ? null : /^\/shell\/(shell\.(?:js|css))$/.exec(target)?.[1];
    if (name === undefined) return void res.writeHead(404).end();
    const type = name === null ? 'text/html' : name.endsWith('.js') ? 'text/javascript' : 'text/css';
    const body = name === null ? html : readFileSync(path.join(SHELL_DIR, name));
    res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
