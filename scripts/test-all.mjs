#!/usr/bin/env node
// `npm test`: make sure Chromium is there (scripts/ensure-chromium.mjs may install Debian's), build
// (warnings fail it), then every tier: typecheck, unit, integration, build output, browser (real
// Chromium: browser/ and e2e/), packed (the npm tarball in a fresh project); then one line with
// the totals. Exits non-zero if any tier fails.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// Not test-results/: Playwright empties its outputDir when it starts, which deleted the unit report.
const out = path.join(root, 'node_modules', '.cache', 'cec-test-reports');
mkdirSync(out, { recursive: true });
const unitJson = path.join(out, 'unit.json');
const integrationJson = path.join(out, 'integration.json');
const buildOutputJson = path.join(out, 'build-output.json');
const pwJson = path.join(out, 'browser.json');
const packedJson = path.join(out, 'packed.json');
for (const report of [unitJson, integrationJson, buildOutputJson, pwJson, packedJson]) rmSync(report, { force: true });

try {
  ensureChromium();
} catch (error) {
  console.error(`npm test: ${error.message}`);
  process.exit(1);
}

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

const results = {};
results.build = run('build', process.execPath, ['scripts/build.mjs']);
if (results.build !== 0) {
  console.error('build failed; not running tests');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
// Every TypeScript file, tests and the type tests of the public surface (test/types) included.
results.typecheck = run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
// Tiers named after what they prove: unit (logic, no sockets), integration (real HTTP servers on
// 127.0.0.1), build (the files the build wrote: sizes, secrets, entry chunks).
results.unit = run('unit', 'npx', ['vitest', 'run', 'test/unit'], { CEC_TEST_JSON: unitJson });
results.integration = run('integration', 'npx', ['vitest', 'run', 'test/integration'], { CEC_TEST_JSON: integrationJson });
results.build_output = run('build_output', 'npx', ['vitest', 'run', 'test/build'], { CEC_TEST_JSON: buildOutputJson });
results.browser = run('browser', 'npx', ['playwright', 'test'], { CEC_TEST_JSON_PW: pwJson });
results.packed = run('packed', process.execPath, ['scripts/test-packed.mjs'], { CEC_TEST_JSON_PACKED: packedJson });

let passed = 0;
let failed = 0;
// Failures a tier's JSON report shows only outside its test counts: a test file that fails to load
// (vitest: a failed file with no failed assertion; Playwright: top-level `errors`). Without these,
// a broken file would print "N passed, 0 failed" while the tier exits non-zero.
function unitCounts(u) {
  const loadErrors = (u.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  return { passed: u.numPassedTests, failed: u.numFailedTests + loadErrors, skipped: u.numPendingTests + (u.numTodoTests ?? 0), loadErrors };
}
function browserCounts(p) {
  const s = p.stats;
  const loadErrors = (p.errors ?? []).length;
  return { passed: s.expected, failed: s.unexpected + s.flaky + loadErrors, flaky: s.flaky, skipped: s.skipped, loadErrors };
}
function tally(tier, file, count) {
  let c;
  try {
    c = count(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    console.log(`${tier}: no report`);
    // A tier that failed without writing a report still counts as one failure.
    if (results[tier] !== 0) failed += 1;
    return;
  }
  passed += c.passed;
  failed += c.failed;
  // The tier failed (e.g. an unhandled error) although no single test did: count the tier once.
  if (results[tier] !== 0 && c.failed === 0) failed += 1;
  const extra = c.flaky === undefined ? '' : `, ${c.flaky} flaky`;
  console.log(`${tier}: ${c.passed} passed, ${c.failed} failed (${c.loadErrors} files that did not load)${extra}, ${c.skipped} skipped`);
}
function packedCounts(p) {
  const failedChecks = p.results.filter((result) => !result.ok).length;
  return { passed: p.results.length - failedChecks, failed: failedChecks, skipped: 0, loadErrors: 0 };
}
tally('unit', unitJson, unitCounts);
tally('integration', integrationJson, unitCounts);
tally('build_output', buildOutputJson, unitCounts);
tally('browser', pwJson, browserCounts);
tally('packed', packedJson, packedCounts);
const countedTiers = new Set(['unit', 'integration', 'build_output', 'browser', 'packed']);
for (const [tier, code] of Object.entries(results)) if (code !== 0 && !countedTiers.has(tier)) failed += 1;
const ok = Object.values(results).every((c) => c === 0);
console.log(`tiers: ${Object.entries(results).map(([k, v]) => `${k}=${v === 0 ? 'ok' : 'FAIL'}`).join(' ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
