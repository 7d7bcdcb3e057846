/**
 * `cec-bar-host/testing`: Playwright fixtures and helpers for QA. `@playwright/test` is an optional
 * peer dependency: install it to use this entry.
 *
 * The fixtures start, per test, everything a CRM's bar talks to, on 127.0.0.1: the mock fabric
 * (CEC), a bar shell server in front of it (origin B, as `createBarShellServer` runs in production)
 * and, for tests that need no CRM at all, a bare test page that mounts the bar (origin A).
 * To test your own CRM page instead, allow its origin with `test.use({ crmOrigins: [...] })` and
 * mount the bar in it with `barShell.shellUrl` and `barShell.cecContextPath`.
 *
 * @example
 * ```ts
 * import { test, expect, injectCall, signInAgent, barEvents } from 'cec-bar-host/testing';
 * test('a call rings in the page', async ({ barPage, mockFabric }) => {
 *   await signInAgent(barPage);
 *   await injectCall(mockFabric, { caller: '13800138001' });
 *   await expect.poll(() => barEvents(barPage, 'call.ringing')).toHaveLength(1);
 * });
 * ```
 * @packageDocumentation
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startMockFabric, type MockFabric, type MockFabricOptions } from '../../mock-fabric/index.js';
import { createBarShellServer } from '../server/index.js';
import { startBarHarness, type BarHarness } from './harness.js';
export { startBarHarness };

export { expect };
export { barFrame, barEvents, callOutFrom, signInAgent, injectCall, answerAsCustomer, hangUpAsCustomer, DEFAULT_CALLED } from './helpers.js';
export type { CallTarget, CustomerControl, RecordedBarEvent } from './helpers.js';
export type { BarHarness, HarnessMount } from './harness.js';
export type { MockFabric, MockFabricOptions };

/**
 * The bar shell server in front of the mock: what a page passes to `mountConnectionBar`.
 *
 * @example
 * ```ts
 * import { test } from 'cec-bar-host/testing';
 * test.use({ crmOrigins: ['http://127.0.0.1:3000'] });
 * test('my CRM mounts the bar', async ({ page, barShell }) => {
 *   await page.goto(`http://127.0.0.1:3000/?shellUrl=${encodeURIComponent(barShell.shellUrl)}&cec=${encodeURIComponent(barShell.cecContextPath)}`);
 * });
 * ```
 */
export interface BarShellFixture {
  /** The shell page (origin B): `mountConnectionBar({ shellUrl })`. */
  readonly shellUrl: string;
  /** CEC's context path as the shell sees it: `mountConnectionBar({ cecContextPath })`. */
  readonly cecContextPath: string;
  /** The mock tenant's id: `mountConnectionBar({ tenantSpaceId })`. */
  readonly tenantSpaceId: string;
}

/**
 * Fixtures added to Playwright's `test`.
 *
 * @example
 * ```ts
 * import { test } from 'cec-bar-host/testing';
 * test.use({ mockFabricOptions: { tenant: 'tests/my-tenant.json' } });
 * test('my tenant', async ({ mockFabric }) => {
 *   console.log(mockFabric.tenant.tenantSpaceId);
 * });
 * ```
 */
export interface CecBarFixtures {
  /**
   * Options for the mock fabric; override with `test.use({ mockFabricOptions: { tenant: 'my-tenant.json' } })`.
   * @default `{}` (the default tenant, every bar token trusted)
   */
  mockFabricOptions: MockFabricOptions;
  /**
   * Origins of your own CRM pages that may frame the bar, e.g. `['http://127.0.0.1:3000']`.
   * The test page's origin is always allowed.
   * @default `[]`
   */
  crmOrigins: readonly string[];
  /** A mock fabric on 127.0.0.1 (any free port), closed after the test. It trusts every bar token unless `mockFabricOptions` says otherwise. */
  mockFabric: MockFabric;
  /** The bar shell server (origin B) in front of `mockFabric`, allowing the test page and `crmOrigins`. */
  barShell: BarShellFixture;
  /** The server of the bare test page (origin A), which loads the `<script>` build and mounts the bar. */
  barHarness: BarHarness;
  /** The test page, mounted for agent `alice.chen` with the bar connected (the agent not yet signed in to CEC). */
  barPage: Page;
}

/**
 * Playwright's `test` with the cec-bar-host fixtures ({@link CecBarFixtures}).
 *
 * @example
 * ```ts
 * import { test, expect, barEvents, callOutFrom, signInAgent } from 'cec-bar-host/testing';
 * test('click-to-dial reaches the customer', async ({ barPage }) => {
 *   await signInAgent(barPage);
 *   await callOutFrom(barPage, '13800138002');
 *   await expect.poll(() => barEvents(barPage, 'call.dialing')).toHaveLength(1);
 * });
 * ```
 */
export const test = base.extend<CecBarFixtures>({
  mockFabricOptions: [{}, { option: true }],
  crmOrigins: [[], { option: true }],
  mockFabric: async ({ mockFabricOptions }, use) => {
    const fabric = await startMockFabric({ port: 0, host: '127.0.0.1', trustTokens: true, ...mockFabricOptions });
    try {
      await use(fabric);
    } finally {
      await fabric.close();
    }
  },
  barHarness: async ({}, use) => {
    const harness = await startBarHarness();
    try {
      await use(harness);
    } finally {
      await harness.close();
    }
  },
  barShell: async ({ mockFabric, barHarness, crmOrigins }, use) => {
    const shell = await createBarShellServer({ cecOrigin: new URL(mockFabric.url).origin, hostOrigins: [barHarness.origin, ...crmOrigins], port: 0, host: '127.0.0.1' });
    const base = shell.url.replace(/\/$/, '');
    try {
      await use({ shellUrl: `${base}/shell/shell.html`, cecContextPath: `${base}/service-cloud/`, tenantSpaceId: mockFabric.tenant.tenantSpaceId });
    } finally {
      await shell.close();
    }
  },
  barPage: async ({ page, barHarness, barShell }, use) => {
    await page.goto(barHarness.pageUrl({ ...barShell, userAccount: 'alice.chen' }));
    // Not the project's expect timeout (Playwright's default is 5 s): a loaded CI machine can need
    // the host's retry after a failed first attempt, and its backoff, before the bar is ready.
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await use(page);
  },
});
export { playScenario } from './scenario.js';
export type { ScenarioReport, ScenarioProgress, PlayOptions } from '../../mock-fabric/index.js';
