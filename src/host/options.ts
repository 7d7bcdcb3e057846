/** Checks `mountConnectionBar` options by hand (a zod schema would cost the size budget) and fills defaults. */
import { BarError } from '../protocol/bar-error.js';
import { DEFAULT_SUBSCRIBED_EVENTS } from '../protocol/cec-events.js';
import { DEFAULT_SCRIPT_PATH } from '../protocol/bridge.js';
import { DEFAULT_CONFIRM_MS } from './session-check.js';
import type { BarLogger, MountOptions } from './types.js';

/**
 * The shell frame's default sandbox. allow-scripts + allow-same-origin are required (else the shell
 * has an opaque origin and never answers); allow-top-navigation is never allowed.
 *
 * @example
 * ```ts
 * import { DEFAULT_SANDBOX, mountConnectionBar } from 'cec-bar-host';
 * mountConnectionBar({ ...options, sandbox: `${DEFAULT_SANDBOX} allow-downloads` });
 * ```
 */
export const DEFAULT_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups';
/**
 * The shell frame's default permissions policy: needed on every frame level for the bar's WebRTC phone.
 *
 * @example
 * ```ts
 * import { DEFAULT_ALLOW, mountConnectionBar } from 'cec-bar-host';
 * mountConnectionBar({ ...options, allow: `${DEFAULT_ALLOW}; clipboard-write` });
 * ```
 */
export const DEFAULT_ALLOW = 'microphone; camera; autoplay';

export interface ResolvedOptions extends ResolvedShellFrame {
  readonly container: HTMLElement;
  readonly cecContextPath: string;
  readonly tenantSpaceId: string;
  readonly userAccount: string;
  readonly getAccessToken: () => Promise<string>;
  readonly events: readonly string[];
  readonly scriptPath: string;
  readonly handshakeMs: number;
  readonly barLoadMs: number;
  readonly callOutMs: number;
  readonly callEndConfirmMs: number;
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly jitter: number;
  readonly logger: BarLogger;
}

type Rec = Record<string, unknown>;
const bad = (name: string, why: string): never => {
  throw new BarError('INVALID_OPTIONS', `option ${name}: ${why}`, { details: { option: name } });
};
const str = (o: Rec, name: string, max: number, re: RegExp = /./, dflt?: string): string => {
  const v = o[name] ?? dflt;
  return typeof v === 'string' && v.length <= max && re.test(v) ? v : bad(name, `expected a string (≤ ${max}) matching ${re}`);
};
const num = (o: Rec, prefix: string, name: string, dflt: number, max = 6e5): number => {
  const v = o[name] ?? dflt;
  return typeof v === 'number' && v >= 0 && v <= max ? v : bad(prefix + name, `expected a number 0-${max}`);
};
const obj = (v: unknown, name: string): Rec => (v === undefined ? {} : typeof v === 'object' && v ? (v as Rec) : bad(name, 'expected an object'));

/**
 * The sandbox tokens as the browser reads them: split on ASCII whitespace, ASCII-lowercased, so no
 * spelling (`ALLOW-TOP-NAVIGATION`, a newline or tab before it) hides a grant from the check.
 * Refuses any top-navigation grant and a sandbox without allow-scripts and allow-same-origin.
 */
function checkedSandbox(sandbox: string): string {
  const tokens = sandbox
    .replace(/[A-Z]/g, (letter) => letter.toLowerCase())
    .split(/[\t\n\f\r ]+/)
    .filter(Boolean);
  const escapes = tokens.some((token) => token.startsWith('allow-top-navigation'));
  return escapes || !tokens.includes('allow-scripts') || !tokens.includes('allow-same-origin')
    ? bad('sandbox', 'expected allow-scripts and allow-same-origin, and no allow-top-navigation')
    : tokens.join(' ');
}

/**
 * The shell must have an origin of its own: on the page's origin (or an opaque one) it could read
 * `parent.document` and take its own sandbox off. `window.origin` is the page's real origin, also in
 * an about:blank frame, where `location.origin` is "null".
 */
