#!/usr/bin/env node
// `npm test`: build, then every tier (unit, types, browser), then one closing line with the totals.
// Exits non-zero if any tier fails.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });
const unitJson = path.join(out, 'unit.json');
const pwJson = path.join(out, 'browser.json');
rmSync(unitJson, { force: true });
rmSync(pwJson, { force: true });

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const results = {};
results.build = run('build', 'npx', ['rollup', '-c', '--silent']);
if (results.build !== 0) {
  console.error('build failed; not running tests');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
results.typecheck = run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
results.types = run('types', 'npx', ['tsc', '-p', 'test/types/tsconfig.json', '--noEmit']);
results.unit = run('unit', 'npx', ['vitest', 'run'], { CEC_TEST_JSON: unitJson });
results.browser = run('browser', 'npx', ['playwright', 'test'], { CEC_TEST_JSON_PW: pwJson });

let passed = 0;
let failed = 0;
try {
  const u = JSON.parse(readFileSync(unitJson, 'utf8'));
  passed += u.numPassedTests;
  failed += u.numFailedTests;
  console.log(`unit: ${u.numPassedTests} passed, ${u.numFailedTests} failed, ${u.numPendingTests} skipped`);
} catch {
  console.log('unit: no report');
}
try {
  const p = JSON.parse(readFileSync(pwJson, 'utf8'));
  const s = p.stats;
  passed += s.expected;
  failed += s.unexpected + s.flaky;
  console.log(`browser: ${s.expected} passed, ${s.unexpected} failed, ${s.flaky} flaky, ${s.skipped} skipped`);
} catch {
  console.log('browser: no report');
}
for (const [tier, code] of Object.entries(results)) if (code !== 0 && tier !== 'unit' && tier !== 'browser') failed += 1;
const ok = Object.values(results).every((c) => c === 0);
console.log(`tiers: ${Object.entries(results).map(([k, v]) => `${k}=${v === 0 ? 'ok' : 'FAIL'}`).join(' ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
