/** agentAccount/* of the mock over real HTTP (docs/cec-reference.md §6.7): success shapes and each documented validation. */
import { describe, expect, it } from 'vitest';
import type { MockFabric } from '../../../mock-fabric/index.js';
import {
  FABRIC_PATHS,
  TENANT_CONFIG_PATHS,
  createAgentResponseSchema,
  queryAgentInfoResponseSchema,
  queryAgentsBySkillResponseSchema,
  queryAgentsResponseSchema,
  resultEnvelopeSchema,
} from '../../../src/protocol/index.js';
import { request } from '../../support/mock-client.js';
import { AK, type ConfigClient, expectRefused, mockPerTest, newAgent } from './config-client.js';

const startMock = mockPerTest(() => ({ trustTokens: true }));
const start = () => startMock().then(({ fabric, api }) => ({ f: fabric, api }));

async function fabricAgents(f: MockFabric, api: ConfigClient): Promise<string[]> {
  const reply = await request(f.url, 'GET', FABRIC_PATHS.queryAgentInfo, { headers: api.headers });
  return queryAgentInfoResponseSchema.parse(reply.json).agents.map((agent) => `${agent.workNo}:${agent.accountCode}:${agent.sipAccount}`);
}

/** Refused in the result envelope naming `field`; the agents stay as they were. */
const refused = (f: MockFabric, api: ConfigClient, path: string, body: unknown, field: string, reason?: RegExp) =>
  expectRefused(api, path, body, field, { envelope: 'result', unchanged: () => fabricAgents(f, api), ...(reason ? { reason } : {}) });


describe('agentAccount/create', () => {
  it('allocates the next workNo and a sipAccount; the agent shows in queryAgentInfo and agentAccount/query at once', async () => {
    const { f, api } = await start();
    const answer = createAgentResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.createAgent, newAgent({ phone: '13800000104', skills: [{ skillId: 1, agentWeight: 4, skillWeight: 2 }] })));
    expect(answer).toEqual({ resultCode: '0', resultMessage: 'create agent account success', workNo: 104 });
    expect(await fabricAgents(f, api)).toContain('104:dave.ng:88880104');
    const query = queryAgentsResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.queryAgents, { requestParams: { userAccount: 'dave.ng' } }));
    expect(query).toEqual({
      resultCode: '0',
      resultMessage: 'success',
      total: 1,
      data: [{ userAccount: 'dave.ng', userName: 'Dave Ng', phone: '13800000104', email: 'dave@example.com', agentType: 4, ccRoleId: 2, sipAccount: '88880104', skills: [{ skillId: 1, agentWeight: 4, skillWeight: 2 }], workNo: 104 }],
    });
  });

  it('refuses each documented violation in its envelope, naming the field, and creates nothing', async () => {
    const { f, api } = await start();
    const create = TENANT_CONFIG_PATHS.createAgent;
    const cases: [Record<string, unknown>, string][] = [
      [{ userAccount: undefined }, 'requestParam.userAccount'],
      [{ userAccount: 'dave5' }, 'requestParam.userAccount'],
      [{ userAccount: 'd'.repeat(51) }, 'requestParam.userAccount'],
      [{ userAccount: 'dave ng!' }, 'requestParam.userAccount'],
      [{ userName: 'x'.repeat(21) }, 'requestParam.userName'],
      [{ userName: 'Dave <b>' }, 'requestParam.userName'],
      [{ password: 'password1' }, 'requestParam.password'],
      [{ password: undefined }, 'requestParam.password'],
      [{ email: 'not-an-email' }, 'requestParam.email'],
      [{ email: undefined }, 'requestParam.email'],
      [{ agentType: 7 }, 'requestParam.agentType'],
      [{ ccRoleId: 5 }, 'requestParam.ccRoleId'],
      [{ phone: '1'.repeat(26) }, 'requestParam.phone'],
      [{ skills: [{ skillId: 1, agentWeight: 0, skillWeight: 1 }] }, 'requestParam.skills.0.agentWeight'],
      [{ skills: [{ skillId: 1, agentWeight: 1, skillWeight: 0 }] }, 'requestParam.skills.0.skillWeight'],
    ];
    for (const [overrides, field] of cases) await refused(f, api, create, newAgent(overrides), field);
    expect(await api.post(create, {})).toMatchObject({ resultCode: '1', resultMessage: expect.stringContaining('requestParam') });
  });

  it('refuses an unknown skill, a skill listed twice and a skill of a media type the agent does not serve', async () => {
    const { f, api } = await start();
    const create = TENANT_CONFIG_PATHS.createAgent;
    const good = { skillId: 1, agentWeight: 1, skillWeight: 1 };
    await refused(f, api, create, newAgent({ skills: [good, { skillId: 9, agentWeight: 1, skillWeight: 1 }] }), 'requestParam.skills.1.skillId', /unknown skill 9/);
    await refused(f, api, create, newAgent({ skills: [good, good] }), 'requestParam.skills.1.skillId', /twice/);
    await refused(f, api, create, newAgent({ agentType: 5, skills: [good] }), 'requestParam.skills.0.skillId', /media type 5/);
  });

  it('refuses a duplicate account', async () => {
    const { f, api } = await start();
    expect((await api.post(TENANT_CONFIG_PATHS.createAgent, newAgent())).resultCode).toBe('0');
    await refused(f, api, TENANT_CONFIG_PATHS.createAgent, newAgent({ userName: 'Other' }), 'requestParam.userAccount', /already exists/);
  });

  it('sits behind the same token and X-APP-Key checks as queryAgentInfo', async () => {
    const { api } = await start();
    expect((await api.raw(TENANT_CONFIG_PATHS.createAgent, newAgent(), {})).status).toBe(401);
    expect((await api.raw(TENANT_CONFIG_PATHS.createAgent, newAgent(), { ...api.headers, 'X-APP-Key': 'someone-else' })).status).toBe(403);
    expect((await api.raw(TENANT_CONFIG_PATHS.createAgent, newAgent(), { Authorization: api.headers.Authorization ?? '' })).status).toBe(403);
    expect(AK).toBe(api.headers['X-APP-Key']);
  });
});

