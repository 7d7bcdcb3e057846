// The build, as a table. `npm run build` (scripts/build.mjs) runs it after one `tsc` pass that
// type-checks the sources and writes their declarations to DECLARATION_DIR; `rollup -c` alone
// builds the JavaScript only.
//
// TypeScript reaches rollup through esbuild's transpile-only transform (one file at a time, no type
// checking: the tsc pass does that once). See docs/toolchain.md#rollup.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform as esbuildTransform } from 'esbuild';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Where scripts/build.mjs has tsc write the declarations that the .d.ts bundles start from (outside node_modules: TypeScript treats files there as external libraries). */
export const DECLARATION_DIR = '.build/declarations';

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/** Package entries (`cec-bar-host/<name>`): ESM + CJS with dependencies external, and .d.ts + .d.cts. */
export const LIBRARY_ENTRIES = {
  protocol: 'src/protocol/index.ts',
  host: 'src/host/index.ts',
  tabs: 'src/tabs/index.ts',
  frame: 'src/frame/index.ts',
  server: 'src/server/index.ts',
  'mock-fabric': 'mock-fabric/index.ts',
  testing: 'src/testing/index.ts',
};

/** Node programs: one ESM file each, the package's own entries imported as `cec-bar-host/…`. */
const NODE_PROGRAMS = [
  { input: 'mock-fabric/cli.ts', file: 'dist/mock-fabric/cli.mjs', banner: '#!/usr/bin/env node' },
  { input: 'host-demo/server/index.ts', file: 'dist/host-demo/server/index.mjs' },
  { input: 'src/server/tenant-cli-main.ts', file: 'dist/server/tenant-cli.mjs', banner: '#!/usr/bin/env node' },
];

/** `<script>` builds: every dependency inlined, one global each, plus a minified ESM of the same code. */
const SCRIPT_BUILDS = [
  { input: 'src/host/index.ts', umd: 'dist/host/cec-bar-host.umd.min.js', global: 'CecBarHost', esm: 'dist/host/index.browser.min.mjs' },
  { input: 'src/tabs/index.ts', umd: 'dist/tabs/cec-bar-host-tabs.umd.min.js', global: 'CecBarTabs', esm: 'dist/tabs/index.browser.min.mjs' },
];

/** Minified ESM bundles that exist for their size budget: the browser half of the protocol, and all of it. */
const SIZED_MODULES = [
  { input: 'src/protocol/browser.ts', file: 'dist/protocol/browser.min.mjs' },
  { input: 'src/protocol/index.ts', file: 'dist/protocol/index.min.mjs' },
];

/**
 * Browser pages: an IIFE script next to the .html/.css/.svg/.json files of its source folder.
 * `first`: a module evaluated before the page's source and everything it imports.
 */
const BROWSER_PAGES = [
  { input: 'src/frame/shell.ts', first: 'src/frame/shell-announcement.ts', file: 'dist/frame/shell/shell.js' },
  { input: 'mock-fabric/bar/bar.ts', file: 'dist/mock-fabric/bar/bar.js' },
  { input: 'mock-fabric/panel/panel.ts', file: 'dist/mock-fabric/panel/panel.js' },
  { input: 'mock-fabric/phone/phone.ts', file: 'dist/mock-fabric/phone/phone.js' },
  { input: 'mock-fabric/softphone/softphone.ts', file: 'dist/mock-fabric/softphone/softphone.js' },
  { input: 'host-demo/web/app.ts', file: 'dist/host-demo/web/app.js' },
];

// ---------------------------------------------------------------------------------------------
// Plugins
// ---------------------------------------------------------------------------------------------

const dependencies = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const nodeBuiltins = new Set(builtinModules);
const isExternal = (id) =>
  id.startsWith('node:') || nodeBuiltins.has(id) || dependencies.some((name) => id === name || id.startsWith(`${name}/`));

/** Known-harmless warnings from dependencies (docs/toolchain.md#rollup); anything else fails the build. */
function onwarn(warning, warn) {
  const fromDependency = /node_modules/.test(`${warning.message ?? ''} ${warning.id ?? ''} ${(warning.ids ?? []).join(' ')}`);
  if (fromDependency && (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'INVALID_ANNOTATION')) return;
  warn(warning);
}

/** Resolves our `./x.js` imports to `./x.ts` and strips the types with esbuild. */
function transpileTypeScript() {
  return {
    name: 'transpile-typescript',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const candidate = path.resolve(path.dirname(importer), `${source.slice(0, -3)}.ts`);
      return existsSync(candidate) ? candidate : null;
    },
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const result = await esbuildTransform(code, { loader: 'ts', target: 'es2022', format: 'esm', sourcemap: 'external', sourcefile: id });
      return { code: result.code, map: result.map };
    },
  };
}

/**
 * zod keeps its settings on `globalThis.__zod_globalConfig`, shared with every other zod on the
 * page. A `<script>` build must add only its own global and must not change a CRM's zod, so the
 * inlined copy gets a module-local settings object instead (checked in the packed-package test).
 */
function zodSettingsStayLocal() {
  const GLOBAL_CONFIG = /globalThis\.__zod_globalConfig/g;
  return {
    name: 'zod-settings-stay-local',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(id) || !code.includes('__zod_global')) return null;
      const local = code
        .replace(/\(_a = globalThis\)\.__zod_globalConfig \?\? \(_a\.__zod_globalConfig = \{\}\);/, '')
        .replace(/export const globalConfig = globalThis\.__zod_globalConfig;/, 'export const globalConfig = {};')
        .replace(GLOBAL_CONFIG, 'globalConfig')
        .replace(/\(_a = globalThis\)\.__zod_globalRegistry \?\? \(_a\.__zod_globalRegistry = registry\(\)\);/, '')
        .replace(/export const globalRegistry = globalThis\.__zod_globalRegistry;/, 'export const globalRegistry = registry();');
      if (local.includes('__zod_global')) this.error(`zod changed: ${id} still reaches a zod global; update zodSettingsStayLocal()`);
      return { code: local, map: null };
    },
  };
}

