/** planTenant: the file against the tenant space → create / update / leave / extra / delete, in a safe order. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, formatPlan, planTenant, routeKey, type AgentSpec, type RouteSpec, type SkillSpec, type TenantSpec } from '../../../src/server/tenant-plan.js';

const release = { type: 'release' } as const;
const general: SkillSpec = {
  name: 'General support',
  mediaType: 5,
  maxWaitTime: 120,
  maxWaitNum: 10,
  maxAgentWrapupTime: 10,
  overflow: { noAgents: release, allBusy: { type: 'skill', skillName: 'Billing' }, timeout: release },
};
const billing: SkillSpec = { ...general, name: 'Billing', maxAgentWrapupTime: 0, overflow: { noAgents: release, allBusy: release, timeout: release } };
const alice: AgentSpec = { accountCode: 'alice.chen', name: 'Alice Chen', skills: [{ skillName: 'General support', agentWeight: 5, skillWeight: 1 }, { skillName: 'Billing', agentWeight: 1, skillWeight: 1 }] };
const bob: AgentSpec = { accountCode: 'bob.meyer', name: 'Bob Meyer', skills: [{ skillName: 'General support', agentWeight: 3, skillWeight: 1 }] };
const route1: RouteSpec = { accessCode: '6688', extCode: '1', target: { type: 'skill', skillName: 'General support' } };
const route2: RouteSpec = { accessCode: '6688', extCode: '2', target: { type: 'skill', skillName: 'Billing' } };
const file: TenantSpec = { skills: [general, billing], agents: [alice, bob], routes: [route1, route2] };
const empty: TenantSpec = { skills: [], agents: [], routes: [] };

const summary = (spec: TenantSpec, current: TenantSpec, prune = false) =>
  planTenant(spec, current, { prune }).steps.map((step) => `${step.action} ${step.kind} ${step.key}${step.changedFields.length ? ` ${step.changedFields.join(',')}` : ''}`);

describe('planTenant', () => {
  it('creates everything in an empty tenant space: skills first, then agents, then routes', () => {
    const plan = planTenant(file, empty, { prune: false });
    expect(summary(file, empty)).toEqual([
      'create skill General support',
      'create skill Billing',
      'create agent alice.chen',
      'create agent bob.meyer',
      'create route 6688/1',
      'create route 6688/2',
    ]);
    expect(plan.changeCount).toBe(6);
  });

  it('leaves everything when the tenant space matches, whatever order the platform lists skills in', () => {
    const reordered: TenantSpec = { ...file, agents: [{ ...alice, skills: [...alice.skills].reverse() }, bob] };
    const plan = planTenant(file, reordered, { prune: false });
    expect(plan.changeCount).toBe(0);
    expect(plan.steps.every((step) => step.action === 'leave')).toBe(true);
    expect(formatPlan(plan)).toContain('no changes');
  });

  it('updates exactly the items that differ, naming the fields', () => {
    const current: TenantSpec = {
      skills: [{ ...general, maxWaitNum: 20 }, billing],
      agents: [alice, { ...bob, skills: [{ skillName: 'General support', agentWeight: 4, skillWeight: 1 }] }],
      routes: [route1, { ...route2, target: { type: 'skill', skillName: 'General support' } }],
    };
    expect(summary(file, current)).toEqual([
      'update skill General support maxWaitNum',
      'leave skill Billing',
      'leave agent alice.chen',
      'update agent bob.meyer skills',
      'leave route 6688/1',
      'update route 6688/2 target',
    ]);
    expect(planTenant(file, current, { prune: false }).changeCount).toBe(3);
  });

  it('never deletes without prune: items only the tenant space has are extra and no change', () => {
    const carol: AgentSpec = { accountCode: 'carol.diaz', name: 'Carol', skills: [{ skillName: 'Billing', agentWeight: 5, skillWeight: 1 }] };
    const current: TenantSpec = { ...file, agents: [alice, bob, carol] };
    const plan = planTenant(file, current, { prune: false });
    expect(plan.steps.filter((step) => step.action === 'extra').map((step) => step.key)).toEqual(['carol.diaz']);
    expect(plan.changeCount).toBe(0);
    expect(formatPlan(plan)).toMatch(/extra\s+agent carol\.diaz \(not in the file; --prune deletes it\)/);
  });

  it('with prune, deletes routes, then agents, then skills, after every create and update', () => {
    const support: SkillSpec = { ...billing, name: 'Old queue' };
    const current: TenantSpec = {
      skills: [support, general],
      agents: [{ accountCode: 'dave', name: 'Dave', skills: [{ skillName: 'Old queue', agentWeight: 1, skillWeight: 1 }] }],
      routes: [{ accessCode: '7000', extCode: '', target: { type: 'skill', skillName: 'Old queue' } }],
    };
    expect(summary(file, current, true)).toEqual([
      'leave skill General support',
      'create skill Billing',
      'create agent alice.chen',
      'create agent bob.meyer',
      'create route 6688/1',
      'create route 6688/2',
      'delete route 7000/',
      'delete agent dave',
      'delete skill Old queue',
    ]);
  });

  it('compares only what both sides know: a field the file leaves out or the platform does not report is no change', () => {
    const reported: SkillSpec = { name: 'Billing', mediaType: 5 };
    const withEmail: AgentSpec = { ...alice, email: 'alice@example.com' };
    const plan = planTenant({ ...file, agents: [alice, bob] }, { ...file, skills: [general, reported], agents: [withEmail, bob] }, { prune: false });
    expect(plan.changeCount).toBe(0);
    const changedMedia = planTenant(file, { ...file, skills: [general, { ...reported, mediaType: 19 }] }, { prune: false });
    expect(changedMedia.steps[1]).toMatchObject({ action: 'update', changedFields: ['mediaType'] });
  });

  it('refuses a file that lists one item twice', () => {
    expect(() => planTenant({ ...file, agents: [alice, alice] }, empty, { prune: false })).toThrow(/agent alice\.chen twice/);
  });

  it('keeps routes 668+81 and 6688+1 apart', () => {
    expect(routeKey({ accessCode: '668', extCode: '81' })).not.toBe(routeKey({ accessCode: '6688', extCode: '1' }));
  });

  it('canonicalJson ignores key order but not array order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('formats a summary line counting each action', () => {
    const text = formatPlan(planTenant(file, { ...empty, skills: [billing] }, { prune: false }));
    expect(text.split('\n').at(-1)).toBe('5 change(s): 5 to create, 0 to update, 0 to delete; 1 unchanged, 0 extra');
  });
});
