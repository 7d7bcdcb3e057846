/**
 * Mount → ready overlaps what does not depend on each other: the shell frame is in the container
 * when `mountConnectionBar` returns and its page loads while the token request is still out; the
 * handshake (which carries the token) waits for both. A token that never comes is a
 * HANDSHAKE_TIMEOUT, not a shell that "loaded but never answered". Whichever comes first, the shell
 * page's announcement or its load event, a later reload of the shell page is noticed.
 */
import { test, expect, type Page } from '@playwright/test';
import { startThreeOrigins, crmMountOptions, type ThreeOrigins } from '../../support/e2e-origins.js';
import { watchConsole } from '../../support/console-watch.js';

interface PageWindow {
  __ready?: boolean;
  __bar: { readonly state: string; diagnostics(): { loads: number; status?: string }; destroy(): void };
  __releaseToken(): void;
  __errors: string[];
  __states: string[];
  CecBarHostLib: {
    mountConnectionBar(options: Record<string, unknown>): PageWindow['__bar'] & { on(name: string, listener: (payload: { code: string; state: string }) => void): void };
  };
}

let origins: ThreeOrigins | undefined;
test.afterEach(async () => {
  await origins?.close();
  origins = undefined;
});

/**
 * Mounts into `#bar`, recording the bar's errors (`__errors`) and connection states (`__states`).
 * `holdToken`: the token comes only when the test calls `__releaseToken` (once: a second attempt
 * waits for another call). Returns the iframes in `#bar` right after the call.
 */
async function mount(page: Page, running: ThreeOrigins, { holdToken = true, extra = {} }: { holdToken?: boolean; extra?: Record<string, unknown> } = {}): Promise<number> {
  const { token, ...options } = crmMountOptions(running);
  return page.evaluate(
    ([mountOptions, issuedToken, hold]) => {
      const win = window as unknown as PageWindow;
      win.__errors = [];
      win.__states = [];
      const getAccessToken = (): Promise<string> =>
        hold ? new Promise((resolve) => (win.__releaseToken = () => resolve(issuedToken))) : Promise.resolve(issuedToken);
      const bar = win.CecBarHostLib.mountConnectionBar({ ...mountOptions, container: '#bar', getAccessToken });
      win.__bar = bar;
      bar.on('error', (error) => win.__errors.push(error.code));
      bar.on('connection', (change) => win.__states.push(change.state));
      return document.querySelectorAll('#bar iframe').length;
    },
    [{ ...options, ...extra }, token, holdToken] as const,
  );
}

test('the shell frame is inserted at once and loads while the token is on its way; the handshake waits for the token', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  const watch = watchConsole(page);
  await page.goto(running.crmUrl);
  await page.waitForFunction(() => (window as unknown as PageWindow).__ready === true);
  expect(await mount(page, running)).toBe(1);
  // The shell page loads with no token yet; nothing is posted to it (no status: no handshake).
  await page.waitForFunction(() => (window as unknown as PageWindow).__bar.diagnostics().loads === 1);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => ({ state: (window as unknown as PageWindow).__bar.state, status: (window as unknown as PageWindow).__bar.diagnostics().status }))).toEqual({
    state: 'connecting',
    status: undefined,
  });
  await page.evaluate(() => (window as unknown as PageWindow).__releaseToken());
  await page.waitForFunction(() => (window as unknown as PageWindow).__bar.state === 'ready');
  expect(await page.evaluate(() => (window as unknown as PageWindow).__bar.diagnostics().loads)).toBe(1);
  await page.evaluate(() => (window as unknown as PageWindow).__bar.destroy());
  expect(watch.unexpected([])).toEqual([]);
});

test('a token that never comes fails with HANDSHAKE_TIMEOUT although the shell page loaded', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  await page.goto(running.crmUrl);
  await page.waitForFunction(() => (window as unknown as PageWindow).__ready === true);
  await mount(page, running, { extra: { timeouts: { handshakeMs: 1500 }, retry: { attempts: 0 } } });
  await page.waitForFunction(() => (window as unknown as PageWindow).__bar.diagnostics().loads === 1);
  await page.waitForFunction(() => (window as unknown as PageWindow).__bar.state === 'failed', undefined, { timeout: 10_000 });
  expect(await page.evaluate(() => (window as unknown as PageWindow).__errors)).toEqual(['HANDSHAKE_TIMEOUT']);
  expect(await page.locator('iframe').count()).toBe(0);
});

