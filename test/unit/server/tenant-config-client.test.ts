/** createTenantConfigClient over an injected fetch: headers and bodies, argument checks, failure codes, paging, retries and redirects. */
import { describe, expect, it } from 'vitest';
import { FABRIC_PATHS } from '../../../src/protocol/fabric.js';
import { isFabricError, type FabricError } from '../../../src/protocol/fabric-error.js';
import { TENANT_CONFIG_PATHS } from '../../../src/protocol/tenant-config.js';
import { createFabricClient, createTenantConfigClient, type FabricClient, type FetchLike } from '../../../src/server/index.js';

interface SentRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A scripted API Fabric: a token for tokenByAkSk, then the answers queued per path (a status, or a JSON body). */
function scriptedFabric(answers: Record<string, (number | object)[]>) {
  const sent: SentRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    if (path === FABRIC_PATHS.tokenByAkSk) {
      return Response.json({ AccessToken: 'token-1234567890abcdef', ApplyType: 'Bearer', CreateTime: '0', Expires: '600', Scope: '', AppKey: 'ak', UserID: 'Anonymous' });
    }
    sent.push({ path, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
    const next = answers[path]?.shift();
    if (next === undefined) return new Response('no answer scripted', { status: 500 });
    if (typeof next === 'number') return new Response('', { status: next, headers: next === 302 ? { location: 'https://elsewhere.example/' } : {} });
    return Response.json(next);
  };
  const fabric = createFabricClient({ baseUrl: 'https://cec.example.com', appKey: 'ak', appSecret: 'sk', fetch, retry: { maxTries: 3, baseDelayMs: 0, maxDelayMs: 0 } });
  return { config: createTenantConfigClient({ fabric }), sent };
}

async function failure(promise: Promise<unknown>): Promise<FabricError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isFabricError(error)) throw new Error(`expected a FabricError, got ${String(error)}`);
  return error;
}

const dave = { userAccount: 'dave.ng', userName: 'Dave Ng', password: 'Dave-pass1', email: 'dave@example.com', agentType: 4, ccRoleId: 2 } as const;

describe('createTenantConfigClient', () => {
  it('posts each API with the Fabric token and X-APP-Key, in its own envelope', async () => {
    const { config, sent } = scriptedFabric({ [TENANT_CONFIG_PATHS.createAgent]: [{ resultCode: '0', resultMessage: 'create agent account success', workNo: 104 }] });
    expect(await config.createAgent(dave)).toEqual({ workNo: 104 });
    expect(sent).toEqual([
      { path: TENANT_CONFIG_PATHS.createAgent, headers: expect.objectContaining({ authorization: 'Bearer token-1234567890abcdef', 'X-APP-Key': 'ak' }), body: { requestParam: dave } },
    ]);
  });

  it('refuses an argument outside the documented ranges before sending it (INVALID_OPTIONS)', async () => {
    const { config, sent } = scriptedFabric({});
    const error = await failure(config.createAgent({ ...dave, userAccount: 'bob' }));
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toContain('requestParam.userAccount');
    expect(sent).toEqual([]);
  });

  it('turns a failure code in either envelope into CONFIG_REJECTED with CEC\'s reason', async () => {
    const { config } = scriptedFabric({
      [TENANT_CONFIG_PATHS.createAgent]: [{ resultCode: '1', resultMessage: 'userAccount: already exists' }],
      [TENANT_CONFIG_PATHS.deleteSkill]: [{ returnCode: '1', description: 'skillIds: unknown skill 9' }],
    });
    const agentError = await failure(config.createAgent(dave));
    expect(agentError).toMatchObject({ code: 'CONFIG_REJECTED', path: TENANT_CONFIG_PATHS.createAgent });
    expect(agentError.message).toContain('already exists');
    const skillError = await failure(config.deleteSkills([9]));
    expect(skillError.code).toBe('CONFIG_REJECTED');
    expect(skillError.message).toContain('unknown skill 9');
  });

  it('lists every agent page by page', async () => {
    const agent = (index: number) => ({ userAccount: `agent.${index}`, userName: `Agent ${index}`, agentType: 4, ccRoleId: 2, sipAccount: `8888${index}`, skills: [], workNo: 101 + index });
    const firstPage = Array.from({ length: 100 }, (_unused, index) => agent(index));
    const { config, sent } = scriptedFabric({
      [TENANT_CONFIG_PATHS.queryAgents]: [
        { resultCode: '0', resultMessage: 'success', total: 101, data: firstPage },
        { resultCode: '0', resultMessage: 'success', total: 101, data: [agent(100)] },
      ],
    });
    const agents = await config.listAgents();
    expect(agents).toHaveLength(101);
    expect(sent.map((request) => request.body)).toEqual([{ requestParams: { pageNum: 0, pageSize: 100 } }, { requestParams: { pageNum: 1, pageSize: 100 } }]);
  });

  it('retries a 503 and refuses a redirect, as the Fabric client does', async () => {
    const { config, sent } = scriptedFabric({
      [TENANT_CONFIG_PATHS.querySkills]: [503, { returnCode: '0', description: 'Success', total: 0, data: [] }],
      [TENANT_CONFIG_PATHS.createCalledRoute]: [302],
    });
    expect(await config.listSkills()).toEqual([]);
    expect(sent.filter((request) => request.path === TENANT_CONFIG_PATHS.querySkills)).toHaveLength(2);
    const error = await failure(config.createCalledRoute({ accessCode: '6688', extCode: '3', devicetype: 1, deviceId: 3 }));
    expect(error.code).toBe('UNEXPECTED_REDIRECT');
    expect(sent.filter((request) => request.path === TENANT_CONFIG_PATHS.createCalledRoute)).toHaveLength(1);
  });

  it('needs a client made by createFabricClient', () => {
    const lookalike = { getAccessToken: async () => 'token' } as unknown as FabricClient;
    expect(() => createTenantConfigClient({ fabric: lookalike })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});
