// The layer rules of DESIGN.md, read from the sources' import statements (type-only imports included):
// protocol depends on nothing of ours, the browser pages reach no Node module, the library never imports the mock.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every specifier a source file imports or re-exports, relative ones resolved to repository paths. */
function importsOf(file: string): string[] {
  // Comments hold TSDoc examples that import the package as a user would: not imports of the file.
  const text = readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? '';
    if (!specifier.startsWith('.')) {
      found.push(specifier);
      continue;
    }
    const resolved = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), specifier)).replace(/\.js$/, '.ts');
    found.push(resolved.split(path.sep).join('/'));
  }
  return found;
}

/** `entry` and every source file it reaches, each with the specifiers it imports. */
function closure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    const imports = importsOf(file);
    seen.set(file, imports);
    for (const target of imports) if (target.endsWith('.ts') && existsSync(path.join(ROOT, target))) pending.push(target);
  }
  return seen;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${dir}/${name.split(path.sep).join('/')}`);
}

/** `file → specifier` for each import in `files` that `bad` matches. */
function offending(files: Iterable<[string, string[]]>, bad: (specifier: string) => boolean): string[] {
  return [...files].flatMap(([file, imports]) => imports.filter(bad).map((specifier) => `${file} → ${specifier}`));
}

describe('layers', () => {
  it('the import reader finds imports, type imports and re-exports', () => {
    const imports = importsOf('mock-fabric/index.ts');
    expect(imports).toContain('mock-fabric/server.ts');
    expect(imports).toContain('mock-fabric/mock-state.ts');
    expect(importsOf('mock-fabric/panel/panel.ts')).toContain('mock-fabric/mock-state.ts');
    expect(importsOf('src/server/http-io.ts')).toContain('node:http');
  });

  it('src/protocol imports nothing of ours outside itself, and no Node module', () => {
    const files = sourcesUnder('src/protocol').map((file): [string, string[]] => [file, importsOf(file)]);
    expect(files.length).toBeGreaterThan(10);
    expect(offending(files, (specifier) => !specifier.startsWith('src/protocol/') && !/^zod(\/|$)/.test(specifier))).toEqual([]);
  });

  for (const page of ['mock-fabric/panel/panel.ts', 'mock-fabric/bar/bar.ts', 'mock-fabric/phone/phone.ts', 'src/frame/shell.ts', 'src/host/index.ts', 'src/tabs/index.ts']) {
    it(`the browser code ${page} reaches no Node module and no server code`, () => {
      const reached = closure(page);
      expect(reached.size).toBeGreaterThan(1);
      expect(offending(reached, (specifier) => specifier.startsWith('node:') || specifier.startsWith('src/server/'))).toEqual([]);
    });
  }

  it('the library (src/, but the testing fixtures that start the mock) never imports the mock fabric or the demo', () => {
    const library = ['src/protocol', 'src/host', 'src/frame', 'src/tabs', 'src/server'].flatMap(sourcesUnder);
    const files = library.map((file): [string, string[]] => [file, importsOf(file)]);
    expect(offending(files, (specifier) => specifier.startsWith('mock-fabric/') || specifier.startsWith('host-demo/'))).toEqual([]);
  });

  it('the server kit never imports the host, the shell frame or tabs', () => {
    const files = sourcesUnder('src/server').map((file): [string, string[]] => [file, importsOf(file)]);
    expect(offending(files, (specifier) => /^src\/(host|frame|tabs)\//.test(specifier))).toEqual([]);
  });
});
