/**
 * Builds the parsers of the host's commands and of the bar's events while the bar script request
 * is on its way, so that neither is built (or compiled, on its first run) on the path to the bar
 * script: the command schemas are built on first use (`builtOnFirstUse`, src/protocol/zod.ts),
 * and the host's first command comes right after the handshake.
 *
 * Each parser is run in a task of its own: a message that arrives meanwhile waits for one small
 * task at most. A parser needed before its turn is simply built then.
 */
import { BRIDGE_VERSION, parseHostCommand } from '../protocol/bridge.js';
import { parseCecEvent } from '../protocol/cec-events.js';

/** Each step builds one parser by running it once (parsers have no side effects). */
const WARM_UP_STEPS: readonly (() => unknown)[] = [
  () => parseHostCommand({ v: BRIDGE_VERSION, kind: 'ping' }), // the host's commands
  () => parseCecEvent({ event: { eventType: 'AgentState_Ready' } }), // the bar's events
];

/**
 * Builds the parsers of the host's commands and the bar's events, one task at a time, starting
 * after the current task.
 *
 * @param win - The window whose timers to use.
 * @returns A function that cancels the steps not yet run.
 * @example
 * const loading = loadBarScript(config, window);
 * const cancelWarmUp = warmUpParsers(window);
 */
export function warmUpParsers(win: Window): () => void {
  let next = 0;
  let timer: number | undefined;
  const runStep = (): void => {
    WARM_UP_STEPS[next++]?.();
    timer = next < WARM_UP_STEPS.length ? win.setTimeout(runStep, 0) : undefined;
  };
  timer = win.setTimeout(runStep, 0);
  return () => win.clearTimeout(timer);
}
