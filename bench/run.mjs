#!/usr/bin/env node
// `npm run bench` (after the build): every benchmark against a baseline measured in this same run,
// then bench/results.json and the table in BENCHMARKS.md. Nothing here is a pass/fail gate.
//   --quick         fewer samples (for a smoke run)
//   --only=a,b      run some of: sizes, fabric, mock-load, server-kit, proxy-load, browser, tabs, build
//   --report-only   rewrite BENCHMARKS.md from bench/results.json, measure nothing
//   --mock-seconds  --seconds handed to bench/mock-load.mjs (default 60, the full run of issue 3; a whole `npm run bench` took 196 s with 30)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, printTable, round } from './lib.mjs';
import { measureSizes } from './sizes.mjs';
import { writeReport } from './report.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const value = (name, def) => {
  const f = flag(name);
  return f && f.includes('=') ? f.split('=')[1] : def;
};
const quick = Boolean(flag('quick'));
const only = value('only', '') ? new Set(value('only', '').split(',')) : null;
const want = (name) => !only || only.has(name);
const mockSeconds = Number(value('mock-seconds', quick ? '10' : '60'));

/**
 * Runs another engineer's bench as a child process and folds in its JSON: read from the file
 * named by BENCH_JSON_OUT if it wrote one, else from the last JSON object it printed.
 */
function runChild(script, childArgs, timeoutMs) {
  const file = path.join(ROOT, 'bench', script);
  if (!existsSync(file)) return Promise.resolve({ error: `bench/${script} not found` });
  const out = path.join(os.tmpdir(), `cec-bench-${script}-${process.pid}.json`);
  rmSync(out, { force: true });
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [file, ...childArgs], { cwd: ROOT, env: { ...process.env, BENCH_JSON_OUT: out }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; process.stdout.write(`    ${script}: ${d}`.replace(/\n(?=.)/g, `\n    ${script}: `)); });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = round((Date.now() - t0) / 1000, 1);
      let json = null;
      if (existsSync(out)) {
        try { json = JSON.parse(readFileSync(out, 'utf8')); } catch { /* fall through to stdout */ }
        rmSync(out, { force: true });
      }
      json ??= lastJson(stdout);
      if (json) resolve({ ...json, exitCode: code, wallSeconds: seconds });
      else resolve({ error: `exit ${code}, no JSON result`, exitCode: code, wallSeconds: seconds, stdoutTail: stdout.slice(-2000), stderrTail: stderr.slice(-2000) });
    });
  });
}

/**
 * The JSON a process printed: the whole output if it is one document, else every line that is a
 * JSON object (one → that object; several → `{ results: [...] }`).
 */
function lastJson(text) {
  try { return JSON.parse(text); } catch { /* not one document */ }
  const found = [];
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (!l.startsWith('{')) continue;
    try { found.push(JSON.parse(l)); } catch { /* not JSON */ }
  }
  if (found.length === 0) return null;
  return found.length === 1 ? found[0] : { results: found };
}

async function step(results, name, fn) {
  if (!want(name)) return;
  console.log(`\n== ${name}`);
  const t0 = Date.now();
  const measuredAt = new Date(t0).toISOString();
  try {
    results[name] = await fn();
  } catch (e) {
    results[name] = { error: String(e?.stack ?? e) };
    console.log(`  ERROR ${String(e?.message ?? e)}`);
  }
  if (results[name] && typeof results[name] === 'object' && !Array.isArray(results[name])) {
    results[name].wallSeconds ??= round((Date.now() - t0) / 1000, 1);
    // With --only, the other steps' rows come from earlier runs: each row keeps its own date.
    results[name].measuredAt = measuredAt;
  }
}

if (flag('report-only')) {
  // Re-render BENCHMARKS.md from the last results.json without measuring again.
  writeReport(JSON.parse(readFileSync(path.join(ROOT, 'bench/results.json'), 'utf8')));
  console.log('wrote BENCHMARKS.md from bench/results.json');
  process.exit(0);
}

const started = Date.now();
const results = {
  meta: { startedAt: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', quick, only: only ? [...only] : null },
};

await step(results, 'sizes', async () => {
  const sizes = measureSizes();
  printTable('bundle sizes (min+gz)', sizes.map((s) => ({ bundle: s.name, gzKb: s.missing ? 'missing' : s.gzKb, budgetKb: s.budgetKb, ratio: s.ratio ?? '-' })));
  return { bundles: sizes };
});

await step(results, 'fabric', async () => {
  const { benchTokenByAkSk } = await import('./fabric.mjs');
  return benchTokenByAkSk({ durationMs: quick ? 2000 : 5000 });
});

await step(results, 'mock-load', () => runChild('mock-load.mjs', ['--seconds', String(mockSeconds)], (mockSeconds + 120) * 1000));

await step(results, 'server-kit', () => runChild('server-kit.mjs', quick ? ['--quick'] : [], 180_000));

await step(results, 'proxy-load', () => runChild('proxy-load.mjs', quick ? ['--quick'] : [], 300_000));

await step(results, 'browser', async () => {
  const { startBenchOrigins } = await import('./origins.mjs');
  const { runBrowserBenches } = await import('./browser.mjs');
  const env = await startBenchOrigins();
  try {
    return await runBrowserBenches(env, quick ? { mountSamples: 5, cycles: 20, bridge: { burst: 2000, rounds: 2, latencyEvents: 100 } } : { mountSamples: 20, cycles: 200 });
  } finally {
    await env.close();
  }
});

await step(results, 'tabs', async () => {
  const { startBenchOrigins } = await import('./origins.mjs');
  const { benchTabs, TABS_FILES } = await import('./tabs.mjs');
  const env = await startBenchOrigins({ files: TABS_FILES });
  try {
    return await benchTabs({ ...env, tabsUrl: `${env.hostOrigin}/tabs.html` }, { samples: quick ? 3 : 10 });
  } finally {
    await env.close();
  }
});

await step(results, 'build', () => runChild('build.mjs', ['--runs', quick ? '1' : '3'], 900_000));

results.meta.totalSeconds = round((Date.now() - started) / 1000, 1);
const previous = only && existsSync(path.join(ROOT, 'bench/results.json')) ? JSON.parse(readFileSync(path.join(ROOT, 'bench/results.json'), 'utf8')) : {};
const merged = { ...previous, ...results };
writeFileSync(path.join(ROOT, 'bench/results.json'), `${JSON.stringify(merged, null, 2)}\n`);
writeReport(merged);
console.log(`\nwrote bench/results.json and BENCHMARKS.md in ${results.meta.totalSeconds} s`);