function isolatedShellUrl(url: URL | undefined, doc: Document): URL {
  const pageOrigin = doc.defaultView?.origin ?? doc.location.origin;
  return url && /^https?:$/.test(url.protocol) && url.origin !== pageOrigin
    ? url
    : bad('shellUrl', 'expected an http(s) URL on an origin other than this page');
}

/** The shell frame's page and attributes, checked and completed (a mount's and a preload's alike). */
export interface ResolvedShellFrame {
  readonly shellUrl: string;
  readonly shellOrigin: string;
  readonly sandbox: string;
  readonly allow: string;
}

/**
 * `shellUrl`, `sandbox` and `allow`, checked as `resolveOptions` checks them; throws
 * `BarError('INVALID_OPTIONS')` naming the option.
 * @example const { shellUrl, sandbox, allow } = resolveShellFrame({ shellUrl: 'https://bar.crm.example/shell/' }, document);
 */
export function resolveShellFrame(input: Pick<MountOptions, 'shellUrl' | 'sandbox' | 'allow'>, doc: Document): ResolvedShellFrame {
  const o = obj(input, 'options');
  let url: URL | undefined;
  try {
    url = new URL(str(o, 'shellUrl', 2048), doc.baseURI);
  } catch {
    /* reported below */
  }
  const shellUrl = isolatedShellUrl(url, doc);
  return {
    shellUrl: shellUrl.href,
    shellOrigin: shellUrl.origin,
    sandbox: checkedSandbox(str(o, 'sandbox', 512, /./, DEFAULT_SANDBOX)),
    allow: str(o, 'allow', 512, /./, DEFAULT_ALLOW),
  };
}

/**
 * Validate and complete the options; throws `BarError('INVALID_OPTIONS')` naming the option.
 * @example
 * const o = resolveOptions({ ...options, container: '#bar' }, document);
 */
export function resolveOptions(input: MountOptions, doc: Document): ResolvedOptions {
  const o = obj(input, 'options');
  let c = o.container;
  try {
    if (typeof c === 'string') c = doc.querySelector(c);
  } catch {
    c = 0;
  }
  if (!(c instanceof HTMLElement)) bad('container', 'expected an element or a selector that matches one');
  const shellFrame = resolveShellFrame(input, doc);
  if (typeof o.getAccessToken !== 'function') bad('getAccessToken', 'expected a function');
  const events = o.events ?? DEFAULT_SUBSCRIBED_EVENTS;
  if (!Array.isArray(events) || events.length > 128 || !events.every((e) => /^[A-Za-z]\w{0,127}$/.test(e))) bad('events', 'expected ≤ 128 CEC event names');
  const t = obj(o.timeouts, 'timeouts');
  const r = obj(o.retry, 'retry');
  const attempts = num(r, 'retry.', 'attempts', 3, 100);
  if (attempts % 1) bad('retry.attempts', 'expected an integer');
  return {
    container: c as HTMLElement,
    ...shellFrame,
    cecContextPath: str(o, 'cecContextPath', 512, /^https?:\/\/\S+\/$/),
    tenantSpaceId: str(o, 'tenantSpaceId', 128, /^./),
    userAccount: str(o, 'userAccount', 100, /^./),
    getAccessToken: o.getAccessToken as () => Promise<string>,
    events: [...(events as string[])],
    scriptPath: str(o, 'scriptPath', 256, /^[\w.~\-/]+$/, DEFAULT_SCRIPT_PATH),
    handshakeMs: num(t, 'timeouts.', 'handshakeMs', 1e4),
    barLoadMs: num(t, 'timeouts.', 'barLoadMs', 2e4),
    callOutMs: num(t, 'timeouts.', 'callOutMs', 3e4),
    callEndConfirmMs: num(t, 'timeouts.', 'callEndConfirmMs', DEFAULT_CONFIRM_MS),
    attempts,
    baseDelayMs: num(r, 'retry.', 'baseDelayMs', 500),
    maxDelayMs: num(r, 'retry.', 'maxDelayMs', 1e4),
    jitter: num(r, 'retry.', 'jitter', 0.3, 1),
    logger: obj(o.logger, 'logger') as BarLogger,
  };
}
