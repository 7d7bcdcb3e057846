/**
 * Issue 9: `moveTo()` during a live call in Chromium keeps the shell's document (no reload, no
 * re-handshake) and the call continues. Three origins, real shell, real mock fabric.
 */
import { test, expect, type Page, type Frame } from '@playwright/test';
import { startThreeOrigins, crmMountOptions, type ThreeOrigins, type CrmMountOptions } from '../../support/e2e-origins.js';

interface Recorded { name: string; payload: Record<string, unknown>; at: number }
type Bar = { moveTo(c: HTMLElement | null): boolean; diagnostics(): { loads: number; handshakes?: number } };
type W = { __events: Recorded[]; __mount(o: CrmMountOptions): boolean; __ready?: boolean; __bar: Bar };

let o: ThreeOrigins;
test.afterEach(async () => o?.close());

const barUi = (page: Page) => page.frameLocator('iframe').frameLocator('iframe[name=ccbarclient]');
const shellFrame = (page: Page): Frame => page.frames().find((f) => f.parentFrame() === page.mainFrame()) as Frame;
async function waitForEvent(page: Page, name: string, match: Record<string, unknown> = {}): Promise<Recorded> {
  const h = await page.waitForFunction(
    ([n, m]) => (window as unknown as W).__events.find((e) => e.name === n && Object.entries(m).every(([k, v]) => e.payload[k] === v)),
    [name, match] as const,
    { timeout: 15_000 },
  );
  return (await h.jsonValue()) as Recorded;
}

/** The agent signs in in the bar, and a customer's call rings there; resolves with its call id. */
async function signInAndRing(page: Page): Promise<string> {
  const toggle = barUi(page).getByTestId('bar-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await barUi(page).getByTestId('bar-signin').click();
  await waitForEvent(page, 'agent.state', { state: 'idle' });
  const { callId } = o.mock.control.injectCall({ caller: '13900000001', called: '66882' });
  await waitForEvent(page, 'call.ringing', { callId });
  return callId;
}

test('moveTo during a live call keeps the frame document and the call', async ({ page }) => {
  o = await startThreeOrigins({ sameSiteCrm: true });
  await page.goto(o.crmUrl);
  await page.waitForFunction(() => (window as unknown as W).__ready === true);
  await page.evaluate((opts) => (window as unknown as W).__mount(opts), crmMountOptions(o));
  await waitForEvent(page, 'connection', { state: 'ready' });
  const callId = await signInAndRing(page);
  await barUi(page).getByTestId('bar-answer').click();
  await waitForEvent(page, 'call.connected', { callId });

  await shellFrame(page).evaluate(() => ((window as unknown as { __marker: string }).__marker = 'kept'));
  const before = await page.evaluate(() => ({ d: (window as unknown as W).__bar.diagnostics(), n: (window as unknown as W).__events.length }));
  // The CRM re-renders: a new route container; then a route with none (parked), then back.
  const kept = await page.evaluate(() => {
    const b = (window as unknown as W).__bar;
    const next = document.createElement('div');
    next.id = 'bar2';
    next.style.cssText = 'width:420px;height:640px';
    document.body.append(next);
    const a = b.moveTo(null);
    document.getElementById('bar')?.remove();
    return [a, b.moveTo(next)];
  });
  expect(kept).toEqual([true, true]);
  await expect(page.locator('#bar2 > iframe')).toHaveCount(1);
  expect(await shellFrame(page).evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('kept');
  const after = await page.evaluate(() => ({ d: (window as unknown as W).__bar.diagnostics(), ev: (window as unknown as W).__events }));
  expect(after.d.loads).toBe(before.d.loads);
  expect(after.d).toMatchObject({ state: 'ready' });
  // no reconnect: no connection event since the move
  expect(after.ev.slice(before.n).filter((e) => e.name === 'connection')).toEqual([]);

  o.mock.control.hangupCall(callId);
  const ended = await waitForEvent(page, 'call.ended', { callId });
  expect(ended.payload).toMatchObject({ outcome: 'completed' });
});

test('a bar mounted out of sight is ready there; moveTo brings it into view alive, and the agent signs in and gets a call', async ({ page }) => {
  o = await startThreeOrigins({ sameSiteCrm: true });
  await page.goto(o.crmUrl);
  await page.waitForFunction(() => (window as unknown as W).__ready === true);
  // The CRM's start: the bar mounts in a hidden element, before the agent opens the phone panel.
  await page.evaluate(() => ((document.getElementById('bar') as HTMLElement).hidden = true));
  await page.evaluate((opts) => (window as unknown as W).__mount(opts), crmMountOptions(o));
  await waitForEvent(page, 'connection', { state: 'ready' });
  await expect(page.locator('#bar > iframe')).toBeHidden();
  await shellFrame(page).evaluate(() => ((window as unknown as { __marker: string }).__marker = 'kept'));
  const before = await page.evaluate(() => ({ d: (window as unknown as W).__bar.diagnostics(), n: (window as unknown as W).__events.length }));

  // The agent opens the panel.
  const kept = await page.evaluate(() => {
    const panel = document.createElement('div');
    panel.id = 'panel';
    panel.style.cssText = 'width:420px;height:640px';
    document.body.append(panel);
    return (window as unknown as W).__bar.moveTo(panel);
  });
  expect(kept).toBe(true);
  await expect(page.locator('#panel > iframe')).toBeVisible();
  expect(await shellFrame(page).evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('kept');
  const after = await page.evaluate(() => ({ d: (window as unknown as W).__bar.diagnostics(), ev: (window as unknown as W).__events }));
  expect(after.d.loads).toBe(before.d.loads);
  expect(after.d).toMatchObject({ state: 'ready' });
  expect(after.ev.slice(before.n).filter((e) => e.name === 'connection')).toEqual([]);

  // The bar that loaded out of sight works in view.
  await signInAndRing(page);
});
