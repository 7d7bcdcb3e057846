/**
 * The shell's side of the host ⇄ shell wire, postmate 1.5.2's envelope (docs/internal-contracts.md
 * "Host ⇄ shell"), without postmate's library: the host speaks the wire itself too
 * (src/host/connection.ts). Once the parent gate has accepted a handshake, the link answers it,
 * hands the host's `hostCommand` calls on, and emits the shell's messages to that host only.
 *
 * The gate (src/frame/parent-gate.ts) sees every message first and drops those from another window
 * or origin; the link checks window and origin again before it reads anything.
 */
import { SHELL_COMMAND_METHOD, SHELL_MESSAGE_EVENT, type ShellMessage } from '../protocol/bridge.js';
import { POSTMATE_TYPE } from '../protocol/postmate-wire.js';

/**
 * Options of {@link linkToParent}.
 *
 * @example
 * ```ts
 * import { linkToParent, type ParentLinkOptions } from 'cec-bar-host/frame';
 * const options: ParentLinkOptions = { win: window, hostOrigin: 'https://crm.example.com', onCommand: (data) => console.log(data) };
 * const link = linkToParent(options);
 * ```
 */
export interface ParentLinkOptions {
  /** The shell's window. */
  readonly win: Window;
  /** The host origin whose handshake the gate accepted: the only one the link hears and posts to. */
  readonly hostOrigin: string;
  /** Gets the `data` of each `hostCommand` call, unvalidated (the shell parses it with `parseHostCommand`). */
  readonly onCommand: (data: unknown) => void;
}

/**
 * The link to the host, as {@link linkToParent} returns it.
 *
 * @example
 * ```ts
 * import { linkToParent } from 'cec-bar-host/frame';
 * const link = linkToParent({ win: window, hostOrigin: 'https://crm.example.com', onCommand: () => {} });
 * addEventListener('pagehide', () => link.stop());
 * ```
 */
export interface ParentLink {
  /** Posts one shell message to the host (postmate's `emit` of `shellMessage`). */
  send(message: ShellMessage): void;
  /** Stops hearing the host's calls. */
  stop(): void;
}

type CallEnvelope = { postmate?: unknown; property?: unknown; data?: unknown } | null;

/**
 * Answers the accepted handshake (`handshake-reply`), then hands each `hostCommand` call from that
 * host to `onCommand`. Call it once the gate has accepted the handshake.
 *
 * @param options - The window, the accepted host origin, where commands go.
 * @example
 * ```ts
 * import { installParentGate, linkToParent } from 'cec-bar-host/frame';
 * const gate = installParentGate({
 *   win: window,
 *   hostOrigins: ['https://crm.example.com'],
 *   onConfig: (config) => linkToParent({ win: window, hostOrigin: config.hostOrigin, onCommand: (data) => console.log(data) }),
 * });
 * ```
 */
export function linkToParent(options: ParentLinkOptions): ParentLink {
  const { win, hostOrigin, onCommand } = options;
  // The exact target origin: posted while the frame holds any other page, the browser drops it.
  const post = (envelope: object): void => win.parent.postMessage({ ...envelope, type: POSTMATE_TYPE }, hostOrigin);
  const listener = (event: MessageEvent): void => {
    if (event.source !== win.parent || event.origin !== hostOrigin) return;
    const envelope = event.data as CallEnvelope;
    if (typeof envelope !== 'object' || envelope === null) return;
    if (envelope.postmate === 'call' && envelope.property === SHELL_COMMAND_METHOD) onCommand(envelope.data);
  };
  win.addEventListener('message', listener);
  post({ postmate: 'handshake-reply' });
  return {
    send: (message) => post({ postmate: 'emit', value: { name: SHELL_MESSAGE_EVENT, data: message } }),
    stop: () => win.removeEventListener('message', listener),
  };
}
