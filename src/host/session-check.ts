/**
 * Did the bar resume the agent's CEC session? After a shell reload, a bar reload or a change of
 * owner tab, a new bar page holds the session only if CEC recognised it (its `sum_*` cookies,
 * which a cross-site shell loses). The host cannot ask the bar (docs/cec-reference.md §2.1: the
 * page may only subscribe and dial), so it listens: any CEC event from the new bar confirms the
 * session; silence for `confirmMs` means it was not resumed, and the agent is reported offline.
 */
import { BarError } from '../protocol/bar-error.js';

/** The default of `timeouts.callEndConfirmMs`: one value for the core's options and a shared bar's owner tab. */
export const DEFAULT_CONFIRM_MS = 15_000;

/** @example const check = createSessionCheck(15_000, (error) => reportOffline(error)); check.expect(); */
export interface SessionCheck {
  /** The bar was replaced: start waiting for it to speak (no-op while already waiting). */
  expect(): void;
  /** The bar spoke: the session is live. */
  confirm(): void;
  /** Stop waiting without a verdict (destroy). */
  stop(): void;
}

/**
 * @example
 * const check = createSessionCheck(options.callEndConfirmMs, (error) => setAgentOffline(error));
 * onShellReplaced(() => check.expect());
 * onCecEvent(() => check.confirm());
 */
export function createSessionCheck(confirmMs: number, onNotResumed: (error: BarError) => void): SessionCheck {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    expect() {
      timer ??= setTimeout(() => {
        timer = undefined;
        onNotResumed(new BarError('SESSION_NOT_RESUMED', 'CEC session not resumed after a reload: sign in again in the bar'));
      }, confirmMs);
    },
    confirm: stop,
    stop,
  };
}
