/**
 * Provisioning plan: the tenant file against what the tenant space has, as create / update / leave
 * (and delete only when pruning). Pure: no I/O. Items are matched by what the platform never
 * renumbers: skills by name, agents by account, routes by access code + extension. Skill ids and
 * work numbers are allocated by CEC (docs/cec-reference.md §6.6), so references go by skill name here.
 */

/** Where a skill queue sends a call it cannot take, another skill named rather than numbered. */
export type OverflowSpec =
  | {
      /** Release (hang up) the call. */
      readonly type: 'release';
    }
  | {
      /** Queue the call at another skill. */
      readonly type: 'skill';
      /** That skill's name. */
      readonly skillName: string;
    }
  | {
      /** Transfer to an IVR. */
      readonly type: 'ivr';
      /** The IVR's access code or flow id, as the platform keeps it. */
      readonly address: string;
    };

/**
 * A skill queue as provisioning compares it. A field left undefined is not compared: the file
 * does not care about it, or the tenant space does not report it (CEC's `querySkills` lists
 * a queue's name, description and media type, not its limits).
 */
export interface SkillSpec {
  /** The queue's name: its identity across tenant spaces. */
  readonly name: string;
  /** 5 voice, 19 video, 53 multimedia, 2 voice click-to-dial, 18 video click-to-dial. */
  readonly mediaType: number;
  /** A short description (letters and digits). */
  readonly description?: string | undefined;
  /** Seconds a call may wait. */
  readonly maxWaitTime?: number | undefined;
  /** Calls that may wait at once. */
  readonly maxWaitNum?: number | undefined;
  /** Wrap-up after each call, in seconds. */
  readonly maxAgentWrapupTime?: number | undefined;
  /** What happens when no agent is signed in, all are busy, or the wait timed out. */
  readonly overflow?:
    | {
        readonly noAgents: OverflowSpec;
        readonly allBusy: OverflowSpec;
        readonly timeout: OverflowSpec;
      }
    | undefined;
  /** `"0"` announce the work number, `"2"` no announcement. */
  readonly answerFunction?: '0' | '2' | undefined;
  /** The waiting voice. */
  readonly waitVoice?: string | undefined;
}

/** One skill of an agent, by skill name. */
export interface AgentSkillSpec {
  readonly skillName: string;
  /** Higher weights are offered calls first. */
  readonly agentWeight: number;
  /** The queue's weight for this agent. */
  readonly skillWeight: number;
}

/** An agent as provisioning compares it; undefined fields are not compared (see {@link SkillSpec}). */
export interface AgentSpec {
  /** The business account (`userAccount`): its identity. */
  readonly accountCode: string;
  /** The display name. */
  readonly name: string;
  /** The agent's email address. */
  readonly email?: string | undefined;
  /** The agent's own phone number. */
  readonly contactPhone?: string | undefined;
  /** 4 voice, 11 video, 5 multimedia, 99 versatile. */
  readonly agentType?: number | undefined;
  /** 2 operator, 3 inspector, 4 outbound. */
  readonly ccRoleId?: number | undefined;
  /** The agent's skills and weights. */
  readonly skills: readonly AgentSkillSpec[];
}

/** A called-party route as provisioning compares it. */
export interface RouteSpec {
  /** The access code customers dial. */
  readonly accessCode: string;
  /** The extension after it ('' for none). */
  readonly extCode: string;
  /** The route's media type. */
  readonly mediaTypeId?: number | undefined;
  /** Where the route leads. */
  readonly target:
    | { readonly type: 'skill'; readonly skillName: string }
    | { readonly type: 'ivr'; readonly deviceId: number };
}

/** A whole tenant space's provisioned configuration. */
export interface TenantSpec {
  readonly skills: readonly SkillSpec[];
  readonly agents: readonly AgentSpec[];
  readonly routes: readonly RouteSpec[];
}

/** What the plan does with one item. `extra`: in the tenant space, not in the file, and not pruned. */
export type PlanAction = 'create' | 'update' | 'leave' | 'delete' | 'extra';

/** The kinds of item a plan covers, in the order they are created. */
export type PlanKind = 'skill' | 'agent' | 'route';

interface StepOf<Kind extends PlanKind, Spec> {
  readonly kind: Kind;
  /** The item's identity: a skill's name, an agent's account, a route's `accessCode/extCode`. */
  readonly key: string;
  readonly action: PlanAction;
  /** For `update`: the fields that differ. */
  readonly changedFields: readonly string[];
  /** What the file wants (absent for `delete` and `extra`). */
  readonly desired: Spec | undefined;
  /** What the tenant space has (absent for `create`). */
  readonly current: Spec | undefined;
}

/** One line of a plan. */
export type PlanStep = StepOf<'skill', SkillSpec> | StepOf<'agent', AgentSpec> | StepOf<'route', RouteSpec>;

