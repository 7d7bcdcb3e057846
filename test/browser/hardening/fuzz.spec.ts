/**
 * Bridge fuzz: 100,000+ generated messages into a mounted host in Chromium, on the real three
 * origins (bench/origins.mjs, from dist/). Most come from the shell frame itself (right source
 * and origin, so they reach the envelope, shape, session and sequence checks); some from the CRM
 * page (a foreign origin: `rejected.origin` must show it) and from the bar frame (the shell's origin,
 * through its proxy, but another window: `rejected.source`). The host must throw nothing, hand no callback an
 * invalid payload, keep Object.prototype clean, stay ready, and count every message.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { startBenchOrigins, type BenchOrigins } from '../../../bench/origins.mjs';
import '../../support/bench-page.js';
import { fuzzBatch, type FuzzParams, type FuzzResult } from '../../support/bench-fuzz.js';


const TOTAL_FROM_SHELL = 100_000;
const BATCH = 5_000;
const WRONG_SOURCE_EACH = 2_000;

let origins: BenchOrigins;
test.beforeAll(async () => {
  origins = await startBenchOrigins();
});
test.afterAll(async () => {
  await origins?.close();
});

const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);

async function waitDelivered(page: Page, total: number): Promise<void> {
  await page.waitForFunction((t) => window.bench.seen().total >= t, total, { timeout: 120_000, polling: 100 });
}

test('100,000+ hostile messages: nothing escapes, no invalid payload, counters add up', async ({ page }) => {
  test.setTimeout(400_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(origins.hostUrl);
  await page.waitForFunction(() => document.documentElement.dataset.benchReady === '1');
  await page.evaluate((c) => window.bench.configure(c), origins.mountConfig);
  await page.evaluate(() => window.bench.mount());
  await page.evaluate(() => window.bench.checkCallbacks());

  const shell = page.frames().find((f) => f.url().startsWith(`${origins.shellOrigin}/shell/`));
  const bar = page.frames().find((f) => f.name() === 'ccbarclient');
  expect(shell, 'shell frame').toBeTruthy();
  expect(bar, 'bar frame').toBeTruthy();

  const seen0 = await page.evaluate(() => window.bench.seen());
  const diag0 = await page.evaluate(() => window.bench.diagnostics());
  expect(seen0.sessionId, 'saw the shell talk').toBeTruthy();
  const cb0 = await page.evaluate(() => window.bench.callbacks());

  let lastSeq = Math.max(seen0.lastGenuineSeq, diag0.lastSeq);
  let sent = 0;
  let valid = 0;
  let uncounted = 0;
  const byKind: Record<string, number> = {};
  const base = { target: 'parent' as const, targetOrigin: origins.hostOrigin, sessionId: seen0.sessionId!, shellId: seen0.shellId!, validEvery: 50 };
  for (let i = 0; sent < TOTAL_FROM_SHELL; i += 1) {
    const s = await page.evaluate(() => window.bench.seen());
    lastSeq = Math.max(lastSeq, s.lastGenuineSeq);
    const params: FuzzParams = { ...base, seed: 0x9e3779b9 ^ (i + 1), count: BATCH, lastSeq };
    const r: FuzzResult = await (shell as Frame).evaluate(fuzzBatch, params);
    sent += r.sent;
    valid += r.valid;
    uncounted += r.uncounted;
    lastSeq = r.lastSeq;
    for (const [k, n] of Object.entries(r.byKind)) byKind[k] = (byKind[k] ?? 0) + n;
    await waitDelivered(page, seen0.total + sent);
  }
  // Wrong senders: the CRM page posting to itself, and the bar frame posting to the top window.
  const wrong = { ...base, validEvery: 0, count: WRONG_SOURCE_EACH, lastSeq };
  sent += (await page.evaluate(fuzzBatch, { ...wrong, seed: 7, target: 'self' as const })).sent;
  sent += (await (bar as Frame).evaluate(fuzzBatch, { ...wrong, seed: 11, target: 'top' as const, targetOrigin: '*' })).sent;
  await waitDelivered(page, seen0.total + sent);

  const seen1 = await page.evaluate(() => window.bench.seen());
  const diag1 = await page.evaluate(() => window.bench.diagnostics());
  const cb1 = await page.evaluate(() => window.bench.callbacks());
  const genuine = seen1.genuine - seen0.genuine;

  expect(sent).toBeGreaterThanOrEqual(TOTAL_FROM_SHELL + 2 * WRONG_SOURCE_EACH);
  for (const k of ['randomJson', 'truncated', 'huge', 'deep', 'wrongTypes', 'hostileKeys', 'wrongSession', 'wrongSequence', 'valid']) expect(byKind[k] ?? 0, `generated some ${k}`).toBeGreaterThan(0);
  expect(pageErrors, 'no exception escaped into the CRM page').toEqual([]);
  expect(cb1.invalidSamples, 'no callback got an invalid payload').toEqual([]);
  expect(cb1.invalid).toBe(0);
  expect(await page.evaluate(() => window.bench.polluted()), 'Object.prototype untouched').toBe(false);
  expect(diag1.state).toBe('ready');

  // The host saw every message the window received, and accounted for each one.
  const received = diag1.received - diag0.received;
  const delivered = diag1.delivered - diag0.delivered;
  const rejected = Object.fromEntries(Object.keys(diag1.rejected).map((k) => [k, (diag1.rejected[k] ?? 0) - (diag0.rejected[k] ?? 0)]));
  expect(received).toBe(seen1.total - seen0.total);
  expect(received).toBe(sent + genuine);
  expect(delivered + sum(rejected) + uncounted).toBe(received);
  expect(delivered).toBe(valid + genuine);
  // The CRM page posting to itself is a foreign origin; the bar frame is served through the shell's
  // /service-cloud/ proxy, so it has the shell's origin but is not the shell's window.
  expect(rejected.origin).toBe(WRONG_SOURCE_EACH);
  expect(rejected.source).toBe(WRONG_SOURCE_EACH);
  expect(rejected.size).toBeGreaterThan(0);
  expect(rejected.session).toBeGreaterThan(0);
  expect(rejected.sequence).toBeGreaterThan(0);
  expect(rejected.version).toBeGreaterThan(0);
  // Every valid relay reached the `cec` callback exactly once.
  expect((cb1.counts.cec ?? 0) - (cb0.counts.cec ?? 0)).toBe(valid + genuine);
  test.info().annotations.push({ type: 'fuzz', description: JSON.stringify({ sent, valid, uncounted, genuine, rejected, byKind }) });
  await page.evaluate(() => window.bench.destroy());
});
