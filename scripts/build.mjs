#!/usr/bin/env node
// `npm run build`: a clean dist/ from one `tsc` pass (type-check + declarations) and rollup's
// table (rollup.config.mjs), run side by side; the .d.ts bundles follow tsc. Any warning fails
// the build. Writes dist/.build-stamp, which `npm start` compares with the sources.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { DECLARATION_DIR, LIBRARY_ENTRIES, declarationConfigs, javascriptConfigs } from '../rollup.config.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const started = performance.now();
const warnings = [];

/** Runs one rollup configuration; warnings are collected (and fail the build at the end). */
async function build(config) {
  const bundle = await rollup({ ...config, onwarn: (warning) => config.onwarn(warning, () => warnings.push(warning)) });
  try {
    const outputs = Array.isArray(config.output) ? config.output : [config.output];
    await Promise.all(outputs.map((output) => bundle.write(output)));
  } finally {
    await bundle.close();
  }
}

function typecheckAndDeclare() {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '-p', 'tsconfig.build.json', '--noEmit', 'false', '--declaration', '--emitDeclarationOnly', '--declarationMap', 'false', '--sourceMap', 'false', '--declarationDir', DECLARATION_DIR];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`tsc found errors (exit ${code})`))));
  });
}

function describe(warning) {
  return `${warning.code ?? 'WARNING'}${warning.plugin ? ` [${warning.plugin}]` : ''}: ${warning.message}`;
}

try {
  rmSync('dist', { recursive: true, force: true });
  rmSync(DECLARATION_DIR, { recursive: true, force: true });
  const declarations = typecheckAndDeclare();
  await Promise.all(javascriptConfigs().map(build));
  await declarations;
  await Promise.all(declarationConfigs().map(build));
  // `require` gets its own declaration file: under "type": "module" a .d.ts is an ES module's types.
  for (const name of Object.keys(LIBRARY_ENTRIES)) copyFileSync(`dist/${name}/index.d.ts`, `dist/${name}/index.d.cts`);
} catch (error) {
  for (const warning of warnings) console.error(describe(warning));
  console.error(`build failed: ${error.message}`);
  process.exit(1);
}
if (warnings.length > 0) {
  for (const warning of warnings) console.error(describe(warning));
  console.error(`build failed: ${warnings.length} warning(s); the build allows none`);
  process.exit(1);
}
mkdirSync('dist', { recursive: true });
writeFileSync('dist/.build-stamp', `${new Date().toISOString()}\n`);
console.log(`build: dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
