/**
 * Reads a tenant space through the configuration APIs into the plan's terms, checks a plan's
 * requests against the APIs' documented ranges, and applies it (docs/cec-reference.md §6.6).
 */
import {
  DEVICE_TYPES,
  createAgentRequestSchema,
  createCalledRouteRequestSchema,
  createSkillRequestSchema,
  updateAgentRequestSchema,
  UNSET_ID,
  type CalledRoute,
  type ConfigAgent,
  type ConfigSkill,
  type CreateAgentRequest,
  type CreateCalledRouteRequest,
  type CreateSkillRequest,
  type SkillOverflow,
  type SkillParam,
  type UpdateAgentRequest,
} from '../protocol/tenant-config.js';
import { formatIssues, type z } from '../protocol/zod.js';
import type { TenantConfigClient } from './tenant-config-client.js';
import { routeKey, type AgentSpec, type OverflowSpec, type PlanStep, type RouteSpec, type SkillSpec, type TenantPlan, type TenantSpec } from './tenant-plan.js';

/** What the tenant space has, in the plan's terms, with the ids the APIs need. */
export interface TenantSpaceState {
  readonly spec: TenantSpec;
  /** Skill id by skill name. */
  readonly skillIds: ReadonlyMap<string, number>;
  /** Route `dnid` by {@link routeKey}. */
  readonly routeDnids: ReadonlyMap<string, number>;
}

type NameOfSkill = (skillId: number) => string;
type IdOfSkill = (skillName: string) => number | undefined;

/** An id no listed skill has gets a name that can never match the file's. */
function skillNameFor(skills: readonly ConfigSkill[]): NameOfSkill {
  const names = new Map(skills.map((skill) => [skill.skillId, skill.name]));
  return (skillId) => names.get(skillId) ?? `#${skillId}`;
}

function overflowFromWire(overflow: SkillOverflow, nameOf: NameOfSkill): OverflowSpec {
  if (overflow.transferType === 'Release' || overflow.value === undefined) return { type: 'release' };
  if (overflow.deviceType === '3') return { type: 'ivr', address: String(overflow.value) };
  return { type: 'skill', skillName: nameOf(overflow.value) };
}

function skillFromWire(skill: ConfigSkill, nameOf: NameOfSkill): SkillSpec {
  const param = skill.skillParam;
  return {
    name: skill.name,
    mediaType: skill.mediaTypeId,
    description: skill.description,
    maxWaitTime: skill.maxWaitTime,
    maxWaitNum: skill.maxWaitNum,
    maxAgentWrapupTime: skill.maxAgentWrapupTime,
    overflow: param && {
      noAgents: overflowFromWire(param.noAgents, nameOf),
      allBusy: overflowFromWire(param.busy, nameOf),
      timeout: overflowFromWire(param.timeOut, nameOf),
    },
    answerFunction: param?.answerFunction,
    waitVoice: param?.waitVoice,
  };
}

function agentFromWire(agent: ConfigAgent, nameOf: NameOfSkill): AgentSpec {
  return {
    accountCode: agent.userAccount,
    name: agent.userName,
    email: agent.email,
    contactPhone: agent.phone,
    agentType: agent.agentType === UNSET_ID ? undefined : agent.agentType,
    ccRoleId: agent.ccRoleId === UNSET_ID ? undefined : agent.ccRoleId,
    skills: agent.skills.map((skill) => ({ skillName: nameOf(skill.skillId), agentWeight: skill.agentWeight, skillWeight: skill.skillWeight })),
  };
}

function routeFromWire(route: CalledRoute, nameOf: NameOfSkill): RouteSpec {
  const base = { accessCode: route.accessCode, extCode: route.extCode ?? '', mediaTypeId: route.mediatypeId };
  if (route.devicetype === DEVICE_TYPES.ivr) return { ...base, target: { type: 'ivr', deviceId: route.deviceId } };
  return { ...base, target: { type: 'skill', skillName: nameOf(route.deviceId) } };
}

/**
 * Reads every skill queue, agent and called route of the tenant space.
 *
 * @param client - The configuration client.
 */
