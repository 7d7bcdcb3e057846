#!/usr/bin/env node
// The packed-package tier: the package as its users receive it. `npm pack`, install the tarball
// into a fresh consumer project outside the repository (with only the registry packages a user
// would add), and there: import and require every entry, type-check a consumer under node16 and
// bundler resolution (skipLibCheck off), lint the tarball (publint, arethetypeswrong), load each
// `<script>` build in Chromium on a page with globals of its own, run the `cec-mock-fabric` and
// `cec-tenant` bins, and run the README's QA examples as written. Needs a build (`npm test` builds first).
//
// Prints one line per check and `packed: N passed, M failed`; writes a JSON report when
// CEC_TEST_JSON_PACKED names a file. Exits non-zero when a check fails.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { declarationExamples, readmeExamples, typecheckedExamples } from './readme-examples.mjs';
import { runScriptBuildChecks } from './packed-script-builds.mjs';
import { resolveChromium, CHROMIUM_ARGS } from '../test/support/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const keep = process.argv.includes('--keep');

/** Runs a command; resolves with its exit code and output (never rejects on a non-zero exit). */
function run(command, args, { cwd, env = {}, timeoutMs = 600_000, input } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr, signal });
    });
    child.stdin.end(input ?? '');
  });
}

/** Throws with the command's output when it failed. */
async function mustRun(label, command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${label} exited ${result.code}${result.signal ? ` (${result.signal})` : ''}\n${result.stdout}\n${result.stderr}`.trim());
  return result;
}

const results = [];
async function check(name, body) {
  const started = performance.now();
  try {
    const detail = await body();
    results.push({ name, ok: true, ms: Math.round(performance.now() - started) });
    console.log(`  ok   ${name}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    results.push({ name, ok: false, ms: Math.round(performance.now() - started), error: String(error.message ?? error) });
    console.log(`  FAIL ${name}\n${String(error.message ?? error).replace(/^/gm, '       ')}`);
  }
}

const entryNames = Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json').map((subpath) => (subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`));

// ---------------------------------------------------------------------------------------------

const work = mkdtempSync(path.join(os.tmpdir(), 'cec-packed-'));
const consumer = path.join(work, 'consumer');
mkdirSync(consumer);
console.log(`packed: consumer project in ${consumer}`);

const packed = await mustRun('npm pack', 'npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT });
const tarball = path.join(work, packed.stdout.trim().split('\n').pop());

// What a user adds: the package, the Playwright peer for `cec-bar-host/testing`, TypeScript and Node's types.
writeFileSync(path.join(consumer, 'package.json'), `${JSON.stringify({ name: 'cec-packed-consumer', private: true, type: 'module' }, null, 2)}\n`);
const userPackages = [`@playwright/test@${pkg.devDependencies['@playwright/test']}`, `typescript@${pkg.devDependencies.typescript}`, `@types/node@${pkg.devDependencies['@types/node']}`];
await mustRun('npm install', 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, ...userPackages], { cwd: consumer });
const installed = path.join(consumer, 'node_modules', pkg.name);

