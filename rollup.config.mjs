// Build: per entry ESM + CJS (deps external) + one bundled .d.ts; browser bundles with deps inlined
// (UMD host, minified ESM for size budgets, IIFE pages for the shell, mock bar and mock pages).
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const external = (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`)) ||
  ['http', 'https', 'net', 'fs', 'path', 'url', 'crypto', 'events', 'stream', 'os', 'child_process', 'util', 'zlib', 'tls', 'dns', 'worker_threads', 'readline', 'module', 'process', 'timers', 'buffer'].includes(id);

function onwarn(warning, warn) {
  // zod's harmless noise (toolchain.md)
  if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message)) return;
  if (warning.code === 'INVALID_ANNOTATION' && /node_modules/.test(warning.message ?? '')) return;
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  // pure-zod-calls only inserts comments within a line: positions stay close enough.
  if (warning.code === 'SOURCEMAP_BROKEN' && warning.plugin === 'pure-zod-calls') return;
  warn(warning);
}

const ts = () => typescript({ tsconfig: './tsconfig.build.json', noEmitOnError: true });
/**
 * zod schema constructors have no side effects, but rollup cannot know that, so every top-level
 * schema (the shell's ShellConfig schema, the command parsers…) would ship in every browser bundle
 * that touches its module. Marking each `z.x(...)` call pure lets unused schemas go: about 0.3 KB
 * gz of the host's 15 KB budget. (`treeshake.manualPureFunctions` does not reach namespace calls.)
 */
function pureZodCalls() {
  return {
    name: 'pure-zod-calls',
    transform(code, id) {
      if (!/[\\/](src|mock-fabric|host-demo)[\\/]/.test(id) || !code.includes('z.')) return null;
      return { code: code.replace(/(^|[^\w$.])z\.(\w+)\(/g, '$1/* @__PURE__ */ z.$2('), map: null };
    },
  };
}
const browserPlugins = (minify = true) => [
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
  resolve({ browser: true }),
  ts(),
  pureZodCalls(),
  ...(minify ? [terser({ ecma: 2020, module: true, compress: { passes: 3, pure_getters: true }, format: { comments: false } })] : []),
];

/** Copies the .html/.css files that sit beside a browser page entry into its output folder. */
function copySiblingAssets(srcDir) {
  return {
    name: 'copy-sibling-assets',
    generateBundle() {
      for (const f of readdirSync(srcDir)) {
        if (/\.(html|css|svg|json)$/.test(f)) this.emitFile({ type: 'asset', fileName: f, source: readFileSync(path.join(srcDir, f)) });
      }
    },
  };
}

/** Library entries: name → source. Built as ESM + CJS + d.ts when the source exists. */
const libraryEntries = {
  protocol: 'src/protocol/index.ts',
  host: 'src/host/index.ts',
  tabs: 'src/tabs/index.ts',
  frame: 'src/frame/index.ts',
  server: 'src/server/index.ts',
  'mock-fabric': 'mock-fabric/index.ts',
  testing: 'src/testing/index.ts',
};

/** Browser pages: IIFE with deps inlined, next to their html/css. */
const browserPages = [
  { input: 'src/frame/shell.ts', outDir: 'dist/frame/shell', name: 'shell' },
  { input: 'mock-fabric/bar/bar.ts', outDir: 'dist/mock-fabric/bar', name: 'bar' },
  { input: 'mock-fabric/panel/panel.ts', outDir: 'dist/mock-fabric/panel', name: 'panel' },
  { input: 'mock-fabric/phone/phone.ts', outDir: 'dist/mock-fabric/phone', name: 'phone' },
  { input: 'host-demo/web/app.ts', outDir: 'dist/host-demo/web', name: 'app' },
];

const configs = [];
const libraryInputs = Object.fromEntries(Object.entries(libraryEntries).filter(([, input]) => existsSync(input)));
// One build for all entries: code two entries share (the host core under cec-bar-host and
// cec-bar-host/tabs, say) goes to one chunk, so an app importing both gets one copy, with one
// module state (the error sinks screenPop reports to), not two.
configs.push({
  input: libraryInputs,
  external,
  onwarn,
  plugins: [ts()],
  output: [
    { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name]/index.mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    { dir: 'dist', format: 'cjs', sourcemap: true, exports: 'named', entryFileNames: '[name]/index.cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
  ],
});
for (const [name, input] of Object.entries(libraryInputs)) {
  configs.push({ input, external, onwarn, plugins: [dts({ tsconfig: './tsconfig.build.json' })], output: { file: `dist/${name}/index.d.ts`, format: 'es' } });
}

if (existsSync('mock-fabric/cli.ts')) {
  configs.push({
    input: 'mock-fabric/cli.ts',
    external,
    onwarn,
    plugins: [ts()],
    output: { file: 'dist/mock-fabric/cli.mjs', format: 'es', banner: '#!/usr/bin/env node' },
  });
}

// Browser bundles with every dependency inlined: the UMD for <script> users and the size budgets.
// cec-bar-host (`CecBarHost`) and cec-bar-host/tabs (`CecBarTabs`, the host core included).
for (const [input, dir, umd, global] of [
  ['src/host/index.ts', 'dist/host', 'cec-bar-host.umd.min.js', 'CecBarHost'],
  ['src/tabs/index.ts', 'dist/tabs', 'cec-bar-host-tabs.umd.min.js', 'CecBarTabs'],
]) {
  if (!existsSync(input)) continue;
  configs.push({
    input,
    onwarn,
    plugins: browserPlugins(true),
    output: [
      { file: `${dir}/${umd}`, format: 'umd', name: global, exports: 'named' },
      { file: `${dir}/index.browser.min.mjs`, format: 'es' },
    ],
  });
}
// The browser half of the protocol (size budget 12 KB gz) and, for reference, the whole of it.
configs.push({
  input: 'src/protocol/browser.ts',
  onwarn,
  plugins: browserPlugins(true),
  output: { file: 'dist/protocol/browser.min.mjs', format: 'es' },
});
configs.push({
  input: 'src/protocol/index.ts',
  onwarn,
  plugins: browserPlugins(true),
  output: { file: 'dist/protocol/index.min.mjs', format: 'es' },
});

for (const page of browserPages) {
  if (!existsSync(page.input)) continue;
  configs.push({
    input: page.input,
    onwarn,
    plugins: [...browserPlugins(true), copySiblingAssets(path.dirname(page.input))],
    output: { file: `${page.outDir}/${page.name}.js`, format: 'iife', sourcemap: true },
  });
}

export default configs;
