/**
 * The tenant file (docs/cec-reference.md §6): validated with classic zod (Node only), failing fast with the
 * field's path and the reason.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DIALABLE_NUMBER } from '../src/protocol/index.js';

const overflowTarget = z.discriminatedUnion('type', [
  z.object({
    /** Release (hang up) the call. */
    type: z.literal('release'),
  }),
  z.object({
    /** Queue the call at another skill. */
    type: z.literal('skill'),
    /** That skill's `id`. */
    skillId: z.number().int(),
  }),
  // The mock has no IVR: an IVR overflow releases the call. Not documented by CEC; chosen here.
  z.object({
    /** Transfer to an IVR (the mock releases the call: it has no IVR). */
    type: z.literal('ivr'),
    /** The IVR's access code. */
    address: z.string().min(1).max(24),
  }),
]);

const agentSchema = z.strictObject({
  /** The platform's agent id, 101-59999. */
  workNo: z.number().int().min(101).max(59999),
  /** The agent's business account: the CRM's `userAccount`. */
  accountCode: z.string().min(1).max(100),
  /** The agent's sign-in password (the mock bar's sign-in form). */
  password: z.string().min(1).max(128),
  /** The softphone's SIP account. */
  sipAccount: z.string().min(1).max(24),
  /** The softphone's SIP password. */
  sipPwd: z.string().min(1).max(24),
  /** The agent's display name. */
  name: z.string().min(1).max(100),
  /** The skills the agent takes calls for (at least one). */
  skills: z
    .array(
      z.strictObject({
        /** A skill's `id`. */
        skillId: z.number().int(),
        /** 1-100: higher weights are offered calls first. */
        weight: z.number().int().min(1).max(100),
        /** The queue's weight for this agent (CEC's `skillWeight`, at least 1; the mock's routing ignores it). */
        skillWeight: z.number().int().min(1).optional(),
      }),
    ),
  /** `none`: the agent has no phone; calls run without media (chosen here). */
  phone: z.enum(['webrtc', 'softphone', 'pstn', 'none']),
  /** The number a `pstn` agent is reached at. */
  phoneNumber: z.string().regex(DIALABLE_NUMBER).optional(),
  /** The agent's email (CEC's `agentAccount` `email`). */
  email: z.string().max(320).optional(),
  /** The agent's own phone number (CEC's `agentAccount` `phone`, at most 25 characters). */
  contactPhone: z.string().max(25).optional(),
  /** 4 voice, 11 video, 5 multimedia, 99 versatile (docs/cec-reference.md §6.7); absent: voice. */
  agentType: z.union([z.literal(4), z.literal(11), z.literal(5), z.literal(99)]).optional(),
  /** 2 operator, 3 inspector, 4 outbound (docs/cec-reference.md §6.7); absent: operator. */
  ccRoleId: z.union([z.literal(2), z.literal(3), z.literal(4)]).optional(),
});

const skillSchema = z.strictObject({
  /** The skill's id, 1 or more. */
  id: z.number().int().min(1),
  /** The skill queue's name, as `call.skill` shows it. */
  name: z.string().min(1).max(100),
  /** A short description (CEC's `description`, at most 50 characters). */
  description: z.string().max(50).optional(),
  /** How the agent answers: `"0"` announce the work number, `"2"` no announcement (CEC's `answerFunction`). */
  answerFunction: z.union([z.literal('0'), z.literal('2')]).optional(),
  /** The waiting voice (CEC's `waitVoice`; the mock plays none). */
  waitVoice: z.string().max(256).optional(),
  /** 5 voice, 19 video, 53 multimedia, 2 voice click-to-dial, 18 video click-to-dial */
  mediaType: z.union([z.literal(5), z.literal(19), z.literal(53), z.literal(2), z.literal(18)]),
  /** The longest a call waits in the queue, in seconds; then `overflow.timeout` applies. */
  maxWaitTime: z.number().int().min(1).max(60000),
  /** The most calls that may wait. */
  maxWaitNum: z.number().int().min(1).max(10000),
  /** The wrap-up after each call, in seconds (0: none). */
  maxAgentWrapupTime: z.number().int().min(0).max(3600),
  /** What happens to a call the queue cannot take; each case releases the call when left out. */
  overflow: z
    .strictObject({
      /** No agent of the skill is signed in. */
      noAgents: overflowTarget.optional(),
      /** Every agent is busy and the queue is full. */
      allBusy: overflowTarget.optional(),
      /** The call waited `maxWaitTime`. */
      timeout: overflowTarget.optional(),
    })
    .default({}),
});

