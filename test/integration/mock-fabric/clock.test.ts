/** The movable clock through the QA control: a jump signs out an agent whose poll is overdue, at once. */
import { afterEach, describe, expect, it } from 'vitest';
import { MovableClock, startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { systemClock } from '../../../src/server/clock.js';
import { createAgentDirectory, createFabricClient } from '../../../src/server/index.js';
import { GatewayAgent, env, request } from '../../support/mock-client.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

const phaseOf = (mock: MockFabric, workNo: number) => mock.control.state().agents.find((agent) => agent.workNo === workNo)?.phase;

describe('the movable clock', () => {
  it('advancing 2 minutes past a stopped poll signs the agent out without waiting; a waiting poll keeps its agent in', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const startedAt = Date.now();
    const alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    const bob = await GatewayAgent.signIn(fabric.url, 102, 'bob-pass-88');
    await alice.events(2);
    await bob.events(2);
    // Bob keeps a long poll open through the jump, as a live browser does; Alice has stopped polling.
    const bobsPoll = bob.poll();
    await expect.poll(() => fabric?.control.state().agents.find((agent) => agent.workNo === 102)?.polling).toBe(true);
    const before = fabric.control.clock().now;
    const after = fabric.control.advance(119_000);
    expect(after.now - before).toBeGreaterThanOrEqual(119_000);
    expect(phaseOf(fabric, 101)).toBe('idle');
    fabric.control.advance(2_000);
    expect(phaseOf(fabric, 101)).toBe('signedOut');
    expect(phaseOf(fabric, 102)).toBe('idle');
    expect(env(await alice.poll()).retcode).toBe('100-006');
    // Bob's poll waits on the wall clock, so the jump did not answer it: the next call's first event does.
    fabric.control.injectCall({ caller: '13800000001', called: '66881' });
    expect(env(await bobsPoll).event?.eventType).toBe('AgentOther_PhoneAlerting');
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('timers chained by a jump fire in order: a queued call overflows after maxWaitTime, then the ring timeout returns the next', async () => {
    fabric = await startMockFabric({ trustTokens: true, ringTimeoutMs: 15_000 });
    const bob = await GatewayAgent.signIn(fabric.url, 102, 'bob-pass-88');
    await bob.events(2);
    const first = fabric.control.injectCall({ caller: '13800000001', called: '66881' });
    const second = fabric.control.injectCall({ caller: '13800000002', called: '66881' });
    const callState = (callId: string) => fabric?.control.state().calls.find((call) => call.callId === callId)?.state;
    expect(callState(first.callId)).toBe('ringing');
    expect(callState(second.callId)).toBe('queued');
    // 15 s: the first call rings out and goes back to the queue's front; Bob is set not ready (no answer).
    fabric.control.advance(15_000);
    expect(callState(first.callId)).toBe('queued');
    expect(phaseOf(fabric, 102)).toBe('busy');
    // 120 s after they queued, skill 1's maxWaitTime releases both (overflow timeout: release).
    fabric.control.advance(105_000);
    expect(callState(first.callId)).toBe('released');
    expect(callState(second.callId)).toBe('released');
  });

  it('POST /__mock/clock/advance moves it; bad bodies are 400; a clock that cannot move is 409', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const before = (await request(fabric.url, 'GET', '/__mock/clock')).json as { now: number; timeScale: number; movable: boolean };
    expect(before).toMatchObject({ timeScale: 1, movable: true });
    const moved = await request(fabric.url, 'POST', '/__mock/clock/advance', { body: { ms: 3_600_000 } });
    expect(moved.status).toBe(200);
    expect((moved.json as { now: number }).now - before.now).toBeGreaterThanOrEqual(3_600_000);
    expect((await request(fabric.url, 'POST', '/__mock/clock/advance', { body: { ms: -5 } })).status).toBe(400);
    expect((await request(fabric.url, 'POST', '/__mock/clock/advance', { body: { seconds: 5 } })).status).toBe(400);
    await fabric.close();
    fabric = await startMockFabric({ trustTokens: true, clock: systemClock });
    expect((await request(fabric.url, 'POST', '/__mock/clock/advance', { body: { ms: 1000 } })).status).toBe(409);
    await expect(startMockFabric({ clock: systemClock, timeScale: 2 })).rejects.toThrow(TypeError);
  });

  it('the server kit on the same clock moves with the mock: a token past its lifetime is renewed, the directory polls again', async () => {
    const clock = new MovableClock();
    fabric = await startMockFabric({ trustTokens: true, clock });
    const client = createFabricClient({ baseUrl: fabric.url, appKey: 'mock-app-key', appSecret: 'mock-app-secret-2f9c41', clock });
    const firstToken = await client.getAccessToken();
    expect(await client.getAccessToken()).toBe(firstToken);
    fabric.control.advance(601_000);
    expect(await client.getAccessToken()).not.toBe(firstToken);
    const directory = createAgentDirectory({ fabric: client, intervalMs: 60_000, jitter: 0, clock });
    try {
      await directory.ready;
      // `ready` resolves just before the directory sets its next poll's timer: advance once it has.
      await expect.poll(() => clock.pendingTimers).toBeGreaterThan(0);
      const firstSync = directory.snapshot().syncedAt ?? 0;
      const synced = new Promise<number>((resolve) => directory.on('synced', (snapshot) => resolve(snapshot.syncedAt ?? 0)));
      fabric.control.advance(60_000);
      expect((await synced) - firstSync).toBeGreaterThanOrEqual(60_000);
    } finally {
      directory.stop();
    }
  });
});