export async function readTenantSpace(client: TenantConfigClient): Promise<TenantSpaceState> {
  const skills = await client.listSkills();
  const [agents, routes] = await Promise.all([client.listAgents(), client.listCalledRoutes()]);
  const nameOf = skillNameFor(skills);
  return {
    spec: {
      skills: skills.map((skill) => skillFromWire(skill, nameOf)),
      agents: agents.map((agent) => agentFromWire(agent, nameOf)),
      routes: routes.map((route) => routeFromWire(route, nameOf)),
    },
    skillIds: new Map(skills.map((skill) => [skill.name, skill.skillId])),
    routeDnids: new Map(routes.map((route) => [routeKey({ accessCode: route.accessCode, extCode: route.extCode ?? '' }), route.dnid])),
  };
}

/** The default description: CEC wants 1-50 letters or digits, and the file may give none. */
function descriptionOf(skill: SkillSpec): string {
  if (skill.description !== undefined) return skill.description;
  const letters = skill.name.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 50);
  return letters.length > 0 ? letters : 'queue';
}

function overflowToWire(overflow: OverflowSpec, idOf: IdOfSkill): SkillOverflow {
  if (overflow.type === 'release') return { transferType: 'Release' };
  if (overflow.type === 'ivr') return { transferType: 'Transfer', deviceType: '3', value: Number(overflow.address) };
  const skillId = idOf(overflow.skillName);
  // A queue created in this run may overflow to one created after it: released until the second pass.
  if (skillId === undefined) return { transferType: 'Release' };
  return { transferType: 'Transfer', deviceType: '1', value: skillId };
}

/** Voice and video queues must say how calls are answered and what callers hear while waiting (docs/cec-reference.md §6.7). */
const ANSWER_SETTINGS_REQUIRED: ReadonlySet<number> = new Set([5, 19]);

function skillParamOf(skill: SkillSpec, idOf: IdOfSkill): SkillParam {
  const release: OverflowSpec = { type: 'release' };
  const overflow = skill.overflow ?? { noAgents: release, allBusy: release, timeout: release };
  const required = ANSWER_SETTINGS_REQUIRED.has(skill.mediaType);
  // Defaults when the file says nothing: no work-number announcement, the platform's waiting voice.
  const answerFunction = skill.answerFunction ?? (required ? '2' : undefined);
  const waitVoice = skill.waitVoice ?? (required ? '' : undefined);
  return {
    noAgents: overflowToWire(overflow.noAgents, idOf),
    busy: overflowToWire(overflow.allBusy, idOf),
    timeOut: overflowToWire(overflow.timeout, idOf),
    ...(answerFunction === undefined ? {} : { answerFunction }),
    ...(waitVoice === undefined ? {} : { waitVoice }),
  };
}

function skillLimits(skill: SkillSpec) {
  return { maxWaitTime: skill.maxWaitTime ?? 0, maxWaitNum: skill.maxWaitNum ?? 0, maxAgentWrapupTime: skill.maxAgentWrapupTime ?? 0 };
}

function createSkillRequest(skill: SkillSpec, idOf: IdOfSkill): CreateSkillRequest {
  return {
    mediaTypeId: skill.mediaType as CreateSkillRequest['mediaTypeId'],
    name: skill.name,
    description: descriptionOf(skill),
    ...skillLimits(skill),
    skillParam: skillParamOf(skill, idOf),
  };
}

function agentSkillsOf(agent: AgentSpec, idOf: IdOfSkill) {
  // An unknown id (0) only happens in checks before the skill exists; the schema refuses 0 there.
  return agent.skills.map((skill) => ({ skillId: idOf(skill.skillName) ?? 0, agentWeight: skill.agentWeight, skillWeight: skill.skillWeight }));
}

function createAgentRequest(agent: AgentSpec, password: string, idOf: IdOfSkill): CreateAgentRequest['requestParam'] {
  return {
    userAccount: agent.accountCode,
    userName: agent.name,
    password,
    email: agent.email ?? '',
    agentType: (agent.agentType ?? 4) as CreateAgentRequest['requestParam']['agentType'],
    ccRoleId: (agent.ccRoleId ?? 2) as CreateAgentRequest['requestParam']['ccRoleId'],
    ...(agent.contactPhone === undefined ? {} : { phone: agent.contactPhone }),
    skills: agentSkillsOf(agent, idOf),
  };
}

function updateAgentRequest(agent: AgentSpec, idOf: IdOfSkill): UpdateAgentRequest['requestParam'] {
  type Param = UpdateAgentRequest['requestParam'];
  return {
    userAccount: agent.accountCode,
    userName: agent.name,
    ...(agent.email === undefined ? {} : { email: agent.email }),
    ...(agent.contactPhone === undefined ? {} : { phone: agent.contactPhone }),
    ...(agent.agentType === undefined ? {} : { agentType: agent.agentType as Param['agentType'] }),
    ...(agent.ccRoleId === undefined ? {} : { ccRoleId: agent.ccRoleId as Param['ccRoleId'] }),
    skills: agentSkillsOf(agent, idOf),
  };
}