test('the shell page announces itself: the handshake goes before its load event, the bar is ready while the page still loads, and that load is no reload', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  const watch = watchConsole(page);
  // An image held until the test lets it go holds the shell page's load event back (img-src 'self'
  // allows it). Not a 4 s timer: on a loaded machine the bar can take longer than that to be ready,
  // and the page's load would come first. The 30 s bound only frees the route of a failed test.
  let releaseImage!: () => void;
  const imageHeld = new Promise<void>((resolve) => (releaseImage = resolve));
  await page.route('**/shell/**', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('</body>', '<img alt="" src="/service-cloud/held-image.svg"></body>');
    await route.fulfill({ response, body });
  });
  await page.route('**/service-cloud/held-image.svg', async (route) => {
    await Promise.race([imageHeld, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    await route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
  });
  await page.goto(running.crmUrl);
  await page.waitForFunction(() => (window as unknown as PageWindow).__ready === true);
  await mount(page, running);
  await page.evaluate(() => (window as unknown as PageWindow).__releaseToken());
  await page.waitForFunction(() => (window as unknown as PageWindow).__bar.state === 'ready', undefined, { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as PageWindow).__bar.diagnostics().loads)).toBe(0);
  releaseImage();
  await page.waitForFunction(() => (window as unknown as PageWindow).__bar.diagnostics().loads === 1);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as PageWindow).__bar.state)).toBe('ready');
  expect(await page.evaluate(() => (window as unknown as PageWindow).__errors)).toEqual([]);
  await page.evaluate(() => (window as unknown as PageWindow).__bar.destroy());
  expect(watch.unexpected([])).toEqual([]);
});

test('a shell page whose announcement comes after its load event (an order the browser may choose): ready, and a reload afterwards is rebuilt', async ({ page }) => {
  const running = (origins = await startThreeOrigins());
  const watch = watchConsole(page);
  // The shell's script waits for its page's load event, so the host sees the frame's load first
  // and the announcement after it, on the first page and on the reloaded one alike. It still
  // reads its nonce from `document.currentScript`, which is its own element only while it runs.
  await page.route('**/shell/**', async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const body = html.replace(
      /<script nonce="([^"]+)">([\s\S]*?)<\/script>/,
      (_match, nonce: string, script: string) =>
        `<script nonce="${nonce}">(() => { const script = document.currentScript; addEventListener('load', () => setTimeout(() => { ` +
        `Object.defineProperty(document, 'currentScript', { configurable: true, get: () => script }); ` +
        `try { ${script}\n} finally { delete document.currentScript; } }, 0)); })();</script>`,
    );
    expect(body, 'the shell page has one inline script to defer').not.toBe(html);
    await route.fulfill({ response, body });
  });
  await page.goto(running.crmUrl);
  await page.waitForFunction(() => (window as unknown as PageWindow).__ready === true);
  // A handshake deadline far beyond the test's waits: a reload the host missed is not rescued by a retry.
  await mount(page, running, { holdToken: false, extra: { timeouts: { handshakeMs: 60_000 } } });
  await page.waitForFunction(() => (window as unknown as PageWindow).__bar.state === 'ready', undefined, { timeout: 20_000 });

  const shell = page.frames().find((frame) => frame.url().includes('/shell/'));
  await shell!.evaluate(() => location.reload());
  await expect
    .poll(() => page.evaluate(() => (window as unknown as PageWindow).__states), { message: 'the reload was noticed and the new page is ready' })
    .toEqual(['ready', 'reconnecting', 'ready']);
  expect(await page.evaluate(() => (window as unknown as PageWindow).__bar.diagnostics())).toMatchObject({ loads: 2, status: 'loaded' });
  expect(await page.evaluate(() => (window as unknown as PageWindow).__errors)).toEqual([]);
  await page.evaluate(() => (window as unknown as PageWindow).__bar.destroy());
  expect(watch.unexpected([])).toEqual([]);
});
