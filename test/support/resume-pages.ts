/**
 * Pages for the "truth after a reload" tests (issue 14, items 13 and 18): a CRM page on origin A
 * with a plain bar (`window.__mount`, see e2e-origins.ts) or a bar shared by tabs
 * (`cec-bar-host/tabs`), both recording every host event into `window.__events`, and the steps
 * those tests share (sign in from the bar, reload the shell, wait for an event).
 */
import { expect, type Frame, type FrameLocator, type Page } from '@playwright/test';
import { crmMountOptions, type CrmMountOptions, type ThreeOrigins } from './e2e-origins.js';
import { tabsBundle } from './tabs-bundle.js';

/** One host event as the page recorded it (errors reduced to `{ name, code, message }`). */
export interface PageEvent {
  readonly name: string;
  readonly payload: Record<string, unknown>;
  readonly at: number;
}

interface RecordingWindow {
  __events: PageEvent[];
  __ready?: boolean;
  __mount(options: CrmMountOptions): boolean;
  __bar: { readonly state: string; readonly agent: { state: string }; readonly calls: readonly { callId: string }[]; takeOver?(options?: { force: boolean }): Promise<void> };
  CecBarTabs: { mountSharedConnectionBar(options: unknown): RecordingWindow['__bar'] };
}

const SHARED_BAR_EVENTS = ['connection', 'ownership', 'agent.state', 'call.ringing', 'call.dialing', 'call.connected', 'call.ended', 'error'];

/**
 * Opens the CRM page and mounts a plain bar (`mountConnectionBar`).
 * @example await mountPlainBar(page, origins, { timeouts: { callEndConfirmMs: 4000 } });
 */
export async function mountPlainBar(page: Page, origins: ThreeOrigins, over: Partial<CrmMountOptions> = {}): Promise<void> {
  await page.goto(origins.crmUrl);
  await page.waitForFunction(() => (window as unknown as RecordingWindow).__ready === true);
  await page.evaluate((options) => (window as unknown as RecordingWindow).__mount(options), crmMountOptions(origins, over));
}

/**
 * Opens the CRM page in a tab and mounts the bar shared by the tabs (`mountSharedConnectionBar`).
 * @example await openSharedTab(page, origins, { timeouts: { callEndConfirmMs: 4000 } });
 */
export async function openSharedTab(page: Page, origins: ThreeOrigins, over: Partial<CrmMountOptions> = {}): Promise<void> {
  await page.goto(origins.crmUrl);
  await page.waitForFunction(() => (window as unknown as RecordingWindow).__ready === true);
  await page.addScriptTag({ content: await tabsBundle() });
  await page.evaluate(
    ([options, names]) => {
      const recording = window as unknown as RecordingWindow;
      const { token, ...rest } = options;
      const plain = (value: unknown): Record<string, unknown> =>
        JSON.parse(JSON.stringify(value, (_key, field: unknown) => (field instanceof Error ? { name: field.name, code: (field as { code?: string }).code, message: field.message } : field))) as Record<string, unknown>;
      recording.__events = [];
      const bar = recording.CecBarTabs.mountSharedConnectionBar({ container: '#bar', getAccessToken: async () => token, ...rest });
      recording.__bar = bar;
      for (const name of names) (bar as unknown as { on(n: string, f: (p: unknown) => void): void }).on(name, (payload) => recording.__events.push({ name, payload: plain(payload), at: Date.now() }));
    },
    [crmMountOptions(origins, over), SHARED_BAR_EVENTS] as const,
  );
}

/** Every host event the page recorded so far, optionally only those named `name`. */
export async function pageEvents(page: Page, name?: string): Promise<PageEvent[]> {
  const all = await page.evaluate(() => (window as unknown as RecordingWindow).__events);
  return name === undefined ? all : all.filter((event) => event.name === name);
}

/**
 * Waits for a host event whose payload has the given top-level fields (and was recorded after `from` events).
 * @example const offline = await waitForPageEvent(page, 'agent.state', { state: 'offline' });
 */
export async function waitForPageEvent(page: Page, name: string, match: Record<string, unknown> = {}, from = 0, timeout = 20_000): Promise<PageEvent> {
  const handle = await page.waitForFunction(
    ([eventName, fields, skip]) =>
      (window as unknown as RecordingWindow).__events.slice(skip).find((event) => event.name === eventName && Object.entries(fields).every(([key, value]) => event.payload[key] === value)),
    [name, match, from] as const,
    { timeout },
  );
  return (await handle.jsonValue()) as PageEvent;
}

/** The bar's own state, read in the page: `bar.agent.state` and the live call ids. */
export function barSnapshot(page: Page): Promise<{ state: string; agent: string; calls: string[] }> {
  return page.evaluate(() => {
    const bar = (window as unknown as RecordingWindow).__bar;
    return { state: bar.state, agent: bar.agent.state, calls: bar.calls.map((call) => call.callId) };
  });
}

/** The mock stock bar inside the shell frame of `page`. */
export function stockBar(page: Page): FrameLocator {
  return page.frameLocator('iframe').frameLocator('iframe[name=ccbarclient]');
}

/** Opens the stock bar's panel when it is folded. */
export async function openStockBar(page: Page): Promise<void> {
  const toggle = stockBar(page).getByTestId('bar-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** The agent signs in from the stock bar, as an agent would; waits until the bar says idle. */
export async function signInFromBar(page: Page): Promise<void> {
  await openStockBar(page);
  await stockBar(page).getByTestId('bar-signin').click();
  await expect(stockBar(page).locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle');
}

/** The shell frame (the CRM page's only child frame). */
export function shellFrameOf(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.parentFrame() === page.mainFrame());
  if (!frame) throw new Error('no shell frame in this page');
  return frame;
}

/**
 * Reloads the shell page in place and waits for the host to be `ready` again.
 * @example await reloadShell(page);
 */
export async function reloadShell(page: Page): Promise<void> {
  const before = (await pageEvents(page)).length;
  await shellFrameOf(page).evaluate(() => location.reload());
  await waitForPageEvent(page, 'connection', { state: 'reconnecting' }, before);
  await waitForPageEvent(page, 'connection', { state: 'ready' }, before);
}
