/** Public types of the host library (`cec-bar-host`). Pure types: no runtime code. */
import type { BarError } from '../protocol/bar-error.js';
import type { CecEvent } from '../protocol/cec-events.js';
import type { CallMedia } from '../protocol/cec-commands.js';
import type { RejectReason } from '../protocol/bridge.js';
import type { MediaCheck } from '../protocol/media.js';
export type { MediaCheck };

/**
 * Connection state of a mounted bar. `standby` is reserved (issue 9: single-place sign-in).
 * @example
 * if (bar.state === 'failed') bar.reconnect();
 */
export type ConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'failed' | 'destroyed' | 'standby';

/**
 * The agent's state: `busy` is CEC's "not ready", `inCall` is handling a call.
 * @example
 * bar.on('agent.state', (s) => s.state === 'idle' && showAvailable());
 */
export type AgentState = 'offline' | 'idle' | 'busy' | 'rest' | 'wrapUp' | 'inCall';

/** @example const d: CallDirection = 'inbound'; */
export type CallDirection = 'inbound' | 'outbound';
/** @example if (ended.outcome === 'missed') notifySupervisor(ended); */
export type CallOutcome = 'completed' | 'missed' | 'failed' | 'abandoned' | 'unknown';
/** @example if (ended.endedBy === 'customer') logHangup(); */
export type CallEndedBy = 'agent' | 'customer' | 'system' | 'unknown';

/**
 * A call as the host models it (a frozen snapshot).
 * @example
 * bar.on('call.ringing', (call: Call) => openRecord(call.caller));
 */
export interface Call {
  readonly callId: string;
  readonly direction: CallDirection;
  readonly caller?: string;
  readonly called?: string;
  /** `text` for CEC's mediaAbility 5 (text chat); otherwise audio or video. */
  readonly media: CallMedia | 'text';
  readonly skill?: string;
  readonly startedAt: number;
  readonly connectedAt?: number;
}

/**
 * The one terminal event of a call.
 * @example
 * bar.on('call.ended', (c: EndedCall) => saveCallLog(c.callId, c.outcome, c.talkMs));
 */
export interface EndedCall extends Call {
  readonly outcome: CallOutcome;
  readonly endedBy: CallEndedBy;
  /** ms between connected and ended; 0 when never connected. */
  readonly talkMs: number;
  readonly endedAt: number;
}

/** @example const { state, since } = bar.agent; */
export interface AgentSnapshot {
  readonly state: AgentState;
  readonly workNo?: string;
  readonly since: number;
}

/**
 * @example
 * bar.on('agent.state', (c: AgentStateChange) => {
 *   console.log(c.previous, '→', c.state);
 *   if (c.error?.code === 'SESSION_NOT_RESUMED') showHint('Sign in again in the connection bar');
 * });
 */
export interface AgentStateChange {
  readonly state: AgentState;
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
  readonly at: number;
}

/** @example bar.on('connection', (c: ConnectionChange) => c.error && console.warn(c.error.code)); */
export interface ConnectionChange {
  readonly state: ConnectionState;
  readonly previous: ConnectionState;
  readonly error?: BarError;
}

/**
 * The typed event map of a mounted bar.
 * @example
 * const off = bar.on('cec', (e) => { if (e.eventType === 'AgentEvent_Talking') console.log(e.content.callid); });
 */
export interface BarEventMap {
  connection: ConnectionChange;
  'agent.state': AgentStateChange;
  'call.ringing': Call;
  'call.dialing': Call;
  'call.connected': Call;
  'call.ended': EndedCall;
  cec: CecEvent;
  error: BarError;
}
/** @example const name: BarEventName = 'call.ended'; */
export type BarEventName = keyof BarEventMap;
/** @example const cb: BarListener<'call.ringing'> = (call) => console.log(call.callId); */
export type BarListener<K extends BarEventName> = (payload: BarEventMap[K]) => void;

/**
 * Counters of the bridge, for support and tests.
 * @example
 * const d = bar.diagnostics(); if (d.rejected.origin > 0) report(d);
 */
export interface BarDiagnostics {
  readonly state: ConnectionState;
  /** Every `message` event the host listener saw. */
  readonly received: number;
  /** Shell messages that passed every check. */
  readonly delivered: number;
  readonly rejected: Readonly<Record<RejectReason, number>>;
  /** How many times a sequence number was skipped, and how many numbers were missing in all. */
  readonly gaps: number;
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
  readonly lastSeq: number;
  readonly status?: string;
}