const productionEnv = () => replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } });
const browserPlugins = () => [productionEnv(), resolve({ browser: true }), transpileTypeScript(), zodSettingsStayLocal()];

/** terser for ES modules: top-level names are private to the module, so they are shortened too. */
const minifyModule = () => terser({ ecma: 2020, module: true, compress: { passes: 3, pure_getters: true }, format: { comments: false } });
/** terser for classic scripts: the top level is the page's global scope, so it is left alone. */
const minifyScript = () => terser({ ecma: 2020, module: false, toplevel: false, compress: { passes: 3, pure_getters: true }, format: { comments: false } });

/** Copies the page assets that sit beside a browser page's entry into its output folder. */
function copySiblingAssets(sourceDir) {
  return {
    name: 'copy-sibling-assets',
    generateBundle() {
      for (const name of readdirSync(sourceDir)) {
        if (/\.(html|css|svg|json)$/.test(name)) this.emitFile({ type: 'asset', fileName: name, source: readFileSync(path.join(sourceDir, name)) });
      }
    },
  };
}

const PAGE_PREFIX = '\0page:';
/**
 * A page's entry module only imports the page's source: what that source exports for unit tests
 * stays out of the page's global scope (an IIFE with exports would need a global name).
 */
function pageEntry() {
  return {
    name: 'page-entry',
    resolveId(source, importer) {
      if (source.startsWith(PAGE_PREFIX)) return source;
      // The root package.json says `sideEffects: false`; a page's source runs for its side effects.
      if (importer?.startsWith(PAGE_PREFIX)) return { id: source, moduleSideEffects: true };
      return null;
    },
    // The id lists the modules to import, in order: the page's `first` module (if any), then its source.
    load: (id) => (id.startsWith(PAGE_PREFIX) ? JSON.parse(id.slice(PAGE_PREFIX.length)).map((input) => `import ${JSON.stringify(path.resolve(ROOT, input))};`).join('\n') : null),
  };
}

/** Our own entries, imported by a Node program, stay `cec-bar-host/<name>` imports of the package. */
function packageSelfReference() {
  const entryByPath = new Map(Object.entries(LIBRARY_ENTRIES).map(([name, input]) => [path.resolve(ROOT, input).replace(/\.ts$/, ''), name]));
  return {
    name: 'package-self-reference',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.')) return null;
      const name = entryByPath.get(path.resolve(path.dirname(importer), source).replace(/\.(js|ts)$/, ''));
      if (name === undefined) return null;
      return { id: name === 'host' ? 'cec-bar-host' : `cec-bar-host/${name}`, external: true };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Configurations from the table
// ---------------------------------------------------------------------------------------------

/** The JavaScript: one multi-input library build (entries share chunks), programs, scripts, pages. */
export function javascriptConfigs() {
  const configs = [];
  // One build for all entries: code two entries share (the host core under cec-bar-host and
  // cec-bar-host/tabs) goes to one chunk, so an app importing both gets one module state.
  configs.push({
    input: LIBRARY_ENTRIES,
    external: isExternal,
    onwarn,
    plugins: [transpileTypeScript()],
    output: [
      { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name]/index.mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
      { dir: 'dist', format: 'cjs', sourcemap: true, exports: 'named', entryFileNames: '[name]/index.cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    ],
  });
  for (const program of NODE_PROGRAMS) {
    configs.push({
      input: program.input,
      external: (id) => isExternal(id) || id.startsWith('cec-bar-host'),
      onwarn,
      plugins: [packageSelfReference(), transpileTypeScript()],
      output: { file: program.file, format: 'es', sourcemap: true, ...(program.banner ? { banner: program.banner } : {}) },
    });
  }
  for (const script of SCRIPT_BUILDS) {
    configs.push({
      input: script.input,
      onwarn,
      plugins: browserPlugins(),
      output: [
        { file: script.umd, format: 'umd', name: script.global, exports: 'named', plugins: [minifyScript()] },
        { file: script.esm, format: 'es', plugins: [minifyModule()] },
      ],
    });
  }
  for (const sized of SIZED_MODULES) {
    configs.push({ input: sized.input, onwarn, plugins: browserPlugins(), output: { file: sized.file, format: 'es', plugins: [minifyModule()] } });
  }
  for (const page of BROWSER_PAGES) {
    configs.push({
      input: `${PAGE_PREFIX}${JSON.stringify([page.first, page.input].filter(Boolean))}`,
      onwarn,
      plugins: [pageEntry(), ...browserPlugins(), copySiblingAssets(path.dirname(page.input))],
      output: { file: page.file, format: 'iife', sourcemap: true, plugins: [minifyScript()] },
    });
  }
  return configs;
}

/** One bundled declaration file per entry, from tsc's declarations; the .d.cts twin is written by scripts/build.mjs. */
export function declarationConfigs() {
  return Object.entries(LIBRARY_ENTRIES).map(([name, input]) => ({
    input: path.join(DECLARATION_DIR, input.replace(/\.ts$/, '.d.ts')),
    external: isExternal,
    onwarn,
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
    output: { file: `dist/${name}/index.d.ts`, format: 'es' },
  }));
}

export default (args) => (args.configDeclarations ? declarationConfigs() : javascriptConfigs());
