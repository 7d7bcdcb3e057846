import { describe, expect, it } from 'vitest';
import * as protocol from '../../../src/protocol/index.js';
import { TENANT_CONFIG_SAMPLES } from './tenant-config-samples.js';
import {
  createAgentRequestSchema,
  createSkillRequestSchema,
  createCalledRouteRequestSchema,
  deleteSkillRequestSchema,
  formatIssues,
  isAgentPassword,
} from '../../../src/protocol/index.js';

const release = { transferType: 'Release' } as const;
const skillParam = { noAgents: release, busy: release, timeOut: release, answerFunction: '2', waitVoice: '' } as const;
const agent = { userAccount: 'dave.ng', userName: 'Dave Ng', password: 'Dave-pass1', email: 'dave@example.com', agentType: 4, ccRoleId: 2 };

function problems(result: { success: boolean; error?: { issues: Parameters<typeof formatIssues>[0] } }): string {
  return result.success || !result.error ? '' : formatIssues(result.error.issues, 20);
}

describe('tenant configuration wire schemas (docs/cec-reference.md §6.7)', () => {
  it('accepts a documented agentAccount/create body and names every bad field', () => {
    expect(createAgentRequestSchema.safeParse({ requestParam: agent }).success).toBe(true);
    const bad = createAgentRequestSchema.safeParse({ requestParam: { ...agent, userAccount: 'dav', password: 'weak', email: 'x', agentType: 7 } });
    const text = problems(bad);
    for (const field of ['requestParam.userAccount', 'requestParam.password', 'requestParam.email', 'requestParam.agentType']) expect(text).toContain(field);
  });

  it('checks the password rule: 8-32 characters of four kinds', () => {
    expect(isAgentPassword('Passw0rd!')).toBe(true);
    expect(isAgentPassword('password')).toBe(false);
    expect(isAgentPassword('Pa0!')).toBe(false);
    expect(isAgentPassword('Passw0rd!'.padEnd(33, 'x'))).toBe(false);
  });

  it('enforces the skill queue ranges and characters', () => {
    const good = { mediaTypeId: 5, name: 'General support', description: 'General', maxWaitTime: 60000, maxWaitNum: 10000, maxAgentWrapupTime: 3600, skillParam };
    expect(createSkillRequestSchema.safeParse(good).success).toBe(true);
    const text = problems(createSkillRequestSchema.safeParse({ ...good, name: 'Re$turns', description: 'has space', maxWaitTime: 60001, maxWaitNum: 10001, maxAgentWrapupTime: 3601, mediaTypeId: 7 }));
    for (const field of ['name', 'description', 'maxWaitTime', 'maxWaitNum', 'maxAgentWrapupTime', 'mediaTypeId']) expect(text).toContain(`${field}:`);
    expect(createSkillRequestSchema.safeParse({ ...good, name: 'é'.repeat(51) }).success).toBe(false); // 102 bytes
  });

  it('takes up to 10 skill ids separated by , ; or -', () => {
    expect(deleteSkillRequestSchema.safeParse({ skillIds: '3,4;5-6' }).success).toBe(true);
    expect(deleteSkillRequestSchema.safeParse({ skillIds: '1,2,3,4,5,6,7,8,9,10,11' }).success).toBe(false);
  });

  it('limits access and extension codes', () => {
    expect(createCalledRouteRequestSchema.safeParse({ accessCode: '6688', extCode: '1*#', devicetype: 1, deviceId: 1 }).success).toBe(true);
    expect(createCalledRouteRequestSchema.safeParse({ accessCode: '6'.repeat(33), devicetype: 1, deviceId: 1 }).success).toBe(false);
    expect(createCalledRouteRequestSchema.safeParse({ accessCode: '6688', extCode: '1'.repeat(13), devicetype: 1, deviceId: 1 }).success).toBe(false);
    expect(createCalledRouteRequestSchema.safeParse({ accessCode: '6688', devicetype: 2, deviceId: 1 }).success).toBe(false);
  });
});

describe('tenant configuration samples', () => {
  type Schema = { safeParse(value: unknown): { success: boolean } };
  const schemas = protocol as unknown as Record<string, Schema | undefined>;
  for (const [name, samples] of Object.entries(TENANT_CONFIG_SAMPLES)) {
    it(`${name}: ${samples.good.length} good accepted, ${samples.bad.length} bad refused`, () => {
      const schema = schemas[name];
      if (!schema) throw new Error(`${name} is not exported by src/protocol`);
      for (const good of samples.good) expect(schema.safeParse(good).success, JSON.stringify(good)).toBe(true);
      for (const bad of samples.bad) expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    });
  }

  it('cover every schema of tenant-config.ts', async () => {
    const module = await import('../../../src/protocol/tenant-config.js');
    const exported = Object.keys(module).filter((name) => name.endsWith('Schema'));
    expect(Object.keys(TENANT_CONFIG_SAMPLES).sort()).toEqual(exported.sort());
  });
});
