/** Public types of the host library (`cec-bar-host`). Pure types: no runtime code. */
import type { BarError } from '../protocol/bar-error.js';
import type { CecEvent } from '../protocol/cec-events.js';
import type { CallMedia } from '../protocol/cec-commands.js';
import type { RejectReason } from '../protocol/bridge.js';
import type { MediaCheck, MicPermission } from '../protocol/media.js';
export type { MediaCheck, MicPermission };

/**
 * Connection state of a mounted bar: `connecting` → `ready` → `reconnecting` → `ready` or
 * `failed`; any → `destroyed`.
 *
 * @example
 * ```ts
 * bar.on('connection', (change) => {
 *   if (change.state === 'failed') crm.toast(`The phone bar stopped: ${change.error?.code ?? 'unknown error'}`);
 * });
 * ```
 */
export type ConnectionState =
  /** The first attempt: fetching a token, loading the shell and the bar. */
  | 'connecting'
  /** The bar loaded and answers: events flow, `callOut` works. */
  | 'ready'
  /** A later attempt after a failure, a shell reload or `reconnect()`. */
  | 'reconnecting'
  /** The last attempt failed (or CEC refused the token): nothing more happens until `reconnect()`. */
  | 'failed'
  /** `destroy()` was called: for good. */
  | 'destroyed'
  /** `cec-bar-host/tabs`: another tab owns the bar; this one relays its events. */
  | 'standby';

/**
 * The agent's state, as the bar's events tell it.
 *
 * @example
 * ```ts
 * bar.on('agent.state', (change) => {
 *   if (change.state === 'idle') crm.toast('Ready for calls');
 * });
 * ```
 */
export type AgentState =
  /** Not signed in to CEC (also the state before any event). */
  | 'offline'
  /** Idle: calls may be offered. */
  | 'idle'
  /** CEC's "not ready" (busy). */
  | 'busy'
  /** Resting. */
  | 'rest'
  /** Wrap-up after a call. */
  | 'wrapUp'
  /** Handling a call. */
  | 'inCall';

/**
 * Who placed the call: the customer (`inbound`) or the agent (`outbound`).
 *
 * @example
 * ```ts
 * bar.on('call.ended', (call) => {
 *   if (call.direction === 'inbound' && call.outcome === 'missed') crm.openNewContact(call.caller);
 * });
 * ```
 */
export type CallDirection = 'inbound' | 'outbound';
/**
 * How a call ended (the rules are ours; CEC does not say).
 *
 * @example
 * ```ts
 * bar.on('call.ended', (call) => {
 *   if (call.outcome === 'missed') crm.toast(`Missed call from ${call.caller ?? 'an unknown number'}`);
 * });
 * ```
 */
export type CallOutcome =
  /** The call was connected. */
  | 'completed'
  /** Inbound, never connected. */
  | 'missed'
  /** Outbound, never connected. */
  | 'failed'
  /** Never connected because the customer hung up (inbound) or the agent's leg was released while dialing (outbound). */
  | 'abandoned'
  /** The bar went silent, reloaded or was destroyed, and nothing confirmed the end within `timeouts.callEndConfirmMs`. */
  | 'unknown';
/**
 * Which side ended a call.
 *
 * @example
 * ```ts
 * bar.on('call.ended', (call) => {
 *   if (call.endedBy === 'customer' && call.talkMs < 5000) crm.toast('The customer hung up at once');
 * });
 * ```
 */
export type CallEndedBy =
  /** The agent hung up. */
  | 'agent'
  /** The customer hung up. */
  | 'customer'
  /** CEC ended it (a failed call-out, a platform release). */
  | 'system'
  /** Nobody said (the bar went silent, reloaded or was destroyed). */
  | 'unknown';

/**
 * A call as the host models it (a frozen snapshot).
 *
 * @example
 * ```ts
 * bar.on('call.ringing', async (call) => {
 *   const customer = await crm.findByPhone(call.caller);
 *   if (customer) crm.openRecord(customer.id);
 *   else crm.openNewContact(call.caller);
 * });
 * ```
 */