function createRouteRequest(route: RouteSpec, idOf: IdOfSkill): CreateCalledRouteRequest {
  const deviceId = route.target.type === 'ivr' ? route.target.deviceId : (idOf(route.target.skillName) ?? 0);
  return {
    accessCode: route.accessCode,
    extCode: route.extCode,
    ...(route.mediaTypeId === undefined ? {} : { mediaTypeId: route.mediaTypeId as CreateCalledRouteRequest['mediaTypeId'] }),
    devicetype: route.target.type === 'ivr' ? DEVICE_TYPES.ivr : DEVICE_TYPES.skill,
    deviceId,
  };
}

/** Stands in for a skill id the plan has yet to create, so its requests can be checked now. */
const NOT_YET_CREATED_SKILL_ID = 1;
/** Stands in for a password when checking: generated or read from the environment at apply time. */
const PLACEHOLDER_PASSWORD = 'Check-Pass1';
/** Stands in for a missing email, reported on its own, so the agent's other fields are still checked. */
const PLACEHOLDER_EMAIL = 'check@example.com';

function idLookup(skillIds: ReadonlyMap<string, number>, fallback: number | undefined): IdOfSkill {
  return (skillName) => skillIds.get(skillName) ?? fallback;
}

function requestProblem(label: string, schema: z.ZodMiniType, request: unknown): string[] {
  const result = schema.safeParse(request);
  if (result.success) return [];
  return [`${label}: ${formatIssues(result.error.issues)}`];
}

function stepProblems(step: PlanStep, idOf: IdOfSkill): string[] {
  const label = `${step.kind} ${step.key}`;
  if (step.kind === 'skill' && step.action === 'update' && step.changedFields.includes('mediaType')) {
    return [`${label}: a queue's media type cannot change (CEC's modifySkill has no such field); give the new queue another name`];
  }
  if (step.action !== 'create' && step.action !== 'update') return [];
  const desired = step.desired;
  if (desired === undefined) return [];
  if (step.kind === 'skill') {
    const skill = desired as SkillSpec;
    return requestProblem(label, createSkillRequestSchema, createSkillRequest(skill, idOf));
  }
  if (step.kind === 'agent') {
    const agent = desired as AgentSpec;
    if (step.action === 'update') return requestProblem(label, updateAgentRequestSchema, { requestParam: updateAgentRequest(agent, idOf) });
    const noEmail = agent.email === undefined ? [`${label}: CEC needs an email to create an agent (add "email" to the agent in the file)`] : [];
    const checked = { ...agent, email: agent.email ?? PLACEHOLDER_EMAIL };
    return [...noEmail, ...requestProblem(label, createAgentRequestSchema, { requestParam: createAgentRequest(checked, PLACEHOLDER_PASSWORD, idOf) })];
  }
  return requestProblem(label, createCalledRouteRequestSchema, createRouteRequest(desired as RouteSpec, idOf));
}

/**
 * What CEC would refuse in a plan, found before anything is sent: each request is checked
 * against its API's documented ranges. Empty when the plan can be applied.
 *
 * @param plan - The plan.
 * @param state - The tenant space it was made against.
 */
export function checkPlan(plan: TenantPlan, state: TenantSpaceState): string[] {
  const idOf = idLookup(state.skillIds, NOT_YET_CREATED_SKILL_ID);
  return plan.steps.flatMap((step) => stepProblems(step, idOf));
}

/** How {@link applyPlan} gets passwords and tells what it did. */
export interface ApplyHooks {
  /** The password of an agent about to be created. */
  readonly passwordFor: (accountCode: string) => string;
  /** One line per change made. */
  readonly report: (line: string) => void;
}

async function createSkills(steps: readonly PlanStep[], client: TenantConfigClient, skillIds: Map<string, number>, hooks: ApplyHooks): Promise<SkillSpec[]> {
  const secondPass: SkillSpec[] = [];
  for (const step of steps) {
    if (step.kind !== 'skill' || step.action !== 'create' || step.desired === undefined) continue;
    const skill = step.desired;
    const overflow = skill.overflow ? [skill.overflow.noAgents, skill.overflow.allBusy, skill.overflow.timeout] : [];
    if (overflow.some((target) => target.type === 'skill' && !skillIds.has(target.skillName))) secondPass.push(skill);
    const created = await client.createSkill(createSkillRequest(skill, idLookup(skillIds, undefined)));
    const skillId = created.skillId ?? (await client.listSkills()).find((listed) => listed.name === skill.name)?.skillId;
    if (skillId === undefined) throw new Error(`skill ${skill.name} was created but no query lists it`);
    skillIds.set(skill.name, skillId);
    hooks.report(`created skill ${skill.name} (id ${skillId})`);
  }
  return secondPass;
}

