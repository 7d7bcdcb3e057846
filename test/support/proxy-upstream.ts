/**
 * Stand-ins for CEC (origin C) behind the shell server's `/service-cloud/` proxy, and a raw client
 * that sends request targets exactly as written (fetch would normalise `..`).
 */
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export type UpstreamHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface HttpUpstream {
  readonly origin: string;
  /** `METHOD /path?query` of every request that reached the upstream. */
  readonly seen: string[];
  handle(handler: UpstreamHandler): void;
  close(): Promise<void>;
}

/** An HTTP upstream on 127.0.0.1 whose behaviour each test sets; answers `ok` until told otherwise. */
export async function startUpstream(): Promise<HttpUpstream> {
  let handler: UpstreamHandler = (_req, res) => res.end('ok');
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawUpstream {
  readonly origin: string;
  /** Every socket the proxy opened, in order; a test waits on their `close`. */
  readonly sockets: net.Socket[];
  close(): Promise<void>;
}

/**
 * A TCP server that answers each request with whatever `answer` writes, so it can send what no
 * HTTP library would (status `000`, an unasked-for `101`). `answer` gets the request head.
 */
export async function startRawUpstream(answer: (socket: net.Socket, requestHead: string) => void): Promise<RawUpstream> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const requestHead = head.slice(0, end);
      head = head.slice(end + 4);
      answer(socket, requestHead);
    };
    socket.on('data', onData);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A folder holding a minimal built shell, for servers that never serve the real one. */
export function fakeShellDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shell-'));
  // The tags the server replaces with the files' contents, as in src/frame/shell.html.
  writeFileSync(
    path.join(dir, 'shell.html'),
    '<!doctype html><link rel="stylesheet" href="shell.css"><script type="application/json" id="cec-shell-config">{"hostOrigins":[]}</script><body><script src="shell.js"></script>',
  );
  writeFileSync(path.join(dir, 'shell.js'), 'console.log("shell")');
  writeFileSync(path.join(dir, 'shell.css'), 'body { margin: 0 }');
  return dir;
}

export interface RawReply {
  /** The status code as sent (0 when no status line arrived before `timeoutMs`). */
  readonly status: number;
  /** Everything received, head and body. */
  readonly text: string;
}

/**
 * One raw HTTP/1.1 request with `Connection: close`; resolves when the server closes or after
 * `timeoutMs` (then with what arrived so far).
 */
export function rawRequest(url: string, target: string, options: { headers?: string; timeoutMs?: number } = {}): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n${options.headers ?? ''}Connection: close\r\n\r\n`);
    });
    let text = '';
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 3000);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    socket.on('end', finish);
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
