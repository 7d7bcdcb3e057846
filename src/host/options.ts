/** Checks `mountConnectionBar` options by hand (a zod schema would cost the size budget) and fills defaults. */
import { BarError } from '../protocol/bar-error.js';
import { DEFAULT_SUBSCRIBED_EVENTS } from '../protocol/cec-events.js';
import { DEFAULT_SCRIPT_PATH } from '../protocol/bridge.js';
import type { BarLogger, MountOptions } from './types.js';

/** allow-scripts + allow-same-origin are required (else the shell has an opaque origin and never answers). */
export const DEFAULT_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups';
/** Needed on every frame level for the bar's WebRTC phone. */
export const DEFAULT_ALLOW = 'microphone; camera; autoplay';

export interface ResolvedOptions {
  readonly container: HTMLElement;
  readonly shellUrl: string;
  readonly shellOrigin: string;
  readonly cecContextPath: string;
  readonly tenantSpaceId: string;
  readonly userAccount: string;
  readonly getAccessToken: () => Promise<string>;
  readonly events: readonly string[];
  readonly sandbox: string;
  readonly allow: string;
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

const bad = (name: string, why: string): never => {
  throw new BarError('INVALID_OPTIONS', `mountConnectionBar: option "${name}" ${why}`, { details: { option: name } });
};
const str = (v: unknown, name: string, max: number, re?: RegExp): string =>
  typeof v === 'string' && v.length > 0 && v.length <= max && (!re || re.test(v)) ? v : bad(name, `must be a string of 1-${max} characters${re ? ` matching ${re}` : ''}`);
const num = (v: unknown, name: string, dflt: number, min: number, max: number): number =>
  v === undefined ? dflt : typeof v === 'number' && v >= min && v <= max ? v : bad(name, `must be a number from ${min} to ${max}`);
const obj = (v: unknown, name: string): Record<string, unknown> =>
  v === undefined ? {} : typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : bad(name, 'must be an object');

/**
 * Validate and complete the options; throws `BarError('INVALID_OPTIONS')` naming the option.
 * @example
 * const o = resolveOptions({ ...options, container: '#bar' }, document);
 */
export function resolveOptions(input: MountOptions, doc: Document): ResolvedOptions {
  const o = obj(input, 'options');
  let container = o.container;
  if (typeof container === 'string') {
    try {
      container = doc.querySelector(container);
    } catch {
      container = null;
    }
  }
  if (!container || typeof (container as HTMLElement).appendChild !== 'function') bad('container', 'must be an element or a selector that matches one');
  let url: URL | undefined;
  try {
    url = new URL(str(o.shellUrl, 'shellUrl', 2048), doc.baseURI);
  } catch (e) {
    if (e instanceof BarError) throw e;
  }
  if (!url || !/^https?:$/.test(url.protocol)) bad('shellUrl', 'must be an http(s) URL');
  const sandbox = o.sandbox === undefined ? DEFAULT_SANDBOX : str(o.sandbox, 'sandbox', 512);
  const tokens = sandbox.split(/\s+/);
  if (tokens.some((t) => t.startsWith('allow-top-navigation'))) bad('sandbox', 'must never contain allow-top-navigation');
  if (!tokens.includes('allow-scripts') || !tokens.includes('allow-same-origin')) bad('sandbox', 'must contain allow-scripts and allow-same-origin');
  if (typeof o.getAccessToken !== 'function') bad('getAccessToken', 'must be a function returning a Promise<string>');
  const events = o.events ?? DEFAULT_SUBSCRIBED_EVENTS;
  if (!Array.isArray(events) || events.length > 128 || !events.every((e) => typeof e === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,127}$/.test(e))) {
    bad('events', 'must be an array of at most 128 CEC event names');
  }
  const t = obj(o.timeouts, 'timeouts');
  const r = obj(o.retry, 'retry');
  const logger = obj(o.logger, 'logger') as BarLogger;
  const attempts = num(r.attempts, 'retry.attempts', 3, 0, 100);
  if (!Number.isInteger(attempts)) bad('retry.attempts', 'must be an integer');
  return {
    container: container as HTMLElement,
    shellUrl: (url as URL).href,
    shellOrigin: (url as URL).origin,
    cecContextPath: str(o.cecContextPath, 'cecContextPath', 512, /^https?:\/\/\S+\/$/),
    tenantSpaceId: str(o.tenantSpaceId, 'tenantSpaceId', 128),
    userAccount: str(o.userAccount, 'userAccount', 100),
    getAccessToken: o.getAccessToken as () => Promise<string>,
    events: [...(events as string[])],
    sandbox,
    allow: o.allow === undefined ? DEFAULT_ALLOW : str(o.allow, 'allow', 512),
    scriptPath: o.scriptPath === undefined ? DEFAULT_SCRIPT_PATH : str(o.scriptPath, 'scriptPath', 256, /^[A-Za-z0-9._~\-/]+$/),
    handshakeMs: num(t.handshakeMs, 'timeouts.handshakeMs', 10_000, 100, 600_000),
    barLoadMs: num(t.barLoadMs, 'timeouts.barLoadMs', 20_000, 100, 600_000),
    callOutMs: num(t.callOutMs, 'timeouts.callOutMs', 30_000, 100, 600_000),
    callEndConfirmMs: num(t.callEndConfirmMs, 'timeouts.callEndConfirmMs', 15_000, 0, 600_000),
    attempts,
    baseDelayMs: num(r.baseDelayMs, 'retry.baseDelayMs', 500, 0, 600_000),
    maxDelayMs: num(r.maxDelayMs, 'retry.maxDelayMs', 10_000, 0, 600_000),
    jitter: num(r.jitter, 'retry.jitter', 0.3, 0, 1),
    logger,
  };
}