async function modifySkills(updates: readonly SkillSpec[], secondPass: readonly SkillSpec[], client: TenantConfigClient, skillIds: Map<string, number>, hooks: ApplyHooks): Promise<void> {
  const idOf = idLookup(skillIds, undefined);
  for (const skill of updates) {
    const skillId = skillIds.get(skill.name) ?? 0;
    const description = skill.description === undefined ? {} : { description: skill.description };
    await client.modifySkill({ skillId, ...description, ...skillLimits(skill), skillParam: skillParamOf(skill, idOf) });
    hooks.report(`updated skill ${skill.name}`);
  }
  for (const skill of secondPass) {
    await client.modifySkill({ skillId: skillIds.get(skill.name) ?? 0, skillParam: skillParamOf(skill, idOf) });
    hooks.report(`set the overflow of skill ${skill.name} to the queues created after it`);
  }
}

async function applyAgentsAndRoutes(steps: readonly PlanStep[], state: TenantSpaceState, client: TenantConfigClient, skillIds: Map<string, number>, hooks: ApplyHooks): Promise<void> {
  const idOf = idLookup(skillIds, undefined);
  for (const step of steps) {
    if (step.kind === 'agent' && step.desired !== undefined) {
      if (step.action === 'create') {
        const { workNo } = await client.createAgent(createAgentRequest(step.desired, hooks.passwordFor(step.key), idOf));
        hooks.report(`created agent ${step.key}${workNo === undefined ? '' : ` (workNo ${workNo})`}`);
      } else if (step.action === 'update') {
        await client.updateAgent(updateAgentRequest(step.desired, idOf));
        hooks.report(`updated agent ${step.key} (${step.changedFields.join(', ')})`);
      }
    }
    if (step.kind === 'route' && step.desired !== undefined && (step.action === 'create' || step.action === 'update')) {
      // The client has no modifyCalledRoute (the mock does not serve it): the old binding goes, the new one comes.
      const dnid = state.routeDnids.get(step.key);
      if (step.action === 'update' && dnid !== undefined) await client.deleteCalledRoutes([dnid]);
      await client.createCalledRoute(createRouteRequest(step.desired, idOf));
      hooks.report(`${step.action === 'create' ? 'created' : 'replaced'} route ${step.key}`);
    }
  }
}

async function deleteRemoved(steps: readonly PlanStep[], state: TenantSpaceState, client: TenantConfigClient, hooks: ApplyHooks): Promise<void> {
  for (const step of steps) {
    if (step.action !== 'delete') continue;
    if (step.kind === 'route') await client.deleteCalledRoutes([state.routeDnids.get(step.key) ?? 0]);
    if (step.kind === 'agent') await client.deleteAgent(step.key);
    if (step.kind === 'skill') await client.deleteSkills([state.skillIds.get(step.key) ?? 0]);
    hooks.report(`deleted ${step.kind} ${step.key}`);
  }
}

/**
 * Applies a plan: skills (created in the file's order, overflow to later queues set in a second
 * pass), agents, routes, then deletions. Stops at the first failure; running it again picks up
 * from what the tenant space then has.
 *
 * @param plan - The plan, checked with {@link checkPlan}.
 * @param state - The tenant space it was made against.
 * @param client - The configuration client.
 * @param hooks - Passwords and progress.
 */
export async function applyPlan(plan: TenantPlan, state: TenantSpaceState, client: TenantConfigClient, hooks: ApplyHooks): Promise<void> {
  const skillIds = new Map(state.skillIds);
  const secondPass = await createSkills(plan.steps, client, skillIds, hooks);
  const updates = plan.steps.flatMap((step) => (step.kind === 'skill' && step.action === 'update' && step.desired ? [step.desired] : []));
  await modifySkills(updates, secondPass, client, skillIds, hooks);
  await applyAgentsAndRoutes(plan.steps, state, client, skillIds, hooks);
  await deleteRemoved(plan.steps, state, client, hooks);
}
