/**
 * The mock's Retry-After, reset and stall faults against the server kit's Fabric client: it waits
 * the stated time before retrying, and a broken connection becomes a typed FabricError.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { createFabricClient, isFabricError, type FabricClientOptions } from '../../../src/server/index.js';
import { request } from '../../support/mock-client.js';

let fabric: MockFabric | undefined;
afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});

const TOKEN_PATH = '^/apigovernance/';

function client(mock: MockFabric, options: Partial<FabricClientOptions> = {}) {
  const retries: number[] = [];
  const fabricClient = createFabricClient({
    baseUrl: mock.url,
    appKey: 'mock-app-key',
    appSecret: 'mock-app-secret-2f9c41',
    retry: { baseDelayMs: 1, maxDelayMs: 2, random: () => 0 },
    logger: { warn: (message, data) => void (message === 'fabric: retrying' && retries.push(Number(data?.delayMs))) },
    ...options,
  });
  return { fabricClient, retries };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('connection faults against the Fabric client', () => {
  it('429 with Retry-After: 1 — the client waits the stated second (not its 1 ms backoff) and then succeeds', async () => {
    fabric = await startMockFabric({ trustTokens: true, faults: { rules: [{ path: TOKEN_PATH, status: 429, retryAfterSeconds: 1, times: 1 }] } });
    const { fabricClient, retries } = client(fabric);
    const startedAt = Date.now();
    await expect(fabricClient.getAccessToken()).resolves.toEqual(expect.any(String));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(990);
    expect(retries).toEqual([1000]);
  });

  it('503 with a Retry-After above the client\'s maxRetryAfterMs fails at once (SERVER_ERROR with retryAfterMs), no retry', async () => {
    fabric = await startMockFabric({ trustTokens: true, faults: { rules: [{ path: TOKEN_PATH, status: 503, retryAfterSeconds: 120 }] } });
    const { fabricClient, retries } = client(fabric);
    const error = await failure(fabricClient.getAccessToken());
    expect(isFabricError(error) && { code: error.code, status: error.status, retryAfterMs: error.retryAfterMs }).toEqual({ code: 'SERVER_ERROR', status: 503, retryAfterMs: 120_000 });
    expect(retries).toEqual([]);
  });

  it('a connection reset mid-answer is a NETWORK_ERROR; with retries left the next try succeeds', async () => {
    fabric = await startMockFabric({ trustTokens: true, faults: { rules: [{ path: TOKEN_PATH, connection: 'reset', times: 1 }] } });
    const once = client(fabric, { retry: { maxTries: 1 } }).fabricClient;
    const error = await failure(once.getAccessToken());
    expect(isFabricError(error) && error.code).toBe('NETWORK_ERROR');
    fabric.control.setFaults({ rules: [{ path: TOKEN_PATH, connection: 'reset', times: 1 }] });
    const { fabricClient, retries } = client(fabric);
    await expect(fabricClient.getAccessToken()).resolves.toEqual(expect.any(String));
    expect(retries).toHaveLength(1);
  });

  it('a connection stalled after the headers is a TIMEOUT at the client\'s timeoutMs', async () => {
    fabric = await startMockFabric({ trustTokens: true, faults: { rules: [{ path: TOKEN_PATH, connection: 'stall' }] } });
    const { fabricClient } = client(fabric, { timeoutMs: 400, retry: { maxTries: 1 } });
    const startedAt = Date.now();
    const error = await failure(fabricClient.getAccessToken());
    expect(isFabricError(error) && error.code).toBe('TIMEOUT');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(390);
  });

  it('the control refuses Retry-After without 429/503 and a rule that both answers and breaks', async () => {
    fabric = await startMockFabric({ trustTokens: true });
    const set = (body: unknown) => request(fabric!.url, 'POST', '/__mock/faults', { body });
    expect((await set({ rules: [{ path: TOKEN_PATH, status: 500, retryAfterSeconds: 1 }] })).status).toBe(400);
    expect((await set({ rules: [{ path: TOKEN_PATH, status: 503, connection: 'reset' }] })).status).toBe(400);
    expect((await set({ rules: [{ path: TOKEN_PATH, connection: 'stall', times: 2 }] })).status).toBe(200);
  });
});
