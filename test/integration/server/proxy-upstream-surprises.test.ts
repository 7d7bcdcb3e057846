/**
 * The `/service-cloud/` proxy against an upstream that breaks HTTP: a status outside 200-599 or an
 * unasked-for `101` becomes a 502 for that one request, the upstream socket is dropped, and the
 * process keeps serving; an answer whose body ends with the connection is still relayed whole.
 */
import type net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBarShellServer, type BarShellServer } from '../../../src/server/shell-server.js';
import { fakeShellDir, rawRequest, startRawUpstream, type RawUpstream } from '../../support/proxy-upstream.js';

const OK_ANSWER = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok';

let upstream: RawUpstream | undefined;
let shell: BarShellServer | undefined;
const uncaught: unknown[] = [];
const recordUncaught = (error: unknown): void => {
  uncaught.push(error);
};

beforeEach(() => {
  uncaught.length = 0;
  process.on('uncaughtException', recordUncaught);
});
afterEach(async () => {
  process.off('uncaughtException', recordUncaught);
  await shell?.close();
  await upstream?.close();
});

/** A shell server in front of a raw upstream that answers `/bad` with `badAnswer` and the rest with 200. */
async function startWithUpstream(badAnswer: string): Promise<string> {
  upstream = await startRawUpstream((socket, head) => {
    socket.write(head.startsWith('GET /service-cloud/bad ') ? badAnswer : OK_ANSWER);
  });
  shell = await createBarShellServer({ cecOrigin: upstream.origin, hostOrigins: ['http://127.0.0.1:4000'], port: 0, shellDir: fakeShellDir(), proxyTimeoutMs: 5000 });
  return shell.url;
}

function closedWithin(socket: net.Socket, ms: number): Promise<boolean> {
  if (socket.closed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('the proxy and an upstream status outside 200-599', () => {
  it.each(['000', '099', '600'])('HTTP/1.1 %s becomes a 502 for that request; the next request is served', async (code) => {
    const url = await startWithUpstream(`HTTP/1.1 ${code} Odd\r\nContent-Length: 0\r\n\r\n`);
    const bad = await rawRequest(url, '/service-cloud/bad', { timeoutMs: 2000 });
    expect(bad.status).toBe(502);
    expect(bad.text).toContain('BAD_GATEWAY');
    const next = await rawRequest(url, '/service-cloud/good', { timeoutMs: 2000 });
    expect(next.status).toBe(200);
    expect(next.text.endsWith('ok')).toBe(true);
    expect(uncaught).toEqual([]);
  });
});

describe('the proxy and an upstream 101 nobody asked for', () => {
  it('answers 502 and closes the upstream socket', async () => {
    const url = await startWithUpstream('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    const bad = await rawRequest(url, '/service-cloud/bad', { timeoutMs: 2000 });
    expect(bad.status).toBe(502);
    expect(upstream!.sockets).toHaveLength(1);
    expect(await closedWithin(upstream!.sockets[0]!, 2000)).toBe(true);
    const next = await rawRequest(url, '/service-cloud/good', { timeoutMs: 2000 });
    expect(next.status).toBe(200);
    expect(uncaught).toEqual([]);
  });
});

describe('the proxy and an answer whose body ends when the upstream closes', () => {
  it('relays the whole body (closing is how this answer ends, not a failure)', async () => {
    const body = 'x'.repeat(200_000);
    upstream = await startRawUpstream((socket) => {
      socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${body}`);
    });
    shell = await createBarShellServer({ cecOrigin: upstream.origin, hostOrigins: ['http://127.0.0.1:4000'], port: 0, shellDir: fakeShellDir() });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const res = await fetch(`${shell.url}/service-cloud/until-close`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(body);
    }
    expect(uncaught).toEqual([]);
  });
});
