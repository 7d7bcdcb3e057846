import { startBenchOrigins } from './origins.mjs';
import { launchChromium } from './lib.mjs';
const env = await startBenchOrigins();
const browser = await launchChromium();
const page = await browser.newPage();
const shellUrl = env.mountConfig.shellUrl;
await page.goto(new URL('/shell/shell.css', shellUrl).href);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
await page.goto(shellUrl);
await page.waitForTimeout(300);
const { profile: p } = await cdp.send('Profiler.stop');
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const counts = new Map(); p.samples.forEach((s, i) => counts.set(s, (counts.get(s) || 0) + (p.timeDeltas[i] || 0)));
const { SourceMapConsumer } = await import('source-map-js');
const fs = await import('node:fs');
const smc = new SourceMapConsumer(JSON.parse(fs.readFileSync('dist/frame/shell/shell.js.map', 'utf8')));
const where = (cf) => { if (!cf.url.endsWith('shell.js')) return cf.url.split('/').pop() + ':' + cf.lineNumber; const o = smc.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber }); return `${(o.source || '?').split('node_modules/').pop()}:${o.line}`; };
// inclusive time per top-level callee of the script's main function
const agg = new Map();
for (const [id, t] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName} ${where(n.callFrame)}`; agg.set(k, (agg.get(k) || 0) + t); }
let total = 0; for (const [k, t] of agg) if (!/idle|program/.test(k)) total += t;
console.log('non-idle ms', (total / 1000).toFixed(2));
[...agg].sort((a, b) => b[1] - a[1]).slice(0, 30).forEach(([k, t]) => console.log((t / 1000).toFixed(2), k));
const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${m.startTime.toFixed(1)}`));
console.log(marks);
await browser.close(); await env.close();
