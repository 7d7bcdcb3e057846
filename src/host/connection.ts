/**
 * The connection state machine between the host and the shell frame:
 *
 *   connecting → ready → reconnecting → ready | failed;   any → destroyed
 *
 * One attempt: fetch a token while the frame opens (a reloaded shell keeps its frame), handshake
 * once both the token and the shell's page are there, then wait for the shell to report the bar
 * `loaded`. A failed attempt is retried with backoff unless CEC refused the token. A shell page
 * that reloads by itself is a new page with a new shell id: the connection is rebuilt on the same
 * frame.
 */
import { BarError } from '../protocol/bar-error.js';
import { BRIDGE_VERSION, SHELL_COMMAND_METHOD, type HostCommand, type ShellConfig, type ShellMessage } from '../protocol/bridge.js';
import { backoffDelay } from './backoff.js';
import { createBridgeGuard } from './bridge-guard.js';
import { POSTMATE_TYPE } from '../protocol/postmate-wire.js';
import type { ResolvedOptions } from './options.js';
import { createRecorder } from './recorder.js';
import { openShellFrame, type ShellFrame } from './shell-frame.js';
import type { BarDiagnostics, BarRecorder, ConnectionState } from './types.js';

/** Postmate's own handshake resend period. */
const HANDSHAKE_RESEND_MS = 500;

/** A host command without the fields the connection adds (version, session id, command id). */
export type CommandBody = HostCommand extends infer Command ? (Command extends HostCommand ? Omit<Command, 'v' | 'sessionId' | 'id'> : never) : never;

/** What the connection tells the rest of the bar. */
export interface ConnectionHooks {
  /** Where a new frame goes (`moveTo` may have changed it since the mount). */
  container(): HTMLElement;
  /** Every state change, with the error that caused it, if any. */
  onStateChange(state: ConnectionState, previous: ConnectionState, error?: BarError): void;
  /** A validated shell message that is not about the connection itself (a CEC event, a reply). */
  onShellMessage(message: ShellMessage): void;
  /** The shell or the bar was replaced: live calls may have ended unseen and must be confirmed. */
  onShellReplaced(): void;
  /** The connection gave up for good (after its state became `failed`): settle what waits on it. */
  onGaveUp(error: BarError): void;
}

/** @example const connection = createConnection(options, sessionId, hooks); await connection.ready; */
export interface Connection {
  readonly state: ConnectionState;
  /** Resolves at the first `ready`; rejects when the connection fails for good or is destroyed. */
  readonly ready: Promise<void>;
  readonly recorder: BarRecorder;
  /** The shell frame, while there is one. */
  readonly frame: HTMLIFrameElement | undefined;
  /** Sends a command to the shell now and returns its id. */
  send(body: CommandBody): string;
  /** Runs `work` now when ready, else once ready (dropped if the connection gives up first). */
  whenReady(work: () => void): void;
  /** Starts over with a fresh token and frame. */
  reconnect(): void;
  /**
   * Stops for good: no frame, no listener, no timer; `ready` rejects with `error`. `endWork` runs
   * before the state becomes `destroyed`, so the bar's last call events come before that change.
   */
  destroy(error: BarError, endWork: () => void): void;
  diagnostics(): Omit<BarDiagnostics, 'unknownEvents' | 'unknownEventTypes' | 'unknownEventTypesDropped'>;
}

/**
 * Starts connecting at once.
 * @example
 * const connection = createConnection(resolveOptions(input, document), randomId(), hooks);
 * connection.whenReady(() => connection.send({ kind: 'checkMedia' }));
 */
