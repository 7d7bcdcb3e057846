/**
 * `preloadConnectionBar` in Chromium on the real three origins: a later mount takes the preloaded
 * shell frame over (the same element, the shell page loaded once, the console quiet), a preload
 * with other attributes or one still loading is never taken over, `abandon()` and `destroy()`
 * leave nothing behind, and bad options throw `INVALID_OPTIONS`.
 */
import { test, expect, type Page } from '@playwright/test';
import { startThreeOrigins, crmMountOptions, type ThreeOrigins, type CrmMountOptions } from '../../support/e2e-origins.js';
import { watchConsole } from '../../support/console-watch.js';
import { startTestServer } from '../../support/e2e-http.js';

interface PreloadHandle {
  abandon(): void;
}
interface PageWindow {
  __ready?: boolean;
  __mount(options: CrmMountOptions): boolean;
  __bar: { readonly state: string; destroy(): void; diagnostics(): { loads: number } };
  __preloads: PreloadHandle[];
  CecBarHostLib: { preloadConnectionBar(options: { shellUrl: string; sandbox?: string; allow?: string }): PreloadHandle };
}

let origins: ThreeOrigins | undefined;
test.afterEach(async () => {
  await origins?.close();
  origins = undefined;
});

async function openCrm(page: Page, running: ThreeOrigins): Promise<void> {
  await page.goto(running.crmUrl);
  await page.waitForFunction(() => (window as unknown as PageWindow).__ready === true);
}

/** Preloads in the CRM page (the handle stays in `__preloads`); resolves once the hidden frame has loaded. */
async function preload(page: Page, options: { shellUrl: string; sandbox?: string }): Promise<void> {
  await page.evaluate(async (preloadOptions) => {
    const win = window as unknown as PageWindow;
    const before = new Set(document.querySelectorAll('iframe'));
    (win.__preloads ??= []).push(win.CecBarHostLib.preloadConnectionBar(preloadOptions));
    const frame = [...document.querySelectorAll('iframe')].find((candidate) => !before.has(candidate));
    if (!frame) throw new Error('preloadConnectionBar added no frame');
    frame.dataset.preloaded = String(win.__preloads.length);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  }, options);
}

const waitReady = (page: Page): Promise<unknown> => page.waitForFunction(() => (window as unknown as PageWindow).__bar.state === 'ready');

/** Requests for the shell page itself (not its script or style). */
function countShellPageLoads(page: Page, shellUrl: string): () => number {
  let loads = 0;
  page.on('request', (request) => {
    if (request.url() === shellUrl) loads++;
  });
  return () => loads;
}

test('a mount takes the preloaded shell frame over: same element, one shell page load, quiet console', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  const watch = watchConsole(page);
  const shellLoads = countShellPageLoads(page, running.shellUrl);
  await openCrm(page, running);
  await preload(page, { shellUrl: running.shellUrl });
  // Hidden until a mount takes it: in a hidden holder at the end of the page, not in the bar's container.
  expect(await page.locator('div[hidden] > iframe[data-preloaded="1"]').count()).toBe(1);
  expect(await page.locator('#bar iframe').count()).toBe(0);

  await page.evaluate((options) => (window as unknown as PageWindow).__mount(options), crmMountOptions(running));
  // Taken over at once, before any token or handshake: the preloaded element is in the container now.
  expect(await page.locator('#bar > iframe[data-preloaded="1"]').count()).toBe(1);
  await waitReady(page);
  expect(await page.locator('iframe').count()).toBe(1);
  expect(await page.locator('div[hidden]').count()).toBe(0);
  expect(shellLoads()).toBe(1);
  // The preload's load counts as the bar's first: more than one would mean the shell reloaded.
  expect(await page.evaluate(() => (window as unknown as PageWindow).__bar.diagnostics().loads)).toBe(1);

  // Once taken over, abandon() leaves the bar's frame alone; destroy() then removes it.
  await page.evaluate(() => (window as unknown as PageWindow).__preloads[0]!.abandon());
  expect(await page.evaluate(() => (window as unknown as PageWindow).__bar.state)).toBe('ready');
  expect(await page.locator('#bar > iframe').count()).toBe(1);
  await page.evaluate(() => (window as unknown as PageWindow).__bar.destroy());
  expect(await page.locator('iframe').count()).toBe(0);
  expect(watch.unexpected([])).toEqual([]);
});

