/**
 * The host's table of commands that wait for an outcome from the shell: `callOut`s, which wait
 * for their call, and commands that wait for their `reply` (`checkMedia`). Each entry owns one
 * timer, and leaves the table, with its timer cleared, however it is settled.
 */
import { BarError } from '../protocol/bar-error.js';
import type { ShellMessage } from '../protocol/bridge.js';
import type { Call } from './types.js';

type Reply = Extract<ShellMessage, { kind: 'reply' }>;

/** A callOut, from `bar.callOut()` until its call is dialing, fails, is refused, times out or the bar gives up. */
interface PendingCallOut {
  resolve(call: Call): void;
  reject(error: BarError): void;
  readonly timer: ReturnType<typeof setTimeout>;
  /** The id of the `callout` command, once sent (it may wait for `ready` first). */
  commandId?: string;
}

/** A command waiting for its `reply`. */
interface PendingReply {
  settle(reply: Reply | undefined): void;
}

/** @example const pending = createPendingCommands(); const call = pending.addCallOut(30_000); */
export interface PendingCommands {
  /** A callOut that settles by `call.dialing`, `Call_Out_Fail`, a refusing reply, `timeoutMs` or `rejectAll`. */
  addCallOut(timeoutMs: number): { readonly call: Promise<Call>; sent(commandId: string): void };
  /**
   * CEC's dialing and failure events name no command: they settle the oldest callOut, since the
   * shell sends callouts, and CEC answers them, in order.
   */
  settleOldestCallOut(outcome: Call | BarError): void;
  /** Resolves with the reply's `result` when it is `ok`; rejects when refused, or with no reply in `timeoutMs`. */
  awaitReply(commandId: string, timeoutMs: number): Promise<unknown>;
  /** A reply from the shell: settles its command, whichever kind it is. */
  onReply(reply: Reply): void;
  /** The bar gave up (failed or destroyed): every callOut rejects with `error`, every reply wait ends. */
  rejectAll(error: BarError): void;
  /** Entries still waiting (for tests and diagnostics). */
  readonly size: number;
}

/** @example const pending = createPendingCommands(); pending.onReply(reply); pending.rejectAll(new BarError('DESTROYED', 'destroyed')); */
export function createPendingCommands(): PendingCommands {
  const callOuts: PendingCallOut[] = [];
  const replies = new Map<string, PendingReply>();

  function settleCallOut(callOut: PendingCallOut | undefined, outcome: Call | BarError): void {
    const index = callOut ? callOuts.indexOf(callOut) : -1;
    if (!callOut || index < 0) return; // settled already
    callOuts.splice(index, 1);
    clearTimeout(callOut.timer);
    if (outcome instanceof BarError) callOut.reject(outcome);
    else callOut.resolve(outcome);
  }

  function addCallOut(timeoutMs: number): { readonly call: Promise<Call>; sent(commandId: string): void } {
    let callOut: PendingCallOut | undefined;
    const call = new Promise<Call>((resolve, reject) => {
      const timeout = (): void => settleCallOut(callOut, new BarError('CALL_OUT_TIMEOUT', `no call.dialing in ${timeoutMs} ms`));
      callOut = { resolve, reject, timer: setTimeout(timeout, timeoutMs) };
      callOuts.push(callOut);
    });
    return {
      call,
      sent(commandId) {
        if (callOut) callOut.commandId = commandId;
      },
    };
  }

  function awaitReply(commandId: string, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const settle = (reply: Reply | undefined): void => {
        clearTimeout(timer);
        replies.delete(commandId);
        if (reply?.ok) resolve(reply.result);
        else reject(reply);
      };
      const timer = setTimeout(settle, timeoutMs);
      replies.set(commandId, { settle });
    });
  }

  function onReply(reply: Reply): void {
    replies.get(reply.id)?.settle(reply);
    if (reply.ok) return; // an accepted callout still waits for its call
    const refused = callOuts.find((callOut) => callOut.commandId === reply.id);
    settleCallOut(refused, new BarError('CALL_OUT_FAILED', `${reply.error?.code}: ${reply.error?.message}`));
  }

  return {
    addCallOut,
    settleOldestCallOut: (outcome) => settleCallOut(callOuts[0], outcome),
    awaitReply,
    onReply,
    rejectAll(error) {
      for (const callOut of [...callOuts]) settleCallOut(callOut, error);
      for (const pending of [...replies.values()]) pending.settle(undefined);
    },
    get size() {
      return callOuts.length + replies.size;
    },
  };
}