export interface Call {
  /** CEC's call id (`callid`), such as `"1456404043-37"`: the same in every event of the call. */
  readonly callId: string;
  /** Who placed it. */
  readonly direction: CallDirection;
  /** The calling number: the customer's on an inbound call. */
  readonly caller?: string;
  /** The called number: the customer's on an outbound call. */
  readonly called?: string;
  /** `text` for CEC's mediaAbility 5 (text chat); otherwise audio or video. */
  readonly media: CallMedia | 'text';
  /** The skill queue an inbound call came through, when CEC said (`AgentEvent_Incoming_CallInfo`). */
  readonly skill?: string;
  /** When the call rang or started dialing (ms since the epoch, host clock). */
  readonly startedAt: number;
  /** When it was connected, if it was. */
  readonly connectedAt?: number;
}

/**
 * The one terminal event of a call: every call that started gets exactly one.
 *
 * @example
 * ```ts
 * bar.on('call.ended', (call) => {
 *   crm.saveCallLog({ callId: call.callId, direction: call.direction, outcome: call.outcome, endedBy: call.endedBy, talkSeconds: Math.round(call.talkMs / 1000) });
 * });
 * ```
 */
export interface EndedCall extends Call {
  /** How it ended. */
  readonly outcome: CallOutcome;
  /** Which side ended it. */
  readonly endedBy: CallEndedBy;
  /** ms between connected and ended; 0 when never connected. */
  readonly talkMs: number;
  /** When it ended (ms since the epoch, host clock). */
  readonly endedAt: number;
}

/**
 * A wrap-up (after-call work) and the call it follows (`wrapUp.started`).
 *
 * @example
 * ```ts
 * bar.on('wrapUp.started', ({ call }) => crm.toast(`How did call ${call.callId} go? (${call.outcome})`));
 * ```
 */
export interface WrapUp {
  /** The call that just ended. */
  readonly call: EndedCall;
  /** When wrap-up began (ms since the epoch, host clock). */
  readonly startedAt: number;
}

/**
 * A wrap-up that ended (`wrapUp.ended`).
 *
 * @example
 * ```ts
 * bar.on('wrapUp.ended', ({ call, durationMs }) => crm.toast(`Wrap-up of ${call.callId} took ${Math.round(durationMs / 1000)} s`));
 * ```
 */
export interface WrapUpEnded extends WrapUp {
  /** When the agent left wrap-up. */
  readonly endedAt: number;
  /** How long the wrap-up lasted, in ms. */
  readonly durationMs: number;
}

/**
 * The agent's state now (`bar.agent`).
 *
 * @example
 * ```ts
 * const { state, since } = bar.agent;
 * console.log(`${state} for ${Math.round((Date.now() - since) / 1000)} s`);
 * ```
 */
export interface AgentSnapshot {
  /** The state. */
  readonly state: AgentState;
  /** The agent's CEC work number, once an event carried it. */
  readonly workNo?: string;
  /** When the agent entered `state` (ms since the epoch, host clock). */
  readonly since: number;
}

/**
 * The payload of `agent.state`: the agent's state changed.
 *
 * @example
 * ```ts
 * bar.on('agent.state', (change) => {
 *   console.log(change.previous, '→', change.state, change.reason ?? '');
 *   if (change.error?.code === 'SESSION_NOT_RESUMED') crm.toast('Sign in again in the connection bar');
 * });
 * ```
 */
export interface AgentStateChange {
  /** The new state. */
  readonly state: AgentState;
  /** The state before. */
  readonly previous: AgentState;
  /** CEC's not-ready reason code (AgentState_SetNotReady_Success). */
  readonly reason?: number;
  /**
   * Why the host, not CEC, changed the state. `SESSION_NOT_RESUMED` (with `state: 'offline'`): the
   * bar reloaded or moved to another tab, and nothing from the new bar confirmed within
   * `timeouts.callEndConfirmMs` that it resumed the agent's CEC session. CEC may still hold the
   * old session, and calls routed to it ring nowhere until the agent signs in again in the bar;
   * a shell on another site than the CRM always ends here (docs/troubleshooting.md). The same error
   * is emitted on `error`.
   */
  readonly error?: BarError;
  /** When it changed (ms since the epoch, host clock). */
  readonly at: number;
}

