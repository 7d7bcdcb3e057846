/**
 * The tenant file as `cec-tenant` reads it: the mock's tenant file format (docs/qa.md), of which
 * provisioning uses the agents, skill queues and called routes. What the platform allocates
 * (`workNo`, `sipAccount`) and secrets (`password`, `sipPwd`, `appSecret`) are not provisioned:
 * secrets found in the file are reported and ignored.
 */
import { formatIssues, z } from '../protocol/zod.js';
import type { AgentSpec, OverflowSpec, RouteSpec, SkillSpec, TenantSpec } from './tenant-plan.js';

const mediaType = z.literal([5, 19, 53, 2, 18]);
const overflowTarget = z.union([
  z.object({ type: z.literal('release') }),
  z.object({ type: z.literal('skill'), skillId: z.int() }),
  z.object({ type: z.literal('ivr'), address: z.string().check(z.regex(/^\d{1,9}$/)) }),
]);

const fileAgent = z.object({
  accountCode: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  email: z.optional(z.string()),
  contactPhone: z.optional(z.string()),
  agentType: z.optional(z.int()),
  ccRoleId: z.optional(z.int()),
  skills: z.array(z.object({ skillId: z.int(), weight: z.int().check(z.gte(1)), skillWeight: z.optional(z.int().check(z.gte(1))) })),
  password: z.optional(z.string()),
  sipPwd: z.optional(z.string()),
});

const fileSkill = z.object({
  id: z.int(),
  name: z.string().check(z.minLength(1)),
  mediaType,
  maxWaitTime: z.int(),
  maxWaitNum: z.int(),
  maxAgentWrapupTime: z.int(),
  description: z.optional(z.string()),
  answerFunction: z.optional(z.literal(['0', '2'])),
  waitVoice: z.optional(z.string()),
  overflow: z.optional(z.object({ noAgents: z.optional(overflowTarget), allBusy: z.optional(overflowTarget), timeout: z.optional(overflowTarget) })),
});

const fileRoute = z.object({
  accessCode: z.string().check(z.minLength(1)),
  extCode: z.optional(z.string()),
  deviceType: z.literal(['skill', 'ivr']),
  skillId: z.optional(z.int()),
  ivrId: z.optional(z.int()),
  mediaTypeId: z.optional(mediaType),
});

const tenantFileSchema = z.object({
  tenantSpaceId: z.optional(z.string()),
  apps: z.optional(z.array(z.object({ appSecret: z.optional(z.string()) }))),
  agents: z.array(fileAgent),
  skills: z.array(fileSkill),
  calledRoutes: z.array(fileRoute),
});

type FileSkill = z.infer<typeof fileSkill>;

/** A tenant file `cec-tenant` cannot use; `field` is the first bad path, such as `agents.1.skills.0.skillId`. */
export class TenantFileError extends Error {
  override readonly name = 'TenantFileError';
  readonly field: string;
  constructor(message: string, field: string) {
    super(message);
    this.field = field;
  }
}

/** The tenant file, read for provisioning. */
export interface ProvisioningFile {
  /** The file's `tenantSpaceId`, shown in the plan's heading. */
  readonly tenantSpaceId: string | undefined;
  /** The agents, queues and routes to provision, skills referenced by name. */
  readonly spec: TenantSpec;
  /** Things worth saying that do not stop the run (secrets found and ignored). */
  readonly warnings: readonly string[];
}

function secretWarnings(file: z.infer<typeof tenantFileSchema>): string[] {
  const found: string[] = [];
  file.agents.forEach((agent, index) => {
    if (agent.password !== undefined) found.push(`agents.${index}.password`);
    if (agent.sipPwd !== undefined) found.push(`agents.${index}.sipPwd`);
  });
  file.apps?.forEach((app, index) => {
    if (app.appSecret !== undefined) found.push(`apps.${index}.appSecret`);
  });
  if (found.length === 0) return [];
  return [`the file carries secrets (${found.join(', ')}): cec-tenant ignores them; agent passwords come from the environment or are generated`];
}

function skillNamer(skills: readonly FileSkill[]): (skillId: number, field: string) => string {
  const names = new Map(skills.map((skill) => [skill.id, skill.name]));
  return (skillId, field) => {
    const name = names.get(skillId);
    if (name === undefined) throw new TenantFileError(`${field}: unknown skill ${skillId}`, field);
    return name;
  };
}

