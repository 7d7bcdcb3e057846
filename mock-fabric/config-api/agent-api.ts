/**
 * `agentAccount/*` (docs/cec-reference.md §6.7): create, update, query, delete, addSkillsToAgent,
 * queryAgentInfoBySkillId, in the `resultCode`/`resultMessage` envelope.
 */
import {
  AGENT_TYPES,
  CC_ROLE_IDS,
  MEDIA_TYPE_IDS,
  TENANT_CONFIG_PATHS,
  addSkillsToAgentRequestSchema,
  createAgentRequestSchema,
  deleteAgentRequestSchema,
  queryAgentsBySkillRequestSchema,
  queryAgentsRequestSchema,
  updateAgentRequestSchema,
  type AgentSkill,
  type ConfigAgent,
} from '../../src/protocol/index.js';
import { MOCK_CHOICES } from '../choices.js';
import type { FabricRoute } from '../fabric-api.js';
import type { TenantAgent } from '../tenant.js';
import { ConfigRejection, configRoute, page, parseBody, success } from './envelope.js';
import type { TenantStore } from './tenant-store.js';

type TenantAgentSkill = TenantAgent['skills'][number];

/**
 * The media types each agent type may serve. Not documented by CEC beyond "the queue's type must
 * match the agent type"; chosen here: video agents also take voice, versatile agents take all.
 */
const MEDIA_FOR_AGENT_TYPE: Readonly<Record<number, readonly number[]>> = {
  [AGENT_TYPES.voice]: [MEDIA_TYPE_IDS.voice, MEDIA_TYPE_IDS.voiceClickToDial],
  [AGENT_TYPES.video]: [MEDIA_TYPE_IDS.voice, MEDIA_TYPE_IDS.video, MEDIA_TYPE_IDS.voiceClickToDial, MEDIA_TYPE_IDS.videoClickToDial],
  [AGENT_TYPES.multimedia]: [MEDIA_TYPE_IDS.multimedia],
  [AGENT_TYPES.versatile]: Object.values(MEDIA_TYPE_IDS),
};

/** An agent as `agentAccount/query` describes it; seed agents without type or role are voice operators. */
export function describeAgent(agent: TenantAgent): ConfigAgent {
  return {
    userAccount: agent.accountCode,
    userName: agent.name,
    phone: agent.contactPhone ?? '',
    email: agent.email ?? '',
    agentType: agent.agentType ?? AGENT_TYPES.voice,
    ccRoleId: agent.ccRoleId ?? CC_ROLE_IDS.operator,
    sipAccount: agent.sipAccount,
    skills: agent.skills.map((skill) => ({ skillId: skill.skillId, agentWeight: skill.weight, skillWeight: skill.skillWeight ?? 1 })),
    workNo: agent.workNo,
  };
}

function serves(agentType: number, mediaType: number): boolean {
  return MEDIA_FOR_AGENT_TYPE[agentType]?.includes(mediaType) ?? false;
}

function unservedReason(skillId: number, mediaType: number, agentType: number): string {
  return `skill ${skillId} has media type ${mediaType}, which agent type ${agentType} does not serve`;
}

/** The agent's skills in the tenant file's shape, each checked: known, unique, within the weights, of a media type the agent serves. */
function checkedSkills(store: TenantStore, skills: readonly AgentSkill[], agentType: number, field: string): TenantAgentSkill[] {
  const seen = new Set<number>();
  return skills.map((skill, index) => {
    const queue = store.skill(skill.skillId);
    if (!queue) throw new ConfigRejection(`${field}.${index}.skillId`, `unknown skill ${skill.skillId}`);
    if (seen.has(skill.skillId)) throw new ConfigRejection(`${field}.${index}.skillId`, `skill ${skill.skillId} listed twice`);
    seen.add(skill.skillId);
    if (skill.agentWeight > MOCK_CHOICES.maxAgentWeight) throw new ConfigRejection(`${field}.${index}.agentWeight`, `at most ${MOCK_CHOICES.maxAgentWeight}`);
    if (!serves(agentType, queue.mediaType)) throw new ConfigRejection(`${field}.${index}.skillId`, unservedReason(skill.skillId, queue.mediaType, agentType));
    return { skillId: skill.skillId, weight: skill.agentWeight, skillWeight: skill.skillWeight };
  });
}

function existingAgent(store: TenantStore, account: string, field: string): TenantAgent {
  const agent = store.agent(account);
  if (!agent) throw new ConfigRejection(field, `no agent account ${account}`);
  return agent;
}

/** CEC's examples send update and delete without the documented wrapper: the mock takes both. */
function wrapped(body: unknown, key: string): unknown {
  const isFlat = typeof body === 'object' && body !== null && !(key in body) && 'userAccount' in body;
  return isFlat ? { [key]: body } : body;
}

function create(store: TenantStore, body: unknown): Record<string, unknown> {
  const { requestParam: input } = parseBody(createAgentRequestSchema, body);
  if (store.agent(input.userAccount)) throw new ConfigRejection('requestParam.userAccount', `${input.userAccount} already exists`);
  if (store.isFull()) throw new ConfigRejection('requestParam.userAccount', 'no free workNo left');
  const skills = checkedSkills(store, input.skills ?? [], input.agentType, 'requestParam.skills');
  const agent = store.addAgent({
    accountCode: input.userAccount,
    name: input.userName,
    password: input.password,
    email: input.email,
    ...(input.phone === undefined ? {} : { contactPhone: input.phone }),
    agentType: input.agentType,
    ccRoleId: input.ccRoleId,
    skills,
  });
  return success('result', 'create agent account success', { workNo: agent.workNo });
}

