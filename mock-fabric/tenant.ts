/**
 * The tenant file (docs/cec-reference.md §6): validated with classic zod (Node only), failing fast with the
 * field's path and the reason.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DIALABLE_NUMBER } from '../src/protocol/index.js';

const overflowTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('release') }),
  z.object({ type: z.literal('skill'), skillId: z.number().int() }),
  // The mock has no IVR: an IVR overflow releases the call. Not documented by CEC; chosen here.
  z.object({ type: z.literal('ivr'), address: z.string().min(1).max(24) }),
]);

const agentSchema = z.strictObject({
  workNo: z.number().int().min(101).max(59999),
  accountCode: z.string().min(1).max(100),
  password: z.string().min(1).max(128),
  sipAccount: z.string().min(1).max(24),
  sipPwd: z.string().min(1).max(24),
  name: z.string().min(1).max(100),
  skills: z.array(z.strictObject({ skillId: z.number().int(), weight: z.number().int().min(1).max(100) })).min(1),
  /** `none`: the agent has no phone; calls run without media (chosen here). */
  phone: z.enum(['webrtc', 'softphone', 'pstn', 'none']),
  /** The number a `pstn` agent is reached at. */
  phoneNumber: z.string().regex(DIALABLE_NUMBER).optional(),
});

const skillSchema = z.strictObject({
  id: z.number().int().min(1),
  name: z.string().min(1).max(100),
  /** 5 voice, 19 video, 53 multimedia, 2 voice click-to-dial, 18 video click-to-dial */
  mediaType: z.union([z.literal(5), z.literal(19), z.literal(53), z.literal(2), z.literal(18)]),
  maxWaitTime: z.number().int().min(1).max(60000),
  maxWaitNum: z.number().int().min(1).max(10000),
  maxAgentWrapupTime: z.number().int().min(0).max(3600),
  overflow: z
    .strictObject({ noAgents: overflowTarget.optional(), allBusy: overflowTarget.optional(), timeout: overflowTarget.optional() })
    .default({}),
});

/**
 * The tenant file schema (classic zod; Node only).
 *
 * @example
 * const r = tenantSchema.safeParse(JSON.parse(text)); if (!r.success) console.error(z.prettifyError(r.error));
 */
export const tenantSchema = z
  .strictObject({
    tenantSpaceId: z.string().min(1).max(128),
    apps: z.array(z.strictObject({ appKey: z.string().min(1).max(256), appSecret: z.string().min(8).max(256) })).min(1),
    agents: z.array(agentSchema).min(1),
    skills: z.array(skillSchema).min(1),
    calledRoutes: z
      .array(
        z.strictObject({
          accessCode: z.string().regex(/^[0-9]{1,24}$/),
          extCode: z.string().regex(/^[0-9*#]{0,12}$/).default(''),
          deviceType: z.enum(['skill', 'ivr']),
          skillId: z.number().int().optional(),
        }),
      )
      .min(1),
    restReasons: z.array(z.strictObject({ code: z.number().int().min(0).max(255), description: z.string().max(200), maxDuration: z.number().int().min(1).max(86399) })),
    busyReasons: z.array(z.strictObject({ code: z.number().int().min(200).max(250), description: z.string().max(200) })),
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

/** A validated tenant space (see mock-fabric/README.md). */
export type TenantConfig = z.output<typeof tenantSchema>;
export type TenantAgent = TenantConfig['agents'][number];
export type TenantSkill = TenantConfig['skills'][number];
export type OverflowTarget = z.output<typeof overflowTarget>;

/**
 * Thrown for a bad tenant file; `field` is the first bad path (e.g. `agents.1.workNo`).
 *
 * @example
 * try { loadTenant('t.json'); } catch (e) { if (e instanceof TenantError) console.error(e.field); }
 */
export class TenantError extends Error {
  override readonly name = 'TenantError';
  readonly field: string;
  constructor(message: string, field: string) {
    super(message);
    this.field = field;
  }
}

/**
 * Validate a tenant object or read and validate a tenant JSON file. Throws `TenantError` naming the field.
 *
 * @example
 * const tenant = loadTenant('mock-fabric/tenants/default.json');
 * console.log(tenant.agents.map((a) => a.accountCode));
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