function overflowOf(target: z.infer<typeof overflowTarget> | undefined, field: string, nameOf: (skillId: number, field: string) => string): OverflowSpec {
  if (target === undefined || target.type === 'release') return { type: 'release' };
  if (target.type === 'skill') return { type: 'skill', skillName: nameOf(target.skillId, `${field}.skillId`) };
  return { type: 'ivr', address: target.address };
}

function skillSpecs(skills: readonly FileSkill[], nameOf: (skillId: number, field: string) => string): SkillSpec[] {
  return skills.map((skill, index): SkillSpec => {
    const field = `skills.${index}.overflow`;
    return {
      name: skill.name,
      mediaType: skill.mediaType,
      description: skill.description,
      maxWaitTime: skill.maxWaitTime,
      maxWaitNum: skill.maxWaitNum,
      maxAgentWrapupTime: skill.maxAgentWrapupTime,
      overflow: {
        noAgents: overflowOf(skill.overflow?.noAgents, `${field}.noAgents`, nameOf),
        allBusy: overflowOf(skill.overflow?.allBusy, `${field}.allBusy`, nameOf),
        timeout: overflowOf(skill.overflow?.timeout, `${field}.timeout`, nameOf),
      },
      answerFunction: skill.answerFunction,
      waitVoice: skill.waitVoice,
    };
  });
}

function agentSpecs(agents: z.infer<typeof tenantFileSchema>['agents'], nameOf: (skillId: number, field: string) => string): AgentSpec[] {
  return agents.map((agent, index): AgentSpec => ({
    accountCode: agent.accountCode,
    name: agent.name,
    email: agent.email,
    contactPhone: agent.contactPhone,
    agentType: agent.agentType,
    ccRoleId: agent.ccRoleId,
    skills: agent.skills.map((skill, skillIndex) => ({
      skillName: nameOf(skill.skillId, `agents.${index}.skills.${skillIndex}.skillId`),
      agentWeight: skill.weight,
      skillWeight: skill.skillWeight ?? 1,
    })),
  }));
}

function routeSpecs(routes: z.infer<typeof tenantFileSchema>['calledRoutes'], skills: readonly FileSkill[], nameOf: (skillId: number, field: string) => string): RouteSpec[] {
  return routes.map((route, index): RouteSpec => {
    const field = `calledRoutes.${index}`;
    const base = { accessCode: route.accessCode, extCode: route.extCode ?? '' };
    if (route.deviceType === 'ivr') {
      if (route.ivrId === undefined) throw new TenantFileError(`${field}.ivrId: an IVR route needs the IVR flow's id`, `${field}.ivrId`);
      return { ...base, mediaTypeId: route.mediaTypeId ?? 5, target: { type: 'ivr', deviceId: route.ivrId } };
    }
    if (route.skillId === undefined) throw new TenantFileError(`${field}.skillId: a skill route needs a skillId`, `${field}.skillId`);
    const skillName = nameOf(route.skillId, `${field}.skillId`);
    // CEC's rule: a route to a queue has the queue's media type (docs/cec-reference.md §6.6).
    const queueMedia = skills.find((skill) => skill.id === route.skillId)?.mediaType;
    return { ...base, mediaTypeId: route.mediaTypeId ?? queueMedia, target: { type: 'skill', skillName } };
  });
}

/**
 * Reads a tenant file's JSON for provisioning.
 *
 * @param value - The parsed JSON.
 * @throws TenantFileError naming the first bad field.
 */
export function readTenantFile(value: unknown): ProvisioningFile {
  const parsed = tenantFileSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first && first.path.length > 0 ? first.path.map(String).join('.') : '(root)';
    throw new TenantFileError(`bad tenant file: ${formatIssues(parsed.error.issues)}`, field);
  }
  const file = parsed.data;
  const nameOf = skillNamer(file.skills);
  const spec: TenantSpec = {
    skills: skillSpecs(file.skills, nameOf),
    agents: agentSpecs(file.agents, nameOf),
    routes: routeSpecs(file.calledRoutes, file.skills, nameOf),
  };
  return { tenantSpaceId: file.tenantSpaceId, spec, warnings: secretWarnings(file) };
}