/**
 * The payload of `connection`: the bar's connection state changed.
 *
 * @example
 * ```ts
 * bar.on('connection', (change) => {
 *   if (change.error?.code === 'AUTH_REJECTED') crm.askToSignInAgain();
 * });
 * ```
 */
export interface ConnectionChange {
  /** The new state. */
  readonly state: ConnectionState;
  /** The state before. */
  readonly previous: ConnectionState;
  /** The failure behind the change, if one caused it. */
  readonly error?: BarError;
}

/**
 * The typed event map of a mounted bar: event name → payload. Payloads are validated, frozen objects.
 *
 * @example
 * ```ts
 * const off = bar.on('cec', (event) => {
 *   if (event.eventType === 'AgentEvent_Talking') console.log(event.content.callid);
 * });
 * off();
 * ```
 */
export interface BarEventMap {
  /** Every connection state change. */
  connection: ConnectionChange;
  /** The agent's state changed (`offline`, `idle`, `busy`, `rest`, `wrapUp`, `inCall`). */
  'agent.state': AgentStateChange;
  /** An inbound call alerts the agent. */
  'call.ringing': Call;
  /** An outbound call started, or the customer's phone rings. */
  'call.dialing': Call;
  /** The call is connected: talking. */
  'call.connected': Call;
  /** Exactly once per call: how it ended. */
  'call.ended': EndedCall;
  /** Every raw CEC event, typed as a union on `eventType`. */
  cec: CecEvent;
  /** The agent entered wrap-up right after this call ended (src/host/wrap-up.ts). */
  'wrapUp.started': WrapUp;
  /** The agent left the wrap-up of this call. */
  'wrapUp.ended': WrapUpEnded;
  /** A failure with a stable `code`; never thrown into your code. */
  error: BarError;
}
/**
 * The name of a bar event.
 *
 * @example
 * ```ts
 * import type { BarEventName } from 'cec-bar-host';
 * const callEvents: readonly BarEventName[] = ['call.ringing', 'call.dialing', 'call.connected', 'call.ended'];
 * for (const name of callEvents) bar.on(name, (payload) => console.log(name, payload));
 * ```
 */
export type BarEventName = keyof BarEventMap;
/**
 * A listener of one bar event.
 *
 * @example
 * ```ts
 * import type { BarListener } from 'cec-bar-host';
 * const logEnd: BarListener<'call.ended'> = (call) => crm.logCall(call.callId, call.outcome, call.talkMs);
 * bar.on('call.ended', logEnd);
 * ```
 */
export type BarListener<K extends BarEventName> = (payload: BarEventMap[K]) => void;

/**
 * Counters of the bridge, for support and tests (`bar.diagnostics()`). docs/api.md lists the
 * checks in the order the host runs them.
 *
 * @example
 * ```ts
 * const diagnostics = bar.diagnostics();
 * if (diagnostics.rejected.origin > 0) console.warn('messages from foreign origins were dropped', diagnostics);
 * ```
 */
export interface BarDiagnostics {
  /** The connection state now. */
  readonly state: ConnectionState;
  /** Every `message` event the host listener saw. */
  readonly received: number;
  /** Shell messages that passed every check. */
  readonly delivered: number;
  /** Refused messages, by the first check each failed. */
  readonly rejected: Readonly<Record<RejectReason, number>>;
  /** How many times a sequence number was skipped. */
  readonly gaps: number;
  /** How many sequence numbers were missing in all. */
  readonly missing: number;
  /** CEC events this version does not know (relayed as `eventType: 'unknown'`), all counted. */
  readonly unknownEvents: number;
  /**
   * The first 64 distinct `rawEventType`s of those events, in arrival order. Bounded because the bar
   * chooses the names: any further type is only counted in `unknownEventTypesDropped`.
   */
  readonly unknownEventTypes: readonly string[];
  /** Unknown events whose type is not in `unknownEventTypes` because 64 types were already listed. */
  readonly unknownEventTypesDropped: number;
  /** Shell page loads seen (more than one means the shell reloaded). */
  readonly loads: number;
  /** The last sequence number delivered from the current shell page. */
  readonly lastSeq: number;
  /** The shell's last reported status (a `ShellStatus`, or `standby` in a standby tab). */
  readonly status?: string;
}

