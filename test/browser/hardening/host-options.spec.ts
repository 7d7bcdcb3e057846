/**
 * The host's own defences in real Chromium (issue 14, host items), against the fake shell of
 * test/support/host-fake-shell.ts:
 * - a sandbox that grants top navigation in any spelling Chromium reads is refused before a frame
 *   exists, so the shell can never navigate the CRM page;
 * - a shell on the CRM's own origin is refused (it could read `parent.document` and take its sandbox off);
 * - `diagnostics().unknownEventTypes` stays bounded however many event types the bar invents.
 * Each refusal has a control: the same frame made by hand shows the attack works in Chromium.
 */
import { test, expect, type Page } from '@playwright/test';
import { startFakeShellServers, type FakeShellServers } from '../../support/host-fake-shell.js';

let servers: FakeShellServers;
test.beforeAll(async () => {
  servers = await startFakeShellServers();
});
test.afterAll(async () => {
  await servers.close();
});

async function openHost(page: Page): Promise<void> {
  await page.goto(`${servers.crm}/host.html`);
  await page.waitForFunction(() => (window as unknown as { __loaded?: boolean }).__loaded === true);
}

/** Mounts through the library; answers `mounted` or the refusal's `code:option`. */
function tryMount(page: Page, shellUrl: string, extra: Record<string, unknown> = {}): Promise<string> {
  return page.evaluate(([url, options]) => {
    try {
      (window as unknown as { __mount(u: string, e: unknown): unknown }).__mount(url, options);
      return 'mounted';
    } catch (error) {
      const barError = error as { code?: string; details?: { option?: string } };
      return `${barError.code}:${barError.details?.option}`;
    }
  }, [shellUrl, extra] as const);
}

/** Makes a frame by hand, without the library, with the given sandbox. */
function frameByHand(page: Page, src: string, sandbox: string): Promise<void> {
  return page.evaluate(([url, tokens]) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', tokens);
    frame.src = url;
    document.body.append(frame);
  }, [src, sandbox] as const);
}

/** Where the top page is after the frames had time to act, and how many frames it holds. */
async function topPageAfterAWhile(page: Page): Promise<{ url: string; title: string; frames: number }> {
  await page.waitForURL(/navigated\.html$/, { timeout: 2_000 }).catch(() => undefined);
  return { url: page.url(), title: await page.title(), frames: await page.locator('iframe').count() };
}

const TOP_NAVIGATION_SANDBOXES = [
  'allow-scripts allow-same-origin ALLOW-TOP-NAVIGATION',
  'allow-scripts allow-same-origin\nallow-top-navigation',
  'allow-scripts allow-same-origin\r\n\tallow-top-navigation',
];

for (const sandbox of TOP_NAVIGATION_SANDBOXES) {
  test(`a sandbox granting top navigation (${JSON.stringify(sandbox)}) is refused and the CRM page stays`, async ({ page }) => {
    await openHost(page);
    const escapeUrl = `${servers.shell}/shell/escape.html?to=${encodeURIComponent(`${servers.crm}/navigated.html`)}`;
    const outcome = await tryMount(page, escapeUrl, { sandbox });
    const topPage = await topPageAfterAWhile(page);
    expect({ outcome, ...topPage }).toEqual({ outcome: 'INVALID_OPTIONS:sandbox', url: `${servers.crm}/host.html`, title: 'host esm', frames: 0 });
  });
}

test('control: Chromium reads that sandbox as a grant, so a frame made with it navigates the CRM page', async ({ page }) => {
  await openHost(page);
  const escapeUrl = `${servers.shell}/shell/escape.html?to=${encodeURIComponent(`${servers.crm}/navigated.html`)}`;
  await frameByHand(page, escapeUrl, TOP_NAVIGATION_SANDBOXES[1]!);
  // Waited for, not looked at after a while: a loaded machine can take longer than that to navigate.
  await page.waitForURL(`${servers.crm}/navigated.html`);
});

