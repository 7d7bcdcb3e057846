/**
 * The repository's own fixtures for tests of the demo CRM (host-demo/): `cec-bar-host/testing`'s
 * `test` plus `crm` (the demo on three origins) and `crmPage`. Not published: the demo's data and
 * pages are not in the package.
 */
import { expect, type Page } from '@playwright/test';
import { test as cecTest, barFrame, injectCall } from '../../src/testing/index.js';
import { startDemoStack, type DemoStack, type DemoStackOptions } from '../../host-demo/server/stack.js';

export * from '../../src/testing/index.js';
export type { DemoStack, DemoStackOptions };

/**
 * Opens the demo CRM and signs in as one of its users (default Alice, mapped to CEC `alice.chen`).
 *
 * @example
 * await signInCrm(page, crm.urls.crm);
 */
export async function signInCrm(page: Page, crmUrl: string, userId = 'u-alice'): Promise<void> {
  await page.goto(crmUrl);
  await page.getByTestId(`signin-${userId}`).click();
  await expect(page.getByTestId('customer-list')).toBeVisible();
}

/**
 * One inbound call in the demo, as the agent handles it: a customer rings, the agent answers in the
 * bar, then hangs up in the bar. The agent must be signed in; returns the call's id.
 *
 * @example
 * const callId = await answerAndHangUpInDemo(page, crm);
 */
export async function answerAndHangUpInDemo(page: Page, crm: DemoStack, caller = '13800138001'): Promise<string> {
  const bar = barFrame(page);
  const { callId } = await injectCall(crm, { caller });
  await expect(page.getByTestId('live-call')).toHaveAttribute('data-phase', 'ringing');
  await bar.getByTestId('bar-answer').click();
  await expect(page.getByTestId('live-call')).toHaveAttribute('data-phase', 'connected');
  await bar.getByTestId('bar-hangup').click();
  return callId;
}

export interface DemoFixtures {
  /** Options for `crm`; override with `test.use({ crmOptions: { … } })`. */
  crmOptions: DemoStackOptions;
  /** The demo on three origins, started per test: the CRM (A), the bar shell server (B) and its own mock fabric (C). */
  crm: DemoStack;
  /** A page signed in to the demo CRM as Alice, with the bar mounted and connected (not yet signed in to CEC). */
  crmPage: Page;
}

export const test = cecTest.extend<DemoFixtures>({
  crmOptions: [{}, { option: true }],
  crm: async ({ crmOptions }, use) => {
    const stack = await startDemoStack({ crmPort: 0, shellPort: 0, fabricPort: 0, ...crmOptions });
    try {
      await use(stack);
    } finally {
      await stack.close();
    }
  },
  crmPage: async ({ page, crm }, use) => {
    await signInCrm(page, crm.urls.crm, 'u-alice');
    // Longer than expect's 10 s: on a loaded machine the host's first attempt can fail and its retry
    // (a designed path: 'reconnecting', then 'ready') needs more than that.
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await use(page);
  },
});
