// The host ESM entry with every dependency inlined (zod/mini, our schemas, the host code),
// minified, must stay ≤ 15 KB gzipped: the CRM page loads it on every screen, next to the CRM's own
// code, and the design promises "small and fast in the browser". zod/mini + the shared schemas
// alone take ~10 KB of it, so the host code has little room: measure before adding anything.
// Built by `npx rollup -c` (npm test builds first).
import { describe, expect, it } from 'vitest';
import { gzippedBytes } from '../../support/bundle-size.js';

const BUNDLE = 'dist/host/index.browser.min.mjs';
const CEILING = 15 * 1024;

describe('host bundle size', () => {
  it(`${BUNDLE} is ≤ ${CEILING} bytes min+gz`, () => {
    const gz = gzippedBytes(BUNDLE);
    expect(gz).toBeGreaterThan(5_000); // a bundle this small would mean the entry lost its code
    expect(gz).toBeLessThanOrEqual(CEILING);
  });
});