/** One recorded bridge message (already redacted). @example const outgoing = bar.recorder.messages.filter((m: RecordedMessage) => m.dir === 'out'); */
export interface RecordedMessage {
  readonly at: number;
  readonly dir: 'in' | 'out';
  readonly data: unknown;
}
/** @example const json = JSON.stringify(bar.recorder); */
export interface Recording {
  readonly version: 1;
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
 * @example
 * const saved: Recording = bar.recorder.toJSON();
 */
export interface BarRecorder {
  readonly messages: readonly RecordedMessage[];
  clear(): void;
  toJSON(): Recording;
}

/** @example logger: { warn: (m, d) => console.warn(m, d) } */
export interface BarLogger {
  debug?(message: string, data?: unknown): void;
  info?(message: string, data?: unknown): void;
  warn?(message: string, data?: unknown): void;
  error?(message: string, data?: unknown): void;
}

/** @example timeouts: { handshakeMs: 5000, callOutMs: 20000 } */
export interface BarTimeouts {
  /** Shell page load + postmate handshake. Default 10 000. */
  readonly handshakeMs?: number;
  /** Bar script + `ccbarclient` frame, after the handshake. Default 20 000. */
  readonly barLoadMs?: number;
  /** `callOut` until `call.dialing`. Default 30 000. */
  readonly callOutMs?: number;
  /**
   * How long a live call, or a signed-in agent, may stay unconfirmed after the bar went silent,
   * reloaded or moved to another tab; then the call ends as `unknown` and the agent becomes
   * `offline` (`SESSION_NOT_RESUMED`). Default 15 000.
   */
  readonly callEndConfirmMs?: number;
}

/** @example retry: { attempts: 5, baseDelayMs: 250, maxDelayMs: 8000, jitter: 0.2 } */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 3. */
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** 0..1: the share of each delay that is random. Default 0.3. */
  readonly jitter?: number;
}

/**
 * Options of `mountConnectionBar`.
 * @example
 * mountConnectionBar({ container: '#bar', shellUrl: 'https://bar.crm.example/shell/',
 *   cecContextPath: 'https://bar.crm.example/service-cloud/', tenantSpaceId: 't1',
 *   userAccount: 'alice', getAccessToken: () => fetch('/bar-token').then((r) => r.text()) });
 */
export interface MountOptions {
  readonly container: HTMLElement | string;
  /**
   * The shell page: http(s), on an origin of its own. The page's own origin is refused (the shell
   * could then read `parent.document` and take its sandbox off); use another host name or port.
   */
  readonly shellUrl: string;
  readonly cecContextPath: string;
  readonly tenantSpaceId: string;
  readonly userAccount: string;
  readonly getAccessToken: () => Promise<string>;
  readonly events?: readonly string[];
  /**
   * The shell frame's sandbox tokens, read as the browser reads them (any letter case, any ASCII
   * whitespace between). Must hold `allow-scripts` and `allow-same-origin`; any `allow-top-navigation…`
   * is refused. Default `DEFAULT_SANDBOX`.
   */
  readonly sandbox?: string;
  readonly allow?: string;
  readonly timeouts?: BarTimeouts;
  readonly retry?: RetryPolicy;
  readonly logger?: BarLogger;
  /** Path of the bar script below `cecContextPath`; CEC documents only its tail. */
  readonly scriptPath?: string;
}

/**
 * Options of `preloadConnectionBar`: the shell frame's page and attributes. A mount takes the
 * preloaded frame over only when all three equal its own, defaults applied.
 * @example preloadConnectionBar({ shellUrl: 'https://bar.crm.example/shell/', allow: `${DEFAULT_ALLOW}; clipboard-write` });
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
 * const preload = preloadConnectionBar({ shellUrl });
 * router.on('leave-crm', () => preload.abandon());
 */
export interface ConnectionBarPreload {
  /** Removes the preloaded frame unless a mount has taken it over (the bar owns it then); idempotent. */
  abandon(): void;
}

/**
 * A mounted connection bar.
 * @example
 * const bar = mountConnectionBar(options);
 * await bar.ready;
 * bar.on('call.ringing', (call) => openRecord(call.caller));
 */
export interface ConnectionBar {
  /** Resolves when the shell answered and the bar loaded; rejects when the connection fails for good. */
  readonly ready: Promise<void>;
  readonly state: ConnectionState;
  readonly agent: AgentSnapshot;
  readonly calls: readonly Call[];
  readonly recorder: BarRecorder;
  on<K extends BarEventName>(name: K, listener: BarListener<K>): () => void;
  once<K extends BarEventName>(name: K, listener: BarListener<K>): () => void;
  off<K extends BarEventName>(name: K, listener: BarListener<K>): void;
  callOut(number: string, options?: { readonly media?: CallMedia }): Promise<Call>;
  reconnect(): void;
  destroy(): void;
  diagnostics(): BarDiagnostics;
  /**
   * Move the live frame to `container` (`null`: park it in a hidden holder while the route has none).
   * True when the frame keeps its document (`Element.moveBefore`); false: it reloads and reconnects.
   */
  moveTo(container: HTMLElement | null): boolean;
  /** Media preflight: can the bar's WebRTC phone work here, and if not, why (plain sentences). */
  checkMedia(): Promise<MediaCheck>;
}
