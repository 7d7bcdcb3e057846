/**
 * Queue figures over SSE against the mock's CC-CMS: five calls queued with no idle agent show
 * 5 waiting at the next poll, and a stream that drops and reconnects with Last-Event-ID gets
 * every change it missed, in order, and nothing twice.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockFabric } from '../../../mock-fabric/index.js';
import { createCmsClient, createQueueMonitor, type QueueMonitor, type QueueSnapshot } from '../../../src/server/index.js';
import { listen } from '../../../src/server/http-io.js';
import { FakeClock } from '../../support/mock-clock.js';
import { GatewayAgent } from '../../support/mock-client.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Reads an SSE stream; `next()` resolves with the next `queues` event. */
async function openStream(url: string, lastEventId?: string) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: lastEventId ? { 'last-event-id': lastEventId } : {}, signal: controller.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  async function next(): Promise<QueueSnapshot> {
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data && block.includes('event: queues')) return JSON.parse(data.slice(6)) as QueueSnapshot;
        continue;
      }
      const chunk = await reader.read();
      if (chunk.done) throw new Error('stream ended');
      buffered += decoder.decode(chunk.value, { stream: true });
    }
  }
  return { next, close: () => controller.abort() };
}

async function setUp(): Promise<{ monitor: QueueMonitor; url: string; inject: (count: number) => void; alice: GatewayAgent }> {
  const clock = new FakeClock(Date.UTC(2026, 10, 28, 9));
  const fabric = await startMockFabric({ trustTokens: true, clock });
  cleanups.push(() => fabric.close());
  const { accessKey, secretKey, ccId, vdn } = fabric.tenant.cms;
  const cms = createCmsClient({ baseUrl: fabric.url, accessKey, secretKey, ccId, vdn, clock, retry: { maxTries: 1 } });
  const monitor = createQueueMonitor({ cms, skillIds: [2], intervalMs: 3_600_000, clock: new FakeClock() });
  cleanups.push(() => monitor.close());
  const server = http.createServer((req, res) => monitor.handler(req, res));
  const port = await listen(server, 0, '127.0.0.1');
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  server.on('connection', (socket) => cleanups.push(() => void socket.destroy()));
  const alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
  await alice.call('POST', 'onlineagent/101/saybusy?reason=200');
  await monitor.poll();
  let caller = 0;
  const inject = (count: number): void => {
    for (let index = 0; index < count; index += 1) fabric.control.injectCall({ caller: `1380000${String((caller += 1)).padStart(4, '0')}`, called: '66882' });
  };
  return { monitor, url: `http://127.0.0.1:${port}/queues`, inject, alice };
}

describe('queue monitor over SSE', () => {
  it('shows 5 waiting at the first poll after five calls queue with no idle agent', async () => {
    const { monitor, url, inject } = await setUp();
    const stream = await openStream(url);
    const first = await stream.next();
    expect(first.queues[0]).toMatchObject({ skillId: 2, waitingCalls: 0, idleAgents: 0 });
    inject(5);
    await monitor.poll();
    const next = await stream.next();
    expect(next.poll - first.poll).toBeLessThanOrEqual(2);
    expect(next.queues[0]).toMatchObject({ skillId: 2, waitingCalls: 5 });
    stream.close();
  });

  it('resumes a dropped stream after Last-Event-ID with every missed change, in order', async () => {
    const { monitor, url, inject } = await setUp();
    const stream = await openStream(url);
    const seen = await stream.next();
    stream.close();
    for (let round = 1; round <= 3; round += 1) {
      inject(1);
      await monitor.poll();
    }
    const resumed = await openStream(url, seen.id);
    const missed = [await resumed.next(), await resumed.next(), await resumed.next()];
    expect(missed.map((snapshot) => snapshot.queues[0]?.waitingCalls)).toEqual([1, 2, 3]);
    inject(1);
    await monitor.poll();
    expect((await resumed.next()).queues[0]?.waitingCalls).toBe(4);
    resumed.close();
  });

  it('sends only the latest snapshot to a stream whose Last-Event-ID it does not know', async () => {
    const { monitor, url, inject } = await setUp();
    inject(2);
    await monitor.poll();
    const stream = await openStream(url, 'another-instance-9');
    expect((await stream.next()).queues[0]?.waitingCalls).toBe(2);
    stream.close();
  });
});
