/**
 * The live tenant configuration behind the configuration APIs. The tenant object the engine runs
 * on is changed in place, so a change takes effect at once: routing reads the routes and queue
 * limits on every call, the API Fabric and the loader read the agents on every request.
 * Callers validate everything first; these methods only apply.
 */
import { randomBytes } from 'node:crypto';
import { TENANT_CONFIG_LIMITS } from '../../src/protocol/index.js';
import { MOCK_CHOICES } from '../choices.js';
import type { Engine } from '../engine.js';
import type { TenantAgent, TenantConfig, TenantSkill } from '../tenant.js';

/** One called route of the tenant file. */
export type TenantRoute = TenantConfig['calledRoutes'][number];

/** What a new agent brings; the store allocates `workNo`, `sipAccount`, `sipPwd` and the phone. */
export type NewAgent = Omit<TenantAgent, 'workNo' | 'sipAccount' | 'sipPwd' | 'phone'>;

/**
 * Applies configuration changes to a running engine.
 *
 * @example
 * const store = new TenantStore(engine);
 * const agent = store.addAgent({ accountCode: 'dave.ng', name: 'Dave Ng', password: 'Dave-pass1', skills: [] });
 */
export class TenantStore {
  readonly tenant: TenantConfig;
  readonly #engine: Engine;
  /** Each route's configuration number (CEC's `dnid`), given in order at start-up. */
  readonly #dnids = new Map<TenantRoute, number>();
  #nextDnid = 1;

  constructor(engine: Engine) {
    this.#engine = engine;
    this.tenant = engine.centre.tenant;
    for (const route of this.tenant.calledRoutes) this.#dnids.set(route, this.#nextDnid++);
  }

  agent(account: string): TenantAgent | undefined {
    return this.tenant.agents.find((agent) => agent.accountCode === account);
  }

  skill(id: number): TenantSkill | undefined {
    return this.tenant.skills.find((skill) => skill.id === id);
  }

  /** Whether the agent has a gateway session (is signed in). */
  isSignedIn(agent: TenantAgent): boolean {
    return this.#engine.centre.agents.get(agent.workNo)?.phase !== 'signedOut';
  }

  /** A new agent, signed out, with the next work number and a softphone account of its own. */
  addAgent(fields: NewAgent): TenantAgent {
    const workNo = this.#freeWorkNo();
    const agent: TenantAgent = { ...fields, workNo, sipAccount: this.#freeSipAccount(workNo), sipPwd: randomBytes(9).toString('base64url'), phone: MOCK_CHOICES.createdAgentPhone };
    this.tenant.agents.push(agent);
    this.#engine.centre.track(agent);
    return agent;
  }

  /** Delete an agent; a signed-in one is signed out first (MOCK_CHOICES.deleteSignedInAgent). */
  deleteAgent(agent: TenantAgent): void {
    this.#engine.agentStates.signOut(agent.workNo, 'agent account deleted');
    this.#engine.centre.agents.delete(agent.workNo);
    this.tenant.agents.splice(this.tenant.agents.indexOf(agent), 1);
  }

  /** A new skill queue with the next id, empty. */
  addSkill(fields: Omit<TenantSkill, 'id'>): TenantSkill {
    const id = Math.max(0, ...this.tenant.skills.map((skill) => skill.id)) + 1;
    const skill: TenantSkill = { id, ...fields };
    this.tenant.skills.push(skill);
    this.#engine.centre.queues.set(id, []);
    return skill;
  }

  /** Delete skill queues nothing refers to any more (the caller checked). */
  deleteSkills(skills: readonly TenantSkill[]): void {
    for (const skill of skills) {
      this.tenant.skills.splice(this.tenant.skills.indexOf(skill), 1);
      this.#engine.centre.queues.delete(skill.id);
    }
  }

  /** A new called route; the next call to its number follows it. Returns its `dnid`. */
  addRoute(route: TenantRoute): number {
    this.tenant.calledRoutes.push(route);
    const dnid = this.#nextDnid++;
    this.#dnids.set(route, dnid);
    return dnid;
  }

  /** Every route with its `dnid`, in order. */
  routes(): { readonly route: TenantRoute; readonly dnid: number }[] {
    return this.tenant.calledRoutes.map((route) => ({ route, dnid: this.#dnids.get(route) ?? 0 }));
  }

  deleteRoutes(routes: readonly TenantRoute[]): void {
    for (const route of routes) {
      this.tenant.calledRoutes.splice(this.tenant.calledRoutes.indexOf(route), 1);
      this.#dnids.delete(route);
    }
  }

  /** The highest work number in use + 1, else the lowest free one (MOCK_CHOICES.workNoAllocation). */
  #freeWorkNo(): number {
    const used = new Set(this.tenant.agents.map((agent) => agent.workNo));
    const next = Math.max(TENANT_CONFIG_LIMITS.workNoMin - 1, ...used) + 1;
    if (next <= TENANT_CONFIG_LIMITS.workNoMax) return next;
    for (let workNo = TENANT_CONFIG_LIMITS.workNoMin; workNo <= TENANT_CONFIG_LIMITS.workNoMax; workNo++) {
      if (!used.has(workNo)) return workNo;
    }
    // The create handler refuses a full tenant before it gets here.
    throw new Error('no free workNo');
  }

  #freeSipAccount(workNo: number): string {
    const used = new Set(this.tenant.agents.map((agent) => agent.sipAccount));
    const account = (suffix: number): string => `${MOCK_CHOICES.sipAccountPrefix}${String(suffix).padStart(4, '0')}`;
    // A seed agent may hold this workNo's account already: step past the work number range.
    let suffix = workNo;
    while (used.has(account(suffix))) suffix += 100_000;
    return account(suffix);
  }

  /** Whether every work number is taken. */
  isFull(): boolean {
    return this.tenant.agents.length >= TENANT_CONFIG_LIMITS.workNoMax - TENANT_CONFIG_LIMITS.workNoMin + 1;
  }
}
