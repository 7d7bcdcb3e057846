#!/usr/bin/env node
// Benchmark 8: the build. A full build from a clean dist/ with today's build (scripts/build.mjs: one
// tsc pass beside rollup with esbuild's transpile-only transform) against the build it replaced
// (`rollup -c` with @rollup/plugin-typescript in every config, 18 configurations), measured in the
// same run: the old build runs from a git worktree of the last commit that had it, on the same
// node_modules. Runs alternate (old, new, old, new, …); medians. Also `npm start` on an unchanged
// built tree, to the moment it prints its URLs.
//   --runs N   runs of each build (default 3)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, round } from './lib.mjs';

/** The last commit built by `rollup -c` with @rollup/plugin-typescript (before the one-tsc-pass build). */
export const LEGACY_BUILD_COMMIT = '30b1644';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs a command to completion; returns seconds and the number of warning lines it printed. */
function timed(command, args, cwd) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} in ${cwd} exited ${result.status}\n${result.stderr.slice(-2000)}`);
  const warnings = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /\(!\)|warning/i.test(line)).length;
  return { seconds, warnings };
}

function legacyWorktree() {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'cec-legacy-build-')), 'tree');
  const added = spawnSync('git', ['worktree', 'add', '--detach', dir, LEGACY_BUILD_COMMIT], { cwd: ROOT, encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`git worktree add ${LEGACY_BUILD_COMMIT}: ${added.stderr}`);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    dir,
    remove: () => spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT }),
  };
}

/** `npm start` on the built tree: seconds until it prints "Ctrl-C" (the end of its URL list). */
function timeStart() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['scripts/start.mjs', '--crm-port', '0', '--shell-port', '0', '--fabric-port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start printed no URLs in 60 s: ${out.slice(-500)}`));
    }, 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Ctrl-C')) {
        clearTimeout(timer);
        const seconds = (performance.now() - started) / 1000;
        child.on('exit', () => resolve({ seconds, rebuilt: out.includes('building') }));
        child.kill('SIGTERM');
      }
    });
  });
}

export async function benchBuild() {
  const legacy = legacyWorktree();
  const old = [];
  const current = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      rmSync(path.join(legacy.dir, 'dist'), { recursive: true, force: true });
      old.push(timed(process.execPath, [path.join(ROOT, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c'], legacy.dir));
      current.push(timed(process.execPath, ['scripts/build.mjs'], ROOT));
      console.log(`  run ${run + 1}: old ${old.at(-1).seconds.toFixed(1)} s (${old.at(-1).warnings} warning lines), new ${current.at(-1).seconds.toFixed(1)} s (${current.at(-1).warnings} warning lines)`);
    }
  } finally {
    legacy.remove();
  }
  const starts = [];
  for (let run = 0; run < runs; run += 1) starts.push(await timeStart());
  const oldMedian = median(old.map((r) => r.seconds));
  const newMedian = median(current.map((r) => r.seconds));
  return {
    runs,
    baseline: { name: `rollup -c at ${LEGACY_BUILD_COMMIT}`, value: round(oldMedian, 1), warningLines: Math.max(...old.map((r) => r.warnings)) },
    figure: { name: 'node scripts/build.mjs', value: round(newMedian, 1), warningLines: Math.max(...current.map((r) => r.warnings)), samples: current.map((r) => round(r.seconds, 1)) },
    ratio: round(newMedian / oldMedian, 2),
    target: '≤ 25 s, 0 warnings',
    met: newMedian <= 25 && current.every((r) => r.warnings === 0),
    start: { medianSeconds: round(median(starts.map((s) => s.seconds)), 2), rebuilt: starts.some((s) => s.rebuilt), target: '≤ 5 s', met: median(starts.map((s) => s.seconds)) <= 5 && !starts.some((s) => s.rebuilt) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchBuild();
  const json = JSON.stringify(result, null, 2);
  if (process.env.BENCH_JSON_OUT) writeFileSync(process.env.BENCH_JSON_OUT, json);
  console.log(json);
}
