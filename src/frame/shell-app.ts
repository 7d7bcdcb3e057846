/**
 * The shell frame's behaviour (origin B): accept one handshake from an allowed host, load CEC's
 * bar, subscribe with `eventpost` on every bar load, relay validated bar events to the host with
 * session id and sequence numbers, answer host commands, report status. See
 * docs/internal-contracts.md "Host ⇄ shell".
 */
import {
  parseHostCommand,
  randomId,
  type HostCommand,
  type ShellConfig,
  type ShellStatus,
} from '../protocol/bridge.js';
import { buildCallout, buildEventpost } from '../protocol/cec-commands.js';
import { installParentGate, type GateRejectReason } from './parent-gate.js';
import { linkToParent, type ParentLink } from './parent-link.js';
import { createShellSequencer, type ShellSequencer } from './sequencer.js';
import { loadBarScript } from './bar-loader.js';
import { watchBarFrame, type BarFrameWatch } from './bar-frame.js';
import { listenToBar, type BarRejectReason } from './bar-relay.js';
import { shellMediaCheck } from './media-check.js';
import { warmUpParsers } from './parser-warm-up.js';

/**
 * Options of {@link startShell}.
 *
 * @example
 * ```ts
 * import { startShell, type StartShellOptions } from 'cec-bar-host/frame';
 * const options: StartShellOptions = { hostOrigins: ['https://crm.example.com'], statsIntervalMs: 5000 };
 * startShell(options);
 * ```
 */
export interface StartShellOptions {
  /** Host origins allowed to configure this shell; usually read with `readShellPageConfig`. */
  readonly hostOrigins: readonly string[];
  /**
   * The window the shell runs in.
   * @default window
   */
  readonly win?: Window;
  /**
   * How often, at most, refusal counters are sent to the host (ms). Chosen here.
   * @default 1000
   */
  readonly statsIntervalMs?: number;
  /**
   * The shell page's CSP nonce (its own script's `nonce`), under which CEC's bar script then runs
   * inline. `createBarShellServer` serves the page that way.
   * @default undefined: the bar script runs from a `blob:` URL
   */
  readonly scriptNonce?: string;
}

/**
 * A running shell, as {@link startShell} returns it.
 *
 * @example
 * ```ts
 * import { readShellPageConfig, startShell } from 'cec-bar-host/frame';
 * const shell = startShell({ hostOrigins: readShellPageConfig(document).hostOrigins });
 * addEventListener('pagehide', () => shell.stop());
 * ```
 */
export interface ShellHandle {
  /** Resolves with the accepted config once a host handshake passed. */
  readonly configured: Promise<ShellConfig>;
  /** Current status, or null before loading started. */
  readonly status: ShellStatus | null;
  /** Stops relaying and answering: removes the shell's listeners and timers. */
  stop(): void;
}

type RejectReason = GateRejectReason | BarRejectReason | 'command' | 'session';

/**
 * Start the shell in the current page: accept one handshake from an allowed host, load CEC's bar,
 * subscribe with `eventpost` on every bar load, relay validated bar events to the host, answer its
 * commands and report status. Call once, before anything else listens to `message`.
 *
 * @param options - The allowed host origins and the window to run in.
 * @example
 * ```ts
 * import { readShellPageConfig, startShell } from 'cec-bar-host/frame';
 * startShell({ hostOrigins: readShellPageConfig(document).hostOrigins });
 * ```
 */
