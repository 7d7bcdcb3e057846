/**
 * Size budget of the browser half of the protocol (src/protocol/browser.ts), minified + gzipped.
 *
 * Ceiling: 12 KB (12288 bytes), the budget of issue 2/8. It covers what the host and the shell
 * frame ship: zod/mini plus the CEC event/command schemas, the bridge and redaction. The API
 * Fabric, CC-Gateway and verification shapes are server/mock-only and excluded by browser.ts.
 * Measured 2026-11-23 (node zlib level 9): 12,144 bytes gz (39,257 minified), 144 bytes under the
 * ceiling; zod/mini's core is about 8.7 KB of it, so headroom is thin. The whole protocol
 * (index.min.mjs, with the server shapes) is 14,000 bytes gz: over budget, which is why the
 * browser entry exists.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ensureProtocolBundle } from '../../support/protocol-dist.js';

const BUDGET_BYTES = 12 * 1024;

describe('protocol browser bundle size', () => {
  it(`dist/protocol/browser.min.mjs is at most ${BUDGET_BYTES} bytes gzipped`, () => {
    const code = readFileSync(ensureProtocolBundle('browser.min.mjs'));
    const gz = gzipSync(code, { level: 9 }).length;
    console.log(`protocol browser bundle: ${code.length} B minified, ${gz} B gzipped (budget ${BUDGET_BYTES})`);
    expect(gz).toBeGreaterThan(1000); // an empty or truncated build must not pass as "small"
    expect(gz).toBeLessThanOrEqual(BUDGET_BYTES);
  });
  it('the browser bundle carries no server-only shapes', () => {
    const code = readFileSync(ensureProtocolBundle('browser.min.mjs'), 'utf8');
    for (const s of ['tokenByAkSk', 'queryAgentInfo', 'app_secret', 'thirdPartyValidate']) expect(code, s).not.toContain(s);
  });
});
