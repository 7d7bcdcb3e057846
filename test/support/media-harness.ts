/**
 * Media test helpers: mount the bar on the three-origin harness, sign in, register the phone,
 * read the bar's and the customer phone's media statistics, and wait for packets to move or stop.
 */
import { expect, type Frame, type FrameLocator, type Page } from '@playwright/test';
import { crmMountOptions, type CrmMountOptions, type ThreeOrigins } from './e2e-origins.js';

/** What `window.__ccbarMediaStats()` answers in the bar (mock-fabric/bar/media/index.ts). */
export interface PeerFigures {
  readonly connectionState: string;
  readonly packetsSent: number;
  readonly packetsReceived: number;
  readonly audioLevelReceived: number;
  readonly audioLevelSent: number;
}
export interface BarMediaFigures {
  readonly phone: string;
  readonly legsStarted: number;
  readonly legError: string;
  readonly leg: null | { readonly peer: 'phone' | 'virtual'; readonly muted: boolean; readonly held: boolean; readonly agent: PeerFigures; readonly customer: PeerFigures | null };
}

/** The bar frame inside the shell frame inside the CRM page. */
export function barIn(page: Page): FrameLocator {
  return page.frameLocator('#bar iframe').frameLocator('iframe[name="ccbarclient"]');
}

/**
 * Open the CRM page on origin A and mount the bar; resolves once `bar.ready`.
 *
 * @example
 * const bar = await mountBar(page, origins, { allow: 'autoplay' });
 */
export async function mountBar(page: Page, o: ThreeOrigins, extra: Record<string, unknown> = {}, over: Partial<CrmMountOptions> = {}): Promise<FrameLocator> {
  await page.goto(o.crmUrl);
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  await page.evaluate((opts) => (window as unknown as { __mount(o: unknown): boolean }).__mount(opts), { ...crmMountOptions(o, over), ...extra });
  await page.waitForFunction(() => (window as unknown as { __bar: { state: string } }).__bar.state === 'ready');
  return barIn(page);
}

/** Expand the bar and sign in; waits until the agent is signed in (any state but offline). */
export async function signIn(bar: FrameLocator): Promise<void> {
  const signin = bar.getByTestId('bar-signin');
  if (!(await signin.isVisible())) await bar.getByTestId('bar-toggle').click();
  await signin.click();
  await expect(bar.locator('#ccbar')).not.toHaveAttribute('data-agent-state', 'offline');
}

/** Phone icon, then Register (as in CEC); closes the phone popover once the phone settled. */
export async function register(bar: FrameLocator): Promise<void> {
  await bar.getByTestId('bar-phone').click();
  await bar.getByTestId('bar-register').click();
  await expect(bar.locator('#ccbar')).not.toHaveAttribute('data-phone-state', /^(unregistered|registering)$/);
  await closePhonePopover(bar);
}

/** Close the phone popover (Escape, as a keyboard user would). */
export async function closePhonePopover(bar: FrameLocator): Promise<void> {
  await bar.getByTestId('bar-phone').press('Escape');
  await expect(bar.locator('#bar-phone-pop')).toBeHidden();
}

/** The `ccbarclient` frame as a Frame (for evaluate). */
export async function barFrameOf(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.name() === 'ccbarclient')).toBe(true);
  const f = page.frames().find((x) => x.name() === 'ccbarclient');
  if (!f) throw new Error('no ccbarclient frame');
  return f;
}

/** The bar's media statistics (its config must have `mediaStats` on). */
export function barStats(frame: Frame): Promise<BarMediaFigures> {
  return frame.evaluate(() => (window as unknown as { __ccbarMediaStats(): Promise<BarMediaFigures> }).__ccbarMediaStats());
}

/** The customer phone page's statistics (opened with `?test=1`). */
export function phoneStats(page: Page): Promise<PeerFigures | null> {
  return page.evaluate(() => (window as unknown as { __phoneMediaStats(): Promise<PeerFigures | null> }).__phoneMediaStats());
}

/**
 * Wait until `read()` has grown by at least `by` over its first value.
 *
 * @example
 * await keepsIncreasing(async () => (await phoneStats(phone))?.packetsReceived ?? 0);
 */
export async function keepsIncreasing(read: () => Promise<number>, by = 25): Promise<void> {
  const start = await read();
  await expect.poll(read, { timeout: 10_000 }).toBeGreaterThanOrEqual(start + by);
}

/**
 * Wait until `read()` stops changing: two reads 400 ms apart (the poll interval) give the same value.
 *
 * @example
 * await stopsIncreasing(async () => (await phoneStats(phone))?.packetsReceived ?? 0);
 */
export async function stopsIncreasing(read: () => Promise<number>): Promise<number> {
  let previous = Number.NaN;
  let value = 0;
  await expect
    .poll(
      async () => {
        value = await read();
        const same = value === previous;
        previous = value;
        return same;
      },
      { timeout: 10_000, intervals: [400] },
    )
    .toBe(true);
  return value;
}

/** Host events the CRM test page collected (`window.__events`). */
export function hostEvents(page: Page): Promise<{ name: string; payload: Record<string, unknown> }[]> {
  return page.evaluate(() => (window as unknown as { __events: { name: string; payload: Record<string, unknown> }[] }).__events);
}
