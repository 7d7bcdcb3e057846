/** A configuration-API client for the mock's tests: a real tokenByAkSk token, then POSTs with Bearer and X-APP-Key. */
import { afterEach, expect } from 'vitest';
import { startMockFabric, type MockFabric, type MockFabricOptions } from '../../../mock-fabric/index.js';
import { APP_KEY_HEADER, FABRIC_PATHS, resultEnvelopeSchema, returnEnvelopeSchema } from '../../../src/protocol/index.js';
import { request, type RawReply } from '../../support/mock-client.js';

export const AK = 'mock-app-key';
const SK = 'mock-app-secret-2f9c41';

export interface ConfigClient {
  /** POST a configuration API; the reply's JSON body. */
  post(path: string, body: unknown): Promise<Record<string, unknown>>;
  /** The raw reply, for status checks. */
  raw(path: string, body: unknown, headers?: Record<string, string>): Promise<RawReply>;
  readonly headers: Record<string, string>;
}

/**
 * @example
 * const api = await configClient(fabric);
 * const answer = await api.post(TENANT_CONFIG_PATHS.queryAgents, { requestParams: { pageNum: 0, pageSize: 10 } });
 */
export async function configClient(fabric: MockFabric): Promise<ConfigClient> {
  const token = await request(fabric.url, 'POST', FABRIC_PATHS.tokenByAkSk, { body: { app_key: AK, app_secret: SK } });
  expect(token.status).toBe(200);
  const headers = { Authorization: `Bearer ${(token.json as { AccessToken: string }).AccessToken}`, [APP_KEY_HEADER]: AK };
  const raw = (path: string, body: unknown, extra: Record<string, string> = headers): Promise<RawReply> => request(fabric.url, 'POST', path, { headers: extra, body });
  return {
    headers,
    raw,
    async post(path, body) {
      const reply = await raw(path, body);
      expect(reply.status, reply.text).toBe(200);
      return reply.json as Record<string, unknown>;
    },
  };
}

/** A createAgent body with sensible defaults. */
export function newAgent(overrides: Record<string, unknown> = {}): { requestParam: Record<string, unknown> } {
  return { requestParam: { userAccount: 'dave.ng', userName: 'Dave Ng', password: 'Dave-pass1', email: 'dave@example.com', agentType: 4, ccRoleId: 2, ...overrides } };
}

const release = { transferType: 'Release' } as const;
/** A createSkill body for a voice queue with sensible defaults. */
export function newSkill(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { mediaTypeId: 5, name: 'Returns', description: 'Returns', maxWaitTime: 120, maxWaitNum: 10, maxAgentWrapupTime: 5, skillParam: { noAgents: release, busy: release, timeOut: release, answerFunction: '2', waitVoice: '' }, ...overrides };
}

/**
 * The request is refused in its API's envelope (`result`: agent APIs, `return`: skill and route
 * APIs) with a message naming `field`, and what `unchanged` reads is the same before and after.
 *
 * @example
 * await expectRefused(api, TENANT_CONFIG_PATHS.createSkill, body, 'name', { envelope: 'return', unchanged: () => listSkills(api) });
 */
export async function expectRefused(
  api: ConfigClient,
  path: string,
  body: unknown,
  field: string,
  options: { envelope: 'result' | 'return'; unchanged: () => Promise<unknown>; reason?: RegExp },
): Promise<void> {
  const before = await options.unchanged();
  const answer = await api.post(path, body);
  const { code, message } =
    options.envelope === 'result'
      ? (({ resultCode, resultMessage }) => ({ code: resultCode, message: resultMessage }))(resultEnvelopeSchema.parse(answer))
      : (({ returnCode, description }) => ({ code: returnCode, message: description }))(returnEnvelopeSchema.parse(answer));
  expect(code, JSON.stringify(body)).toBe('1');
  expect(message).toContain(`${field}:`);
  if (options.reason) expect(message).toMatch(options.reason);
  expect(await options.unchanged()).toEqual(before);
}

/**
 * A fresh mock for each test (closed after it), with a configuration client.
 *
 * @example
 * const start = mockPerTest(() => ({ trustTokens: true }));
 * it('…', async () => { const { fabric, api } = await start(); });
 */
export function mockPerTest(options: () => MockFabricOptions): () => Promise<{ fabric: MockFabric; api: ConfigClient }> {
  let running: MockFabric | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return async () => {
    running = await startMockFabric(options());
    return { fabric: running, api: await configClient(running) };
  };
}
