import { startBenchOrigins } from './origins.mjs';
import { launchChromium } from './lib.mjs';
const env = await startBenchOrigins();
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(env.hostUrl);
await page.waitForFunction(() => document.documentElement.dataset.benchReady === '1');
await page.evaluate((c) => window.bench.configure(c), env.mountConfig);
for (let i = 0; i < 4; i++) {
  const t0abs = await page.evaluate(() => performance.timeOrigin + performance.now());
  const ms = await page.evaluate(() => window.bench.mount());
  const out = [];
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    const entries = await f.evaluate(() => ({ origin: performance.timeOrigin, url: location.href.slice(0, 60), e: performance.getEntries().map((x) => ({ n: x.name.slice(0, 70), t: x.entryType, s: x.startTime, d: x.duration, rs: x.responseStart, re: x.responseEnd, ds: x.domContentLoadedEventEnd, le: x.loadEventEnd, fs: x.fetchStart, di: x.domInteractive, rend: x.responseEnd, ut: x.unloadEventEnd })) }));
    const base = entries.origin - t0abs;
    out.push(`-- frame ${entries.url} timeOrigin +${base.toFixed(1)}`);
    for (const x of entries.e) if (!/visibility/.test(x.t)) out.push(`   ${x.t} ${x.n} start ${(base + x.s).toFixed(1)} respStart ${x.rs ? (base + x.rs).toFixed(1) : '-'} end ${(base + x.s + x.d).toFixed(1)}${x.le ? ` dcl ${(base + x.ds).toFixed(1)} load ${(base + x.le).toFixed(1)} respEnd ${(base + x.rend).toFixed(1)} domInteractive ${(base + x.di).toFixed(1)}` : ''}`);
  }
  const tl = await page.evaluate(() => window.bench.timeline());
  if (i === 3) { console.log('mount', ms.toFixed(1)); console.log(tl.map((x) => `${x.what}@${x.ms}`).join(' | ')); console.log(out.join('\n')); }
  await page.evaluate(() => window.bench.destroy());
}
await browser.close(); await env.close();
