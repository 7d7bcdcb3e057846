/** skill/* of the mock over real HTTP (docs/cec-reference.md §6.7): success shapes and each documented validation. */
import { describe, expect, it } from 'vitest';
import { TENANT_CONFIG_PATHS, createSkillResponseSchema, querySkillsResponseSchema, returnEnvelopeSchema } from '../../../src/protocol/index.js';
import { type ConfigClient, expectRefused, mockPerTest, newSkill } from './config-client.js';

const startMock = mockPerTest(() => ({ trustTokens: true }));
const start = () => startMock().then(({ api }) => api);

async function skills(api: ConfigClient): Promise<unknown[]> {
  return querySkillsResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.querySkills, {})).data ?? [];
}

/** Refused in the return envelope naming `field`; the queues stay as they were. */
const refused = (api: ConfigClient, path: string, body: unknown, field: string, reason?: RegExp) =>
  expectRefused(api, path, body, field, { envelope: 'return', unchanged: () => skills(api), ...(reason ? { reason } : {}) });


const release = { transferType: 'Release' } as const;
const toSkill = (value: number) => ({ deviceType: '1', transferType: 'Transfer', value });

describe('skill/createSkill', () => {
  it('creates a queue with the next id; querySkills shows it with its limits and overflow', async () => {
    const api = await start();
    const skillParam = { noAgents: toSkill(2), busy: release, timeOut: { deviceType: '3', transferType: 'Transfer', value: 7 }, answerFunction: '0', waitVoice: 'music1' };
    const answer = createSkillResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.createSkill, newSkill({ maxWaitTime: 60000, maxWaitNum: 10000, maxAgentWrapupTime: 3600, skillParam })));
    expect(answer).toEqual({ returnCode: '0', description: 'Success', skillId: 3 });
    const found = querySkillsResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.querySkills, { skillIds: ['3'] }));
    expect(found).toEqual({
      returnCode: '0',
      description: 'Success',
      total: 1,
      data: [{ skillId: 3, name: 'Returns', description: 'Returns', mediaTypeId: 5, maxWaitTime: 60000, maxWaitNum: 10000, maxAgentWrapupTime: 3600, skillParam }],
    });
  });

  it('refuses each documented violation, naming the field, and creates nothing', async () => {
    const api = await start();
    const create = TENANT_CONFIG_PATHS.createSkill;
    const cases: [Record<string, unknown>, string][] = [
      [{ mediaTypeId: 7 }, 'mediaTypeId'],
      [{ mediaTypeId: undefined }, 'mediaTypeId'],
      [{ name: 'Re$turns' }, 'name'],
      [{ name: '退'.repeat(34) }, 'name'],
      [{ name: undefined }, 'name'],
      [{ description: 'has a space' }, 'description'],
      [{ description: 'd'.repeat(51) }, 'description'],
      [{ maxWaitTime: 60001 }, 'maxWaitTime'],
      [{ maxWaitNum: 10001 }, 'maxWaitNum'],
      [{ maxAgentWrapupTime: 3601 }, 'maxAgentWrapupTime'],
      [{ maxAgentWrapupTime: undefined }, 'maxAgentWrapupTime'],
      [{ skillParam: undefined }, 'skillParam'],
      [{ skillParam: { noAgents: release, busy: release } }, 'skillParam.timeOut'],
      [{ skillParam: { noAgents: release, busy: release, timeOut: release, waitVoice: '' } }, 'skillParam.answerFunction'],
      [{ skillParam: { noAgents: { transferType: 'Transfer', value: 2 }, busy: release, timeOut: release, answerFunction: '2', waitVoice: '' } }, 'skillParam.noAgents.deviceType'],
      [{ skillParam: { noAgents: release, busy: { deviceType: '1', transferType: 'Transfer' }, timeOut: release, answerFunction: '2', waitVoice: '' } }, 'skillParam.busy.value'],
    ];
    for (const [overrides, field] of cases) await refused(api, create, newSkill(overrides), field);
  });

  it('refuses an overflow to an unknown skill, a multimedia queue overflowing to an IVR and a duplicate name', async () => {
    const api = await start();
    const create = TENANT_CONFIG_PATHS.createSkill;
    await refused(api, create, newSkill({ skillParam: { noAgents: toSkill(9), busy: release, timeOut: release, answerFunction: '2', waitVoice: '' } }), 'skillParam.noAgents.value', /unknown skill 9/);
    const toIvr = { deviceType: '3', transferType: 'Transfer', value: 4 };
    await refused(api, create, newSkill({ mediaTypeId: 53, skillParam: { noAgents: release, busy: release, timeOut: toIvr } }), 'skillParam.timeOut.deviceType', /multimedia/);
    await refused(api, create, newSkill({ name: 'Billing' }), 'name', /already exists/);
    // A multimedia queue needs no answer settings.
    expect((await api.post(create, newSkill({ mediaTypeId: 53, name: 'Chat', skillParam: { noAgents: release, busy: release, timeOut: release } }))).returnCode).toBe('0');
  });
});

