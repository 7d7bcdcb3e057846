// Tab handover (issue 9), in Chromium against the real three origins: the owner tab closes → the
// next tab owns the bar → its frame is ready, against a fresh single-tab mount → ready measured
// in the same run (the handover cannot beat a mount: the new owner mounts from scratch).
// Run alone: node bench/tabs.mjs [--quick]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launchChromium, median, percentile, printTable, round } from './lib.mjs';

const page = (f) => path.join(ROOT, 'bench/pages', f);
/** What origin A serves for this bench (the built <script> of cec-bar-host/tabs). */
export const TABS_FILES = { '/tabs.html': page('tabs.html'), '/tabs.js': page('tabs.js'), '/tabs.umd.js': path.join(ROOT, 'dist/tabs/cec-bar-host-tabs.umd.min.js') };

async function openTab(context, env, channelName, lease) {
  const p = await context.newPage();
  if (lease) await p.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }));
  await p.goto(env.tabsUrl);
  await p.waitForFunction(() => document.documentElement.dataset.benchReady === '1');
  const mountedAt = await p.evaluate((c) => window.tabsBench.mount(c), { ...env.mountConfig, channelName });
  return { p, mountedAt };
}
const readyAt = (p) => p.waitForFunction(() => window.tabsBench.readyAt || undefined, undefined, { timeout: 30_000 }).then((h) => h.jsonValue());

/** One sample: [single-tab mount → ready, owner closed → new owner ready, → new owner elected]. */
async function sample(browser, env, i, lease) {
  const context = await browser.newContext();
  try {
    const channelName = `bench-${i}-${lease ? 'lease' : 'locks'}`;
    const first = await openTab(context, env, channelName, lease);
    const mountMs = (await readyAt(first.p)) - first.mountedAt;
    const second = await openTab(context, env, channelName, lease);
    await second.p.waitForTimeout(300); // it has heard the owner and is standby
    const closedAt = Date.now();
    await first.p.close({ runBeforeUnload: true });
    const ready = await readyAt(second.p);
    const owner = await second.p.evaluate(() => window.tabsBench.ownerAt);
    return [mountMs, ready - closedAt, owner - closedAt];
  } finally {
    await context.close();
  }
}

export async function benchTabs(env, { samples = 10 } = {}) {
  const browser = await launchChromium();
  try {
    const out = {};
    for (const lease of [false, true]) {
      const rows = [];
      for (let i = 0; i < samples + 1; i += 1) {
        const s = await sample(browser, env, i, lease);
        if (i > 0) rows.push(s); // one warm-up round
      }
      const mount = median(rows.map((r) => r[0]));
      const handover = median(rows.map((r) => r[1]));
      out[lease ? 'lease' : 'webLocks'] = {
        samples,
        baseline: { name: 'single-tab mountSharedConnectionBar → ready, median ms', value: round(mount, 1) },
        figure: { name: 'owner tab closed → next tab ready, median ms', value: round(handover, 1), p90: round(percentile(rows.map((r) => r[1]), 90), 1) },
        electedMs: { median: round(median(rows.map((r) => r[2])), 1), max: Math.max(...rows.map((r) => r[2])) },
        ratio: round(handover / mount, 2),
        target: 'new owner within 2 s',
        met: Math.max(...rows.map((r) => r[2])) < 2000,
      };
    }
    return out;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { startBenchOrigins } = await import('./origins.mjs');
  const env = await startBenchOrigins({ files: TABS_FILES });
  try {
    const r = await benchTabs({ ...env, tabsUrl: `${env.hostOrigin}/tabs.html` }, { samples: process.argv.includes('--quick') ? 3 : 10 });
    printTable('tab handover', Object.entries(r).map(([k, v]) => ({ election: k, mountMs: v.baseline.value, handoverMs: v.figure.value, ratio: v.ratio, electedMs: v.electedMs.median, electedMax: v.electedMs.max })));
    console.log(JSON.stringify(r));
  } finally {
    await env.close();
  }
}
