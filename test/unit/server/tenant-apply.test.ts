/** Provisioning against an in-memory configuration API: apply, then nothing left to do; second pass for overflow; checks before sending. */
import { describe, expect, it } from 'vitest';
import type { CalledRoute, ConfigAgent, ConfigSkill } from '../../../src/protocol/tenant-config.js';
import type { TenantConfigClient } from '../../../src/server/tenant-config-client.js';
import { applyPlan, checkPlan, readTenantSpace } from '../../../src/server/tenant-apply.js';
import { readTenantFile } from '../../../src/server/tenant-file.js';
import { planTenant } from '../../../src/server/tenant-plan.js';

/** A tenant space in memory behind the client's interface; `calls` records each write. */
function memoryTenantSpace() {
  const skills: ConfigSkill[] = [];
  const agents: ConfigAgent[] = [];
  const routes: CalledRoute[] = [];
  const calls: string[] = [];
  let nextId = 1;
  const unsupported = () => Promise.reject(new Error('not used here'));
  const client: TenantConfigClient = {
    async createSkill(request) {
      calls.push(`createSkill ${request.name}`);
      const skillId = nextId++;
      skills.push({ skillId, name: request.name, description: request.description, mediaTypeId: request.mediaTypeId, maxWaitTime: request.maxWaitTime, maxWaitNum: request.maxWaitNum, maxAgentWrapupTime: request.maxAgentWrapupTime, skillParam: request.skillParam });
      return { skillId };
    },
    async modifySkill(request) {
      calls.push(`modifySkill ${request.skillId}`);
      const skill = skills.find((candidate) => candidate.skillId === request.skillId)!;
      Object.assign(skill, request);
    },
    async deleteSkills(skillIds) {
      calls.push(`deleteSkills ${skillIds.join(',')}`);
      for (const skillId of skillIds) skills.splice(skills.findIndex((skill) => skill.skillId === skillId), 1);
    },
    async listSkills() {
      return structuredClone(skills);
    },
    async createAgent(request) {
      calls.push(`createAgent ${request.userAccount}`);
      const workNo = 101 + agents.length;
      agents.push({ userAccount: request.userAccount, userName: request.userName, email: request.email, phone: request.phone ?? '', agentType: request.agentType, ccRoleId: request.ccRoleId, sipAccount: `8888${workNo}`, skills: request.skills ?? [], workNo });
      return { workNo };
    },
    async updateAgent(request) {
      calls.push(`updateAgent ${request.userAccount}`);
      const agent = agents.find((candidate) => candidate.userAccount === request.userAccount)!;
      Object.assign(agent, { userName: request.userName ?? agent.userName, skills: request.skills ?? agent.skills });
    },
    async deleteAgent(userAccount) {
      calls.push(`deleteAgent ${userAccount}`);
      agents.splice(agents.findIndex((agent) => agent.userAccount === userAccount), 1);
    },
    async listAgents() {
      return structuredClone(agents);
    },
    async createCalledRoute(request) {
      calls.push(`createCalledRoute ${request.accessCode}${request.extCode ?? ''}`);
      const dnid = nextId++;
      routes.push({ id: String(dnid), dnid, accessCode: request.accessCode, extCode: request.extCode ?? '', devicetype: request.devicetype, deviceId: request.deviceId, mediatypeId: request.mediaTypeId ?? 5 });
    },
    async deleteCalledRoutes(dnids) {
      calls.push(`deleteCalledRoutes ${dnids.join(',')}`);
      for (const dnid of dnids) routes.splice(routes.findIndex((route) => route.dnid === dnid), 1);
    },
    async listCalledRoutes() {
      return structuredClone(routes);
    },
    queryAgents: unsupported,
    addSkillsToAgent: unsupported,
    queryAgentsBySkill: unsupported,
    querySkills: unsupported,
    queryCalledRoutes: unsupported,
  };
  return { client, calls, skills, agents, routes };
}

const release = { type: 'release' };
type Overflow = { type: string; skillId?: number };
/** The tenant file's shape as these tests vary it (the reader checks the rest). */
interface TestTenantFile {
  tenantSpaceId: string;
  apps: { appKey: string; appSecret: string }[];
  skills: { id: number; name: string; mediaType: number; maxWaitTime: number; maxWaitNum: number; maxAgentWrapupTime: number; overflow: { noAgents?: Overflow; allBusy?: Overflow; timeout?: Overflow } }[];
  agents: { workNo: number; accountCode: string; name: string; email?: string; password?: string; skills: { skillId: number; weight: number }[]; phone: string }[];
  calledRoutes: { accessCode: string; extCode: string; deviceType: string; skillId: number }[];
  restReasons: [];
  busyReasons: [];
}
const tenantFile: TestTenantFile = {
  tenantSpaceId: 'qa-tenant',
  apps: [{ appKey: 'key', appSecret: 'not-for-provisioning' }],
  skills: [
    { id: 1, name: 'General support', mediaType: 5, maxWaitTime: 120, maxWaitNum: 10, maxAgentWrapupTime: 10, overflow: { noAgents: release, allBusy: { type: 'skill', skillId: 2 }, timeout: release } },
    { id: 2, name: 'Billing', mediaType: 5, maxWaitTime: 120, maxWaitNum: 10, maxAgentWrapupTime: 0, overflow: {} },
  ],
  agents: [
    { workNo: 101, accountCode: 'alice.chen', name: 'Alice Chen', email: 'alice@example.com', password: 'in-the-file', skills: [{ skillId: 1, weight: 5 }, { skillId: 2, weight: 1 }], phone: 'webrtc' },
    { workNo: 102, accountCode: 'bob.meyer', name: 'Bob Meyer', email: 'bob@example.com', skills: [{ skillId: 1, weight: 3 }], phone: 'softphone' },
  ],
  calledRoutes: [
    { accessCode: '6688', extCode: '1', deviceType: 'skill', skillId: 1 },
    { accessCode: '6688', extCode: '2', deviceType: 'skill', skillId: 2 },
  ],
  restReasons: [],
  busyReasons: [],
};

