/**
 * Filters the parent's postmate-wire traffic before the shell's link to the host (or, in a shell
 * page of your own, postmate 1.5.2's `Model`, which accepts a handshake from any window and any
 * origin and checks neither the source nor repeats) sees it: registered on `window` first, it stops
 * every postmate message that does not come from `window.parent`, from an allowed host origin,
 * after one accepted handshake.
 */
import { parseShellConfig, type ShellConfig } from '../protocol/bridge.js';

/**
 * What a refused parent message is counted as.
 *
 * @example
 * ```ts
 * import { installParentGate, type GateRejectReason } from 'cec-bar-host/frame';
 * const counts: Partial<Record<GateRejectReason, number>> = {};
 * installParentGate({ win: window, hostOrigins: ['https://crm.example.com'], onConfig: console.log, onReject: (reason) => (counts[reason] = (counts[reason] ?? 0) + 1) });
 * ```
 */
export type GateRejectReason =
  /** Not from an allowed host origin, or not from the accepted one. */
  | 'origin'
  /** Not from the parent window (or the shell is not framed). */
  | 'source'
  /** A message before the handshake, or a handshake whose config is invalid. */
  | 'handshake'
  /** A second handshake after one was accepted. */
  | 'repeat';

/**
 * Options of {@link installParentGate}.
 *
 * @example
 * ```ts
 * import { installParentGate, type ParentGateOptions } from 'cec-bar-host/frame';
 * const options: ParentGateOptions = { win: window, hostOrigins: ['https://crm.example.com'], onConfig: (config) => console.log(config.userAccount) };
 * installParentGate(options);
 * ```
 */
export interface ParentGateOptions {
  /** The window the shell runs in. */
  readonly win: Window;
  /** Host origins allowed to hand over a config (from the page's `cec-shell-config`). */
  readonly hostOrigins: readonly string[];
  /** Called once, with the validated config, when a handshake is accepted. */
  readonly onConfig: (config: ShellConfig) => void;
  /** Called for every refused postmate message. */
  readonly onReject?: (reason: GateRejectReason, detail: string) => void;
}

/**
 * An installed gate, as {@link installParentGate} returns it.
 *
 * @example
 * ```ts
 * import { installParentGate } from 'cec-bar-host/frame';
 * const gate = installParentGate({ win: window, hostOrigins: ['https://crm.example.com'], onConfig: console.log });
 * addEventListener('pagehide', () => gate.remove());
 * ```
 */
export interface ParentGate {
  /** The accepted host origin, once a handshake passed. */
  readonly hostOrigin: string | null;
  /** Removes the gate's `message` listener. */
  remove(): void;
}

function isPostmateMessage(data: unknown): data is { postmate: unknown; model?: unknown } {
  return typeof data === 'object' && data !== null && Object.prototype.hasOwnProperty.call(data, 'postmate');
}

/**
 * Validate a handshake model: the schema, which also refuses any key a ShellConfig does not have
 * (a shell page on postmate's own `Model` would copy every key into its model, where one could
 * overwrite `hostCommand`), and `hostOrigin` = sender.
 *
 * @param model - postmate's handshake `model`.
 * @param senderOrigin - The origin the handshake came from.
 * @example
 * ```ts
 * import { checkHandshakeModel } from 'cec-bar-host/frame';
 * const checked = checkHandshakeModel(message.data.model, message.origin);
 * if (checked.ok) console.log('configured for', checked.config.userAccount);
 * else console.warn(checked.error);
 * ```
 */
export function checkHandshakeModel(
  model: unknown,
  senderOrigin: string,
):
  | {
      /** Accepted. */
      ok: true;
      /** The validated config. */
      config: ShellConfig;
    }
  | {
      /** Refused. */
      ok: false;
      /** Why, for people. */
      error: string;
    } {
  if (typeof model !== 'object' || model === null || Array.isArray(model)) return { ok: false, error: 'handshake without a config object' };
  const parsed = parseShellConfig(model);
  if (!parsed.ok) return { ok: false, error: `invalid config: ${parsed.error}` };
  if (parsed.config.hostOrigin !== senderOrigin) return { ok: false, error: 'config hostOrigin is not the sender origin' };
  return parsed;
}

/**
 * Filters postmate-wire traffic from the parent before anything else sees it: only `window.parent`,
 * only an allowed host origin, one accepted handshake. Install it before any other `message`
 * listener (the shell's link, or postmate's `Model`), so that it runs first.
 *
 * @param options - The window, the allowed origins and the callbacks.
 * @example
 * ```ts
 * import { installParentGate } from 'cec-bar-host/frame';
 * installParentGate({ win: window, hostOrigins: ['https://crm.example.com'], onConfig: (config) => console.log(config.cecContextPath) });
 * ```
 */
export function installParentGate(options: ParentGateOptions): ParentGate {
  const { win, onConfig, onReject } = options;
  const allowed = new Set(options.hostOrigins);
  let hostOrigin: string | null = null;

  const refuse = (e: MessageEvent, reason: GateRejectReason, detail: string): void => {
    e.stopImmediatePropagation();
    onReject?.(reason, detail);
  };

  const listener = (e: MessageEvent): void => {
    if (!isPostmateMessage(e.data)) return; // not postmate: the bar relay decides
    if (e.source !== win.parent || win.parent === win) return refuse(e, 'source', 'postmate message not from the parent window');
    if (!allowed.has(e.origin)) return refuse(e, 'origin', `origin ${e.origin} is not an allowed host`);
    if (hostOrigin !== null) {
      if (e.origin !== hostOrigin) return refuse(e, 'origin', 'origin differs from the accepted host');
      if (e.data.postmate === 'handshake') return refuse(e, 'repeat', 'handshake already accepted');
      return;
    }
    if (e.data.postmate !== 'handshake') return refuse(e, 'handshake', 'message before the handshake');
    const checked = checkHandshakeModel(e.data.model, e.origin);
    if (!checked.ok) return refuse(e, 'handshake', checked.error);
    hostOrigin = e.origin;
    onConfig(checked.config);
  };

  win.addEventListener('message', listener);
  return {
    get hostOrigin() {
      return hostOrigin;
    },
    remove: () => win.removeEventListener('message', listener),
  };
}
