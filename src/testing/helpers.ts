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

/** One host event the test page (`barPage`) received, as plain data. */
export interface RecordedBarEvent {
  /** The event name: `connection`, `agent.state`, `call.ringing`, `call.dialing`, `call.connected`, `call.ended` or `error`. */
  readonly name: string;
  /** The payload, copied as JSON (an `error` is reduced to its own enumerable fields). */
  readonly payload: unknown;
}

interface TestPageWindow {
  cecBarEvents?: RecordedBarEvent[];
  cecBar?: { callOut(number: string, options?: { media?: 'audio' | 'video' }): Promise<unknown> };
}

/**
 * The host events the test page has received so far, optionally only those named `name`.
 *
 * @example
 * await expect.poll(() => barEvents(barPage, 'call.ringing')).toHaveLength(1);
 */
export async function barEvents(page: Page, name?: string): Promise<RecordedBarEvent[]> {
  const events = await page.evaluate(() => (window as unknown as TestPageWindow).cecBarEvents ?? []);
  return name === undefined ? events : events.filter((event) => event.name === name);
}

/**
 * Click-to-dial on the test page: `bar.callOut(number)` in the page, resolved when CEC dials.
 *
 * @example
 * await callOutFrom(barPage, '13800138002');
 */
export async function callOutFrom(page: Page, number: string, media: 'audio' | 'video' = 'audio'): Promise<void> {
  await page.evaluate(
    async ([dialled, callMedia]) => {
      const bar = (window as unknown as TestPageWindow).cecBar;
      if (!bar) throw new Error('no bar on this page: callOutFrom works on the test page (barPage)');
      await bar.callOut(dialled, { media: callMedia });
    },
    [number, media] as const,
  );
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
