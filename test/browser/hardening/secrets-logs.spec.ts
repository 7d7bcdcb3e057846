/**
 * Secrets: no log line and no recorder output carries a token. The host is mounted with a logger
 * that keeps every line, through a token-bearing flow (a first attempt refused because CEC cannot
 * verify the token, then a fresh token, handshake, bar loader, sign-in, a call), then the logs and
 * `bar.recorder` are searched for every token the host was handed. A control line proves the
 * search would find one.
 */
import { expect, test } from '@playwright/test';
import { startBenchOrigins, type BenchOrigins } from '../../../bench/origins.mjs';
import '../../support/bench-page.js';


let origins: BenchOrigins;
test.beforeAll(async () => {
  origins = await startBenchOrigins();
});
test.afterAll(async () => {
  await origins?.close();
});

/** Every place a token (or a recognisable part of it) appears in `text`. */
function leaks(text: string, tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    // The whole token, and its signature part alone (a JWT's third segment).
    for (const needle of [t, t.split('.')[2] ?? t]) if (needle.length >= 16 && text.includes(needle)) out.push(needle.slice(0, 12));
  }
  return out;
}

test('a token-bearing flow leaves no token in any log line or in the recorder', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(origins.hostUrl);
  await page.waitForFunction(() => document.documentElement.dataset.benchReady === '1');
  await page.evaluate((c) => window.bench.configure(c), origins.mountConfig);
  // First attempt while CEC cannot verify the token: the token-bearing error path gets logged.
  origins.setValidateDown(true);
  const failed = await page.evaluate(async () => {
    try {
      await window.bench.mountLogged({ retry: { attempts: 1, baseDelayMs: 100, maxDelayMs: 200 }, timeouts: { handshakeMs: 5000, barLoadMs: 5000 } });
      return false;
    } catch {
      return true;
    }
  });
  expect(failed, 'mount fails while verification is down').toBe(true);
  origins.setValidateDown(false);
  await page.evaluate(() => window.bench.checkCallbacks());
  await page.evaluate(() => window.bench.reconnect());
  await expect.poll(() => page.evaluate(() => window.bench.state()), { timeout: 20_000 }).toBe('ready');

  // Sign the agent in inside the bar and take a call end to end.
  const bar = page.frameLocator('iframe[src*="/shell/"]').frameLocator('iframe[name="ccbarclient"]');
  const signin = bar.getByTestId('bar-signin');
  if (!(await signin.isVisible())) await bar.getByTestId('bar-toggle').click();
  await signin.click();
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle');
  const { callId } = origins.mock.control.injectCall({ caller: '13800138001', called: '66881' });
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'ringing');
  await bar.getByTestId('bar-answer').click();
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-call-state', 'talking');
  origins.mock.control.hangupCall(callId);
  await expect.poll(async () => (await page.evaluate(() => window.bench.callbacks())).counts['call.ended'] ?? 0).toBe(1);

  const tokens = await page.evaluate(() => window.bench.tokensIssued());
  const logs = await page.evaluate(() => window.bench.logs());
  const recording = (await page.evaluate(() => window.bench.recorder())) ?? '';
  expect(tokens.length).toBeGreaterThan(0);
  expect(logs.length, 'the logger was used (the failed first attempt)').toBeGreaterThan(0);
  expect(recording.length, 'the recorder captured traffic').toBeGreaterThan(100);

  expect(leaks(logs.join('\n'), tokens), 'no token in any log line').toEqual([]);
  expect(leaks(recording, tokens), 'no token in the recorder output').toEqual([]);
  // Redaction is active in the recorder: the caller's number is masked to its last 4 digits.
  expect(recording).toContain('8001');
  expect(recording).not.toContain('13800138001');
  // Control: the search finds a token where one is.
  expect(leaks(`x ${tokens[0]} y`, tokens).length).toBeGreaterThan(0);
  await page.evaluate(() => window.bench.destroy());
});
