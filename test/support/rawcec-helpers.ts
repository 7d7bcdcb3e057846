/**
 * Playwright helpers for the raw CEC demo page (test/support/rawcec-page.ts): read what the bar
 * posted to the page, subscribe, dial, and sign in by clicking the bar.
 */
import { expect, type Page, type FrameLocator } from '@playwright/test';

/** One message the page received from the bar, as collected in `window.cecMessages`. */
export interface PostedMessage {
  readonly origin: string;
  readonly data: { event: { eventType: string; workNo: string; content: unknown }; message: string };
}

interface RawCecWindow {
  cecMessages: PostedMessage[];
  cecSubscribe(events: string[]): void;
  cecCallout(number: string, mode: string): void;
}

/**
 * Everything the bar has posted so far.
 *
 * @example
 * const types = (await postedMessages(page)).map((m) => m.data.event.eventType);
 */
export function postedMessages(page: Page): Promise<PostedMessage[]> {
  return page.evaluate(() => (window as unknown as RawCecWindow).cecMessages);
}

/**
 * Wait until the page has received `type` among the messages after index `after`; returns it.
 *
 * @example
 * const ring = await waitForPosted(page, 'AgentOther_PhoneAlerting', seen);
 */
export async function waitForPosted(page: Page, type: string, after = 0): Promise<PostedMessage> {
  await expect
    .poll(async () => (await postedMessages(page)).slice(after).some((m) => m.data.event.eventType === type), { message: `waiting for ${type}` })
    .toBe(true);
  return (await postedMessages(page)).slice(after).find((m) => m.data.event.eventType === type)!;
}

/**
 * Open the demo page, wait for the `ccbarclient` frame and send `eventpost` with `events`.
 *
 * @example
 * const bar = await openRawCecPage(page, crm.origin, ['AgentState_Ready']);
 */
export async function openRawCecPage(page: Page, origin: string, events: readonly string[]): Promise<FrameLocator> {
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => !!document.querySelector('iframe[name="ccbarclient"]'));
  const bar = page.frameLocator('iframe[name="ccbarclient"]');
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-started', 'true');
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-agent-state', 'offline');
  await page.evaluate((e) => (window as unknown as RawCecWindow).cecSubscribe(e), [...events]);
  return bar;
}

/**
 * `callout` from the page, as CEC's demo sends it (JSON string, `[number, mode]`).
 *
 * @example
 * await rawCallout(page, '88889007');
 */
export function rawCallout(page: Page, number: string, mode = 'audio'): Promise<void> {
  return page.evaluate(([n, m]) => (window as unknown as RawCecWindow).cecCallout(n, m), [number, mode] as const);
}

/**
 * Expand the bar and click Sign In; waits until the bar shows the agent idle.
 *
 * @example
 * await signInByClicking(bar);
 */
export async function signInByClicking(bar: FrameLocator): Promise<void> {
  await bar.getByTestId('bar-toggle').click();
  await bar.getByTestId('bar-signin').click();
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle');
}

/**
 * Sign an agent in straight through the mock gateway with its tenant password (no bar, no polls):
 * the mock then routes calls to it.
 *
 * @example
 * await signInOverHttp(mock, 102);
 */
export async function signInOverHttp(mock: { url: string; tenant: { agents: ReadonlyArray<{ workNo: number; password: string }> } }, workNo: number): Promise<void> {
  const a = mock.tenant.agents.find((x) => x.workNo === workNo);
  if (!a) throw new Error(`agent ${workNo} is not in the tenant`);
  const res = await fetch(`${mock.url}agentgateway/resource/onlineagent/${workNo}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password: a.password, phonenum: '', autoenteridle: true }),
  });
  expect(((await res.json()) as { retcode: string }).retcode).toBe('0');
}