describe('agentAccount/update', () => {
  it('edits the agent; skills replace the old list; a flat body (as in CEC examples) is taken too', async () => {
    const { api } = await start();
    const update = TENANT_CONFIG_PATHS.updateAgent;
    expect(resultEnvelopeSchema.parse(await api.post(update, { requestParam: { userAccount: 'bob.meyer', userName: 'Robert Meyer', skills: [{ skillId: 2, agentWeight: 7, skillWeight: 3 }] } }))).toEqual({ resultCode: '0', resultMessage: 'edit success' });
    expect((await api.post(update, { userAccount: 'bob.meyer', email: 'bob@example.com' })).resultCode).toBe('0');
    const [bob] = queryAgentsResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.queryAgents, { requestParams: { userAccount: 'bob.meyer' } })).data ?? [];
    expect(bob).toMatchObject({ userName: 'Robert Meyer', email: 'bob@example.com', skills: [{ skillId: 2, agentWeight: 7, skillWeight: 3 }], workNo: 102 });
  });

  it('refuses an unknown account, bad fields, a wrong old password and an agent type that no longer fits the skills', async () => {
    const { f, api } = await start();
    const update = TENANT_CONFIG_PATHS.updateAgent;
    await refused(f, api, update, { requestParam: { userAccount: 'nobody1' } }, 'requestParam.userAccount', /no agent account/);
    await refused(f, api, update, { requestParam: { userAccount: 'bob.meyer', userName: 'x'.repeat(21) } }, 'requestParam.userName');
    await refused(f, api, update, { requestParam: { userAccount: 'bob.meyer', skills: [{ skillId: 8, agentWeight: 1, skillWeight: 1 }] } }, 'requestParam.skills.0.skillId', /unknown skill/);
    await refused(f, api, update, { requestParam: { userAccount: 'bob.meyer', oldPassWord: 'wrong', newPassWord: 'New-pass99' } }, 'requestParam.oldPassWord');
    await refused(f, api, update, { requestParam: { userAccount: 'bob.meyer', oldPassWord: 'bob-pass-88', newPassWord: 'weakpass' } }, 'requestParam.newPassWord');
    await refused(f, api, update, { requestParam: { userAccount: 'bob.meyer', agentType: 5 } }, 'requestParam.agentType', /media type 5/);
    const [bob] = queryAgentsResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.queryAgents, { requestParams: { userAccount: 'bob.meyer' } })).data ?? [];
    expect(bob).toMatchObject({ userName: 'Bob Meyer', agentType: 4, skills: [{ skillId: 1, agentWeight: 3, skillWeight: 1 }] });
  });
});

describe('agentAccount/query', () => {
  it('pages (pageNum from 0), filters by agent type, and answers an unknown account with no data', async () => {
    const { api } = await start();
    const query = (requestParams: Record<string, unknown>) => api.post(TENANT_CONFIG_PATHS.queryAgents, { requestParams }).then((answer) => queryAgentsResponseSchema.parse(answer));
    const second = await query({ pageNum: 1, pageSize: 2 });
    expect(second.total).toBe(3);
    expect(second.data?.map((agent) => agent.userAccount)).toEqual(['carol.diaz']);
    expect((await query({ pageNum: 0, pageSize: 100, agentType: [11] })).total).toBe(0);
    expect((await query({ pageNum: 0, pageSize: 100, agentType: [4] })).total).toBe(3);
    expect(await query({ userAccount: 'nobody1' })).toMatchObject({ resultCode: '0', total: 0, data: [] });
    expect(await api.post(TENANT_CONFIG_PATHS.queryAgents, { requestParams: { pageNum: 0, pageSize: 101 } })).toMatchObject({ resultCode: '1', resultMessage: expect.stringContaining('requestParams.pageSize:') });
    expect(await api.post(TENANT_CONFIG_PATHS.queryAgents, { requestParams: { pageNum: -1, pageSize: 10 } })).toMatchObject({ resultCode: '1', resultMessage: expect.stringContaining('requestParams.pageNum:') });
  });
});

