/**
 * `cec-tenant` against the mock over real HTTP: an empty tenant space provisioned from a tenant
 * file reproduces it (GET /__mock/tenant), a second apply changes nothing, a changed file changes
 * exactly the changed items, and the seeded default tenant already matches default.json.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startMockFabric, type MockFabric } from '../../../mock-fabric/index.js';
import { runTenantCli } from '../../../src/server/tenant-cli.js';
import { request } from '../../support/mock-client.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DEFAULT_FILE = path.join(ROOT, 'mock-fabric/tenants/default.json');

interface TenantJson {
  tenantSpaceId: string;
  apps: { appKey: string; appSecret: string }[];
  agents: Record<string, unknown>[];
  skills: Record<string, unknown>[];
  calledRoutes: Record<string, unknown>[];
}
const defaultTenant = JSON.parse(readFileSync(DEFAULT_FILE, 'utf8')) as TenantJson;
const [app] = defaultTenant.apps;

/**
 * default.json as CEC's create API accepts it: accounts of 6+ characters and an email each (the
 * seed's `alice`, `bob`, `carol` are shorter than agentAccount/create allows, and have no email).
 */
function provisionableDefault(): TenantJson {
  const tenant = structuredClone(defaultTenant);
  tenant.agents = tenant.agents.map((agent) => {
    const account = `${String(agent.accountCode)}.qa`;
    return { ...agent, accountCode: account, email: `${account}@example.com` };
  });
  return tenant;
}

const emptyTenant = { ...structuredClone(defaultTenant), agents: [], skills: [], calledRoutes: [] };
const directory = mkdtempSync(path.join(tmpdir(), 'cec-tenant-'));
let fabric: MockFabric | undefined;