test('a shellUrl on the CRM page\'s own origin is refused, so no frame can reach the page', async ({ page }) => {
  await openHost(page);
  const outcomes: string[] = [];
  for (const shellUrl of [`${servers.crm}/shell/escape.html`, '/shell/escape.html', 'data:text/html,<title>x</title>']) outcomes.push(await tryMount(page, shellUrl));
  const topPage = await topPageAfterAWhile(page);
  expect({ outcomes, ...topPage }).toEqual({ outcomes: Array(3).fill('INVALID_OPTIONS:shellUrl'), url: `${servers.crm}/host.html`, title: 'host esm', frames: 0 });
  // The same shell on an origin of its own mounts, and cannot touch the page.
  expect(await tryMount(page, `${servers.shell}/shell/escape.html`)).toBe('mounted');
  await expect(page.locator('#bar iframe')).toHaveCount(1);
  await page.waitForTimeout(500);
  expect(await page.title()).toBe('host esm');
  expect(await page.locator('#bar iframe').getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-forms allow-popups');
});

test('the same refusal holds when the library runs in an about:blank frame of the CRM (location.origin is "null" there)', async ({ page }) => {
  await openHost(page);
  const outcome = await page.evaluate(async (shellUrl) => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const inner = frame.contentWindow as Window & typeof globalThis & { eval(code: string): Promise<{ mountConnectionBar(options: unknown): unknown }> };
    inner.document.body.innerHTML = '<div id="bar"></div>';
    const library = await inner.eval('import("/host.mjs")');
    try {
      library.mountConnectionBar({ container: '#bar', shellUrl, cecContextPath: 'http://localhost:1/service-cloud/', tenantSpaceId: 't', userAccount: 'alice.chen', getAccessToken: async () => 'token' });
      return `mounted (location.origin ${inner.location.origin})`;
    } catch (error) {
      return `${(error as { code?: string }).code}:${(error as { details?: { option?: string } }).details?.option}`;
    }
  }, `${servers.crm}/shell/escape.html`);
  expect(outcome).toBe('INVALID_OPTIONS:shellUrl');
});

test('control: a sandboxed frame on the CRM\'s origin reads the page and takes its own sandbox off', async ({ page }) => {
  await openHost(page);
  await frameByHand(page, `${servers.crm}/shell/escape.html`, 'allow-scripts allow-same-origin allow-forms allow-popups');
  await expect(page).toHaveTitle('owned by the shell');
  expect(await page.locator('iframe').getAttribute('sandbox')).toBeNull();
});

test('diagnostics list at most 64 unknown event types and count the events past them', async ({ page }) => {
  await openHost(page);
  expect(await tryMount(page, `${servers.shell}/shell/?mode=ok`)).toBe('mounted');
  await page.waitForFunction(() => (window as unknown as { __bar: { state: string } }).__bar.state === 'ready');
  const shell = page.frames().find((frame) => frame.url().startsWith(`${servers.shell}/shell/`))!;
  const distinctTypes = 1_000;
  await shell.evaluate((count) => {
    const send = (window as unknown as { __cec(type: string, content: unknown): void }).__cec;
    for (let index = 0; index < count; index++) send(`AgentEvent_Invented_${index}`, null);
    send('AgentEvent_Invented_0', null); // a type already listed is counted, not dropped
  }, distinctTypes);
  await page.waitForFunction((count) => (window as unknown as { __events: [string][] }).__events.filter(([name]) => name === 'cec').length === count + 1, distinctTypes);
  const diagnostics = await page.evaluate(() => (window as unknown as { __bar: { diagnostics(): { unknownEvents: number; unknownEventTypes: string[]; unknownEventTypesDropped?: number } } }).__bar.diagnostics());
  const { unknownEvents, unknownEventTypes, unknownEventTypesDropped } = diagnostics;
  expect({ unknownEvents, listed: unknownEventTypes.length, unknownEventTypesDropped }).toEqual({ unknownEvents: distinctTypes + 1, listed: 64, unknownEventTypesDropped: distinctTypes - 64 });
  expect(unknownEventTypes).toEqual(Array.from({ length: 64 }, (_, index) => `AgentEvent_Invented_${index}`));
});