export function startShell(options: StartShellOptions): ShellHandle {
  const win = options.win ?? window;
  const statsIntervalMs = options.statsIntervalMs ?? 1000;
  const rejected: Record<string, number> = {};
  let relayed = 0;
  let status: ShellStatus | null = null;
  let seq: ShellSequencer | null = null;
  let statsTimer: ReturnType<typeof setTimeout> | null = null;
  let watch: BarFrameWatch | null = null;
  let stopBar: (() => void) | null = null;
  let barTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let stopWarmUp: (() => void) | null = null;

  const sendStats = (): void => {
    statsTimer = null;
    seq?.send({ kind: 'stats', rejected: { ...rejected }, relayed });
  };
  const count = (reason: RejectReason): void => {
    rejected[reason] = (rejected[reason] ?? 0) + 1;
    // Throttled: one stats message per interval at most, and only when something changed.
    if (seq && statsTimer === null && !stopped) statsTimer = setTimeout(sendStats, statsIntervalMs);
  };

  let resolveConfig!: (c: ShellConfig) => void;
  const configured = new Promise<ShellConfig>((r) => (resolveConfig = r));
  let config: ShellConfig | null = null;
  let link: ParentLink | null = null;
  const gate = installParentGate({
    win,
    hostOrigins: options.hostOrigins,
    onConfig: (c) => {
      config = c;
      resolveConfig(c);
      connect(c);
    },
    onReject: (reason) => count(reason),
  });

  const setStatus = (next: ShellStatus, detail?: string): void => {
    status = next;
    seq?.send({ kind: 'status', status: next, ...(detail ? { detail: detail.slice(0, 2048) } : {}) });
  };

  let events: readonly string[] = [];
  let barOrigin = '';
  const barWindow = (): Window | null => watch?.frame?.contentWindow ?? null;
  const postToBar = (data: string): boolean => {
    const w = barWindow();
    if (!w) return false;
    w.postMessage(data, barOrigin);
    return true;
  };

  const reply = (cmd: Pick<HostCommand, 'id'>, result: { ok: true; result?: unknown } | { ok: false; code: string; message: string }): void => {
    if (result.ok) seq?.send({ kind: 'reply', id: cmd.id, ok: true, ...(result.result !== undefined ? { result: result.result } : {}) });
    else seq?.send({ kind: 'reply', id: cmd.id, ok: false, error: { code: result.code, message: result.message } });
  };

  const runCommand = async (cmd: HostCommand): Promise<void> => {
    switch (cmd.kind) {
      case 'callout':
        if (status !== 'loaded' && status !== 'bar-reloaded') return reply(cmd, { ok: false, code: 'NOT_READY', message: 'the bar has not loaded' });
        postToBar(buildCallout(cmd.number, cmd.media));
        return reply(cmd, { ok: true });
      case 'replay':
        return reply(cmd, { ok: true, result: seq?.replay(cmd.fromSeq) });
      case 'subscribe':
        events = [...cmd.events];
        postToBar(buildEventpost(events));
        return reply(cmd, { ok: true });
      case 'ping':
        return reply(cmd, { ok: true, result: { status, relayed, lastSeq: seq?.lastSeq ?? 0 } });
      case 'checkMedia':
        // Never prompts the agent: permission state, delegation and device count only.
        return reply(cmd, { ok: true, result: await shellMediaCheck(win, watch?.frame ?? null) });
    }
  };

  const onHostCommand = (data: unknown): void => {
    if (!config || stopped) return;
    const parsed = parseHostCommand(data);
    const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
    const sessionOk = typeof data === 'object' && data !== null && (data as { sessionId?: unknown }).sessionId === config.sessionId;
    if (!sessionOk) return count('session'); // never answer a forged session
    if (!parsed.ok) {
      count('command');
      if (typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id)) reply({ id }, { ok: false, code: 'PROTOCOL_ERROR', message: parsed.error.slice(0, 512) });
      return;
    }
    void runCommand(parsed.command);
  };

  const startBar = async (c: ShellConfig): Promise<void> => {
    // The script request goes first: the relay and the frame watch below are in place long before
    // its answer runs the script that inserts the bar's frame.
    const loading = loadBarScript(c, win, undefined, options.scriptNonce);
    events = c.events;
    barOrigin = new URL(c.cecContextPath).origin;
    stopBar = listenToBar({
      win,
      barWindow,
      barOrigin,
      onReject: count,
      onEvent: (event, at) => {
        relayed += 1;
        seq?.send({ kind: 'cec', at, event });
      },
    });
    // One deadline covers the script request, the script, and the bar frame's first load.
    barTimer = setTimeout(() => {
      if (status === 'loading') setStatus('bar-failed', `no ${'ccbarclient'} frame loaded within ${c.barLoadTimeoutMs} ms`);
    }, c.barLoadTimeoutMs);
    watch = watchBarFrame(win.document, (_frame, n) => {
      if (stopped || (status === 'bar-failed' && n === 1)) return;
      postToBar(buildEventpost(events));
      if (n === 1) {
        if (barTimer) clearTimeout(barTimer);
        setStatus('loaded');
      } else setStatus('bar-reloaded');
    });
    setStatus('loading');
    stopWarmUp = warmUpParsers(win);
    const result = await loading;
    if (!result.ok && status === 'loading') {
      if (barTimer) clearTimeout(barTimer);
      setStatus(result.status, result.detail);
    }
  };

  /** The handshake was accepted: answer it, then load the bar. */
  function connect(c: ShellConfig): void {
    const hostLink = linkToParent({ win, hostOrigin: c.hostOrigin, onCommand: onHostCommand });
    link = hostLink;
    seq = createShellSequencer({ sessionId: c.sessionId, shellId: randomId(8), post: hostLink.send });
    void startBar(c);
  }

  return {
    configured,
    get status() {
      return status;
    },
    stop() {
      stopped = true;
      stopWarmUp?.();
      gate.remove();
      link?.stop();
      stopBar?.();
      watch?.stop();
      if (barTimer) clearTimeout(barTimer);
      if (statsTimer) clearTimeout(statsTimer);
    },
  };
}