/**
 * One recorded bridge message (already redacted).
 *
 * @example
 * ```ts
 * const commands = bar.recorder.messages.filter((entry) => entry.dir === 'out');
 * ```
 */
export interface RecordedMessage {
  /** When it crossed (ms since the epoch). */
  readonly at: number;
  /** `in`: shell → host; `out`: host → shell. */
  readonly dir: 'in' | 'out';
  /** The message, redacted. */
  readonly data: unknown;
}
/**
 * A recorder's JSON form, for a bug report or `replayRecording`.
 *
 * @example
 * ```ts
 * const report = JSON.stringify(bar.recorder.toJSON());
 * ```
 */
export interface Recording {
  /** The format's version. */
  readonly version: 1;
  /** The recorded messages, oldest first. */
  readonly messages: readonly RecordedMessage[];
}
/**
 * Captures the bridged traffic, bounded to the latest entries, redacted as it comes: tokens (by key,
 * in free text, and the live token) become `[redacted]`, and phone numbers are masked to their last
 * 4 characters wherever they are, in events this version does not know too:
 * - the whole value under CEC's phone keys (`caller`, `called`, `number`, `otherPhone`, …);
 * - elsewhere, in any string, key name or integer, each run of 7-15 digits, maybe after a `+`,
 *   with single spaces or dashes between digits, that is not part of a word or a longer run
 *   (`+86 138 0013 8000` → `*************8000`, `callerNo: "13800138000"` → `"*******8000"`).
 *
 * Kept as they are, so a recording stays useful and replays: values under keys naming an id, a
 * sequence number or a time (`callId`, `callid`, `sessionId`, `seq`, `at`, `beginTime`, `timestamp`;
 * not `callerId` or `phoneId`), CEC call ids (`1456404043-37`) and ISO dates (`2024-01-15`) in free
 * text, numbers of fewer than 7 digits (work numbers, extensions, counters), and digits inside
 * words or hex ids.
 *
 * It keeps the latest 1,000 messages.
 *
 * @example
 * ```ts
 * const report = new Blob([JSON.stringify(bar.recorder)], { type: 'application/json' });
 * bar.recorder.clear();
 * ```
 */
export interface BarRecorder {
  /** The recorded messages, oldest first. */
  readonly messages: readonly RecordedMessage[];
  /** Forgets every recorded message. */
  clear(): void;
  /** The recording, for `JSON.stringify`. */
  toJSON(): Recording;
}

/**
 * Where the bar logs (`logger` option); every method is optional. Tokens are always redacted.
 *
 * @example
 * ```ts
 * import { mountConnectionBar, type BarLogger } from 'cec-bar-host';
 * const logger: BarLogger = { warn: (message, data) => console.warn('[bar]', message, data), error: (message, data) => console.error('[bar]', message, data) };
 * mountConnectionBar({ ...options, logger });
 * ```
 */
export interface BarLogger {
  /** Details for debugging. */
  debug?(message: string, data?: unknown): void;
  /** Normal events. */
  info?(message: string, data?: unknown): void;
  /** Something recoverable went wrong. */
  warn?(message: string, data?: unknown): void;
  /** Something failed. */
  error?(message: string, data?: unknown): void;
}

/**
 * The bar's timeouts, in ms (`timeouts` option).
 *
 * @example
 * ```ts
 * import { mountConnectionBar } from 'cec-bar-host';
 * mountConnectionBar({ ...options, timeouts: { handshakeMs: 5000, callOutMs: 20_000 } });
 * ```
 */
