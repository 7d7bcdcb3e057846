// The proxy's budgets (issue 14, server kit item 2): one client must not starve every agent.
// Real HTTP on 127.0.0.1: clients → createProxyHandler → a fake CEC that holds what the test says.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createProxyHandler, type ProxyOptions } from '../../../src/server/proxy.js';
import { createBarShellServer, type BarShellServerOptions } from '../../../src/server/shell-server.js';
import { isFabricError } from '../../../src/protocol/fabric-error.js';
import { fakeShellDir, startUpstream, type HttpUpstream } from '../../support/proxy-upstream.js';

const POLL_PATH = '/service-cloud/agentgateway/resource/agentevent/';
const COMMAND_PATH = '/service-cloud/agentgateway/resource/onlineagent/';
/** What "fast" means on a loaded 2-core machine; a starved command waits until the test gives up. */
const FAST_MS = 3000;

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

interface OpenRequest {
  /** Settles with the answer, or rejects when the connection breaks. */
  readonly answer: Promise<Answer>;
  abort(): void;
}

/**
 * One request on its own connection. `bodyBytes` given: only that many of the 1,000 declared body
 * bytes are ever sent, so the upload never finishes.
 */
function open(url: string, options: { method?: string; path: string; headers?: Record<string, string>; bodyBytes?: number }): OpenRequest {
  const headers = options.bodyBytes === undefined ? options.headers : { ...options.headers, 'content-length': '1000' };
  const req = http.request(`${url}${options.path}`, { method: options.method ?? 'GET', headers, agent: false });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  answer.catch(() => undefined); // aborted on purpose at the end of a test
  if (options.bodyBytes === undefined) req.end();
  else req.write('x'.repeat(options.bodyBytes));
  return { answer, abort: () => req.destroy() };
}

/** The answer, or 'blocked' when none came within `ms`. */
function within(ms: number, answer: Promise<Answer>): Promise<Answer | 'blocked'> {
  return Promise.race([answer, new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), ms))]);
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** CEC holds polls and anything under `/hold` (and reads request bodies to the end); commands answer at once. */
function holdingUpstream(upstream: HttpUpstream): { held: http.ServerResponse[]; closed: () => number } {
  const held: http.ServerResponse[] = [];
  let closed = 0;
  upstream.handle((req, res) => {
    req.resume();
    res.on('close', () => (closed += 1));
    if (req.url?.startsWith(POLL_PATH) || req.url?.includes('/hold')) held.push(res);
    else req.on('end', () => res.end('{"retcode":"0"}'));
  });
  return { held, closed: () => closed };
}

const polls = (upstream: HttpUpstream): number => upstream.seen.filter((line) => line.includes('/agentevent/')).length;

let upstream: HttpUpstream;
let proxyUrl: string;
let stopProxy: () => Promise<void> = async () => undefined;
const clients: OpenRequest[] = [];

