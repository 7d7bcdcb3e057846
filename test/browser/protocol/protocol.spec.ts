/**
 * The browser tier of src/protocol: the built bundle (dist/protocol/browser.min.mjs) served from
 * 127.0.0.1, imported by a page in Debian Chromium, validating real postMessage traffic there.
 */
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { ensureProtocolBundle } from '../../support/protocol-dist.js';
import { startStaticServer, type StaticServer } from '../../support/static-server.js';
import { VALID_EVENTS, REJECTED_EVENTS } from '../../fixtures/cec/events.js';
import { SHELL_MESSAGES } from '../../fixtures/cec/bridge.js';

// The page validates every message it receives and records the verdicts for the test to read.
const PAGE = `<!doctype html><meta charset="utf-8"><title>protocol</title>
<script>
  window.csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.csp.push(e.violatedDirective));
</script>
<script type="module">
  import { parseCecEvent, parseShellMessage, buildCallout, parseBarCommand } from '/dist/protocol/browser.min.mjs';
  window.verdicts = [];
  window.addEventListener('message', (e) => {
    const r = e.data && e.data.kind ? parseShellMessage(e.data) : parseCecEvent(e.data);
    window.verdicts.push(r.ok ? { ok: true, eventType: (r.event || r.message.event).eventType, content: (r.event || r.message.event).content }
                              : { ok: false, reason: r.reason, error: r.error });
  });
  window.roundTrip = parseBarCommand(buildCallout('88889007', 'video', 'object'));
  window.ready = true;
</script>`;

let server: StaticServer;

test.beforeAll(async () => {
  const bundle = ensureProtocolBundle('browser.min.mjs');
  server = await startStaticServer({
    roots: { '/dist/protocol/': path.dirname(bundle) },
    routes: { '/': { body: PAGE } },
    // A strict CSP proves the bundle needs no eval/new Function (zod/mini).
    headers: { 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'unsafe-inline'" },
  });
});

test.afterAll(async () => {
  await server?.close();
});

test('validates a real and a forged message inside Chromium', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url + '/');
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);

  const real = JSON.stringify(VALID_EVENTS.AgentEvent_Talking.wire); // as CEC posts it: a JSON string
  const forged = REJECTED_EVENTS.AgentEvent_Talking[1]!.wire; // callid is a number
  const forgedRelay = { ...SHELL_MESSAGES.cec, event: { eventType: 'unknown', rawEventType: 'AgentEvent_Talking', workNo: '101', content: {} } };
  await page.evaluate(([a, b, c]) => {
    window.postMessage(a, location.origin);
    window.postMessage(b, location.origin);
    window.postMessage(c, location.origin);
  }, [real, forged, forgedRelay] as const);
  await page.waitForFunction(() => (window as unknown as { verdicts: unknown[] }).verdicts.length === 3);
  const verdicts = await page.evaluate(() => (window as unknown as { verdicts: unknown[] }).verdicts);

  expect(verdicts[0]).toEqual({ ok: true, eventType: 'AgentEvent_Talking', content: VALID_EVENTS.AgentEvent_Talking.content });
  expect(verdicts[1]).toMatchObject({ ok: false, reason: 'shape' });
  expect((verdicts[1] as { error: string }).error).toContain('callid');
  expect(verdicts[2]).toEqual({ ok: false, reason: 'shape', error: 'known event relayed as unknown' });
  expect(await page.evaluate(() => (window as unknown as { roundTrip: unknown }).roundTrip)).toEqual({
    ok: true,
    command: { name: 'callout', number: '88889007', mode: 'video', form: 'object' },
  });
  expect(server.requests).toContain('/dist/protocol/browser.min.mjs');
  expect(pageErrors).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { csp: string[] }).csp)).toEqual([]);
});
