import { startBenchOrigins } from './origins.mjs';
import { benchMount } from './browser.mjs';
import { launchChromium } from './lib.mjs';
const n = Number(process.argv[2] ?? 10);
const env = await startBenchOrigins();
const browser = await launchChromium();
try {
  const r = await benchMount(browser, env, n);
  console.log(JSON.stringify({ bare: r.baseline.value, cold: r.figure.value, ratio: r.ratio, warm: r.preloaded.figure.value, wratio: r.preloaded.ratio, profile: r.profile }, null, 1));
} finally { await browser.close(); await env.close(); }
