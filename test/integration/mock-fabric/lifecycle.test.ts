/** close() frees everything; tenant files fail fast naming the field; the CLI exits non-zero for a broken tenant. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { startMockFabric, loadTenant, TenantError } from '../../../mock-fabric/index.js';
import { FakeClock } from '../../support/mock-clock.js';
import { GatewayAgent, env, request } from '../../support/mock-client.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DEFAULT = loadTenant(path.join(ROOT, 'mock-fabric/tenants/default.json'));

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

describe('close()', () => {
  it('frees the port, ends a waiting long poll, and cancels every timer', async () => {
    const clock = new FakeClock();
    const fabric = await startMockFabric({ trustTokens: true, clock });
    expect(await canBind(fabric.port)).toBe(false);
    const alice = await GatewayAgent.signIn(fabric.url, 101, 'alice-pass-77');
    await alice.events(2);
    const waiting = alice.poll().then((r) => ({ status: r.status, retcode: env(r).retcode }), () => 'socket closed unanswered');
    await vi.waitFor(() => expect(fabric.control.state().agents[0]?.polling).toBe(true));
    expect(clock.pending).toBeGreaterThan(0);
    const t0 = Date.now();
    await fabric.close();
    expect(Date.now() - t0).toBeLessThan(2000);
    // The waiting poll is answered (not cut off): its session ended, so "not signed in".
    expect(await waiting).toEqual({ status: 200, retcode: '100-006' });
    expect(clock.pending).toBe(0);
    expect(await canBind(fabric.port)).toBe(true);
    await fabric.close(); // idempotent
  });

  it('answers 127.0.0.1 only and a second mock can reuse the freed port', async () => {
    const a = await startMockFabric({ trustTokens: true });
    const port = a.port;
    expect(a.url).toBe(`http://127.0.0.1:${port}/`);
    await a.close();
    const b = await startMockFabric({ trustTokens: true, port });
    expect((await request(b.url, 'GET', '/__mock/state')).status).toBe(200);
    await b.close();
  });
});

describe('tenant validation', () => {
  const bad = (patch: (t: Record<string, unknown>) => void): unknown => {
    const t = structuredClone(DEFAULT) as unknown as Record<string, unknown>;
    patch(t);
    return t;
  };
  it.each([
    ['agents.0.workNo', (t: Record<string, unknown>) => ((t.agents as Array<Record<string, unknown>>)[0]!.workNo = 99)],
    ['agents.1.workNo', (t: Record<string, unknown>) => ((t.agents as Array<Record<string, unknown>>)[1]!.workNo = 101)],
    ['agents.0.skills.0.skillId', (t: Record<string, unknown>) => ((t.agents as Array<{ skills: Array<Record<string, unknown>> }>)[0]!.skills[0]!.skillId = 77)],
    ['agents.2.phone', (t: Record<string, unknown>) => ((t.agents as Array<Record<string, unknown>>)[2]!.phone = 'fax')],
    ['skills.0.maxWaitNum', (t: Record<string, unknown>) => ((t.skills as Array<Record<string, unknown>>)[0]!.maxWaitNum = 10001)],
    ['calledRoutes.0.skillId', (t: Record<string, unknown>) => ((t.calledRoutes as Array<Record<string, unknown>>)[0]!.skillId = 9)],
    ['tenantSpaceId', (t: Record<string, unknown>) => delete t.tenantSpaceId],
  ])('names %s', (field, patch) => {
    let err: unknown;
    try {
      loadTenant(bad(patch));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TenantError);
    expect((err as TenantError).field).toBe(field);
    expect((err as TenantError).message).toContain(field);
  });

  it('the shipped default tenant has the agents, queues and routes the issue asks for', () => {
    expect(DEFAULT.agents.map((a) => a.accountCode)).toEqual(['alice.chen', 'bob.meyer', 'carol.diaz']);
    expect(DEFAULT.skills.length).toBeGreaterThanOrEqual(2);
    expect(DEFAULT.calledRoutes.some((r) => r.accessCode === '6688' && r.extCode === '1')).toBe(true);
  });
});

/** What a started CLI printed, once it has printed all its URLs (rejects if it exits first). */
function printedUrls(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('phone:')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`cli exited ${code}`)));
  });
}

describe('CLI', () => {
  const cli = path.join(ROOT, 'dist/mock-fabric/cli.mjs');
  it('exits non-zero naming the bad field for a broken tenant file (needs `npm run build`)', () => {
    expect(existsSync(cli), 'dist/mock-fabric/cli.mjs missing: run npm run build').toBe(true);
    const r = spawnSync(process.execPath, [cli, '--tenant', path.join(import.meta.dirname, 'fixtures/broken-tenant.json')], { encoding: 'utf8', timeout: 15_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('agents.0.workNo');
  });

  it('exits non-zero for a missing tenant file and for a bad port', () => {
    const missing = spawnSync(process.execPath, [cli, '--tenant', '/nonexistent/t.json'], { encoding: 'utf8', timeout: 15_000 });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('/nonexistent/t.json');
    const port = spawnSync(process.execPath, [cli, '--port', 'x'], { encoding: 'utf8', timeout: 15_000 });
    expect([port.status, port.stderr.includes('--port')]).toEqual([1, true]);
  });

  it('prints its fabric, panel and phone URLs and serves on the printed port', async () => {
    const child = spawn(process.execPath, [cli, '--port', '0', '--trust-tokens'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const out = await printedUrls(child);
      const base = /mock fabric: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      expect(base).toBeTruthy();
      expect(out).toContain(`${base}__mock/panel`);
      expect(out).toContain(`${base}__mock/phone`);
      expect((await request(base ?? '', 'GET', '/__mock/state')).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('--allowed-host replaces the Host names /__mock/ answers to; a malformed one exits 1', async () => {
    const bad = spawnSync(process.execPath, [cli, '--allowed-host', 'http://x/'], { encoding: 'utf8', timeout: 15_000 });
    expect([bad.status, bad.stderr.includes('allowedHosts')]).toEqual([1, true]);
    const child = spawn(process.execPath, [cli, '--port', '0', '--allowed-host', 'mock.qa.internal', '--allowed-host', 'ci:9000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const printed = /mock fabric: (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(await printedUrls(child));
      expect((await request(printed?.[1] ?? '', 'GET', '/__mock/state')).status).toBe(403);
      const named = await new Promise<number>((resolve, reject) => {
        const headers = { Host: `mock.qa.internal:${printed?.[2]}` };
        http
          .get({ host: '127.0.0.1', port: Number(printed?.[2]), path: '/__mock/state', headers }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(named).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
