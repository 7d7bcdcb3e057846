/** Finds this package's root folder, from the source tree or from `dist/` alike. Internal. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function isOurPackageJson(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'cec-bar-host';
  } catch {
    return false; // someone else's broken package.json: keep walking
  }
}

/**
 * The folder holding the package.json named `cec-bar-host`, walking up from `from`.
 *
 * @example
 * const webDir = path.join(findPackageRoot(), 'dist', 'host-demo', 'web');
 */
export function findPackageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (isOurPackageJson(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the cec-bar-host package root above ${from}`);
  }
}
