/**
 * `skill/*` (docs/cec-reference.md §6.7): createSkill, modifySkill, deleteSkill and querySkills,
 * in the `returnCode`/`description` envelope. A modified queue's limits apply to the next call.
 */
import {
  MEDIA_TYPE_IDS,
  TENANT_CONFIG_PATHS,
  createSkillRequestSchema,
  deleteSkillRequestSchema,
  modifySkillRequestSchema,
  querySkillsRequestSchema,
  type ConfigSkill,
  type SkillOverflow,
  type SkillParam,
} from '../../src/protocol/index.js';
import type { FabricRoute } from '../fabric-api.js';
import type { OverflowTarget, TenantSkill } from '../tenant.js';
import { ConfigRejection, configRoute, page, parseBody, success } from './envelope.js';
import type { TenantStore } from './tenant-store.js';

/** `skillParam`'s overflow cases and the tenant file's names for them. */
const OVERFLOW_CASES = [
  { param: 'noAgents', tenant: 'noAgents' },
  { param: 'busy', tenant: 'allBusy' },
  { param: 'timeOut', tenant: 'timeout' },
] as const;

/** Voice and video queues must also say how agents answer and what callers hear (cec_07_0034). */
const NEEDS_ANSWER_SETTINGS: readonly number[] = [MEDIA_TYPE_IDS.voice, MEDIA_TYPE_IDS.video];

function overflowTarget(store: TenantStore, entry: SkillOverflow, mediaType: number, field: string): OverflowTarget {
  if (entry.transferType === 'Release') return { type: 'release' };
  if (entry.deviceType === undefined) throw new ConfigRejection(`${field}.deviceType`, 'required with Transfer');
  if (entry.value === undefined) throw new ConfigRejection(`${field}.value`, 'required with Transfer');
  if (entry.deviceType === '3') {
    if (mediaType === MEDIA_TYPE_IDS.multimedia) throw new ConfigRejection(`${field}.deviceType`, 'a multimedia queue cannot overflow to an IVR');
    return { type: 'ivr', address: String(entry.value) };
  }
  if (!store.skill(entry.value)) throw new ConfigRejection(`${field}.value`, `unknown skill ${entry.value}`);
  return { type: 'skill', skillId: entry.value };
}

/** The tenant file's overflow and answer settings from a checked `skillParam`. */
function skillSettings(store: TenantStore, param: SkillParam, mediaType: number): Pick<TenantSkill, 'overflow' | 'answerFunction' | 'waitVoice'> {
  if (NEEDS_ANSWER_SETTINGS.includes(mediaType)) {
    if (param.answerFunction === undefined) throw new ConfigRejection('skillParam.answerFunction', `required for media type ${mediaType}`);
    if (param.waitVoice === undefined) throw new ConfigRejection('skillParam.waitVoice', `required for media type ${mediaType}`);
  }
  const overflow: TenantSkill['overflow'] = {};
  for (const { param: name, tenant } of OVERFLOW_CASES) overflow[tenant] = overflowTarget(store, param[name], mediaType, `skillParam.${name}`);
  return { overflow, answerFunction: param.answerFunction, waitVoice: param.waitVoice };
}

function overflowEntry(target: OverflowTarget | undefined): SkillOverflow {
  if (!target || target.type === 'release') return { transferType: 'Release' };
  if (target.type === 'skill') return { deviceType: '1', transferType: 'Transfer', value: target.skillId };
  const flowId = Number(target.address);
  return Number.isSafeInteger(flowId) ? { deviceType: '3', transferType: 'Transfer', value: flowId } : { deviceType: '3', transferType: 'Transfer' };
}

/** A skill queue as `querySkills` describes it (with the mock's additions: limits and `skillParam`). */
export function describeSkill(skill: TenantSkill): ConfigSkill {
  const skillParam: SkillParam = {
    noAgents: overflowEntry(skill.overflow.noAgents),
    busy: overflowEntry(skill.overflow.allBusy),
    timeOut: overflowEntry(skill.overflow.timeout),
    ...(skill.answerFunction === undefined ? {} : { answerFunction: skill.answerFunction }),
    ...(skill.waitVoice === undefined ? {} : { waitVoice: skill.waitVoice }),
  };
  const { id, name, description, mediaType, maxWaitTime, maxWaitNum, maxAgentWrapupTime } = skill;
  return { skillId: id, name, description: description ?? '', mediaTypeId: mediaType, maxWaitTime, maxWaitNum, maxAgentWrapupTime, skillParam };
}

