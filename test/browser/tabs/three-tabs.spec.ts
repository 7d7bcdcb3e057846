/**
 * Issue 9: three tabs of the CRM for one agent in one browser context share one bar: one shell
 * frame across them, events in all three, callOut from a standby tab through the owner.
 */
import { test, expect, type Page } from '@playwright/test';
import { startThreeOrigins, crmMountOptions, type ThreeOrigins, type CrmMountOptions } from '../../support/e2e-origins.js';
import { tabsBundle } from '../../support/tabs-bundle.js';

interface Recorded { name: string; payload: Record<string, unknown> }
type Shared = { state: string; ownership: { owner: boolean }; callOut(n: string, o: { media: string }): Promise<Record<string, unknown>> };
type W = { __ev: Recorded[]; __sb: Shared; CecBarTabs: { mountSharedConnectionBar(o: unknown): Shared }; __ready?: boolean };

let o: ThreeOrigins;
test.afterEach(async () => o?.close());

async function openTab(page: Page, opts: CrmMountOptions): Promise<void> {
  await page.goto(o.crmUrl);
  await page.waitForFunction(() => (window as unknown as W).__ready === true);
  await page.addScriptTag({ content: await tabsBundle() });
  await page.evaluate((op) => {
    const w = window as unknown as W;
    const { token, ...rest } = op as CrmMountOptions & { token: string };
    w.__ev = [];
    const bar = w.CecBarTabs.mountSharedConnectionBar({ container: '#bar', getAccessToken: async () => token, ...rest });
    w.__sb = bar;
    for (const n of ['connection', 'ownership', 'agent.state', 'call.ringing', 'call.dialing', 'call.ended'])
      (bar as unknown as { on(n: string, f: (p: unknown) => void): void }).on(n, (p) => w.__ev.push({ name: n, payload: JSON.parse(JSON.stringify(p)) }));
  }, opts);
}
const waitFor = (page: Page, name: string, match: Record<string, unknown> = {}) =>
  page.waitForFunction(
    ([n, m]) => (window as unknown as W).__ev.find((e) => e.name === n && Object.entries(m).every(([k, v]) => e.payload[k] === v)),
    [name, match] as const,
    { timeout: 15_000 },
  );
const frames = async (pages: Page[]) => (await Promise.all(pages.map((p) => p.locator('iframe').count()))).reduce((a, b) => a + b, 0);

test('three tabs: one frame, ringing everywhere, callOut from a standby tab', async ({ context }) => {
  o = await startThreeOrigins({ sameSiteCrm: true });
  const opts = crmMountOptions(o);
  const pages = [await context.newPage(), await context.newPage(), await context.newPage()];
  for (const p of pages) await openTab(p, opts);
  const owners = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as W).__sb.ownership.owner)));
  expect(owners.filter(Boolean)).toHaveLength(1);
  const owner = pages[owners.indexOf(true)]!;
  const standby = pages.filter((p) => p !== owner);
  for (const p of standby) expect(await p.evaluate(() => (window as unknown as W).__sb.state)).toBe('standby');
  await waitFor(owner, 'connection', { state: 'ready' });
  expect(await frames(pages)).toBe(1);

  const ui = owner.frameLocator('iframe').frameLocator('iframe[name=ccbarclient]');
  const toggle = ui.getByTestId('bar-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await ui.getByTestId('bar-signin').click();
  for (const p of pages) await waitFor(p, 'agent.state', { state: 'idle' });

  const { callId } = o.mock.control.injectCall({ caller: '13900000001', called: '66882' });
  for (const p of pages) await waitFor(p, 'call.ringing', { callId });
  o.mock.control.hangupCall(callId);
  for (const p of pages) await waitFor(p, 'call.ended', { callId });
  for (const p of standby) await waitFor(p, 'agent.state', { state: 'idle' });

  const dialed = await standby[0]!.evaluate(() => (window as unknown as W).__sb.callOut('13900000003', { media: 'audio' }));
  expect(dialed).toMatchObject({ direction: 'outbound' });
  for (const p of pages) await waitFor(p, 'call.dialing', { callId: dialed.callId as string });
});


async function threeTabsInCall(context: import('@playwright/test').BrowserContext) {
  o = await startThreeOrigins({ sameSiteCrm: true });
  const opts = crmMountOptions(o);
  const pages = [await context.newPage(), await context.newPage(), await context.newPage()];
  for (const p of pages) await openTab(p, opts);
  const owners = await Promise.all(pages.map((p) => p.evaluate(() => (window as unknown as W).__sb.ownership.owner)));
  const owner = pages[owners.indexOf(true)]!;
  const rest = pages.filter((p) => p !== owner);
  await waitFor(owner, 'connection', { state: 'ready' });
  const ui = owner.frameLocator('iframe').frameLocator('iframe[name=ccbarclient]');
  const toggle = ui.getByTestId('bar-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await ui.getByTestId('bar-signin').click();
  await waitFor(owner, 'agent.state', { state: 'idle' });
  const { callId } = o.mock.control.injectCall({ caller: '13900000001', called: '66882' });
  for (const p of pages) await waitFor(p, 'call.ringing', { callId });

  return { owner, rest, callId };
}

test('owner tab closes mid-call: another tab owns the bar within 2 s; takeOver refused during the call', async ({ context }) => {
  const { owner, rest } = await threeTabsInCall(context);
  const refused = await rest[0]!.evaluate(() =>
    (window as unknown as { __sb: { takeOver(): Promise<void> } }).__sb.takeOver().then(() => 'ok', (e: { code: string }) => e.code),
  );
  expect(refused).toBe('TAKEOVER_REFUSED');
  const closedAt = Date.now();
  await owner.close();
  const next = await Promise.race(rest.map((p, i) => waitFor(p, 'ownership', { owner: true }).then(() => i)));
  expect(Date.now() - closedAt).toBeLessThan(2000);
  expect(await frames(rest)).toBe(1);
  await waitFor(rest[next]!, 'connection', { state: 'ready' });
});
