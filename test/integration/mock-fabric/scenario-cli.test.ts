/** `cec-mock-fabric --scenario` and `--time-scale` (the built CLI: needs `npm run build`). */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { request } from '../../support/mock-client.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'dist/mock-fabric/cli.mjs');
const BUSY_HOUR = path.join(ROOT, 'mock-fabric/scenarios/busy-hour.json');

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string; wallMs: number } {
  const startedAt = Date.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 90_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, wallMs: Date.now() - startedAt };
}

/** The printed report without what differs between runs: progress lines and the wall time. */
const reportLines = (stdout: string) => stdout.split('\n').filter((line) => !line.startsWith('…') && !line.startsWith('played '));

function scenarioFile(value: unknown): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'scenario-')), 'scenario.json');
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('cec-mock-fabric --scenario', () => {
  it('plays the busy hour with --time-scale in under 60 s, exits 0, and a second run prints the same report', () => {
    expect(existsSync(CLI), 'dist/mock-fabric/cli.mjs missing: run npm run build').toBe(true);
    const first = runCli(['--scenario', BUSY_HOUR, '--time-scale', '60']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.wallMs).toBeLessThan(60_000);
    expect(first.stdout).toContain('scenario "busy hour" (seed 20260601): PASSED');
    expect(first.stdout).toMatch(/ok {3}skill 1's queue reaches 4: at \d+ ms/);
    expect(first.stdout).toMatch(/^… \d+ \/ 660000 simulated ms/m);
    const second = runCli(['--scenario', BUSY_HOUR, '--time-scale', '60']);
    expect(reportLines(second.stdout)).toEqual(reportLines(first.stdout));
  }, 120_000);

  it('exits 1 when an expectation fails, printing it with what was seen; 2 for a broken scenario', () => {
    const failing = scenarioFile({ version: 1, name: 'fails', seed: 1, durationMs: 5_000, timeline: [{ at: 0, do: 'call', call: 'c1', caller: '13800000001', called: '66881' }], expect: [{ expect: 'callEnds', call: 'c1', outcome: 'completed' }] });
    const failed = runCli(['--scenario', failing, '--time-scale', '100']);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('FAIL c1 ends completed: overflow after 0 ms [at 0 ms]');
    const broken = runCli(['--scenario', scenarioFile({ version: 1, name: 'broken' })]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('invalid scenario');
    expect(runCli(['--scenario', '/nonexistent/scenario.json']).status).toBe(2);
    expect(runCli(['--time-scale', '0']).status).toBe(1);
  }, 60_000);
});

describe('cec-mock-fabric --convert-recording', () => {
  it('prints the scenario of a recording file; exits 2 for a file that is not a recording', () => {
    const event = (at: number, eventType: string, content: unknown) => ({ at, dir: 'in', data: { kind: 'cec', event: { eventType, workNo: '101', content } } });
    const recording = { version: 1, messages: [event(5_000, 'AgentEvent_Ringing', { caller: '*******8001', called: '*6881', callid: '1700000000-1' }), event(9_000, 'AgentEvent_Customer_Release', { callid: '1700000000-1' })] };
    const converted = runCli(['--convert-recording', scenarioFile(recording)]);
    expect(converted.status).toBe(0);
    expect(JSON.parse(converted.stdout)).toMatchObject({
      name: 'replay of scenario.json',
      timeline: [
        { at: 1_000, do: 'call', call: 'call-1', caller: '13900018001', called: '66881' },
        { at: 5_000, do: 'hangUp', call: 'call-1' },
      ],
    });
    expect(runCli(['--convert-recording', scenarioFile({ messages: 'no' })]).status).toBe(2);
  });
});

describe('cec-mock-fabric --time-scale', () => {
  it('runs the mock clock N times faster', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--trust-tokens', '--time-scale', '50'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const printed = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('time scale:')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`cli exited ${code}`)));
      });
      expect(printed).toContain('time scale: 50x');
      const url = /mock fabric: (\S+)/.exec(printed)?.[1] ?? '';
      const before = (await request(url, 'GET', '/__mock/clock')).json as { now: number; timeScale: number };
      expect(before.timeScale).toBe(50);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = (await request(url, 'GET', '/__mock/clock')).json as { now: number };
      expect(after.now - before.now).toBeGreaterThanOrEqual(5_000);
    } finally {
      child.kill();
    }
  });
});