describe('skill/modifySkill', () => {
  it('changes only what it is given, and refuses an unknown skill or a bad range', async () => {
    const api = await start();
    const modify = TENANT_CONFIG_PATHS.modifySkill;
    expect(returnEnvelopeSchema.parse(await api.post(modify, { skillId: 2, maxWaitNum: 3, description: 'Invoices' }))).toEqual({ returnCode: '0', description: 'Success' });
    const billing = querySkillsResponseSchema.parse(await api.post(TENANT_CONFIG_PATHS.querySkills, { skillIds: ['2'] })).data?.[0];
    expect(billing).toMatchObject({ skillId: 2, name: 'Billing', description: 'Invoices', maxWaitNum: 3, maxWaitTime: 120 });
    await refused(api, modify, { skillId: 9, maxWaitNum: 3 }, 'skillId', /unknown skill 9/);
    await refused(api, modify, { maxWaitNum: 3 }, 'skillId');
    await refused(api, modify, { skillId: 2, maxWaitTime: 60001 }, 'maxWaitTime');
    await refused(api, modify, { skillId: 2, maxWaitNum: 1, skillParam: { noAgents: release, busy: release, timeOut: toSkill(9), answerFunction: '2', waitVoice: '' } }, 'skillParam.timeOut.value');
  });
});

describe('skill/deleteSkill', () => {
  it('deletes up to 10 unused queues at once; refuses unknown ids, queues in use and more than 10 ids', async () => {
    const api = await start();
    for (const name of ['Spare1', 'Spare2']) expect((await api.post(TENANT_CONFIG_PATHS.createSkill, newSkill({ name, description: name }))).returnCode).toBe('0');
    const remove = TENANT_CONFIG_PATHS.deleteSkill;
    await refused(api, remove, { skillIds: '3,9' }, 'skillIds', /unknown skill 9/);
    await refused(api, remove, { skillIds: '3;1' }, 'skillIds', /skill 1 is in use: agent alice\.chen/);
    await refused(api, remove, { skillIds: '1,2,3,4,5,6,7,8,9,10,11' }, 'skillIds');
    await refused(api, remove, {}, 'skillIds');
    expect(returnEnvelopeSchema.parse(await api.post(remove, { skillIds: '3-4' }))).toEqual({ returnCode: '0', description: 'Success' });
    expect((await skills(api)).length).toBe(2);
  });
});

describe('skill/querySkills', () => {
  it('filters by name, media type and ids, and pages with limit and offset', async () => {
    const api = await start();
    const query = (body: Record<string, unknown>) => api.post(TENANT_CONFIG_PATHS.querySkills, body).then((answer) => querySkillsResponseSchema.parse(answer));
    expect((await query({ name: 'Billing' })).data?.map((skill) => skill.skillId)).toEqual([2]);
    expect((await query({ mediaTypeId: '53' })).total).toBe(0);
    expect(await query({ limit: '1', offset: '1' })).toMatchObject({ total: 2, data: [{ skillId: 2 }] });
    expect((await query({ skillIds: [] })).total).toBe(2);
    expect(await api.post(TENANT_CONFIG_PATHS.querySkills, { limit: '101' })).toMatchObject({ returnCode: '1', description: expect.stringContaining('limit:') });
  });
});
