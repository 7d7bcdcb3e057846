// The host ESM entry with every dependency inlined (zod/mini, our schemas, postmate, the host code),
// minified, must stay ≤ 15 KB gzipped: the CRM page loads it on every screen, next to the CRM's own
// code, and the design promises "small and fast in the browser". zod/mini + the shared schemas
// alone take ~10 KB of it, so the host code has little room: measure before adding anything.
// Built by `npx rollup -c` (npm test builds first).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUNDLE = new URL('../../../dist/host/index.browser.min.mjs', import.meta.url);
const CEILING = 15 * 1024;

describe('host bundle size', () => {
  it(`dist/host/index.browser.min.mjs is ≤ ${CEILING} bytes min+gz`, () => {
    expect(existsSync(BUNDLE), 'run `npx rollup -c` first').toBe(true);
    const gz = gzipSync(readFileSync(BUNDLE)).length;
    expect(gz).toBeGreaterThan(5_000); // a bundle this small would mean the entry lost its code
    expect(gz).toBeLessThanOrEqual(CEILING);
  });
});
