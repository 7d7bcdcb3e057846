/**
 * `mountConnectionBar`: puts together the pieces of a mounted bar and exposes them as one object.
 *
 * - `connection.ts`: the state machine around the shell frame (token, frame, handshake, retries);
 * - `pending-commands.ts`: callOuts and checkMedia requests waiting for their outcome;
 * - `frame-placement.ts`: where the frame lives, and `moveTo()`;
 * - `call-model.ts`: CEC events → agent state and typed call events.
 */
import { BarError } from '../protocol/bar-error.js';
import { isDialableNumber, type CallMedia } from '../protocol/cec-commands.js';
import type { CecEvent } from '../protocol/cec-events.js';
import { randomId, type ShellMessage } from '../protocol/bridge.js';
import { createCallModel } from './call-model.js';
import { createConnection } from './connection.js';
import { createBarEmitter } from './emitter.js';
import { watchWrapUp } from './wrap-up.js';
import { createFramePlacement } from './frame-placement.js';
import { errorSinks } from './internal.js';
import { checkMediaWith } from './media-preflight.js';
import { resolveOptions } from './options.js';
import { createPendingCommands } from './pending-commands.js';
import type { BarEventMap, Call, ConnectionBar, MountOptions } from './types.js';

/** How many distinct unknown event types `diagnostics()` lists (see `BarDiagnostics.unknownEventTypes`). */
const UNKNOWN_EVENT_TYPES_LISTED = 64;

/**
 * Mount the CEC connection bar in a sandboxed frame on an origin of its own (the shell page), and
 * start connecting at once: a token from `getAccessToken()`, the shell's handshake, CEC's bar.
 * Failures after this call never throw: they reject `bar.ready`, and arrive as `connection` and
 * `error` events (docs/errors.md).
 *
 * @param options - Where the bar goes, where the shell and CEC are, who the agent is, how to get a token.
 * @throws `INVALID_OPTIONS` (a `BarError`, thrown at once) for a bad option; `err.details.option` names it.
 * @example
 * ```ts
 * import { mountConnectionBar } from 'cec-bar-host';
 * const bar = mountConnectionBar({
 *   container: '#cec-bar', // give it a size: the bar needs about 360 × 600 px
 *   shellUrl: 'https://bar.crm.example.com/shell/shell.html',
 *   cecContextPath: 'https://bar.crm.example.com/service-cloud/',
 *   tenantSpaceId: 'your-tenant-space-id',
 *   userAccount: 'alice.chen', // the agent's CEC accountCode
 *   getAccessToken: async () => (await (await fetch('/api/bar-token')).json()).accessToken,
 * });
 * bar.on('call.ended', (call) => crm.logCall(call.callId, call.outcome, call.talkMs));
 * await bar.ready;
 * ```
 */
export function mountConnectionBar(options: MountOptions): ConnectionBar {
  const resolved = resolveOptions(options, document);
  const events = createBarEmitter<BarEventMap>(resolved.logger);
  watchWrapUp(events, events.emit);
  const emitError = (error: BarError): void => events.emit('error', error);
  const pending = createPendingCommands();
  const model = createCallModel({
    emit: events.emit,
    confirmMs: resolved.callEndConfirmMs,
    onDial: (call) => pending.settleOldestCallOut(call),
    onOutFail: (callId) => pending.settleOldestCallOut(new BarError('CALL_OUT_FAILED', `AgentEvent_Call_Out_Fail ${callId}`)),
  });
  const placement = createFramePlacement(resolved.container, resolved.logger);
  /** Events CEC sent that this version does not know: the first types seen (bounded: the bar picks the names), and counts. */
  const unknownEventTypes = new Set<string>();
  let unknownEvents = 0;
  let unknownEventTypesDropped = 0;

  function countUnknownEvent(type: string): void {
    unknownEvents++;
    if (unknownEventTypes.has(type) || unknownEventTypes.size < UNKNOWN_EVENT_TYPES_LISTED) unknownEventTypes.add(type);
    else unknownEventTypesDropped++;
  }

  function onCecEvent(event: CecEvent): void {
    if (event.eventType === 'unknown') countUnknownEvent(event.rawEventType);
    // Frozen: every listener gets the same object, so none may change what the others see.
    if (typeof event.content === 'object' && event.content !== null) Object.freeze(event.content);
    events.emit('cec', Object.freeze(event));
    model.apply(event);
  }

  function onShellMessage(message: ShellMessage): void {
    if (message.kind === 'reply') pending.onReply(message);
    else if (message.kind === 'cec') onCecEvent(message.event);
  }

  const connection = createConnection(resolved, randomId(), {
    container: () => placement.container,
    onStateChange: (state, previous, error) => events.emit('connection', Object.freeze({ state, previous, ...(error ? { error } : {}) })),
    onShellMessage,
    onShellReplaced: () => model.suspect(),
    onGaveUp(error) {
      pending.rejectAll(error);
      emitError(error);
    },
  });

  function callOut(number: string, callOptions?: { readonly media?: CallMedia }): Promise<Call> {
    const media = callOptions?.media ?? 'audio';
    if (connection.state === 'destroyed') return Promise.reject(new BarError('DESTROYED', 'destroyed'));
    if (!isDialableNumber(number)) return Promise.reject(new BarError('INVALID_NUMBER', 'callOut: expected 1-24 of 0-9*#'));
    if (media !== 'audio' && media !== 'video') return Promise.reject(new BarError('INVALID_OPTIONS', 'callOut: media'));
    // The timeout runs from now: a callOut made while reconnecting waits for ready within it.
    const { call, sent } = pending.addCallOut(resolved.callOutMs);
    connection.whenReady(() => sent(connection.send({ kind: 'callout', number, media })));
    return call;
  }

  /** The shell's media report, or a rejection when it cannot answer (checkMediaWith then says so). */
  function askShellForMedia(): Promise<unknown> {
    if (connection.state !== 'ready') return Promise.reject(new BarError('MEDIA_UNAVAILABLE', 'the bar is not ready'));
    return pending.awaitReply(connection.send({ kind: 'checkMedia' }), resolved.handshakeMs);
  }

  const bar: ConnectionBar = {
    ready: connection.ready,
    get state() {
      return connection.state;
    },
    get agent() {
      return model.agent;
    },
    get calls() {
      return model.calls;
    },
    recorder: connection.recorder,
    on: events.on,
    once: events.once,
    off: events.off,
    callOut,
    reconnect: () => connection.reconnect(),
    destroy() {
      if (connection.state === 'destroyed') return;
      const error = new BarError('DESTROYED', 'destroyed');
      connection.destroy(error, () => {
        model.endAll();
        pending.rejectAll(error);
      });
      events.clear();
      errorSinks.delete(bar);
    },
    checkMedia: () => checkMediaWith(askShellForMedia),
    moveTo: (container) => placement.moveTo(container, connection.frame),
    diagnostics: () => ({
      ...connection.diagnostics(),
      unknownEvents,
      unknownEventTypes: [...unknownEventTypes],
      unknownEventTypesDropped,
    }),
  };
  errorSinks.set(bar, emitError);
  return bar;
}