await check('the tarball holds only what users need', async () => {
  const list = await mustRun('tar', 'tar', ['-tzf', tarball]);
  const files = list.stdout.trim().split('\n');
  const unwanted = files.filter((file) => /^package\/(src|test|bench|scripts|host-demo|node_modules)\//.test(file) || /\.test\.|\.spec\./.test(file));
  if (unwanted.length) throw new Error(`unexpected files: ${unwanted.slice(0, 10).join(', ')}`);
  return `${files.length} files`;
});

await check('every entry imports as ESM', async () => {
  const script = entryNames.map((name) => `{ const m = await import(${JSON.stringify(name)}); if (Object.keys(m).length === 0) throw new Error(${JSON.stringify(`${name}: no exports`)}); }`).join('\n');
  const result = await mustRun('node (ESM)', process.execPath, ['--input-type=module', '-e', script], { cwd: consumer });
  if (result.stderr.trim()) throw new Error(`warnings on import:\n${result.stderr}`);
  return `${entryNames.length} entries`;
});

await check('every entry requires as CJS', async () => {
  const script = entryNames.map((name) => `{ const m = require(${JSON.stringify(name)}); if (Object.keys(m).length === 0) throw new Error(${JSON.stringify(`${name}: no exports`)}); }`).join('\n');
  writeFileSync(path.join(consumer, 'require-all.cjs'), script);
  const result = await mustRun('node (CJS)', process.execPath, ['require-all.cjs'], { cwd: consumer });
  if (result.stderr.trim()) throw new Error(`warnings on require:\n${result.stderr}`);
  return `${entryNames.length} entries`;
});

await check('a TypeScript consumer type-checks (node16 and bundler, skipLibCheck off)', async () => {
  writeFileSync(path.join(consumer, 'consumer.ts'), readFileSync(path.join(ROOT, 'test', 'packed', 'consumer.ts'), 'utf8'));
  writeFileSync(path.join(consumer, 'consumer-require.cts'), readFileSync(path.join(ROOT, 'test', 'packed', 'consumer-require.cts'), 'utf8'));
  const tsc = path.join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
  const common = ['--noEmit', '--strict', '--skipLibCheck', 'false', '--target', 'ES2022', '--lib', 'ES2023,DOM,DOM.Iterable', '--types', 'node'];
  await mustRun('tsc (node16)', process.execPath, [tsc, ...common, '--module', 'node16', '--moduleResolution', 'node16', 'consumer.ts', 'consumer-require.cts'], { cwd: consumer });
  await mustRun('tsc (bundler)', process.execPath, [tsc, ...common, '--module', 'esnext', '--moduleResolution', 'bundler', 'consumer.ts'], { cwd: consumer });
});

await check('publint: no errors, warnings or suggestions', async () => {
  const result = await mustRun('publint', process.execPath, [path.join(ROOT, 'node_modules', 'publint', 'src', 'cli.js'), 'run', '--strict', '--level', 'suggestion', installed], { cwd: ROOT });
  if (/warning|suggestion|error/i.test(result.stdout.replace(/All good!/, ''))) throw new Error(result.stdout);
});

// The `node16` profile checks node16 (CJS and ESM) and bundler resolution. The default profile also
// checks `moduleResolution: node10`, which predates `exports`: it cannot see subpath entries such as
// `cec-bar-host/server` at all, and a package can only answer that with per-subpath stub folders.
await check('arethetypeswrong: no problems (profile node16: node10 cannot see subpath exports)', async () => {
  await mustRun('attw', process.execPath, [path.join(ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js'), tarball, '--profile', 'node16', '--format', 'table'], { cwd: ROOT });
});

await check('each <script> build adds exactly one global and keeps the page\'s own', () => runScriptBuildChecks(installed));

/** Starts the installed `cec-mock-fabric` bin on a free port; resolves with the child and the URL it prints. */
async function startMockFabricBin() {
  const bin = path.join(consumer, 'node_modules', '.bin', 'cec-mock-fabric');
  const child = spawn(bin, ['--port', '0'], { cwd: consumer, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed in 15 s: ${out}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /mock fabric: (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  }).catch((error) => {
    child.kill();
    throw error;
  });
  return { child, url };
}

await check('the cec-mock-fabric bin starts and issues an API Fabric token', async () => {
  const { child, url } = await startMockFabricBin();
  try {
    const tenant = JSON.parse(readFileSync(path.join(installed, 'mock-fabric', 'tenants', 'default.json'), 'utf8'));
    const response = await fetch(new URL('/apigovernance/api/oauth/tokenByAkSk', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_key: tenant.apps[0].appKey, app_secret: tenant.apps[0].appSecret }),
    });
    const body = await response.json();
    if (response.status !== 200 || typeof body.AccessToken !== 'string' || body.AccessToken.length < 16) throw new Error(`token request: ${response.status} ${JSON.stringify(body)}`);
    return `token from ${url}`;
  } finally {
    child.kill();
  }
});

await check('the cec-tenant bin plans the default tenant against a started mock: no changes', async () => {
  const { child, url } = await startMockFabricBin();
  try {
    const tenantFile = path.join(installed, 'mock-fabric', 'tenants', 'default.json');
    const tenant = JSON.parse(readFileSync(tenantFile, 'utf8'));
    const env = { CEC_BASE_URL: url, CEC_APP_KEY: tenant.apps[0].appKey, CEC_APP_SECRET: tenant.apps[0].appSecret };
    const result = await mustRun('cec-tenant plan', path.join(consumer, 'node_modules', '.bin', 'cec-tenant'), ['plan', tenantFile], { cwd: consumer, env });
    if (!result.stdout.includes('no changes: the tenant space already matches the file')) throw new Error(`unexpected plan:\n${result.stdout}${result.stderr}`);
    return result.stdout.trim().split('\n').at(-1);
  } finally {
    child.kill();
  }
});

/** Type-checks code examples, each as a module of its own, in the consumer against the installed package. */
async function typecheckExamples(folder, blocks) {
  const dir = path.join(consumer, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'ambient.d.ts'), readFileSync(path.join(ROOT, 'test', 'packed', 'doc-ambient.d.ts'), 'utf8'));
  const files = blocks.map((block) => {
    const file = path.join(folder, `${block.source.replace(/\.md$/, '')}-line-${block.line}.ts`);
    // A module of its own: names declared in one example do not leak into the next.
    writeFileSync(path.join(consumer, file), `${block.code}\nexport {};\n`);
    return file;
  });
  const tsc = path.join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await run(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', 'false', '--target', 'ES2022', '--lib', 'ES2023,DOM,DOM.Iterable', '--types', 'node', '--module', 'node16', '--moduleResolution', 'node16', `${folder}/ambient.d.ts`, ...files], { cwd: consumer });
  if (result.code !== 0) throw new Error(`tsc found errors (file names say where the example is and its line):\n${result.stdout}${result.stderr}`);
  return `${blocks.length} examples`;
}

await check("the docs' TypeScript examples type-check against the installed package", async () => {
  const blocks = typecheckedExamples(path.join(ROOT, 'README.md'), path.join(ROOT, 'docs'));
  if (blocks.length < 5) throw new Error(`found ${blocks.length} TypeScript examples in the docs; expected the README's and docs/integration.md's at least`);
  return typecheckExamples('doc-examples', blocks);
});

await check('the TSDoc examples of the published types type-check against the installed package', async () => {
  const declarations = Object.values(pkg.exports)
    .filter((target) => typeof target === 'object')
    .map((target) => path.join(installed, target.import.types));
  const blocks = declarationExamples(declarations);
  if (blocks.length < 100) throw new Error(`found ${blocks.length} fenced examples in the declarations; the TSDoc has about 250`);
  return typecheckExamples('tsdoc-examples', blocks);
});

const examples = readmeExamples(path.join(ROOT, 'README.md'), path.join(ROOT, 'docs'));
await check('the README\'s QA examples run as written', async () => {
  if (examples.length < 2) throw new Error(`found ${examples.length} marked examples; expected the Playwright fixture and the mock-fabric blocks`);
  for (const example of examples) {
    const file = path.join(consumer, example.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, example.code);
  }
  const scripts = examples.filter((example) => example.kind === 'script');
  const tsc = path.join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
  if (scripts.length) {
    await mustRun('tsc (README scripts)', process.execPath, [tsc, '--strict', '--skipLibCheck', 'false', '--target', 'ES2022', '--module', 'node16', '--moduleResolution', 'node16', '--types', 'node', '--outDir', 'readme-build', ...scripts.map((example) => example.file)], { cwd: consumer });
    for (const example of scripts) {
      const built = path.join('readme-build', path.basename(example.file).replace(/\.m?ts$/, (ext) => (ext === '.mts' ? '.mjs' : '.js')));
      await mustRun(`node ${example.file}`, process.execPath, [built], { cwd: consumer, timeoutMs: 60_000 });
    }
  }
  const specs = examples.filter((example) => example.kind === 'playwright');
  if (specs.length) {
    writeFileSync(path.join(consumer, 'playwright.config.mjs'), playwrightConfig(specs.map((example) => example.file)));
    const result = await run(process.execPath, [path.join(consumer, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--reporter=line'], { cwd: consumer, timeoutMs: 300_000 });
    if (result.code !== 0) throw new Error(`playwright test exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return examples.map((example) => example.file).join(', ');
});

function playwrightConfig(files) {
  const chromium = resolveChromium();
  return `// Written by scripts/test-packed.mjs: the README's QA examples, in Debian's Chromium.
export default {
  testMatch: ${JSON.stringify(files.map((file) => `**/${path.basename(file)}`))},
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  use: { browserName: 'chromium', headless: true, launchOptions: { ${chromium ? `executablePath: ${JSON.stringify(chromium)}, ` : ''}args: ${JSON.stringify(CHROMIUM_ARGS)} } },
};
`;
}

// ---------------------------------------------------------------------------------------------

const failed = results.filter((result) => !result.ok).length;
console.log(`packed: ${results.length - failed} passed, ${failed} failed`);
if (process.env.CEC_TEST_JSON_PACKED) writeFileSync(process.env.CEC_TEST_JSON_PACKED, `${JSON.stringify({ results }, null, 2)}\n`);
if (keep) console.log(`packed: kept ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