afterEach(async () => {
  await fabric?.close();
  fabric = undefined;
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function writeTenant(name: string, tenant: unknown): string {
  const file = path.join(directory, name);
  writeFileSync(file, JSON.stringify(tenant));
  return file;
}

async function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const out: string[] = [];
  const error: string[] = [];
  const env = { CEC_BASE_URL: fabric!.url, CEC_APP_KEY: app!.appKey, CEC_APP_SECRET: app!.appSecret, ...extraEnv };
  const code = await runTenantCli(args, { env, out: (line) => out.push(line), error: (line) => error.push(line) });
  return { code, out: out.join('\n'), error: error.join('\n') };
}

async function exportedTenant(secrets: 'omit' | 'include' = 'omit'): Promise<TenantJson> {
  const reply = await request(fabric!.url, 'GET', `/__mock/tenant?secrets=${secrets}`);
  expect(reply.status).toBe(200);
  return reply.json as TenantJson;
}

/** The file as the mock should export it: secrets aside, and the phone kind, which CEC's APIs cannot set. */
function comparable(tenant: TenantJson) {
  const agents = tenant.agents.map(({ password: _password, sipPwd: _sipPwd, phone: _phone, phoneNumber: _number, ...agent }) => agent);
  return { ...tenant, apps: tenant.apps.map(({ appKey }) => ({ appKey })), agents };
}

describe('cec-tenant against the mock', () => {
  it('apply --yes on an empty tenant space reproduces the file; a second apply reports 0 changes', async () => {
    fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: emptyTenant });
    const file = writeTenant('default-provisionable.json', provisionableDefault());
    const first = await cli(['apply', file, '--yes'], { CEC_AGENT_PASSWORD_ALICE_QA: 'Alice-Pass1' });
    expect(first.error).toMatch(/warning: the file carries secrets/);
    expect(first.code, first.error).toBe(0);
    expect(first.out).toContain('7 change(s): 7 to create, 0 to update, 0 to delete');
    expect(first.out).toContain('applied 7 change(s)');
    const exported = await exportedTenant();
    expect(exported.agents).toHaveLength(3);
    expect(exported).toMatchObject(comparable(provisionableDefault()));
    const generated = [...first.out.matchAll(/password of (\S+) \(generated, shown once: store it now\): (\S+)/g)];
    expect(generated.map(([, account]) => account)).toEqual(['bob.qa', 'carol.qa']);
    const withSecrets = await exportedTenant('include');
    expect(withSecrets.agents.map((agent) => agent.password)).toEqual(['Alice-Pass1', generated[0]?.[2], generated[1]?.[2]]);

    const second = await cli(['apply', file, '--yes']);
    expect(second.code, second.error).toBe(0);
    expect(second.out).toContain('no changes: the tenant space already matches the file');
    expect(second.out).not.toContain('applied');
    expect(await exportedTenant()).toEqual(exported);
  });

  it('a changed file yields exactly the changed items, and only apply --yes makes them', async () => {
    fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: emptyTenant });
    const original = provisionableDefault();
    expect((await cli(['apply', writeTenant('original.json', original), '--yes'])).code).toBe(0);
    const changed = structuredClone(original);
    changed.skills[1] = { ...changed.skills[1], maxWaitNum: 3 };
    changed.agents[1] = { ...changed.agents[1], skills: [{ skillId: 2, weight: 4 }] };
    changed.calledRoutes.push({ accessCode: '6688', extCode: '3', deviceType: 'skill', skillId: 2 });
    const file = writeTenant('changed.json', changed);

    const plan = await cli(['plan', file]);
    expect(plan.code, plan.error).toBe(0);
    const changes = plan.out.split('\n').filter((line) => /^(create|update|delete)\s/.test(line));
    expect(changes).toEqual([
      expect.stringMatching(/^update\s+skill\s+Billing \(maxWaitNum\)$/),
      expect.stringMatching(/^update\s+agent\s+bob\.qa \(skills\)$/),
      expect.stringMatching(/^create\s+route\s+6688\/3$/),
    ]);
    const dryRun = await cli(['apply', file]);
    expect(dryRun.out).toContain('dry run: nothing changed');
    expect((await exportedTenant()).calledRoutes).toHaveLength(2);

    const applied = await cli(['apply', file, '--yes']);
    expect(applied.code, applied.error).toBe(0);
    expect(applied.out).toContain('applied 3 change(s)');
    expect(await exportedTenant()).toMatchObject(comparable(changed));
    expect((await cli(['plan', file])).out).toContain('no changes');
  });

  it('the seeded default tenant already matches default.json; the file\'s short accounts could not be created', async () => {
    fabric = await startMockFabric({ port: 0, host: '127.0.0.1' });
    const seeded = await cli(['plan', DEFAULT_FILE]);
    expect(seeded.code, seeded.error).toBe(0);
    expect(seeded.out).toContain('no changes: the tenant space already matches the file; 7 unchanged, 0 extra');
    await fabric.close();

    fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: emptyTenant });
    const refused = await cli(['apply', DEFAULT_FILE, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.error).toMatch(/refused: agent alice: requestParam\.userAccount/);
    expect(refused.error).toContain('nothing changed');
    expect((await exportedTenant()).skills).toEqual([]);
  });

  it('prune deletes what the file no longer lists; without it those items are only reported', async () => {
    fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: emptyTenant });
    const original = provisionableDefault();
    expect((await cli(['apply', writeTenant('full.json', original), '--yes'])).code).toBe(0);
    const smaller = { ...structuredClone(original), calledRoutes: original.calledRoutes.slice(0, 1), agents: original.agents.slice(0, 2) };
    const file = writeTenant('smaller.json', smaller);
    const kept = await cli(['apply', file, '--yes']);
    expect(kept.out).toMatch(/extra\s+agent\s+carol\.qa \(not in the file; --prune deletes it\)/);
    expect(kept.out).toContain('no changes');
    const pruned = await cli(['apply', file, '--yes', '--prune']);
    expect(pruned.code, pruned.error).toBe(0);
    expect(pruned.out).toMatch(/deleted route 6688\/2\ndeleted agent carol\.qa/);
    const exported = await exportedTenant();
    expect(exported.agents.map((agent) => agent.accountCode)).toEqual(['alice.qa', 'bob.qa']);
    expect(exported.calledRoutes).toHaveLength(1);
  });

  it('refuses to run without its settings, naming the missing one', async () => {
    const out: string[] = [];
    const code = await runTenantCli(['plan', DEFAULT_FILE], { env: { CEC_BASE_URL: 'http://127.0.0.1:9', CEC_APP_KEY: 'key' }, out: (line) => out.push(line), error: (line) => out.push(line) });
    expect(code).toBe(1);
    expect(out.join('\n')).toContain('set CEC_APP_SECRET');
  });
});