export interface BarTimeouts {
  /**
   * Shell page load + postmate handshake; past it, the attempt fails with `HANDSHAKE_TIMEOUT`.
   * @default 10000
   */
  readonly handshakeMs?: number;
  /**
   * Bar script + `ccbarclient` frame, after the handshake; past it, the attempt fails with `LOAD_FAILED`.
   * @default 20000
   */
  readonly barLoadMs?: number;
  /**
   * `callOut` until `call.dialing`; past it, `callOut` rejects with `CALL_OUT_TIMEOUT`.
   * @default 30000
   */
  readonly callOutMs?: number;
  /**
   * How long a live call, or a signed-in agent, may stay unconfirmed after the bar went silent,
   * reloaded or moved to another tab; then the call ends as `unknown` and the agent becomes
   * `offline` (`SESSION_NOT_RESUMED`).
   * @default 15000
   */
  readonly callEndConfirmMs?: number;
}

/**
 * How a failed connection attempt is retried (`retry` option): exponential backoff
 * `min(maxDelayMs, baseDelayMs · 2ⁿ)`, spread by ±`jitter`. `AUTH_REJECTED` is never retried.
 *
 * @example
 * ```ts
 * import { mountConnectionBar } from 'cec-bar-host';
 * mountConnectionBar({ ...options, retry: { attempts: 5, baseDelayMs: 250, maxDelayMs: 8000, jitter: 0.2 } });
 * ```
 */
export interface RetryPolicy {
  /**
   * Retries after the first attempt (an integer, at most 100); then the state becomes `failed`.
   * @default 3
   */
  readonly attempts?: number;
  /**
   * The delay before the first retry; each later one doubles it.
   * @default 500
   */
  readonly baseDelayMs?: number;
  /**
   * The longest delay between attempts.
   * @default 10000
   */
  readonly maxDelayMs?: number;
  /**
   * 0..1: the share of each delay that is random.
   * @default 0.3
   */
  readonly jitter?: number;
}

/**
 * Options of `mountConnectionBar`. A bad option throws `BarError('INVALID_OPTIONS')` naming it
 * (`err.details.option`).
 *
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
 * ```
 */
export interface MountOptions {
  /**
   * Where the bar's frame goes: an element, or a selector that matches one. The frame fills it, so
   * give it a size (the bar needs about 360 × 600 px).
   */
  readonly container: HTMLElement | string;
  /**
   * The shell page: http(s), on an origin of its own. The page's own origin is refused (the shell
   * could then read `parent.document` and take its sandbox off); use another host name or port.
   */
  readonly shellUrl: string;
  /**
   * CEC's `$aicc_ContextPath` as the shell sees it: the shell server's reverse proxy, ending in
   * `/service-cloud/`, such as `https://bar.crm.example.com/service-cloud/`.
   */
  readonly cecContextPath: string;
  /** The CEC tenant space the agent belongs to. */
  readonly tenantSpaceId: string;
  /** The agent's CEC account (`accountCode`). */
  readonly userAccount: string;
  /**
   * Returns the enterprise's bar token for this user, from your backend (never the AK/SK). Called
   * on every connection attempt; a throw or an empty token fails the attempt with `TOKEN_FAILED`.
   */
  readonly getAccessToken: () => Promise<string>;
  /**
   * The CEC event names to subscribe to.
   * @default DEFAULT_SUBSCRIBED_EVENTS (every known event type)
   */
  readonly events?: readonly string[];
  /**
   * The shell frame's sandbox tokens, read as the browser reads them (any letter case, any ASCII
   * whitespace between). Must hold `allow-scripts` and `allow-same-origin`; any `allow-top-navigation…`
   * is refused.
   * @default DEFAULT_SANDBOX ('allow-scripts allow-same-origin allow-forms allow-popups')
   */
  readonly sandbox?: string;
  /**
   * The shell frame's permissions policy (`allow`). The bar's WebRTC phone needs the microphone on
   * every frame level.
   * @default DEFAULT_ALLOW ('microphone; camera; autoplay')
   */
  readonly allow?: string;
  /** The bar's timeouts; see {@link BarTimeouts} for each default. */
  readonly timeouts?: BarTimeouts;
  /** How failed connection attempts are retried; see {@link RetryPolicy} for each default. */
  readonly retry?: RetryPolicy;
  /**
   * Where the bar logs; tokens are always redacted.
   * @default none (nothing is logged)
   */
  readonly logger?: BarLogger;
  /**
   * Path of the bar script below `cecContextPath`; CEC documents only its tail.
   * @default DEFAULT_SCRIPT_PATH ('ccdesktop/pages/cc-bar/js/ccbarclient.js')
   */
  readonly scriptPath?: string;
}

