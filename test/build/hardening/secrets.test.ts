/**
 * Secrets stay on the server: every browser bundle in dist/ is scanned for the tenants' app
 * secrets and passwords, for the API Fabric token call, and for markers of server code.
 * Run after the build (`npm test` builds first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Browser-facing bundles: single files, and page folders whose .js/.mjs/.html are all scanned. */
const BROWSER_FILES = ['dist/host/index.browser.min.mjs', 'dist/host/cec-bar-host.umd.min.js', 'dist/protocol/browser.min.mjs', 'dist/tabs/index.browser.min.mjs', 'dist/tabs/cec-bar-host-tabs.umd.min.js'];
const BROWSER_PAGE_DIRS = ['dist/frame/shell', 'dist/host-demo/web', 'dist/mock-fabric/bar'];
/** Source maps are left out: they are debugging aids, and carry comments that name server APIs. */
const PAGE_FILE = /\.(m?js|html)$/;

/** Strings that mean server code was bundled for the browser. */
const SERVER_MARKERS = ['node:', 'tokenByAkSk', 'createFabricClient', 'createValidateHandler'];
/** Tenant fields whose values are secrets. */
const SECRET_KEY = /secret|password|pwd|^sk$/i;

function browserBundles(): string[] {
  const files = BROWSER_FILES.map((f) => path.join(ROOT, f));
  for (const dir of BROWSER_PAGE_DIRS) {
    const abs = path.join(ROOT, dir);
    if (!existsSync(abs)) {
      files.push(abs); // reported as missing below
      continue;
    }
    for (const f of readdirSync(abs)) if (PAGE_FILE.test(f)) files.push(path.join(abs, f));
  }
  return files;
}

/** Every string value under a secret-looking key, at any depth. */
export function collectSecrets(value: unknown, out: Set<string> = new Set(), key = ''): Set<string> {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key) && value.length >= 6) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectSecrets(v, out, key);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) collectSecrets(v, out, k);
  }
  return out;
}

/** Every tenant file the mock ships, with its parsed JSON or the reason it did not parse. */
function readTenants(): { file: string; json?: unknown; error?: string }[] {
  const dir = path.join(ROOT, 'mock-fabric/tenants');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      try {
        return { file: f, json: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown };
      } catch (e) {
        return { file: f, error: (e as Error).message };
      }
    });
}

/** What a bundle's text leaks: the markers and secrets it contains. */
export function findLeaks(text: string, secrets: Iterable<string>): string[] {
  const leaks: string[] = [];
  for (const m of SERVER_MARKERS) if (text.includes(m)) leaks.push(`server marker ${JSON.stringify(m)}`);
  for (const s of secrets) if (text.includes(s)) leaks.push(`secret ${s.slice(0, 3)}…`);
  return leaks;
}

describe('secrets in browser bundles', () => {
  const tenants = readTenants();
  const secrets = new Set(tenants.flatMap((t) => [...collectSecrets(t.json)]));

  it('finds the secrets of every tenant file (the scan is not vacuous, and no tenant is left out)', () => {
    expect(tenants.length).toBeGreaterThan(0);
    for (const t of tenants) {
      // A tenant that does not parse would silently leave its secrets out of the scan.
      expect(t.error, `mock-fabric/tenants/${t.file} does not parse`).toBeUndefined();
      expect(collectSecrets(t.json).size, `no secrets found in mock-fabric/tenants/${t.file}`).toBeGreaterThan(0);
    }
  });

  it('detects a planted secret and a planted server marker (the scanner can fail)', () => {
    const [first] = [...secrets];
    const planted = `var a=1;const s=${JSON.stringify(first ?? 'zzzzzz')};import("node:http")`;
    const leaks = findLeaks(planted, first ? [first] : ['zzzzzz']);
    expect(leaks).toContain('server marker "node:"');
    expect(leaks.some((l) => l.startsWith('secret '))).toBe(true);
    expect(findLeaks('var a=1;', secrets)).toEqual([]);
  });

  for (const file of browserBundles()) {
    const rel = path.relative(ROOT, file);
    it(`${rel} exists and leaks nothing`, () => {
      expect(existsSync(file), `${rel} is missing: run the build`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text.length).toBeGreaterThan(0);
      expect(findLeaks(text, secrets)).toEqual([]);
    });
  }
});