describe('agentAccount/delete', () => {
  it('deletes the account (also as a flat body); an unknown or malformed account is refused', async () => {
    const { f, api } = await start();
    expect(resultEnvelopeSchema.parse(await api.post(TENANT_CONFIG_PATHS.deleteAgent, { requestParams: { userAccount: 'carol.diaz' } }))).toEqual({ resultCode: '0', resultMessage: 'delete AgentAccount success' });
    expect(await fabricAgents(f, api)).toEqual(['101:alice.chen:88880101', '102:bob.meyer:88880102']);
    expect((await api.post(TENANT_CONFIG_PATHS.deleteAgent, { userAccount: 'bob.meyer' })).resultCode).toBe('0');
    await refused(f, api, TENANT_CONFIG_PATHS.deleteAgent, { requestParams: { userAccount: 'carol.diaz' } }, 'requestParams.userAccount', /no agent account/);
    await refused(f, api, TENANT_CONFIG_PATHS.deleteAgent, { requestParams: {} }, 'requestParams.userAccount');
    // An account outside CEC's 6-50 rule is refused as malformed, not looked up.
    await refused(f, api, TENANT_CONFIG_PATHS.deleteAgent, { requestParams: { userAccount: 'bob' } }, 'requestParams.userAccount', /requestParams\.userAccount: (?!no agent account)/);
  });
});

describe('agentAccount/addSkillsToAgent', () => {
  it('binds every listed agent, or none when one is unknown', async () => {
    const { f, api } = await start();
    const add = TENANT_CONFIG_PATHS.addSkillsToAgent;
    expect(resultEnvelopeSchema.parse(await api.post(add, { userAccounts: ['bob.meyer', 'carol.diaz'], skillId: 2, agentWeight: 6, skillWeight: 2 }))).toEqual({ resultCode: '0', resultMessage: 'success' });
    const bySkill = queryAgentsBySkillResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.queryAgentsBySkill, { requestParam: { skillId: 2, pageSize: 100, pageNum: 0 } }));
    expect(bySkill.data?.map((agent) => `${agent.userAccount}:${agent.agentWeight}`)).toEqual(['alice.chen:1', 'bob.meyer:6', 'carol.diaz:6']);
    await refused(f, api, add, { userAccounts: ['alice.chen', 'nobody1'], skillId: 1, agentWeight: 1, skillWeight: 1 }, 'userAccounts.1', /no agent account/);
    await refused(f, api, add, { userAccounts: ['carol.diaz'], skillId: 9, agentWeight: 1, skillWeight: 1 }, 'skill.0.skillId', /unknown skill 9/);
    await refused(f, api, add, { userAccounts: ['carol.diaz'], skillId: 1, agentWeight: 0, skillWeight: 1 }, 'agentWeight');
    await refused(f, api, add, { userAccounts: [], skillId: 1, agentWeight: 1, skillWeight: 1 }, 'userAccounts');
    // The second agent cannot serve a voice queue: the first one is not changed either.
    expect((await api.post(TENANT_CONFIG_PATHS.createAgent, newAgent({ userAccount: 'chat.agent', agentType: 5 }))).resultCode).toBe('0');
    const answer = await api.post(add, { userAccounts: ['carol.diaz', 'chat.agent'], skillId: 1, agentWeight: 1, skillWeight: 1 });
    expect(answer).toMatchObject({ resultCode: '1', resultMessage: expect.stringContaining('which agent type 5 does not serve') });
    const carol = queryAgentsResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.queryAgents, { requestParams: { userAccount: 'carol.diaz' } })).data?.[0];
    expect(carol?.skills.map((skill) => skill.skillId)).toEqual([2]);
  });
});

describe('agentAccount/queryAgentInfoBySkillId', () => {
  it('answers the queue members a page at a time, with pageSize at most 100 and a known skill', async () => {
    const { api } = await start();
    const bySkill = TENANT_CONFIG_PATHS.queryAgentsBySkill;
    const first = queryAgentsBySkillResponseSchema.parse(await api.post(bySkill, { requestParam: { skillId: 1, pageSize: 1, pageNum: 1 } }));
    expect(first).toEqual({ resultCode: '0', resultMessage: 'success', count: 2, data: [{ workNo: 102, agentType: 4, agentWeight: 3, skillWeight: 1, accountName: 'Bob Meyer', sipAccount: '88880102', userAccount: 'bob.meyer' }] });
    expect(await api.post(bySkill, { requestParam: { skillId: 1, pageSize: 101, pageNum: 0 } })).toMatchObject({ resultCode: '1', resultMessage: expect.stringContaining('requestParam.pageSize:') });
    expect(await api.post(bySkill, { requestParam: { skillId: 9, pageSize: 10, pageNum: 0 } })).toMatchObject({ resultCode: '1', resultMessage: expect.stringContaining('requestParam.skillId: unknown skill 9') });
    expect(await api.post(bySkill, { requestParam: { skillId: 1, pageNum: 0 } })).toMatchObject({ resultCode: '1', resultMessage: expect.stringContaining('requestParam.pageSize:') });
  });
});
