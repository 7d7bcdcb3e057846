/**
 * createFabricClient never follows a redirect: the app secret, the access token and the app key
 * would go to whatever origin `Location` names, and that origin's answer would be believed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FABRIC_PATHS } from '../../../src/protocol/fabric.js';
import { createFabricClient, isFabricError, type FabricError } from '../../../src/server/index.js';
import { startFakeFabric, type FakeFabric } from '../../support/server-fake-fabric.js';

let fabricSide: FakeFabric;
/** Another origin that knows the credentials' shape and answers whatever it is sent. */
let otherOrigin: FakeFabric;

beforeEach(async () => {
  fabricSide = await startFakeFabric();
  otherOrigin = await startFakeFabric({ appKey: fabricSide.appKey, appSecret: fabricSide.appSecret, agents: [] });
});
afterEach(async () => {
  await fabricSide.close();
  await otherOrigin.close();
});

const client = (fetchOverride?: typeof globalThis.fetch) =>
  createFabricClient({
    baseUrl: fabricSide.url,
    appKey: fabricSide.appKey,
    appSecret: fabricSide.appSecret,
    retry: { maxTries: 3, baseDelayMs: 1, maxDelayMs: 1 },
    ...(fetchOverride ? { fetch: fetchOverride } : {}),
  });

async function rejection(promise: Promise<unknown>): Promise<FabricError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isFabricError(error)) throw new Error(`expected a FabricError, got ${String(error)}`);
  return error;
}

describe('createFabricClient and redirects', () => {
  it('a 307 on tokenByAkSk is UNEXPECTED_REDIRECT, and the other origin receives nothing', async () => {
    fabricSide.script(FABRIC_PATHS.tokenByAkSk, [{ status: 307, headers: { location: otherOrigin.url + FABRIC_PATHS.tokenByAkSk } }]);
    const error = await rejection(client().getAccessToken());
    expect(error.code).toBe('UNEXPECTED_REDIRECT');
    expect(error.status).toBe(307);
    expect(error.message).toMatch(/307/);
    expect(otherOrigin.requests).toEqual([]);
    expect(fabricSide.count(FABRIC_PATHS.tokenByAkSk)).toBe(1); // not retried
  });

  it('a 302 on queryAgentInfo is UNEXPECTED_REDIRECT, and the app key never leaves', async () => {
    fabricSide.script(FABRIC_PATHS.queryAgentInfo, [{ status: 302, headers: { location: otherOrigin.url + FABRIC_PATHS.queryAgentInfo } }]);
    const error = await rejection(client().queryAgentInfo());
    expect(error.code).toBe('UNEXPECTED_REDIRECT');
    expect(error.status).toBe(302);
    expect(otherOrigin.requests).toEqual([]);
    expect(fabricSide.count(FABRIC_PATHS.queryAgentInfo)).toBe(1);
  });

  it('an injected fetch that followed a redirect anyway: its answer is refused', async () => {
    const following = (input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, { ...init, redirect: 'follow' });
    fabricSide.script(FABRIC_PATHS.tokenByAkSk, [{ status: 308, headers: { location: otherOrigin.url + FABRIC_PATHS.tokenByAkSk } }]);
    const error = await rejection(client(following).getAccessToken());
    expect(error.code).toBe('UNEXPECTED_REDIRECT');
    expect(otherOrigin.count(FABRIC_PATHS.tokenByAkSk)).toBe(1); // that fetch did follow: only the answer can be refused
  });
});