async function startProxy(limits?: ProxyOptions['limits']): Promise<void> {
  const proxy = createProxyHandler({ upstreamOrigin: upstream.origin, timeoutMs: 20_000, ...(limits ? { limits } : {}) });
  const server = http.createServer((req, res) => proxy(req, res, req.url ?? '/'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stopProxy = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

function client(options: Parameters<typeof open>[1]): OpenRequest {
  const request = open(proxyUrl, options);
  clients.push(request);
  return request;
}

beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(async () => {
  for (const request of clients.splice(0)) request.abort();
  await stopProxy();
  stopProxy = async () => undefined;
  await upstream.close();
});

describe('proxy budgets: polls and commands do not share sockets', () => {
  it("300 agents long-polling leave another agent's command fast, and every poll reaches CEC", async () => {
    holdingUpstream(upstream);
    await startProxy();
    for (let agent = 0; agent < 300; agent += 1) client({ path: `${POLL_PATH}${agent}`, headers: { Guid: `guid-${agent}` } });
    await waitFor(() => polls(upstream) >= 256);
    await new Promise((resolve) => setTimeout(resolve, 200)); // any poll still queued would show now
    const started = Date.now();
    const command = await within(FAST_MS, client({ method: 'POST', path: `${COMMAND_PATH}999/saybusy`, headers: { Guid: 'guid-999' } }).answer);
    expect(command === 'blocked' ? 'blocked' : command.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(FAST_MS);
    await waitFor(() => polls(upstream) === 300);
  });

  it("one anonymous client holding 260 never-finishing uploads gets 429s, and another agent's command stays fast", async () => {
    holdingUpstream(upstream);
    await startProxy();
    const uploads = Array.from({ length: 260 }, (_, index) => client({ method: 'POST', path: `${COMMAND_PATH}x/upload${index}`, bodyBytes: 10 }));
    const refused = await Promise.all(uploads.map((upload) => within(FAST_MS, upload.answer)));
    const tooMany = refused.filter((answer) => answer !== 'blocked' && answer.status === 429);
    expect(tooMany.length).toBeGreaterThanOrEqual(200); // all but the client's own cap (32 by default)
    const command = await within(FAST_MS, client({ method: 'POST', path: `${COMMAND_PATH}101/sayfree`, headers: { Guid: 'guid-101' } }).answer);
    expect(command === 'blocked' ? 'blocked' : command.status).toBe(200);
  });

  it('a full command budget does not stop polls, and a full poll budget does not stop commands', async () => {
    const { held } = holdingUpstream(upstream);
    await startProxy({ pollSockets: 3, commandSockets: 2, socketWaitMs: 5000 });
    client({ method: 'POST', path: '/service-cloud/hold/1', headers: { Guid: 'a' } });
    client({ method: 'POST', path: '/service-cloud/hold/2', headers: { Guid: 'b' } });
    for (const agent of ['c', 'd', 'e']) client({ path: `${POLL_PATH}${agent}`, headers: { Guid: agent } });
    await waitFor(() => held.length === 5);
    // Both budgets are full: the next command waits for its own budget, not for a poll.
    const queued = client({ method: 'POST', path: `${COMMAND_PATH}f/sayfree`, headers: { Guid: 'f' } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(upstream.seen.some((line) => line.includes('/f/sayfree'))).toBe(false);
    held[0]!.end('{"retcode":"0"}'); // a command slot frees: the queued command takes it
    expect(await within(FAST_MS, queued.answer).then((answer) => (answer === 'blocked' ? 'blocked' : answer.status))).toBe(200);
  });
});

describe('proxy budgets: what one client may hold', () => {
  it('answers 429 with Retry-After and a JSON error past pollsPerClient, counting commands apart', async () => {
    const { held } = holdingUpstream(upstream);
    await startProxy({ pollsPerClient: 2 });
    const first = client({ path: `${POLL_PATH}101`, headers: { Guid: 'g-101' } });
    client({ path: `${POLL_PATH}101`, headers: { Guid: 'g-101' } });
    await waitFor(() => held.length === 2);
    const third = await within(FAST_MS, client({ path: `${POLL_PATH}101`, headers: { Guid: 'g-101' } }).answer);
    if (third === 'blocked') throw new Error('the third poll was neither refused nor answered');
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(third.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(third.body)).toMatchObject({ error: 'TOO_MANY_REQUESTS' });
    expect(polls(upstream)).toBe(2); // the refused poll never reached CEC
    // The same agent may still send a command, and another agent may poll.
    expect((await client({ method: 'POST', path: `${COMMAND_PATH}101/saybusy`, headers: { Guid: 'g-101' } }).answer).status).toBe(200);
    client({ path: `${POLL_PATH}102`, headers: { Guid: 'g-102' } });
    await waitFor(() => held.length === 3);
    // A poll that ends gives its slot back.
    first.abort();
    client({ path: `${POLL_PATH}101`, headers: { Guid: 'g-101' } });
    await waitFor(() => held.length === 4);
  });

  it('gives the slot back when an answer ends on a kept-alive connection', async () => {
    holdingUpstream(upstream);
    await startProxy({ commandsPerClient: 1 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        statuses.push(await new Promise<number>((resolve, reject) => {
          const req = http.request(`${proxyUrl}${COMMAND_PATH}7/sayfree`, { method: 'POST', agent, headers: { Guid: 'g-7' } }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          });
          req.on('error', reject);
          req.end('{}');
        }));
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    } finally {
      agent.destroy();
    }
  });

  it("tells clients apart by CEC's sum_sid cookie when there is no Guid header", async () => {
    holdingUpstream(upstream);
    await startProxy({ commandsPerClient: 1 });
    client({ method: 'POST', path: '/service-cloud/hold/1', headers: { Cookie: 'other=1; sum_sid=browser-a' } });
    await waitFor(() => upstream.seen.length === 1);
    const same = await within(FAST_MS, client({ method: 'POST', path: '/service-cloud/hold/2', headers: { Cookie: 'sum_sid=browser-a' } }).answer);
    expect(same === 'blocked' ? 'blocked' : same.status).toBe(429);
    client({ method: 'POST', path: '/service-cloud/hold/3', headers: { Cookie: 'sum_sid=browser-b' } });
    await waitFor(() => upstream.seen.length === 2);
  });
});

describe('proxy budgets: deadlines', () => {
  it('answers 503 with Retry-After when a request waited socketWaitMs for an upstream socket', async () => {
    holdingUpstream(upstream);
    await startProxy({ commandSockets: 2, socketWaitMs: 300 });
    client({ method: 'POST', path: '/service-cloud/hold/1', headers: { Guid: 'a' } });
    client({ method: 'POST', path: '/service-cloud/hold/2', headers: { Guid: 'b' } });
    await waitFor(() => upstream.seen.length === 2);
    const started = Date.now();
    const waited = await within(FAST_MS, client({ method: 'POST', path: '/service-cloud/hold/3', headers: { Guid: 'c' } }).answer);
    if (waited === 'blocked') throw new Error('the waiting request was never answered');
    expect(waited.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(Number(waited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(waited.body)).toMatchObject({ error: 'SERVICE_UNAVAILABLE' });
    expect(upstream.seen).toHaveLength(2);
  });

  it('cuts an upload that never finishes after bodyTimeoutMs (408, connection closed) and frees its slot', async () => {
    const { closed } = holdingUpstream(upstream);
    await startProxy({ bodyTimeoutMs: 400, commandsPerClient: 1 });
    const started = Date.now();
    const reply = await rawUpload(proxyUrl, `${COMMAND_PATH}x/upload`);
    expect(reply.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(reply.text.toLowerCase()).toContain('connection: close');
    expect(reply.closed).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    await waitFor(() => closed() === 1); // the upstream request was ended too
    // The same (anonymous) client may send again: its one slot came back.
    const next = await within(FAST_MS, client({ method: 'POST', path: `${COMMAND_PATH}x/sayfree` }).answer);
    expect(next === 'blocked' ? 'blocked' : next.status).toBe(200);
  });
});

/** Sends the headers and 10 of 1,000 body bytes, then waits (up to 5 s) for an answer and the close. */
function rawUpload(url: string, target: string): Promise<{ text: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect(Number(port), hostname, () => socket.write(`POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n${'x'.repeat(10)}`));
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, 5000);
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ text, closed: true });
    });
  });
}

describe('proxy budgets: options', () => {
  const bad: ReadonlyArray<Record<string, unknown>> = [
    { pollSockets: 0 },
    { pollSockets: 1.5 },
    { commandSockets: -1 },
    { commandSockets: Number.POSITIVE_INFINITY },
    { pollsPerClient: 0 },
    { commandsPerClient: '4' },
    { socketWaitMs: 0 },
    { socketWaitMs: 2 ** 31 },
    { bodyTimeoutMs: Number.NaN },
    { clientKey: 'ip' },
    { toString: 5 }, // a name the limits do not have (a typo, or one inherited from Object)
  ];

  it.each(bad)('createProxyHandler refuses limits %o with INVALID_OPTIONS', (limits) => {
    const error = (() => {
      try {
        createProxyHandler({ upstreamOrigin: 'http://127.0.0.1:9', limits: limits as ProxyOptions['limits'] });
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    expect(isFabricError(error) && error.code === 'INVALID_OPTIONS').toBe(true);
  });

  it.each(bad)('createBarShellServer refuses proxyLimits %o with INVALID_OPTIONS', async (limits) => {
    const options = { cecOrigin: 'http://127.0.0.1:9', hostOrigins: ['http://127.0.0.1:4000'], port: 0, shellDir: fakeShellDir(), proxyLimits: limits } as BarShellServerOptions;
    const error = await createBarShellServer(options).then(
      async (server) => {
        await server.close();
        return null;
      },
      (caught: unknown) => caught,
    );
    expect(isFabricError(error) && error.code === 'INVALID_OPTIONS').toBe(true);
  });

  it('createBarShellServer hands proxyLimits to its proxy', async () => {
    holdingUpstream(upstream);
    const shell = await createBarShellServer({ cecOrigin: upstream.origin, hostOrigins: ['http://127.0.0.1:4000'], port: 0, shellDir: fakeShellDir(), proxyLimits: { pollsPerClient: 1 } });
    try {
      const first = open(shell.url, { path: `${POLL_PATH}101`, headers: { Guid: 'g' } });
      clients.push(first);
      await waitFor(() => polls(upstream) === 1);
      const second = await within(FAST_MS, open(shell.url, { path: `${POLL_PATH}101`, headers: { Guid: 'g' } }).answer);
      expect(second === 'blocked' ? 'blocked' : second.status).toBe(429);
    } finally {
      await shell.close();
    }
  });
});