/**
 * The tenant file schema (classic zod; Node only): one tenant space, its apps, agents, skill
 * queues, routes and reasons (docs/cec-reference.md §6).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { tenantSchema } from 'cec-bar-host/mock-fabric';
 * const result = tenantSchema.safeParse(JSON.parse(readFileSync('my-tenant.json', 'utf8')));
 * if (!result.success) console.error(result.error.issues);
 * ```
 */
export const tenantSchema = z
  .strictObject({
    /** The tenant space's id: what the CRM passes as `tenantSpaceId`. */
    tenantSpaceId: z.string().min(1).max(128),
    /** The API Fabric apps: the AK/SK pairs `tokenByAkSk` accepts. */
    apps: z
      .array(
        z.strictObject({
          /** The app key (AK). */
          appKey: z.string().min(1).max(256),
          /** The app secret (SK), at least 8 characters. */
          appSecret: z.string().min(8).max(256),
        }),
      )
      .min(1),
    /** The agents; `workNo` and `accountCode` are unique. */
    agents: z.array(agentSchema),
    /** The skill queues. */
    skills: z.array(skillSchema),
    /** The numbers customers dial, and where each leads. */
    calledRoutes: z
      .array(
        z.strictObject({
          /** The access code, 1-24 digits. */
          accessCode: z.string().regex(/^[0-9]{1,24}$/),
          /** The extension after it (0-12 of `0-9*#`); `accessCode + extCode` is the number dialled. */
          extCode: z.string().regex(/^[0-9*#]{0,12}$/).default(''),
          /** Where the route leads: a skill queue, or an IVR (the mock releases IVR calls). */
          deviceType: z.enum(['skill', 'ivr']),
          /** The skill queue, when `deviceType` is `skill`. */
          skillId: z.number().int().optional(),
          /** The IVR flow's id, when `deviceType` is `ivr` (CEC's `deviceId`). */
          ivrId: z.number().int().min(1).optional(),
          /** The route's media type (CEC's `mediaTypeId`); absent: the skill queue's, or 5. */
          mediaTypeId: z.union([z.literal(5), z.literal(19), z.literal(53), z.literal(2), z.literal(18)]).optional(),
        }),
      ),
    /** The rest reasons an agent may pick. */
    restReasons: z.array(
      z.strictObject({
        /** The rest cause, 0-255. */
        code: z.number().int().min(0).max(255),
        /** What the agent sees. */
        description: z.string().max(200),
        /** The longest rest, in seconds; then `AgentState_Rest_Timeout` reminds the agent. */
        maxDuration: z.number().int().min(1).max(86399),
      }),
    ),
    /** CC-CMS access (C2 signature, docs/cec-reference.md §8): its own AK/SK, distinct from the API Fabric apps. */
    cms: z
      .strictObject({
        /** The call centre id (`ccId`, 1-65535). */
        ccId: z.number().int().min(1).max(65535),
        /** The virtual call centre id (`vdn`, 1-5000). */
        vdn: z.number().int().min(1).max(5000),
        /** The CC-CMS access key (AK). */
        accessKey: z.string().min(1).max(256),
        /** The CC-CMS secret key (SK), at least 8 characters. */
        secretKey: z.string().min(8).max(256),
      })
      .default({ ccId: 1, vdn: 1, accessKey: 'mock-cms-ak', secretKey: 'mock-cms-sk-7d41c9' }),
    /** The busy (not ready) reasons an agent may pick. */
    busyReasons: z.array(
      z.strictObject({
        /** The reason code, 200-250. */
        code: z.number().int().min(200).max(250),
        /** What the agent sees. */
        description: z.string().max(200),
      }),
    ),
  })
  .superRefine((t, ctx) => {
    const skillIds = new Set(t.skills.map((s) => s.id));
    const seen = { workNo: new Set<number>(), accountCode: new Set<string>() };
    t.agents.forEach((a, i) => {
      if (seen.workNo.has(a.workNo)) ctx.addIssue({ code: 'custom', path: ['agents', i, 'workNo'], message: `duplicate workNo ${a.workNo}` });
      if (seen.accountCode.has(a.accountCode)) ctx.addIssue({ code: 'custom', path: ['agents', i, 'accountCode'], message: `duplicate accountCode ${a.accountCode}` });
      seen.workNo.add(a.workNo);
      seen.accountCode.add(a.accountCode);
      a.skills.forEach((s, j) => {
        if (!skillIds.has(s.skillId)) ctx.addIssue({ code: 'custom', path: ['agents', i, 'skills', j, 'skillId'], message: `unknown skill ${s.skillId}` });
      });
    });
    t.skills.forEach((s, i) => {
      for (const k of ['noAgents', 'allBusy', 'timeout'] as const) {
        const o = s.overflow[k];
        if (o?.type === 'skill' && !skillIds.has(o.skillId)) ctx.addIssue({ code: 'custom', path: ['skills', i, 'overflow', k, 'skillId'], message: `unknown skill ${o.skillId}` });
      }
    });
    t.calledRoutes.forEach((r, i) => {
      if (r.deviceType === 'skill' && (r.skillId === undefined || !skillIds.has(r.skillId))) {
        ctx.addIssue({ code: 'custom', path: ['calledRoutes', i, 'skillId'], message: `route needs a known skillId (got ${String(r.skillId)})` });
      }
      if (!DIALABLE_NUMBER.test(r.accessCode + r.extCode)) ctx.addIssue({ code: 'custom', path: ['calledRoutes', i, 'extCode'], message: 'accessCode+extCode longer than 24 digits' });
    });
  });

/**
 * A validated tenant space (see docs/qa.md).
 * @interface
 */
export type TenantConfig = z.output<typeof tenantSchema>;
/**
 * One agent of a tenant.
 * @interface
 */
export type TenantAgent = TenantConfig['agents'][number];
/**
 * One skill queue of a tenant.
 * @interface
 */
export type TenantSkill = TenantConfig['skills'][number];
/**
 * What a skill queue does with a call it cannot take, discriminated on `type`.
 *
 * @example
 * ```ts
 * import type { OverflowTarget } from 'cec-bar-host/mock-fabric';
 * const toSkill2: OverflowTarget = { type: 'skill', skillId: 2 };
 * ```
 */
export type OverflowTarget =
  | {
      /** Release (hang up) the call. */
      type: 'release';
    }
  | {
      /** Queue the call at another skill. */
      type: 'skill';
      /** That skill's `id`. */
      skillId: number;
    }
  | {
      /** Transfer to an IVR (the mock releases the call: it has no IVR). */
      type: 'ivr';
      /** The IVR's access code. */
      address: string;
    };
/** Compiles only when OverflowTarget is exactly the schema's output (it is written out for its documentation). */
type SameType<Same extends true> = Same;
type OverflowTargetCheck = SameType<
  [OverflowTarget] extends [z.output<typeof overflowTarget>] ? ([z.output<typeof overflowTarget>] extends [OverflowTarget] ? true : false) : false
>;

/**
 * Thrown for a bad tenant file; `field` is the first bad path (e.g. `agents.1.workNo`).
 *
 * @example
 * ```ts
 * import { loadTenant, TenantError } from 'cec-bar-host/mock-fabric';
 * try {
 *   loadTenant('my-tenant.json');
 * } catch (error) {
 *   if (error instanceof TenantError) console.error('fix', error.field, error.message);
 * }
 * ```
 */
export class TenantError extends Error {
  /** Always `'TenantError'`. */
  override readonly name = 'TenantError';
  /** The first bad path, such as `agents.1.workNo`; `(file)` when unreadable, `(root)` when not JSON. */
  readonly field: string;
  /**
   * Made by {@link loadTenant}.
   *
   * @param message - What is wrong, with every issue.
   * @param field - The first bad path.
   */
  constructor(message: string, field: string) {
    super(message);
    this.field = field;
  }
}

/**
 * Validate a tenant object or read and validate a tenant JSON file.
 *
 * @param source - A file path, or the tenant object itself.
 * @throws TenantError naming the first bad field.
 * @example
 * ```ts
 * import { loadTenant } from 'cec-bar-host/mock-fabric';
 * const tenant = loadTenant('mock-fabric/tenants/default.json');
 * console.log(tenant.agents.map((agent) => agent.accountCode));
 * ```
 */
export function loadTenant(source: string | unknown): TenantConfig {
  let value: unknown = source;
  const where = typeof source === 'string' ? source : 'tenant';
  if (typeof source === 'string') {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (e) {
      throw new TenantError(`cannot read tenant file ${source}: ${(e as Error).message}`, '(file)');
    }
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new TenantError(`tenant file ${source} is not valid JSON: ${(e as Error).message}`, '(root)');
    }
  }
  const r = tenantSchema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues[0];
    const field = first && first.path.length ? first.path.map(String).join('.') : '(root)';
    throw new TenantError(`invalid tenant (${where}) at ${field}: ${first?.message ?? 'invalid'}\n${z.prettifyError(r.error)}`, field);
  }
  return r.data;
}
