/** Size of a built browser bundle, as the size-ceiling tests measure it (node zlib, default level). */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** @example expect(gzippedBytes('dist/host/index.browser.min.mjs')).toBeLessThanOrEqual(15 * 1024); */
export function gzippedBytes(fromRoot: string): number {
  const file = new URL(`../../${fromRoot}`, import.meta.url);
  if (!existsSync(file)) throw new Error(`${fromRoot} is missing: run \`npx rollup -c\` first (npm test builds first)`);
  return gzipSync(readFileSync(file)).length;
}
