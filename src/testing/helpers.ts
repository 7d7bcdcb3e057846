/** Helpers for driving the bar and the mock fabric from Playwright tests. */
import { expect, type FrameLocator, type Page } from '@playwright/test';

/** Route 66881 (access code 6688 + extension 1) of the default tenant reaches skill 1. */
export const DEFAULT_CALLED = '66881';

/** Anything with a mock fabric `control`: the mock itself or the demo stack (`crm.fabric`). */
export type CallTarget =
  | { readonly control: MockControl }
  | { readonly fabric: { readonly control: MockControl } };

interface MockControl {
  injectCall(call: { caller: string; called: string }): Promise<{ callId: string }> | { callId: string };
  answerCall(callId: string): Promise<unknown> | unknown;
  hangupCall(callId: string): Promise<unknown> | unknown;
}

function controlOf(target: CallTarget): MockControl {
  return 'control' in target ? target.control : target.fabric.control;
}

/**
 * The stock bar's frame (`ccbarclient`) inside the shell frame inside `page`.
 *
 * @example
 * await barFrame(page).getByTestId('bar-answer').click();
 */
export function barFrame(page: Page, shellSelector = 'iframe[src*="/shell/"]'): FrameLocator {
  return page.frameLocator(shellSelector).frameLocator('iframe[name="ccbarclient"]');
}

/**
 * Signs the agent in from the bar, as an agent would (expand, Sign In), and waits for Ready.
 *
 * @example
 * await signInAgent(page);
 */
export async function signInAgent(page: Page): Promise<void> {
  const bar = barFrame(page);
  const signin = bar.getByTestId('bar-signin');
  if (!(await signin.isVisible())) await bar.getByTestId('bar-toggle').click();
  await signin.click();
  await expect(bar.locator('#ccbar')).toHaveAttribute('data-agent-state', 'idle');
}

/**
 * Opens the demo CRM and signs in as one of its users (default Alice, mapped to CEC `alice`).
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
 * A customer calls in (through the mock's control API).
 *
 * @example
 * const { callId } = await injectCall(crm, { caller: '13800138001' });
 */
export async function injectCall(target: CallTarget, call: { caller: string; called?: string }): Promise<{ callId: string }> {
  return controlOf(target).injectCall({ caller: call.caller, called: call.called ?? DEFAULT_CALLED });
}

/**
 * The customer answers an outbound call.
 *
 * @example
 * await answerAsCustomer(crm, callId);
 */
export async function answerAsCustomer(target: CallTarget, callId: string): Promise<void> {
  await controlOf(target).answerCall(callId);
}

/**
 * The customer hangs up.
 *
 * @example
 * await hangUpAsCustomer(crm, callId);
 */
export async function hangUpAsCustomer(target: CallTarget, callId: string): Promise<void> {
  await controlOf(target).hangupCall(callId);
}