/**
 * Options of `preloadConnectionBar`: the shell frame's page and attributes. A mount takes the
 * preloaded frame over only when all three equal its own, defaults applied.
 * @example
 * ```ts
 * import { preloadConnectionBar, DEFAULT_ALLOW } from 'cec-bar-host';
 * preloadConnectionBar({ shellUrl: 'https://bar.crm.example.com/shell/shell.html', allow: `${DEFAULT_ALLOW}; clipboard-write` });
 * ```
 */
export interface PreloadOptions {
  /** The shell page, as `MountOptions.shellUrl` (the same checks). */
  readonly shellUrl: string;
  /**
   * The shell frame's sandbox tokens, as `MountOptions.sandbox`.
   * @default DEFAULT_SANDBOX
   */
  readonly sandbox?: string;
  /**
   * The shell frame's permissions policy, as `MountOptions.allow`.
   * @default DEFAULT_ALLOW
   */
  readonly allow?: string;
}

/**
 * A shell page loading or loaded ahead, waiting for the mount that takes it over.
 * @example
 * ```ts
 * import { preloadConnectionBar } from 'cec-bar-host';
 * const preload = preloadConnectionBar({ shellUrl: 'https://bar.crm.example.com/shell/shell.html' });
 * // The agent left the page that would have shown the bar:
 * preload.abandon();
 * ```
 */
export interface ConnectionBarPreload {
  /** Removes the preloaded frame unless a mount has taken it over (the bar owns it then); idempotent. */
  abandon(): void;
}

/**
 * A mounted connection bar, as `mountConnectionBar` returns it.
 *
 * @example
 * ```ts
 * import { mountConnectionBar } from 'cec-bar-host';
 * const bar = mountConnectionBar(options);
 * bar.on('call.ringing', (call) => crm.openNewContact(call.caller));
 * await bar.ready;
 * ```
 */
