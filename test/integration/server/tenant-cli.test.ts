/**
 * `cec-tenant` against the mock over real HTTP: an empty tenant space provisioned from the mock's
 * own seed, default.json, reproduces it (GET /__mock/tenant), a second apply changes nothing, a
 * changed file changes exactly the changed items, and the seeded default tenant already matches
 * default.json.
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
  cms?: Record<string, unknown>;
}
const defaultTenant = JSON.parse(readFileSync(DEFAULT_FILE, 'utf8')) as TenantJson;
const [app] = defaultTenant.apps;

/**
 * An empty tenant space: no agents, queues or routes. The app, rest and busy reasons stay: CEC's
 * configuration APIs cannot set those (docs/provisioning.md).
 */
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

/**
 * A tenant with what CEC's configuration APIs cannot set left out, so the mock's export can be
 * compared with the file: the secrets (agents' `password` and `sipPwd`: cec-tenant takes passwords
 * from the environment or generates them, and the mock allocates a new `sipPwd`; `appSecret`), and
 * each agent's phone kind (`phone`, `phoneNumber`), which no API sets; and the CC-CMS access
 * (`cms`), which the mock adds to a tenant file without one. `workNo` and `sipAccount` stay: the
 * mock allocates them in order, so an empty tenant space gets the file's.
 */
function comparable({ cms: _cms, ...tenant }: TenantJson) {
  const agents = tenant.agents.map(({ password: _password, sipPwd: _sipPwd, phone: _phone, phoneNumber: _number, ...agent }) => agent);
  return { ...tenant, apps: tenant.apps.map(({ appKey }) => ({ appKey })), agents };
}

describe('cec-tenant against the mock', () => {
  it('apply --yes of default.json itself on an empty tenant space reproduces it; a second apply reports 0 changes', async () => {
    fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: emptyTenant });
    const first = await cli(['apply', DEFAULT_FILE, '--yes'], { CEC_AGENT_PASSWORD_ALICE_CHEN: 'Alice-Pass1' });
    expect(first.error).toMatch(/warning: the file carries secrets/);
    expect(first.code, first.error).toBe(0);
    expect(first.out).toContain('7 change(s): 7 to create, 0 to update, 0 to delete');
    expect(first.out).toContain('applied 7 change(s)');
    const exported = await exportedTenant();
    expect(exported.agents.map((agent) => agent.accountCode)).toEqual(['alice.chen', 'bob.meyer', 'carol.diaz']);
    expect(comparable(exported)).toEqual(comparable(defaultTenant));
    const generated = [...first.out.matchAll(/password of (\S+) \(generated, shown once: store it now\): (\S+)/g)];
    expect(generated.map(([, account]) => account)).toEqual(['bob.meyer', 'carol.diaz']);
    const withSecrets = await exportedTenant('include');
    expect(withSecrets.agents.map((agent) => agent.password)).toEqual(['Alice-Pass1', generated[0]?.[2], generated[1]?.[2]]);

    const second = await cli(['apply', DEFAULT_FILE, '--yes']);
    expect(second.code, second.error).toBe(0);
    expect(second.out).toContain('no changes: the tenant space already matches the file');
    expect(second.out).not.toContain('applied');
    expect(await exportedTenant()).toEqual(exported);
  });

  it('a changed file yields exactly the changed items, and only apply --yes makes them', async () => {
    fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: emptyTenant });
    expect((await cli(['apply', DEFAULT_FILE, '--yes'])).code).toBe(0);
    const changed = structuredClone(defaultTenant);
    changed.skills[1] = { ...changed.skills[1], maxWaitNum: 3 };
    changed.agents[1] = { ...changed.agents[1], skills: [{ skillId: 2, weight: 4, skillWeight: 1 }] };
    changed.calledRoutes.push({ accessCode: '6688', extCode: '3', deviceType: 'skill', skillId: 2, mediaTypeId: 5 });
    const file = writeTenant('changed.json', changed);

    const plan = await cli(['plan', file]);
    expect(plan.code, plan.error).toBe(0);
    const changes = plan.out.split('\n').filter((line) => /^(create|update|delete)\s/.test(line));
    expect(changes).toEqual([
      expect.stringMatching(/^update\s+skill\s+Billing \(maxWaitNum\)$/),
      expect.stringMatching(/^update\s+agent\s+bob\.meyer \(skills\)$/),
      expect.stringMatching(/^create\s+route\s+6688\/3$/),
    ]);
    const dryRun = await cli(['apply', file]);
    expect(dryRun.out).toContain('dry run: nothing changed');
    expect((await exportedTenant()).calledRoutes).toHaveLength(2);

    const applied = await cli(['apply', file, '--yes']);
    expect(applied.code, applied.error).toBe(0);
    expect(applied.out).toContain('applied 3 change(s)');
    expect(comparable(await exportedTenant())).toEqual(comparable(changed));
    expect((await cli(['plan', file])).out).toContain('no changes');
  });

  it('the seeded default tenant already matches default.json; an account shorter than CEC allows is refused', async () => {
    fabric = await startMockFabric({ port: 0, host: '127.0.0.1' });
    const seeded = await cli(['plan', DEFAULT_FILE]);
    expect(seeded.code, seeded.error).toBe(0);
    expect(seeded.out).toContain('no changes: the tenant space already matches the file; 7 unchanged, 0 extra');
    await fabric.close();

    fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: emptyTenant });
    const shortAccount = structuredClone(defaultTenant);
    shortAccount.agents[0] = { ...shortAccount.agents[0], accountCode: 'alice' };
    const refused = await cli(['apply', writeTenant('short-account.json', shortAccount), '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.error).toMatch(/refused: agent alice: requestParam\.userAccount/);
    expect(refused.error).toContain('nothing changed');
    expect((await exportedTenant()).skills).toEqual([]);
  });

  it('prune deletes what the file no longer lists; without it those items are only reported', async () => {
    fabric = await startMockFabric({ port: 0, host: '127.0.0.1', tenant: emptyTenant });
    expect((await cli(['apply', DEFAULT_FILE, '--yes'])).code).toBe(0);
    const smaller = { ...structuredClone(defaultTenant), calledRoutes: defaultTenant.calledRoutes.slice(0, 1), agents: defaultTenant.agents.slice(0, 2) };
    const file = writeTenant('smaller.json', smaller);
    const kept = await cli(['apply', file, '--yes']);
    expect(kept.out).toMatch(/extra\s+agent\s+carol\.diaz \(not in the file; --prune deletes it\)/);
    expect(kept.out).toContain('no changes');
    const pruned = await cli(['apply', file, '--yes', '--prune']);
    expect(pruned.code, pruned.error).toBe(0);
    expect(pruned.out).toMatch(/deleted route 6688\/2\ndeleted agent carol\.diaz/);
    const exported = await exportedTenant();
    expect(exported.agents.map((agent) => agent.accountCode)).toEqual(['alice.chen', 'bob.meyer']);
    expect(exported.calledRoutes).toHaveLength(1);
  });

  it('refuses to run without its settings, naming the missing one', async () => {
    const out: string[] = [];
    const code = await runTenantCli(['plan', DEFAULT_FILE], { env: { CEC_BASE_URL: 'http://127.0.0.1:9', CEC_APP_KEY: 'key' }, out: (line) => out.push(line), error: (line) => out.push(line) });
    expect(code).toBe(1);
    expect(out.join('\n')).toContain('set CEC_APP_SECRET');
  });
});