export function createConnection(options: ResolvedOptions, sessionId: string, hooks: ConnectionHooks): Connection {
  let state: ConnectionState = 'connecting';
  let shell: ShellFrame | undefined;
  /** Bumped by every attempt and teardown: async work of an older attempt sees it changed and stops. */
  let attempt = 0;
  let retries = 0;
  let shellLoads = 0;
  let handshaken = false;
  /** Sends this attempt's handshake now and every HANDSHAKE_RESEND_MS until answered. */
  let startHandshake: (() => void) | undefined;
  /**
   * Which of the current shell page's two signals came and its pair has not: its announcement
   * (from its own window and origin, so not the first about:blank) or its frame's load event.
   * The browser delivers them in either order (docs/internal-contracts.md "Host ⇄ shell").
   */
  let unpairedPageEvent: 'listening' | 'load' | undefined;
  let shellStatus: string | undefined;
  let token = '';
  let handshakeResendTimer: ReturnType<typeof setInterval> | undefined;
  /** The deadline of the current phase: the handshake, then the bar's load. */
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let commandCount = 0;
  let waitingForReady: (() => void)[] = [];

  const guard = createBridgeGuard({ sessionId, origin: options.shellOrigin, source: () => shell?.frame.contentWindow });
  // The live token is scrubbed from recordings, whatever its shape.
  const recorder = createRecorder(() => [token]);
  let resolveReady!: () => void;
  let rejectReady!: (error: BarError) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {}); // the caller may never await it: no unhandled rejection

  function setState(next: ConnectionState, error?: BarError): void {
    if (next === state) return;
    const previous = state;
    state = next;
    hooks.onStateChange(next, previous, error);
  }

  // The target origin makes the browser drop the message if the frame holds any other page.
  const post = (data: unknown): void => shell?.frame.contentWindow?.postMessage(data, options.shellOrigin);

  function send(body: CommandBody): string {
    const command = { ...body, v: BRIDGE_VERSION, sessionId, id: `c${++commandCount}` } as HostCommand;
    recorder.add('out', command);
    post({ postmate: 'call', type: POSTMATE_TYPE, property: SHELL_COMMAND_METHOD, data: command });
    return command.id;
  }

  function clearTimers(): void {
    clearInterval(handshakeResendTimer);
    clearTimeout(deadlineTimer);
    clearTimeout(retryTimer);
  }

  /** Ends the current attempt: no timer, no frame, nothing of the old shell page remembered. */
  function teardown(): void {
    attempt++;
    clearTimers();
    shell?.close();
    shell = undefined;
    unpairedPageEvent = undefined;
    handshaken = false;
    shellLoads = 0;
    guard.reset();
  }

  function fail(error: BarError, retry: boolean): void {
    if (state === 'destroyed') return;
    teardown();
    hooks.onShellReplaced();
    options.logger.warn?.(`cec-bar-host: ${error.code}: ${error.message}`);
    if (retry && retries < options.attempts) {
      setState('reconnecting', error);
      retryTimer = setTimeout(startAttempt, backoffDelay(retries++, options));
      return;
    }
    setState('failed', error);
    rejectReady(error);
    waitingForReady = [];
    hooks.onGaveUp(error);
  }

  /** The handshake deadline: a shell page that loaded and had the token but never answered is most likely a 404. */
  function handshakeDeadlinePassed(): void {
    if (shellLoads > 0 && startHandshake) fail(new BarError('LOAD_FAILED', 'shell loaded, no handshake (404?)'), true);
    else fail(new BarError('HANDSHAKE_TIMEOUT', `no shell in ${options.handshakeMs} ms`), true);
  }

  /** The enterprise's token for this attempt, or the error that ends the attempt. */
  async function fetchToken(): Promise<string | BarError> {
    let cause: unknown;
    try {
      const fetched = await options.getAccessToken();
      if (typeof fetched === 'string' && fetched) return fetched;
    } catch (error) {
      cause = error;
    }
    // A getter that threw gives the error as `cause`; one that gave no string has none.
    return new BarError('TOKEN_FAILED', 'getAccessToken(): no token', { cause });
  }

  /** What the shell needs to load the bar: the handshake's model. */
  function shellConfig(accessToken: string): ShellConfig {
    return {
      v: BRIDGE_VERSION,
      sessionId,
      hostOrigin: location.origin,
      cecContextPath: options.cecContextPath,
      scriptPath: options.scriptPath,
      tenantSpaceId: options.tenantSpaceId,
      userAccount: options.userAccount,
      accessToken,
      events: [...options.events],
      barLoadTimeoutMs: Math.max(100, Math.round(options.barLoadMs)),
    };
  }

  /** One connection attempt: a fresh token, the frame (kept when the shell reloaded in place), the handshake. */
  async function startAttempt(): Promise<void> {
    const thisAttempt = ++attempt;
    clearTimers();
    handshaken = false;
    startHandshake = undefined; // the last attempt's handshake carries its token
    shellStatus = undefined;
    deadlineTimer = setTimeout(handshakeDeadlinePassed, options.handshakeMs);
    // The shell page's load and the token request run side by side; the handshake carries the
    // token, so it waits for both. The frame goes first: its page is the longer path, and a
    // getAccessToken that calls fetch() holds this thread for milliseconds before it returns its
    // promise (bench/browser.mjs, mount profile: the frame went in 2-5 ms later behind it).
    shell ??= openShellFrame(options, hooks.container(), onShellLoad);
    const fetched = await fetchToken();
    if (thisAttempt !== attempt) return; // torn down or started over meanwhile
    if (fetched instanceof BarError) return fail(fetched, true);
    token = fetched;
    const handshake = { postmate: 'handshake', type: POSTMATE_TYPE, model: shellConfig(fetched) };
    startHandshake = () => {
      clearInterval(handshakeResendTimer);
      post(handshake);
      // The shell page may not listen yet when its load event fires: resend until answered.
      handshakeResendTimer = setInterval(() => post(handshake), HANDSHAKE_RESEND_MS);
    };
    // Only to the shell's page: posted to the frame's first about:blank, the browser refuses the
    // message with a console warning. A new frame's page starts the handshake when it announces
    // itself, or else from its load event.
    if (shell.holdsShellDocument()) startHandshake();
  }

  /**
   * A shell page announced itself, or its frame loaded. The first of the two acts: a page not yet
   * handshaken gets the handshake (or gets it with the token), a handshaken frame holds a new page
   * and is rebuilt. The second is the same page's and changes nothing. A page announces itself
   * before it can answer a handshake (both are messages from its window, delivered in order), so an
   * announcement after the handshake is always a reloaded page; a page that never announces itself
   * (an error page, a browser that does not tell it its parent's origin) acts by its load alone.
   */
  function onShellPageEvent(event: 'listening' | 'load'): void {
    if (unpairedPageEvent && unpairedPageEvent !== event) {
      unpairedPageEvent = undefined;
      return;
    }
    unpairedPageEvent = event;
    if (!handshaken) startHandshake?.();
    else startOver();
  }

  function onShellLoad(): void {
    shellLoads++;
    if (shell?.holdsShellDocument()) onShellPageEvent('load');
  }

  /**
   * A new shell page (it reloaded: a new shellId, rebuilt on the same frame) or a new frame after
   * `reconnect()`: forget the old page's sequence, suspect the calls it reported, connect again.
   */
  function startOver(): void {
    guard.reset();
    hooks.onShellReplaced();
    setState('reconnecting');
    void startAttempt();
  }

  function onHandshakeReply(): void {
    if (handshaken || !shell) return;
    handshaken = true;
    clearInterval(handshakeResendTimer);
    clearTimeout(deadlineTimer);
    const barDeadline = (): void => fail(new BarError('LOAD_FAILED', `no bar in ${options.barLoadMs} ms`), true);
    deadlineTimer = setTimeout(barDeadline, options.barLoadMs + options.handshakeMs);
    // The shell keeps the CEC events of a page's life: ask for those this host has not seen.
    send({ kind: 'replay', fromSeq: guard.counts.lastSeq });
  }

  function becomeReady(): void {
    clearTimeout(deadlineTimer);
    retries = 0;
    setState('ready');
    resolveReady();
    for (const work of waitingForReady.splice(0)) work();
  }

  function onStatus(message: Extract<ShellMessage, { kind: 'status' }>): void {
    shellStatus = message.status;
    if (message.status === 'loaded' && handshaken && state !== 'ready') becomeReady();
    else if (message.status === 'bar-reloaded') hooks.onShellReplaced();
    else if (message.status === 'token-rejected') fail(new BarError('AUTH_REJECTED', `token rejected: ${message.detail}`), false);
    else if (message.status === 'bar-failed') fail(new BarError('LOAD_FAILED', `bar failed: ${message.detail}`), true);
  }

  function onWindowMessage(event: MessageEvent): void {
    const message = guard.check(event);
    if (message === 'handshake') return onHandshakeReply();
    if (message === 'listening') return onShellPageEvent('listening');
    if (!message) return;
    recorder.add('in', message);
    if (message.kind === 'status') onStatus(message);
    else hooks.onShellMessage(message);
  }

  addEventListener('message', onWindowMessage);
  void startAttempt();

  return {
    get state() {
      return state;
    },
    ready,
    recorder,
    get frame() {
      return shell?.frame;
    },
    send,
    whenReady(work) {
      if (state === 'ready') work();
      else waitingForReady.push(work);
    },
    reconnect() {
      if (state === 'destroyed') return;
      teardown();
      retries = 0;
      startOver();
    },
    destroy(error, endWork) {
      if (state === 'destroyed') return;
      teardown();
      removeEventListener('message', onWindowMessage);
      waitingForReady = [];
      endWork();
      rejectReady(error);
      setState('destroyed');
    },
    diagnostics: () => ({
      state,
      ...guard.counts,
      rejected: { ...guard.counts.rejected },
      loads: shellLoads,
      ...(shellStatus ? { status: shellStatus } : {}),
    }),
  };
}