export interface ConnectionBar {
  /**
   * Resolves when the shell answered and the bar loaded (the first `ready`). Rejects with the
   * `BarError` that ended the connection: the last retry's `HANDSHAKE_TIMEOUT`, `LOAD_FAILED` or
   * `TOKEN_FAILED`, `AUTH_REJECTED`, or `DESTROYED`.
   *
   * @example
   * ```ts
   * try {
   *   await bar.ready;
   * } catch (error) {
   *   crm.toast(`The phone bar could not start: ${String(error)}`);
   * }
   * ```
   */
  readonly ready: Promise<void>;
  /**
   * The connection state now; `connection` events tell of every change.
   *
   * @example
   * ```ts
   * if (bar.state === 'failed') bar.reconnect();
   * ```
   */
  readonly state: ConnectionState;
  /**
   * The agent's state now (`offline` until an event says otherwise).
   *
   * @example
   * ```ts
   * const available = bar.agent.state === 'idle';
   * ```
   */
  readonly agent: AgentSnapshot;
  /**
   * The live calls now, oldest first (frozen snapshots).
   *
   * @example
   * ```ts
   * const onThePhone = bar.calls.some((call) => call.connectedAt !== undefined);
   * ```
   */
  readonly calls: readonly Call[];
  /**
   * The latest 1,000 bridged messages, redacted: attach it to a support ticket.
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(bar.recorder));
   * ```
   */
  readonly recorder: BarRecorder;
  /**
   * Listen to an event; returns the function that stops listening. The same function added twice
   * for one name is registered once. A listener that throws gets an `error` event
   * (`LISTENER_FAILED`); the other listeners still run.
   *
   * @example
   * ```ts
   * const off = bar.on('call.ended', (call) => crm.logCall(call.callId, call.outcome, call.talkMs));
   * off();
   * ```
   */
  on<K extends BarEventName>(name: K, listener: BarListener<K>): () => void;
  /**
   * Listen to the next event of a name only; returns the function that stops listening.
   *
   * @example
   * ```ts
   * bar.once('call.connected', (call) => crm.toast(`Connected to ${call.caller ?? call.called ?? 'the customer'}`));
   * ```
   */
  once<K extends BarEventName>(name: K, listener: BarListener<K>): () => void;
  /**
   * Stop a listener added with `on` or `once`.
   *
   * @example
   * ```ts
   * const onRinging = (call: { caller?: string }) => crm.openNewContact(call.caller);
   * bar.on('call.ringing', onRinging);
   * bar.off('call.ringing', onRinging);
   * ```
   */
  off<K extends BarEventName>(name: K, listener: BarListener<K>): void;
  /**
   * Dial `number` through the bar (click-to-dial). Resolves with the call at `call.dialing`; a
   * call-out made while reconnecting waits for `ready` within `timeouts.callOutMs`. The promise
   * rejects (never throws) with a `BarError`.
   *
   * @param number - 1-24 of `0-9*#` (no spaces, no `+`).
   * @param options - `media`: `audio` (the default) or `video`.
   * @throws `INVALID_NUMBER` when `number` is not dialable.
   * @throws `INVALID_OPTIONS` when `media` is neither `audio` nor `video`.
   * @throws `CALL_OUT_FAILED` when CEC reports the call-out failed or the shell refused it.
   * @throws `CALL_OUT_TIMEOUT` when no `call.dialing` came within `timeouts.callOutMs`.
   * @throws `DESTROYED` when the bar is, or becomes, destroyed; or the error that ended the connection.
   * @example
   * ```ts
   * import { isBarError } from 'cec-bar-host';
   * try {
   *   const call = await bar.callOut('13800138000', { media: 'audio' });
   *   console.log('dialing', call.callId);
   * } catch (error) {
   *   if (isBarError(error)) crm.toast(`Could not dial (${error.code})`);
   * }
   * ```
   */
  callOut(
    number: string,
    options?: {
      /**
       * The call's media.
       * @default 'audio'
       */
      readonly media?: CallMedia;
    },
  ): Promise<Call>;
  /**
   * Start over with a fresh token and frame, also from `failed` (for example after `AUTH_REJECTED`
   * once the agent signed in to the CRM again). Does nothing once destroyed.
   *
   * @example
   * ```ts
   * bar.on('connection', (change) => {
   *   if (change.state === 'failed') setTimeout(() => bar.reconnect(), 60_000);
   * });
   * ```
   */
  reconnect(): void;
  /**
   * Remove the frame and every listener and timer, for good. Live calls end as `unknown`
   * (`call.ended`); pending `callOut`s and `ready` reject with `DESTROYED`. Calling it again does nothing.
   *
   * @example
   * ```ts
   * addEventListener('pagehide', () => bar.destroy());
   * ```
   */
  destroy(): void;
  /**
   * Counters of the bridge, for support and tests.
   *
   * @example
   * ```ts
   * const { rejected, loads } = bar.diagnostics();
   * if (rejected.origin > 0 || loads > 1) console.warn('bar diagnostics', bar.diagnostics());
   * ```
   */
  diagnostics(): BarDiagnostics;
  /**
   * Move the live frame to `container` (`null`: park it in a hidden holder while the route has none).
   * True when the frame keeps its document (`Element.moveBefore`); false: it reloads and reconnects.
   *
   * @example
   * ```ts
   * const kept = bar.moveTo(document.querySelector<HTMLElement>('#side-panel'));
   * if (!kept) crm.toast('The phone bar is reconnecting');
   * ```
   */
  moveTo(container: HTMLElement | null): boolean;
  /**
   * Media preflight: can the bar's WebRTC phone work here, and if not, why (plain sentences).
   * Never rejects on a plain bar: a shell that cannot answer gives a problem sentence.
   *
   * @example
   * ```ts
   * await bar.ready;
   * const check = await bar.checkMedia();
   * if (check.problems.length > 0) showSupportHint(check.problems.join('\n'));
   * ```
   */
  checkMedia(): Promise<MediaCheck>;
}
