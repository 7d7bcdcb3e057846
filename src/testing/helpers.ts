/** Helpers for driving the bar and the mock fabric from Playwright tests. */
import { expect, type FrameLocator, type Page } from '@playwright/test';

/**
 * The number `injectCall` dials unless told otherwise: route 66881 (access code 6688 + extension 1)
 * of the default tenant reaches skill 1.
 *
 * @example
 * ```ts
 * import { test, injectCall, DEFAULT_CALLED } from 'cec-bar-host/testing';
 * test('a call to the hotline', async ({ mockFabric }) => {
 *   await injectCall(mockFabric, { caller: '13800138001', called: DEFAULT_CALLED });
 * });
 * ```
 */
export const DEFAULT_CALLED = '66881';

/**
 * Anything with a mock fabric `control`: the mock itself or the demo stack (`crm.fabric`).
 *
 * @example
 * ```ts
 * import { test, injectCall, type CallTarget } from 'cec-bar-host/testing';
 * const ring = (target: CallTarget) => injectCall(target, { caller: '13800138001' });
 * test('rings', async ({ mockFabric }) => {
 *   await ring(mockFabric);
 * });
 * ```
 */
export type CallTarget =
  | {
      /** The mock's control (a `MockFabric`). */
      readonly control: CustomerControl;
    }
  | {
      /** A stack that holds a mock fabric (the demo's `crm.fabric`). */
      readonly fabric: {
        /** The mock's control. */
        readonly control: CustomerControl;
      };
    };

/**
 * What the customer-side helpers need of a mock's control: the in-process `MockControl`, or an
 * HTTP client of `/__mock/` with the same methods.
 *
 * @example
 * ```ts
 * import type { CustomerControl } from 'cec-bar-host/testing';
 * const overHttp = (base: string): CustomerControl => ({
 *   injectCall: async (call) => (await fetch(`${base}__mock/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call) })).json(),
 *   answerCall: (callId) => fetch(`${base}__mock/calls/${callId}/answer`, { method: 'POST' }),
 *   hangupCall: (callId) => fetch(`${base}__mock/calls/${callId}/hangup`, { method: 'POST' }),
 * });
 * ```
 */
export interface CustomerControl {
  /** A customer calls `called`. */
  injectCall(call: {
    /** The customer's number. */
    caller: string;
    /** The number dialled. */
    called: string;
  }):
    | Promise<{
        /** The new call's id. */
        callId: string;
      }>
    | {
        /** The new call's id. */
        callId: string;
      };
  /** The customer answers an outbound call. */
  answerCall(callId: string): Promise<unknown> | unknown;
  /** The customer hangs up. */
  hangupCall(callId: string): Promise<unknown> | unknown;
}

function controlOf(target: CallTarget): CustomerControl {
  return 'control' in target ? target.control : target.fabric.control;
}

/**
 * The stock bar's frame (`ccbarclient`) inside the shell frame inside `page`.
 *
 * @param page - A page with a mounted bar.
 * @param shellSelector - Finds the shell's iframe in `page`.
 * @example
 * ```ts
 * import { test, barFrame, injectCall, signInAgent } from 'cec-bar-host/testing';
 * test('the agent answers', async ({ barPage, mockFabric }) => {
 *   await signInAgent(barPage);
 *   await injectCall(mockFabric, { caller: '13800138001' });
 *   await barFrame(barPage).getByTestId('bar-answer').click();
 * });
 * ```
 */
export function barFrame(page: Page, shellSelector = 'iframe[src*="/shell/"]'): FrameLocator {
  return page.frameLocator(shellSelector).frameLocator('iframe[name="ccbarclient"]');
}

/**
 * Signs the agent in from the bar, as an agent would (expand, Sign In), and waits for Ready.
 *
 * @param page - A page with a mounted, connected bar.
 * @example
 * ```ts
 * import { test, signInAgent } from 'cec-bar-host/testing';
 * test('the agent signs in', async ({ barPage }) => {
 *   await signInAgent(barPage);
 * });
 * ```
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
 * @param page - The test page (`barPage`).
 * @param name - Only events of this name.
 * @example
 * ```ts
 * import { test, expect, barEvents, injectCall, signInAgent } from 'cec-bar-host/testing';
 * test('a call rings in the page', async ({ barPage, mockFabric }) => {
 *   await signInAgent(barPage);
 *   await injectCall(mockFabric, { caller: '13800138001' });
 *   await expect.poll(() => barEvents(barPage, 'call.ringing')).toHaveLength(1);
 * });
 * ```
 */
export async function barEvents(page: Page, name?: string): Promise<RecordedBarEvent[]> {
  const events = await page.evaluate(() => (window as unknown as TestPageWindow).cecBarEvents ?? []);
  return name === undefined ? events : events.filter((event) => event.name === name);
}

/**
 * Click-to-dial on the test page: `bar.callOut(number)` in the page, resolved when CEC dials.
 *
 * @param page - The test page (`barPage`).
 * @param number - The number to dial.
 * @param media - The call's media.
 * @throws Error when `page` is not the test page, or with the `BarError` message `callOut` rejected with.
 * @example
 * ```ts
 * import { test, callOutFrom, signInAgent } from 'cec-bar-host/testing';
 * test('click-to-dial', async ({ barPage }) => {
 *   await signInAgent(barPage);
 *   await callOutFrom(barPage, '13800138002');
 * });
 * ```
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
 * @param target - The mock, or a stack that holds one.
 * @param call - The customer's number, and the number dialled (default {@link DEFAULT_CALLED}).
 * @example
 * ```ts
 * import { test, injectCall } from 'cec-bar-host/testing';
 * test('a customer calls', async ({ mockFabric }) => {
 *   const { callId } = await injectCall(mockFabric, { caller: '13800138001' });
 *   console.log(callId);
 * });
 * ```
 */
export async function injectCall(
  target: CallTarget,
  call: { caller: string; called?: string },
): Promise<{
  /** The new call's id. */
  callId: string;
}> {
  return controlOf(target).injectCall({ caller: call.caller, called: call.called ?? DEFAULT_CALLED });
}

/**
 * The customer answers an outbound call.
 *
 * @param target - The mock, or a stack that holds one.
 * @param callId - The call, from `call.dialing` or `control.state()`.
 * @example
 * ```ts
 * import { test, answerAsCustomer, callOutFrom, signInAgent } from 'cec-bar-host/testing';
 * test('the customer answers', async ({ barPage, mockFabric }) => {
 *   await signInAgent(barPage);
 *   await callOutFrom(barPage, '13800138002');
 *   const dialled = mockFabric.control.state().calls.find((call) => call.state === 'dialing');
 *   if (dialled) await answerAsCustomer(mockFabric, dialled.callId);
 * });
 * ```
 */
export async function answerAsCustomer(target: CallTarget, callId: string): Promise<void> {
  await controlOf(target).answerCall(callId);
}

/**
 * The customer hangs up.
 *
 * @param target - The mock, or a stack that holds one.
 * @param callId - The call.
 * @example
 * ```ts
 * import { test, hangUpAsCustomer, injectCall } from 'cec-bar-host/testing';
 * test('the customer gives up', async ({ mockFabric }) => {
 *   const { callId } = await injectCall(mockFabric, { caller: '13800138001' });
 *   await hangUpAsCustomer(mockFabric, callId);
 * });
 * ```
 */
export async function hangUpAsCustomer(target: CallTarget, callId: string): Promise<void> {
  await controlOf(target).hangupCall(callId);
}