function create(store: TenantStore, body: unknown): Record<string, unknown> {
  const input = parseBody(createSkillRequestSchema, body);
  if (store.tenant.skills.some((skill) => skill.name === input.name)) throw new ConfigRejection('name', `a skill queue named ${input.name} already exists`);
  const settings = skillSettings(store, input.skillParam, input.mediaTypeId);
  const { name, description, maxWaitTime, maxWaitNum, maxAgentWrapupTime } = input;
  const skill = store.addSkill({ name, description, mediaType: input.mediaTypeId, maxWaitTime, maxWaitNum, maxAgentWrapupTime, ...settings });
  return success('return', 'Success', { skillId: skill.id });
}

function modify(store: TenantStore, body: unknown): Record<string, unknown> {
  const input = parseBody(modifySkillRequestSchema, body);
  const skill = store.skill(input.skillId);
  if (!skill) throw new ConfigRejection('skillId', `unknown skill ${input.skillId}`);
  const settings = input.skillParam ? skillSettings(store, input.skillParam, skill.mediaType) : {};
  const { description, maxWaitTime, maxWaitNum, maxAgentWrapupTime } = input;
  const limits = { description, maxWaitTime, maxWaitNum, maxAgentWrapupTime };
  // Only what the request gives changes.
  for (const [key, value] of Object.entries({ ...limits, ...settings })) if (value !== undefined) Object.assign(skill, { [key]: value });
  return success('return', 'Success');
}

/** Why a skill queue cannot go: who still uses it (other than queues deleted with it). */
function blockerOf(store: TenantStore, skill: TenantSkill, leaving: ReadonlySet<number>): string | undefined {
  const agent = store.tenant.agents.find((candidate) => candidate.skills.some((entry) => entry.skillId === skill.id));
  if (agent) return `agent ${agent.accountCode} serves it`;
  const route = store.tenant.calledRoutes.find((candidate) => candidate.deviceType === 'skill' && candidate.skillId === skill.id);
  if (route) return `called route ${route.accessCode}${route.extCode} leads to it`;
  const overflowing = store.tenant.skills.find((other) => !leaving.has(other.id) && Object.values(other.overflow).some((target) => target?.type === 'skill' && target.skillId === skill.id));
  if (overflowing) return `skill ${overflowing.id} overflows to it`;
  return undefined;
}

function remove(store: TenantStore, body: unknown, liveCalls: (skillId: number) => number): Record<string, unknown> {
  const ids = [...new Set(parseBody(deleteSkillRequestSchema, body).skillIds.split(/[,;-]/).map(Number))];
  const skills = ids.map((id) => {
    const skill = store.skill(id);
    if (!skill) throw new ConfigRejection('skillIds', `unknown skill ${id}`);
    return skill;
  });
  const leaving = new Set(ids);
  for (const skill of skills) {
    const blocker = blockerOf(store, skill, leaving) ?? (liveCalls(skill.id) > 0 ? 'a call of it is waiting, ringing or talking' : undefined);
    if (blocker) throw new ConfigRejection('skillIds', `skill ${skill.id} is in use: ${blocker}`);
  }
  store.deleteSkills(skills);
  return success('return', 'Success');
}

function query(store: TenantStore, body: unknown): Record<string, unknown> {
  const input = parseBody(querySkillsRequestSchema, body);
  const wanted = input.skillIds?.length ? new Set(input.skillIds.map(Number)) : undefined;
  const matching = store.tenant.skills.filter(
    (skill) => (input.name === undefined || skill.name === input.name) && (input.mediaTypeId === undefined || skill.mediaType === Number(input.mediaTypeId)) && (!wanted || wanted.has(skill.id)),
  );
  const data = page(matching, Number(input.offset ?? 0), Number(input.limit ?? 100)).map(describeSkill);
  return success('return', 'Success', { total: matching.length, data });
}

/**
 * The `skill/*` routes for the API Fabric (behind its token checks); `liveCalls` counts a queue's calls not yet ended.
 *
 * @example
 * const routes = skillRoutes(store, (skillId) => liveCallsOf(engine, skillId));
 */
export function skillRoutes(store: TenantStore, liveCalls: (skillId: number) => number): Record<string, FabricRoute> {
  return {
    [TENANT_CONFIG_PATHS.createSkill]: configRoute('return', (body) => create(store, body)),
    [TENANT_CONFIG_PATHS.modifySkill]: configRoute('return', (body) => modify(store, body)),
    [TENANT_CONFIG_PATHS.deleteSkill]: configRoute('return', (body) => remove(store, body, liveCalls)),
    [TENANT_CONFIG_PATHS.querySkills]: configRoute('return', (body) => query(store, body)),
  };
}