async function provision(space: ReturnType<typeof memoryTenantSpace>, value: unknown, prune = false) {
  const file = readTenantFile(value);
  const state = await readTenantSpace(space.client);
  const plan = planTenant(file.spec, state.spec, { prune });
  expect(checkPlan(plan, state)).toEqual([]);
  const passwords: string[] = [];
  const passwordFor = (account: string) => {
    passwords.push(account);
    return 'Good-Pass1';
  };
  await applyPlan(plan, state, space.client, { passwordFor, report: () => undefined });
  return { plan, passwords };
}

describe('applyPlan', () => {
  it('provisions an empty tenant space, and a second run has nothing to do', async () => {
    const space = memoryTenantSpace();
    const first = await provision(space, tenantFile);
    expect(first.plan.changeCount).toBe(6);
    expect(first.passwords).toEqual(['alice.chen', 'bob.meyer']);
    expect(space.calls).toEqual([
      'createSkill General support',
      'createSkill Billing',
      'modifySkill 1',
      'createAgent alice.chen',
      'createAgent bob.meyer',
      'createCalledRoute 66881',
      'createCalledRoute 66882',
    ]);
    // General support was created before Billing existed: its all-busy overflow is set in the second pass.
    expect(space.skills[0]?.skillParam?.busy).toEqual({ transferType: 'Transfer', deviceType: '1', value: 2 });
    expect(space.agents[0]?.skills).toEqual([
      { skillId: 1, agentWeight: 5, skillWeight: 1 },
      { skillId: 2, agentWeight: 1, skillWeight: 1 },
    ]);
    const second = await provision(space, tenantFile);
    expect(second.plan.changeCount).toBe(0);
    expect(space.calls).toHaveLength(7);
  });

  it('a changed file changes exactly the changed items; a changed route is replaced', async () => {
    const space = memoryTenantSpace();
    await provision(space, tenantFile);
    space.calls.length = 0;
    const changed = structuredClone(tenantFile);
    changed.agents[1]!.skills = [{ skillId: 2, weight: 4 }];
    changed.calledRoutes[0]!.skillId = 2;
    const oldRoute = space.routes.find((route) => route.extCode === '1')!;
    const { plan } = await provision(space, changed);
    expect(plan.changeCount).toBe(2);
    expect(space.calls).toEqual(['updateAgent bob.meyer', `deleteCalledRoutes ${oldRoute.dnid}`, 'createCalledRoute 66881']);
    expect(space.routes.find((route) => route.extCode === '1')?.deviceId).toBe(2);
  });

  it('prune deletes routes, agents and skills the file no longer lists, in that order', async () => {
    const space = memoryTenantSpace();
    await provision(space, tenantFile);
    space.calls.length = 0;
    const smaller = { ...structuredClone(tenantFile), agents: [tenantFile.agents[0]!], calledRoutes: [tenantFile.calledRoutes[0]!] };
    smaller.skills[0]!.overflow.allBusy = release;
    smaller.agents[0]!.skills = [{ skillId: 1, weight: 5 }];
    smaller.skills = [smaller.skills[0]!];
    await provision(space, smaller, true);
    expect(space.calls.map((call) => call.split(' ')[0])).toEqual(['modifySkill', 'updateAgent', 'deleteCalledRoutes', 'deleteAgent', 'deleteSkills']);
    expect(space.skills.map((skill) => skill.name)).toEqual(['General support']);
  });

  it('checkPlan refuses, before sending anything, what CEC would: a short account, no email, a media type change', async () => {
    const space = memoryTenantSpace();
    await provision(space, tenantFile);
    const bad = structuredClone(tenantFile);
    bad.agents.push({ workNo: 103, accountCode: 'bob', name: 'Bob', email: 'bob@example.com', skills: [], phone: 'none' });
    bad.agents.push({ workNo: 104, accountCode: 'carol.diaz', name: 'Carol', skills: [], phone: 'none' });
    bad.skills[1]!.mediaType = 19;
    const file = readTenantFile(bad);
    const state = await readTenantSpace(space.client);
    const problems = checkPlan(planTenant(file.spec, state.spec, { prune: false }), state);
    expect(problems).toEqual([
      expect.stringMatching(/^skill Billing: a queue's media type cannot change/),
      expect.stringMatching(/^agent bob: requestParam\.userAccount/),
      expect.stringMatching(/^agent carol\.diaz: CEC needs an email/),
    ]);
  });
});

describe('readTenantFile', () => {
  it('reports secrets in the file and ignores them', () => {
    const { warnings, spec } = readTenantFile(tenantFile);
    expect(warnings).toEqual([expect.stringContaining('agents.0.password, apps.0.appSecret')]);
    expect(JSON.stringify(spec)).not.toContain('in-the-file');
  });

  it('names the field of a reference to an unknown skill', () => {
    const bad = structuredClone(tenantFile);
    bad.calledRoutes[1]!.skillId = 9;
    expect(() => readTenantFile(bad)).toThrow(expect.objectContaining({ field: 'calledRoutes.1.skillId' }));
  });

  it('gives a route to a queue that queue\'s media type', () => {
    const video = structuredClone(tenantFile);
    video.skills[1]!.mediaType = 19;
    expect(readTenantFile(video).spec.routes[1]).toMatchObject({ mediaTypeId: 19, target: { type: 'skill', skillName: 'Billing' } });
  });
});
