// `npm start` as a user runs it (after the build): the three origins answer, Ctrl-C stops them.
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test.beforeAll(() => {
  for (const f of ['dist/server/index.mjs', 'dist/mock-fabric/index.mjs', 'dist/frame/shell/shell.html', 'dist/host-demo/web/app.js']) {
    if (!existsSync(root + f)) throw new Error(`${f} is missing: run \`npm run build\` first (npm start does)`);
  }
});

/** Runs scripts/start.mjs; resolves with the process and its output once it printed the banner (or exited). */
function startDemo(args: string[]): { child: ChildProcess; output: () => string; banner: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['scripts/start.mjs', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const banner = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops everything')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`start.mjs exited (${code}) before it was ready:\n${out}`)));
  });
  banner.catch(() => undefined); // awaited only by the tests that expect the banner
  return { child, output: () => out, banner, exited };
}

test('node scripts/start.mjs serves all three origins and stops on SIGINT', async () => {
  test.setTimeout(90_000);
  const demo = startDemo(['--crm-port', '0', '--shell-port', '0', '--fabric-port', '0']);
  try {
    await demo.banner;
    const text = demo.output();
    const url = (label: string) => {
      const m = new RegExp(`${label}\\s+(http://\\S+)`).exec(text);
      if (!m) throw new Error(`no "${label}" URL in:\n${text}`);
      return m[1]!;
    };
    const crm = url('CRM \\(origin A\\)');
    const shell = url('Bar shell \\(origin B\\)');
    const fabric = url('Mock CEC fabric \\(C\\)');
    const panel = url('Mock control panel');
    const phone = url('Customer phone');
    // Three distinct origins, as the design requires.
    expect(new Set([crm, shell, fabric].map((u) => new URL(u).origin)).size).toBe(3);

    const page = await fetch(crm);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`frame-src ${new URL(shell).origin}`);
    expect(await page.text()).toContain('/app.js');
    expect((await fetch(new URL('/app.js', crm))).status).toBe(200);
    expect((await fetch(new URL('/api/users', crm))).status).toBe(200);
    const shellPage = await fetch(shell);
    expect(shellPage.status).toBe(200);
    expect(await shellPage.text()).toContain('cec-shell-config');
    for (const u of [panel, phone]) expect((await fetch(u)).status, u).toBe(200);
    expect(text).toContain('66881');
  } finally {
    demo.child.kill('SIGINT');
  }
  expect(await demo.exited).toBe(0);
  expect(demo.output()).toContain('stopped.');
});

test('a port in use gives one clear line and exit code 1', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const demo = startDemo(['--crm-port', String(port), '--shell-port', '0', '--fabric-port', '0']);
    expect(await demo.exited).toBe(1);
    const lines = demo.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port}`);
    expect(lines[0]).toContain('already in use');
  } finally {
    blocker.close();
  }
});

test('a bad port value is refused before anything starts', async () => {
  const demo = startDemo(['--crm-port', 'eighty']);
  expect(await demo.exited).toBe(1);
  expect(demo.output()).toContain('--crm-port / CRM_PORT must be a port number');
});
