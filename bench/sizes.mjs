// Benchmark 1: minified + gzipped size of each browser bundle against its budget (KB = 1024 bytes).
// Host and protocol budgets come from the issue; the UMD carries the same code as the host ESM so
// it gets the host budget; the shell page budget is chosen here (it inlines postmate + zod/mini).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, round } from './lib.mjs';

export const BUNDLES = [
  { name: 'host ESM (min)', file: 'dist/host/index.browser.min.mjs', budgetKb: 15 },
  { name: 'host UMD (min)', file: 'dist/host/cec-bar-host.umd.min.js', budgetKb: 15 },
  { name: 'protocol browser (min)', file: 'dist/protocol/browser.min.mjs', budgetKb: 12 },
  { name: 'shell page js', file: 'dist/frame/shell/shell.js', budgetKb: 40 },
];

/** Sizes of every bundle; a missing file is reported, not thrown. */
export function measureSizes() {
  return BUNDLES.map(({ name, file, budgetKb }) => {
    const abs = path.join(ROOT, file);
    if (!existsSync(abs)) return { name, file, budgetKb, missing: true };
    const raw = readFileSync(abs);
    const gz = gzipSync(raw, { level: 9 }).length;
    const gzKb = gz / 1024;
    return { name, file, budgetKb, minBytes: raw.length, gzBytes: gz, gzKb: round(gzKb, 2), ratio: round(gzKb / budgetKb, 3), withinBudget: gzKb <= budgetKb };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(measureSizes(), null, 2));
