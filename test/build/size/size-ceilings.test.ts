// Every browser bundle under its ceiling, from one table (test/support/size-ceilings.mjs, which
// also feeds bench/sizes.mjs); and none carries a forbidden string. Needs a build (npm test builds first).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GZIP_LEVEL, SIZE_CEILINGS } from '../../support/size-ceilings.mjs';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function built(file: string): Buffer {
  const full = path.join(ROOT, file);
  if (!existsSync(full)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test builds first)`);
  return readFileSync(full);
}

describe('browser bundle sizes', () => {
  for (const bundle of SIZE_CEILINGS) {
    it(`${bundle.file} ≤ ${bundle.ceilingBytes} B gzip -${GZIP_LEVEL}${bundle.headroomBytes ? `, with ${bundle.headroomBytes} B to spare` : ''}`, () => {
      const code = built(bundle.file);
      const gzipped = gzipSync(code, { level: GZIP_LEVEL }).length;
      // A bundle this small lost its code: it must not pass as "small".
      expect(gzipped).toBeGreaterThan(1024);
      expect(gzipped).toBeLessThanOrEqual(bundle.ceilingBytes - (bundle.headroomBytes ?? 0));
    });
    it(`${bundle.file} carries none of ${bundle.forbidden.join(', ')}`, () => {
      const text = built(bundle.file).toString('utf8');
      expect(bundle.forbidden.filter((needle) => text.includes(needle))).toEqual([]);
    });
  }
  it('covers every browser bundle the build writes', () => {
    const files = SIZE_CEILINGS.map((bundle) => bundle.file);
    for (const expected of ['dist/host/cec-bar-host.umd.min.js', 'dist/tabs/cec-bar-host-tabs.umd.min.js', 'dist/frame/shell/shell.js', 'dist/host-demo/web/app.js']) expect(files).toContain(expected);
  });
});