/** The whole plan, in the order it is applied. */
export interface TenantPlan {
  readonly steps: readonly PlanStep[];
  /** Steps that change the tenant space (create, update, delete). */
  readonly changeCount: number;
}

/** A route's identity; `/` keeps `668`+`81` apart from `6688`+`1`. */
export function routeKey(route: Pick<RouteSpec, 'accessCode' | 'extCode'>): string {
  return `${route.accessCode}/${route.extCode}`;
}

/** JSON with object keys sorted, so two equal values always print the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(inner).sort()) sorted[name] = (inner as Record<string, unknown>)[name];
    return sorted;
  });
}

/** An agent's skills in a fixed order, for comparing only: the platform may list them in any order. */
function comparableAgent(agent: AgentSpec): AgentSpec {
  const skills = [...agent.skills].sort((left, right) => left.skillName.localeCompare(right.skillName));
  return { ...agent, skills };
}

/** The fields both sides know (neither undefined) and that differ. */
function changedFields(desired: object, current: object): string[] {
  const desiredFields = desired as Record<string, unknown>;
  const currentFields = current as Record<string, unknown>;
  return Object.keys(desiredFields).filter((field) => {
    const wanted = desiredFields[field];
    const actual = currentFields[field];
    if (wanted === undefined || actual === undefined) return false;
    return canonicalJson(wanted) !== canonicalJson(actual);
  });
}

function planKind<Kind extends PlanKind, Spec extends object>(
  kind: Kind,
  desiredItems: readonly Spec[],
  currentItems: readonly Spec[],
  keyOf: (item: Spec) => string,
  prune: boolean,
  comparable: (item: Spec) => Spec = (item) => item,
): { kept: StepOf<Kind, Spec>[]; removed: StepOf<Kind, Spec>[] } {
  const currentByKey = new Map(currentItems.map((item) => [keyOf(item), item]));
  const desiredKeys = new Set<string>();
  const kept = desiredItems.map((desired): StepOf<Kind, Spec> => {
    const key = keyOf(desired);
    if (desiredKeys.has(key)) throw new RangeError(`the tenant file lists ${kind} ${key} twice`);
    desiredKeys.add(key);
    const current = currentByKey.get(key);
    if (current === undefined) return { kind, key, action: 'create', changedFields: [], desired, current };
    const fields = changedFields(comparable(desired), comparable(current));
    return { kind, key, action: fields.length > 0 ? 'update' : 'leave', changedFields: fields, desired, current };
  });
  const removed = currentItems
    .filter((current) => !desiredKeys.has(keyOf(current)))
    .map((current): StepOf<Kind, Spec> => ({ kind, key: keyOf(current), action: prune ? 'delete' : 'extra', changedFields: [], desired: undefined, current }));
  return { kept, removed };
}

/**
 * Compares the file with the tenant space. Order: skills, agents, routes (so what an agent or a
 * route uses exists first), then deletions the other way round (routes, agents, skills), so
 * nothing is deleted while something still uses it.
 *
 * @param desired - The tenant file, references by skill name.
 * @param current - What the tenant space has now.
 * @param options - `prune`: delete what the file does not list (otherwise such items are `extra`).
 * @throws RangeError when the file lists one item twice.
 */
export function planTenant(desired: TenantSpec, current: TenantSpec, options: { readonly prune: boolean }): TenantPlan {
  const skills = planKind('skill', desired.skills, current.skills, (skill) => skill.name, options.prune);
  const agents = planKind('agent', desired.agents, current.agents, (agent) => agent.accountCode, options.prune, comparableAgent);
  const routes = planKind('route', desired.routes, current.routes, routeKey, options.prune);
  const steps: PlanStep[] = [...skills.kept, ...agents.kept, ...routes.kept, ...routes.removed, ...agents.removed, ...skills.removed];
  const changeCount = steps.filter((step) => step.action === 'create' || step.action === 'update' || step.action === 'delete').length;
  return { steps, changeCount };
}

/** One line per step, as `cec-tenant plan` prints it, then a summary line. */
export function formatPlan(plan: TenantPlan): string {
  const lines = plan.steps.map((step) => {
    const detail = step.action === 'update' ? ` (${step.changedFields.join(', ')})` : step.action === 'extra' ? ' (not in the file; --prune deletes it)' : '';
    return `${step.action.padEnd(6)} ${step.kind.padEnd(5)} ${step.key}${detail}`;
  });
  const count = (action: PlanAction) => plan.steps.filter((step) => step.action === action).length;
  const summary =
    plan.changeCount === 0
      ? 'no changes: the tenant space already matches the file'
      : `${plan.changeCount} change(s): ${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete`;
  lines.push(`${summary}; ${count('leave')} unchanged, ${count('extra')} extra`);
  return lines.join('\n');
}
