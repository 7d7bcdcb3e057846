/** Finds this package's root (the folder with its package.json), from source or from dist. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Walks up from this module to the `cec-bar-host` package.json.
 *
 * @example
 * const webDir = `${findPackageRoot()}/dist/host-demo/web`;
 */
export function findPackageRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cec-bar-host') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cec-bar-host's package.json not found above ${from}`);
  }
}