function update(store: TenantStore, body: unknown): Record<string, unknown> {
  const { requestParam: input } = parseBody(updateAgentRequestSchema, wrapped(body, 'requestParam'));
  const agent = existingAgent(store, input.userAccount, 'requestParam.userAccount');
  const agentType = input.agentType ?? agent.agentType ?? AGENT_TYPES.voice;
  // A new agent type must still serve the agent's skills.
  const unserved = input.skills === undefined ? agent.skills.find((skill) => !serves(agentType, store.skill(skill.skillId)?.mediaType ?? -1)) : undefined;
  if (unserved) throw new ConfigRejection('requestParam.agentType', unservedReason(unserved.skillId, store.skill(unserved.skillId)?.mediaType ?? -1, agentType));
  const skills = input.skills === undefined ? agent.skills : checkedSkills(store, input.skills, agentType, 'requestParam.skills');
  if (input.newPassWord !== undefined && input.oldPassWord !== agent.password) throw new ConfigRejection('requestParam.oldPassWord', 'does not match the current password');
  if (input.oldPassWord !== undefined && input.newPassWord === undefined) throw new ConfigRejection('requestParam.newPassWord', 'required with oldPassWord');
  Object.assign(agent, {
    ...(input.userName === undefined ? {} : { name: input.userName }),
    ...(input.email === undefined ? {} : { email: input.email }),
    ...(input.phone === undefined ? {} : { contactPhone: input.phone }),
    ...(input.agentType === undefined ? {} : { agentType: input.agentType }),
    ...(input.ccRoleId === undefined ? {} : { ccRoleId: input.ccRoleId }),
    ...(input.newPassWord === undefined ? {} : { password: input.newPassWord }),
    skills,
  });
  return success('result', 'edit success');
}

function query(store: TenantStore, body: unknown): Record<string, unknown> {
  const { requestParams: input } = parseBody(queryAgentsRequestSchema, body);
  const types = input.agentType;
  const matching = store.tenant.agents.map(describeAgent).filter((agent) => {
    if (input.userAccount !== undefined && agent.userAccount !== input.userAccount) return false;
    return !types || types.some((type) => type === agent.agentType);
  });
  const size = input.pageSize ?? MOCK_CHOICES.defaultAgentPageSize;
  return success('result', 'success', { data: page(matching, (input.pageNum ?? 0) * size, size), total: matching.length });
}

function remove(store: TenantStore, body: unknown): Record<string, unknown> {
  const { requestParams: input } = parseBody(deleteAgentRequestSchema, wrapped(body, 'requestParams'));
  store.deleteAgent(existingAgent(store, input.userAccount, 'requestParams.userAccount'));
  return success('result', 'delete AgentAccount success');
}

function addSkills(store: TenantStore, body: unknown): Record<string, unknown> {
  const input = parseBody(addSkillsToAgentRequestSchema, body);
  const agents = input.userAccounts.map((account, index) => existingAgent(store, account, `userAccounts.${index}`));
  const updates = agents.map((agent) => {
    const others = agent.skills.filter((skill) => skill.skillId !== input.skillId);
    const [added] = checkedSkills(store, [{ skillId: input.skillId, agentWeight: input.agentWeight, skillWeight: input.skillWeight }], agent.agentType ?? AGENT_TYPES.voice, 'skill');
    return { agent, skills: added ? [...others, added] : others };
  });
  // Every agent checked before any changes: nothing half-applied.
  for (const { agent, skills } of updates) agent.skills = skills;
  return success('result', 'success');
}

function agentsBySkill(store: TenantStore, body: unknown): Record<string, unknown> {
  const { requestParam: input } = parseBody(queryAgentsBySkillRequestSchema, body);
  if (!store.skill(input.skillId)) throw new ConfigRejection('requestParam.skillId', `unknown skill ${input.skillId}`);
  const members = store.tenant.agents.flatMap((agent) => {
    const membership = agent.skills.find((skill) => skill.skillId === input.skillId);
    if (!membership) return [];
    const { workNo, agentType, sipAccount, userAccount, userName } = describeAgent(agent);
    return [{ workNo, agentType, agentWeight: membership.weight, skillWeight: membership.skillWeight ?? 1, accountName: userName, sipAccount, userAccount }];
  });
  return success('result', 'success', { count: members.length, data: page(members, input.pageNum * input.pageSize, input.pageSize) });
}

/**
 * The `agentAccount/*` routes for the API Fabric (behind its token checks).
 *
 * @example
 * const routes = agentRoutes(store);
 */
export function agentRoutes(store: TenantStore): Record<string, FabricRoute> {
  return {
    [TENANT_CONFIG_PATHS.createAgent]: configRoute('result', (body) => create(store, body)),
    [TENANT_CONFIG_PATHS.updateAgent]: configRoute('result', (body) => update(store, body)),
    [TENANT_CONFIG_PATHS.queryAgents]: configRoute('result', (body) => query(store, body)),
    [TENANT_CONFIG_PATHS.deleteAgent]: configRoute('result', (body) => remove(store, body)),
    [TENANT_CONFIG_PATHS.addSkillsToAgent]: configRoute('result', (body) => addSkills(store, body)),
    [TENANT_CONFIG_PATHS.queryAgentsBySkill]: configRoute('result', (body) => agentsBySkill(store, body)),
  };
}