test('abandon() removes the preloaded frame and its holder; the next mount loads its own shell', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  const shellLoads = countShellPageLoads(page, running.shellUrl);
  await openCrm(page, running);
  const bodyChildren = await page.evaluate(() => document.body.children.length);
  await preload(page, { shellUrl: running.shellUrl });
  // Preloading the same shell again shares the frame: no second frame, no second page load.
  await page.evaluate((shellUrl) => {
    const win = window as unknown as PageWindow;
    win.__preloads.push(win.CecBarHostLib.preloadConnectionBar({ shellUrl }));
  }, running.shellUrl);
  expect(await page.locator('iframe').count()).toBe(1);
  await page.evaluate(() => (window as unknown as PageWindow).__preloads[1]!.abandon());
  expect(await page.locator('iframe').count()).toBe(0);
  expect(await page.evaluate(() => document.body.children.length)).toBe(bodyChildren);
  await page.evaluate(() => (window as unknown as PageWindow).__preloads[0]!.abandon()); // idempotent

  await page.evaluate((options) => (window as unknown as PageWindow).__mount(options), crmMountOptions(running));
  expect(await page.locator('#bar iframe[data-preloaded]').count()).toBe(0);
  await waitReady(page);
  expect(shellLoads()).toBe(2);
});

test('a preload with another sandbox is never taken over: the mount loads its own frame', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  await openCrm(page, running);
  await preload(page, { shellUrl: running.shellUrl, sandbox: 'allow-scripts allow-same-origin allow-forms allow-popups allow-downloads' });
  await page.evaluate((options) => (window as unknown as PageWindow).__mount(options), crmMountOptions(running));
  await waitReady(page);
  expect(await page.locator('#bar > iframe').getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-forms allow-popups');
  expect(await page.locator('#bar iframe[data-preloaded]').count()).toBe(0);
  // The other preload still waits, hidden, for a mount of its own kind, until abandoned.
  expect(await page.locator('div[hidden] > iframe[data-preloaded="1"]').getAttribute('sandbox')).toContain('allow-downloads');
  await page.evaluate(() => (window as unknown as PageWindow).__preloads[0]!.abandon());
  expect(await page.locator('iframe').count()).toBe(1);
});

test('a preloaded shell still loading is dropped: the mount opens its own frame and no second frame stays', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  const hang = await startTestServer({ '/shell.html': () => undefined });
  try {
    await openCrm(page, running);
    const shellUrl = `${hang.url.replace('127.0.0.1', 'localhost')}/shell.html`;
    await page.evaluate((url) => {
      const win = window as unknown as PageWindow;
      win.__preloads = [win.CecBarHostLib.preloadConnectionBar({ shellUrl: url })];
      document.querySelector('iframe')!.dataset.preloaded = '1';
    }, shellUrl);
    expect(await page.locator('div[hidden] > iframe[data-preloaded="1"]').count()).toBe(1);
    // Counted in the same task as the mount: the 300 ms handshake deadline removes the new frame, and
    // on a loaded machine a second look from the test can come after it.
    const framesAfterMount = await page.evaluate((options) => {
      (window as unknown as PageWindow).__mount(options);
      const count = (selector: string) => document.querySelectorAll(selector).length;
      return { fresh: count('#bar > iframe:not([data-preloaded])'), all: count('iframe'), holders: count('div[hidden]') };
    }, crmMountOptions(running, { shellUrl, timeouts: { handshakeMs: 300 }, retry: { attempts: 0 } }));
    // A new frame, not the one still loading; that one is gone with its holder.
    expect(framesAfterMount).toEqual({ fresh: 1, all: 1, holders: 0 });
    await page.waitForFunction(() => (window as unknown as PageWindow).__bar.state === 'failed');
    expect(await page.locator('iframe').count()).toBe(0);
  } finally {
    await hang.close();
  }
});

test('preloadConnectionBar refuses what mountConnectionBar refuses, with INVALID_OPTIONS naming the option', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  await openCrm(page, running);
  const refusals = await page.evaluate((shellUrl) => {
    const lib = (window as unknown as PageWindow).CecBarHostLib;
    const attempt = (options: { shellUrl: string; sandbox?: string }): unknown => {
      try {
        lib.preloadConnectionBar(options);
        return 'accepted';
      } catch (error) {
        const { code, details } = error as { code: string; details?: { option?: string } };
        return [code, details?.option];
      }
    };
    return [attempt({ shellUrl: `${location.origin}/shell/` }), attempt({ shellUrl, sandbox: 'allow-scripts allow-same-origin allow-top-navigation' }), attempt({ shellUrl: 'javascript:alert(1)' })];
  }, running.shellUrl);
  expect(refusals).toEqual([
    ['INVALID_OPTIONS', 'shellUrl'],
    ['INVALID_OPTIONS', 'sandbox'],
    ['INVALID_OPTIONS', 'shellUrl'],
  ]);
  expect(await page.locator('iframe').count()).toBe(0);
});
