/**
 * `cec-bar-host/testing`: Playwright fixtures and helpers for QA. `@playwright/test` is an optional
 * peer dependency: install it to use this entry.
 *
 * @example
 * import { test, expect, injectCall, signInAgent } from 'cec-bar-host/testing';
 * test('screen pop', async ({ crmPage, crm }) => {
 *   await signInAgent(crmPage);
 *   await injectCall(crm, { caller: '13800138001' });
 *   await expect(crmPage.getByTestId('record-name')).toHaveText('Marta Kowalski');
 * });
 * @packageDocumentation
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startMockFabric } from '../../mock-fabric/index.js';
import { startDemoStack, type DemoStack, type DemoStackOptions } from '../../host-demo/server/stack.js';
import { signInCrm } from './helpers.js';

export { expect };
export { barFrame, signInAgent, signInCrm, injectCall, answerAsCustomer, hangUpAsCustomer, DEFAULT_CALLED } from './helpers.js';
export type { CallTarget } from './helpers.js';
export type { DemoStack, DemoStackOptions };

/** What `startMockFabric` returns. */
export type MockFabric = Awaited<ReturnType<typeof startMockFabric>>;

/** Fixtures added to Playwright's `test`. */
export interface CecBarFixtures {
  /** Options for `crm`; override with `test.use({ crmOptions: { … } })`. */
  crmOptions: DemoStackOptions;
  /**
   * A stand-alone mock fabric on 127.0.0.1 (any free port), closed after the test. It trusts every
   * bar token (no verification callback): point your own CRM page at it.
   */
  mockFabric: MockFabric;
  /**
   * The demo on three origins, started per test: the demo CRM (A), the bar shell server (B) and its
   * own mock fabric (C) that validates bar tokens against the CRM's verification API.
   */
  crm: DemoStack;
  /** A page signed in to the demo CRM as Alice, with the bar mounted and connected (not yet signed in to CEC). */
  crmPage: Page;
}

/**
 * Playwright's `test` with the cec-bar-host fixtures.
 *
 * @example
 * test('click-to-dial', async ({ crmPage, crm }) => {
 *   await signInAgent(crmPage);
 *   await crmPage.getByTestId('dial-13800138002').first().click();
 *   await expect.poll(() => crm.fabric.control.state()).toBeTruthy();
 * });
 */
export const test = base.extend<CecBarFixtures>({
  crmOptions: [{}, { option: true }],
  mockFabric: async ({}, use) => {
    const fabric = await startMockFabric({ port: 0, host: '127.0.0.1', trustTokens: true });
    try {
      await use(fabric);
    } finally {
      await fabric.close();
    }
  },
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
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'ready');
    await use(page);
  },
});
