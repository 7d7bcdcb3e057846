/**
 * The mock bar's configuration, read from `location.hash` (`#cfg=<base64url JSON>`), as the
 * loader writes it (docs/internal-contracts.md "Bar loader").
 */
import { z, formatIssues } from '../../src/protocol/zod.js';
import { barFrameConfigSchema, type BarFrameConfig } from '../bar-frame-config.js';

const reasonSchema = z.object({
  code: z.int().check(z.minimum(0), z.maximum(255)),
  description: z.string().check(z.maxLength(64)),
  maxDuration: z.optional(z.int().check(z.minimum(1), z.maximum(86_399))),
});

/** The loader's shared shape, plus optional extras this bar understands (chosen here). */
const barConfigSchema = z.extend(barFrameConfigSchema, {
  /** Optional tenant reason lists; the defaults below when absent. */
  busyReasons: z.optional(z.array(reasonSchema).check(z.maxLength(64))),
  restReasons: z.optional(z.array(reasonSchema).check(z.maxLength(64))),
  /** Phone number the bar signs in with (`phonenum`); empty when absent. */
  phonenum: z.optional(z.string().check(z.maxLength(64))),
});
const ORIGIN = /^https?:\/\/[^/\s?#]+$/;

export interface Reason {
  readonly code: number;
  readonly description: string;
  readonly maxDuration?: number;
}

export interface BarConfig {
  readonly workNo: string;
  /** The live gateway session handed over by the loader, if any (see BarFrameConfig). */
  readonly resumeGuid?: string;
  readonly userAccount: string;
  readonly tenantSpaceId: string;
  readonly ticket: string;
  readonly parentOrigin: string;
  readonly media: BarFrameConfig['media'];
  readonly busyReasons: readonly Reason[];
  readonly restReasons: readonly Reason[];
  readonly phonenum: string;
  /** Test hook: expose `window.__ccbarMediaStats()`. */
  readonly mediaStats: boolean;
}

/** Not documented by CEC; chosen here: reasons when the loader passes none (the default tenant's). */
export const DEFAULT_BUSY_REASONS: readonly Reason[] = [
  { code: 200, description: 'Meeting' },
  { code: 201, description: 'Training' },
];
export const DEFAULT_REST_REASONS: readonly Reason[] = [
  { code: 1, description: 'Lunch', maxDuration: 3600 },
  { code: 2, description: 'Short break', maxDuration: 900 },
];

/** Thrown when the hash carries no usable config. */
export class BarConfigError extends Error {
  override readonly name = 'BarConfigError';
}

function base64UrlDecode(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const bin = atob(padded);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Parse `#cfg=<base64url JSON>`. Throws `BarConfigError` naming what is wrong.
 *
 * @example
 * const cfg = readBarConfig(location.hash); // { workNo: '101', parentOrigin: 'http://127.0.0.1:5000', ... }
 */
export function readBarConfig(hash: string): BarConfig {
  const m = /(?:^#|&)cfg=([A-Za-z0-9_-]+={0,2})(?:&|$)/.exec(hash);
  if (!m?.[1]) throw new BarConfigError('no #cfg= in the bar URL');
  if (m[1].length > 16_384) throw new BarConfigError('#cfg= is too long');
  let value: unknown;
  try {
    value = JSON.parse(base64UrlDecode(m[1]));
  } catch {
    throw new BarConfigError('#cfg= is not base64url JSON');
  }
  const r = barConfigSchema.safeParse(value);
  if (!r.success) throw new BarConfigError(`bad bar config: ${formatIssues(r.error.issues)}`);
  const c = r.data;
  if (!ORIGIN.test(c.parentOrigin)) throw new BarConfigError('bad bar config: parentOrigin: not an http(s) origin');
  return {
    workNo: String(c.workNo),
    userAccount: c.userAccount,
    tenantSpaceId: c.tenantSpaceId,
    ticket: c.ticket,
    parentOrigin: c.parentOrigin,
    media: c.media,
    busyReasons: c.busyReasons?.length ? c.busyReasons : DEFAULT_BUSY_REASONS,
    restReasons: c.restReasons?.length ? c.restReasons : DEFAULT_REST_REASONS,
    phonenum: c.phonenum ?? '',
    mediaStats: c.mediaStats === true,
    ...(c.resumeGuid ? { resumeGuid: c.resumeGuid } : {}),
  };
}

/**
 * The gateway base for this bar: its own URL up to and including `/service-cloud/`, plus
 * `agentgateway/resource/` (docs/internal-contracts.md). Falls back to the origin root.
 *
 * @example
 * gatewayBaseFor('http://127.0.0.1:4000/service-cloud/ccdesktop/pages/cc-bar/bar.html')
 * // → 'http://127.0.0.1:4000/service-cloud/agentgateway/resource/'
 */
export function gatewayBaseFor(href: string): string {
  const url = new URL(href);
  const i = url.pathname.indexOf('/service-cloud/');
  const context = i >= 0 ? url.pathname.slice(0, i + '/service-cloud/'.length) : '/';
  return `${url.origin}${context}agentgateway/resource/`;
}
