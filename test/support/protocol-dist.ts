/**
 * Locates the built protocol bundles, building them once with rollup when they are missing, so
 * the size and browser tests work on a fresh clone as well as after `npm test`'s build step.
 *
 * @example
 * const file = ensureProtocolBundle('browser.min.mjs'); // absolute path, or throws saying why
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PROTOCOL_DIST = path.join(ROOT, 'dist', 'protocol');

export type ProtocolBundle = 'browser.min.mjs' | 'index.min.mjs';

export function ensureProtocolBundle(name: ProtocolBundle): string {
  const file = path.join(PROTOCOL_DIST, name);
  if (existsSync(file)) return file;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (!existsSync(file)) {
    const why = (r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n').slice(-5).join('\n');
    throw new Error(`dist/protocol/${name} is missing and \`npm run build\` did not produce it (exit ${r.status}).\n${why}`);
  }
  return file;
}
