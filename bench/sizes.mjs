// Benchmark 1: minified + gzipped size of each browser bundle against its ceiling (KB = 1024 bytes),
// from the one table that the size test also reads (test/support/size-ceilings.mjs).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, round } from './lib.mjs';
import { GZIP_LEVEL, SIZE_CEILINGS } from '../test/support/size-ceilings.mjs';

export const BUNDLES = SIZE_CEILINGS.map((bundle) => ({ name: bundle.name, file: bundle.file, budgetKb: bundle.ceilingBytes / 1024 }));

/** Sizes of every bundle; a missing file is reported, not thrown. */
export function measureSizes() {
  return BUNDLES.map(({ name, file, budgetKb }) => {
    const abs = path.join(ROOT, file);
    if (!existsSync(abs)) return { name, file, budgetKb, missing: true };
    const raw = readFileSync(abs);
    const gz = gzipSync(raw, { level: GZIP_LEVEL }).length;
    const gzKb = gz / 1024;
    return { name, file, budgetKb, minBytes: raw.length, gzBytes: gz, gzKb: round(gzKb, 2), ratio: round(gzKb / budgetKb, 3), withinBudget: gzKb <= budgetKb };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(measureSizes(), null, 2));
