/**
 * Issue 5's shell server acceptance against the real mock fabric: the shell, through B's proxy,
 * loads the mock bar, and the mock's `sum_*` cookies land on origin B; paths outside
 * `/shell/` and `/service-cloud/` are refused.
 */
import { test, expect } from '@playwright/test';
import { startThreeOrigins, crmMountOptions, type ThreeOrigins } from '../../support/e2e-origins.js';

let o: ThreeOrigins;
test.afterEach(async () => {
  await o?.close();
});

test('the shell loads the mock bar through the proxy and the sum_* cookies land on origin B', async ({ page, context }) => {
  // Same site as B, as in production (B on a sub-domain of the CRM's site): the cookies are first-party.
  o = await startThreeOrigins({ sameSiteCrm: true });
  await page.goto(o.crmUrl);
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.evaluate((opts) => (window as unknown as { __mount: (x: unknown) => boolean }).__mount(opts), crmMountOptions(o));
  const bar = page.frameLocator('iframe').frameLocator('iframe[name=ccbarclient]');
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-agent-state', 'offline');
  const barFrame = page.frames().find((f) => f.name() === 'ccbarclient');
  expect(barFrame && new URL(barFrame.url()).origin).toBe(o.originB); // the bar itself came through the proxy
  const names = (await context.cookies(o.originB)).map((c) => c.name).filter((n) => n.startsWith('sum_')).sort();
  expect(names).toEqual(['sum_atime', 'sum_refresh_token', 'sum_sid', 'sum_token']);
  expect((await context.cookies(o.originC)).filter((c) => c.name.startsWith('sum_'))).toEqual([]);
});

test('origin B refuses paths outside /shell/ and /service-cloud/', async ({ request }) => {
  o = await startThreeOrigins();
  for (const p of ['/', '/__mock/state', '/agentgateway/resource/agentevent/101', '/ccdesktop/pages/cc-bar/bar.html']) {
    expect((await request.get(`${o.originB}${p}`)).status(), p).toBe(404);
  }
  // The same mock paths answer under /service-cloud/.
  expect((await request.get(`${o.originB}/service-cloud/ccdesktop/pages/cc-bar/bar.html`)).status()).toBe(200);
});
